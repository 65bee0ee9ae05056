import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import type { Plugin } from 'vite';
import type { ResolvedPublicFile } from 'wxt';
import { compileBank, type CompiledBank } from './bank/compile';
import { questionPath } from '../lib/bank/paths';
import { SEARCH_INDEX_PATH, searchEntry } from '../lib/bank/search-index';

const QUESTIONS_DIR = resolve(import.meta.dirname, '../questions');
const VIRTUAL_ID = 'virtual:bank-index';

let cached: CompiledBank | undefined;

/** Compiles the bank once per build; a malformed entry stops the build with its file and reason. */
export function bank(): CompiledBank {
  cached ??= compileBank(QUESTIONS_DIR);
  return cached;
}

/**
 * `import bankIndex from 'virtual:bank-index'`: the id, section, topics and order of
 * every question (no question text). Only the background imports it.
 */
export function bankIndexPlugin(): Plugin {
  return {
    name: 'bank-index',
    resolveId(id) {
      return id === VIRTUAL_ID ? `\0${VIRTUAL_ID}` : undefined;
    },
    load(id) {
      if (id !== `\0${VIRTUAL_ID}`) return undefined;
      for (const q of readdirSync(QUESTIONS_DIR, { recursive: true }))
        this.addWatchFile(join(QUESTIONS_DIR, String(q)));
      return `export default ${JSON.stringify(bank().index)};`;
    },
  };
}

/** Every question's plain text (both languages, no answers) for the browse page's search; no other page loads it. */
export function searchIndexJson(): string {
  return JSON.stringify(bank().questions.map(searchEntry));
}

/**
 * One small JSON file per question, plus KaTeX's stylesheet and fonts for pages with math,
 * plus the browse page's search index.
 */
export function bankPublicFiles(): ResolvedPublicFile[] {
  const files: ResolvedPublicFile[] = bank().questions.map((q) => ({
    relativeDest: questionPath(q.id).slice(1),
    contents: JSON.stringify(q),
  }));
  files.push({ relativeDest: SEARCH_INDEX_PATH.slice(1), contents: searchIndexJson() });
  const katexDist = join(dirname(createRequire(import.meta.url).resolve('katex')), '.');
  files.push({ absoluteSrc: join(katexDist, 'katex.min.css'), relativeDest: 'katex/katex.min.css' });
  for (const font of readdirSync(join(katexDist, 'fonts'))) {
    if (font.endsWith('.woff2'))
      files.push({ absoluteSrc: join(katexDist, 'fonts', font), relativeDest: `katex/fonts/${font}` });
  }
  return files;
}
