import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { SECTIONS } from '../../lib/bank/taxonomy';
import { EntryError, parseEntry } from './parse';
import { hasMath, renderInline, renderMarkdown } from './render';
import type { CompiledQuestion, SourceEntry } from '../../lib/bank/types';
import type { BundledBankEntry } from '../../lib/bank/new-order';
import { sensibleOrder, STARTER_IDS } from '../../lib/bank/new-order';
import { halfWidthInChinese } from './zh-punctuation';

/** Reads every `questions/<section>/*.md` (sections in taxonomy order, files by name). */
export function readBank(root: string): { entries: SourceEntry[]; errors: EntryError[] } {
  const entries: SourceEntry[] = [];
  const errors: EntryError[] = [];
  const seen = new Map<string, string>();
  for (const section of SECTIONS) {
    const dir = join(root, section.id);
    let files: string[] = [];
    try {
      files = readdirSync(dir)
        .filter((f) => f.endsWith('.md'))
        .sort();
    } catch {
      continue;
    }
    for (const f of files) {
      const path = join(dir, f);
      const rel = relative(join(root, '..'), path);
      try {
        const entry = parseEntry(rel, readFileSync(path, 'utf8'));
        const dup = seen.get(entry.id);
        if (dup) throw new EntryError(rel, [`id "${entry.id}" is already used by ${dup}`]);
        seen.set(entry.id, rel);
        entries.push(entry);
      } catch (e) {
        errors.push(e instanceof EntryError ? e : new EntryError(rel, [String(e)]));
      }
    }
  }
  return { entries, errors };
}

/** The rendered text outside code and math, without tags. */
function proseText(html: string): string {
  return html
    .replace(/<pre[\s\S]*?<\/pre>/g, '')
    .replace(/<code>[\s\S]*?<\/code>/g, '')
    .replace(/<span class="katex">[\s\S]*?<\/span><\/span><\/span>(?=\s|<|$)/g, '')
    .replace(/<[^>]+>/g, '');
}

function near(text: string, needle: string): string | null {
  const i = text.indexOf(needle);
  return i < 0 ? null : text.slice(Math.max(0, i - 30), i + 30);
}

/**
 * Text outside code and rendered math that still holds a `$`: a formula the Markdown
 * math rule did not recognise (for example `$x$B`, where a letter follows the closing `$`).
 */
function strayDollar(html: string): string | null {
  return near(proseText(html), '$');
}

/**
 * Text outside code and math that still holds `**`: bold that CommonMark did not close or
 * open, for example `**常见误区：**文字`, where a closing `**` after a punctuation mark is
 * followed by a letter (write `**常见误区：** 文字`).
 */
function unclosedBold(html: string): string | null {
  return near(proseText(html), '**');
}

/**
 * What is wrong with the entries' `builds_on` lists: ids no entry has, an entry naming
 * itself, and cycles (each reported once, as the path that closes it).
 *
 * @example
 * buildsOnProblems([{ id: 'a', buildsOn: ['b'] }, { id: 'b', buildsOn: ['a'] }])
 * // ['builds_on has a cycle: a -> b -> a']
 */
export function buildsOnProblems(entries: Pick<SourceEntry, 'id' | 'buildsOn'>[]): string[] {
  const byId = new Map(entries.map((e) => [e.id, e]));
  const problems: string[] = [];
  for (const e of entries)
    for (const dep of e.buildsOn)
      if (!byId.has(dep)) problems.push(`${e.id}: builds_on names "${dep}", which is no entry`);
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (id: string): void => {
    const at = onPath.indexOf(id);
    if (at >= 0) {
      problems.push(`builds_on has a cycle: ${[...onPath.slice(at), id].join(' -> ')}`);
      return;
    }
    if (done.has(id)) return;
    onPath.push(id);
    for (const dep of byId.get(id)?.buildsOn ?? []) if (byId.has(dep)) visit(dep);
    onPath.pop();
    done.add(id);
  };
  for (const e of entries) visit(e.id);
  return problems;
}

/**
 * Half-width punctuation in the Chinese parts of an entry, one problem per mark, each with
 * its line within the part (fix with `npm run bank -- fix-punctuation`).
 *
 * @example
 * zhPunctuationProblems({ zh: { question: '是什么?', answer: '…' } })
 * // ['zh question line 1: half-width punctuation in Chinese: "是什么?"']
 */
export function zhPunctuationProblems(e: Pick<SourceEntry, 'zh'>): string[] {
  return (['question', 'answer'] as const).flatMap((part) =>
    halfWidthInChinese(e.zh[part]).map(
      (hit) => `zh ${part} line ${hit.line}: half-width punctuation in Chinese: "${hit.excerpt}"`,
    ),
  );
}

/** Compiles one entry's Markdown to HTML. Throws if its math does not parse. */
export function compileEntry(e: SourceEntry): CompiledQuestion {
  const side = (s: SourceEntry['zh']) => ({
    question: renderInline(s.question),
    answer: renderMarkdown(s.answer),
  });
  const zh = side(e.zh);
  const en = side(e.en);
  for (const [lang, s] of [
    ['zh', zh],
    ['en', en],
  ] as const) {
    for (const part of ['question', 'answer'] as const) {
      const stray = strayDollar(s[part]);
      if (stray)
        throw new Error(
          `${lang} ${part}: a $ was left unrendered near "${stray}" (write \\$ for a dollar sign)`,
        );
      const bold = unclosedBold(s[part]);
      if (bold)
        throw new Error(
          `${lang} ${part}: a ** was left unrendered near "${bold}" (bold that does not open or close: after a closing ** that follows a punctuation mark, put a space)`,
        );
    }
  }
  const section = SECTIONS.find((s) => s.id === e.section)!;
  const { buildsOn: _buildsOn, ...rest } = e;
  return {
    ...rest,
    hasMath: [zh, en].some((s) => hasMath(s.question) || hasMath(s.answer)),
    labels: { section: section.label, topics: e.topics.map((t) => section.topics[t]!) },
    zh,
    en,
  };
}

export interface CompiledBank {
  index: BundledBankEntry[];
  questions: CompiledQuestion[];
}

/**
 * Reads, validates and compiles the whole bank. Any malformed entry fails the whole
 * compile with every file name and reason.
 */
export function compileBank(root: string): CompiledBank {
  const { entries, errors } = readBank(root);
  const questions: CompiledQuestion[] = [];
  for (const e of entries) {
    try {
      questions.push(compileEntry(e));
    } catch (err) {
      errors.push(new EntryError(`questions/${e.section}/${e.id}.md`, [(err as Error).message]));
    }
  }
  for (const p of buildsOnProblems(entries)) errors.push(new EntryError('questions/', [p]));
  if (errors.length) {
    throw new Error(
      `The question bank has ${errors.length} malformed ${errors.length === 1 ? 'entry' : 'entries'}:\n` +
        errors.map((e) => `  ${e.message}`).join('\n'),
    );
  }
  const sensible = new Map(sensibleOrder(entries, STARTER_IDS).map((id, rank) => [id, rank]));
  const index = questions.map((q, order) => ({
    id: q.id,
    section: q.section,
    topics: q.topics,
    order,
    sensible: sensible.get(q.id)!,
  }));
  return { index, questions };
}
