// What a built page loads at start, and how big the package is. Used by the byte-budget
// tests and by the benchmark.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Bytes {
  raw: number;
  gzip: number;
}

/** The study pages' strings: one chunk per language (lib/i18n/study-en.ts, study-zh.ts). */
const STRINGS_CHUNK = /^\/chunks\/study-(en|zh)-/;

/**
 * The scripts and stylesheets a page loads: its HTML's tags plus every chunk they import,
 * statically or dynamically (a chunk loaded after the first paint is still loaded). With
 * `lang`, as a page in that language loads them: its strings, not the other language's.
 */
export function pageAssets(dir: string, page: string, lang?: 'en' | 'zh'): { js: string[]; css: string[] } {
  const html = readFileSync(join(dir, page), 'utf8');
  // data-app: the app module prepaint.js loads (build/defer-app.ts).
  const refs = [...html.matchAll(/(?:src|href|data-app)="(\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const js = new Set<string>();
  const queue = refs.filter((r) => r.endsWith('.js'));
  while (queue.length) {
    const file = queue.pop()!;
    if (js.has(file)) continue;
    const strings = STRINGS_CHUNK.exec(file);
    if (lang && strings && strings[1] !== lang) continue;
    js.add(file);
    const code = readFileSync(join(dir, file), 'utf8');
    for (const m of code.matchAll(/(?:from|import\()\s*["`]\.\/([^"`]+\.js)["`]/g))
      queue.push(`/chunks/${m[1]}`);
    // Vite's list of a dynamic import's dependencies.
    for (const m of code.matchAll(/"chunks\/([^"]+\.js)"/g)) queue.push(`/chunks/${m[1]}`);
  }
  return { js: [...js], css: refs.filter((r) => r.endsWith('.css')) };
}

/** The stylesheets a page loads, linked files and inline <style> elements alike. */
export function cssBytes(dir: string, page: string): Bytes {
  const html = readFileSync(join(dir, page), 'utf8');
  const linked = bytesOf(dir, pageAssets(dir, page).css);
  const inline = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => Buffer.from(m[1]!));
  return {
    raw: linked.raw + inline.reduce((n, c) => n + c.length, 0),
    gzip: linked.gzip + inline.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0),
  };
}

export function bytesOf(dir: string, files: string[]): Bytes {
  const contents = files.map((f) => readFileSync(join(dir, f)));
  return {
    raw: contents.reduce((n, c) => n + c.length, 0),
    gzip: contents.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0),
  };
}

export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

export function packageBytes(dir: string): number {
  return filesUnder(dir).reduce((n, f) => n + statSync(f).size, 0);
}

/** Sizes of the per-question JSON files. */
export function questionBytes(dir: string): { count: number; median: number; max: number; total: number } {
  const sizes = readdirSync(join(dir, 'q'))
    .map((f) => statSync(join(dir, 'q', f)).size)
    .sort((a, b) => a - b);
  return {
    count: sizes.length,
    median: sizes[Math.floor(sizes.length / 2)]!,
    max: sizes.at(-1)!,
    total: sizes.reduce((n, s) => n + s, 0),
  };
}
