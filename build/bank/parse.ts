import * as v from 'valibot';
import { parse as parseYaml } from 'yaml';
import { SECTION_IDS, sectionById } from '../../lib/bank/taxonomy';
import type { SourceEntry } from '../../lib/bank/types';

const PARTS = ['zh question', 'zh answer', 'en question', 'en answer'] as const;
export type Part = (typeof PARTS)[number];

const refSchema = v.object({
  title: v.pipe(v.string(), v.trim(), v.minLength(1, 'a reference needs a title')),
  url: v.pipe(
    v.string(),
    v.url('a reference url must be a URL'),
    v.startsWith('https://', 'a reference url must use https'),
  ),
});

const frontmatterSchema = v.strictObject({
  id: v.pipe(
    v.string(),
    v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case [a-z0-9-]'),
    v.maxLength(80),
  ),
  section: v.picklist(SECTION_IDS, `section must be one of ${SECTION_IDS.join(', ')}`),
  topics: v.pipe(v.array(v.string()), v.minLength(1, 'at least one topic')),
  difficulty: v.picklist([1, 2, 3], 'difficulty must be 1, 2 or 3'),
  checked: v.pipe(
    v.union([v.string(), v.date()]),
    v.transform((x) => (x instanceof Date ? x.toISOString().slice(0, 7) : x)),
    v.regex(/^20\d\d-(0[1-9]|1[0-2])$/, 'checked must be YYYY-MM'),
  ),
  refs: v.pipe(v.array(refSchema), v.minLength(1, 'at least one reference')),
  builds_on: v.optional(
    v.array(v.pipe(v.string(), v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'builds_on holds entry ids'))),
  ),
});

export class EntryError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
  }
}

function splitFrontmatter(text: string): { yaml: string; body: string } | null {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?([\s\S]*)$/.exec(text);
  return m ? { yaml: m[1]!, body: m[2]! } : null;
}

/** Level-1 headings outside fenced code blocks, with the offset where each line starts. */
function topHeadings(body: string): { name: string; start: number; end: number }[] {
  const out: { name: string; start: number; end: number }[] = [];
  let fence: string | null = null;
  let offset = 0;
  for (const line of body.split('\n')) {
    const f = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]!.startsWith(fence[0]!) && f[1]!.length >= fence.length) fence = null;
    } else if (fence === null) {
      const h = /^# (.+?)\s*$/.exec(line);
      if (h) out.push({ name: h[1]!, start: offset, end: offset + line.length });
    }
    offset += line.length + 1;
  }
  return out;
}

function splitBody(body: string, problems: string[]): Record<Part, string> {
  const out = {} as Record<Part, string>;
  const heads = topHeadings(body);
  const names = heads.map((h) => h.name);
  if (names.join('|') !== PARTS.join('|')) {
    problems.push(
      `body must have exactly the headings ${PARTS.map((p) => `"# ${p}"`).join(', ')} in order, and no other level-1 heading (found ${names.map((n) => `"# ${n}"`).join(', ') || 'none'})`,
    );
    return out;
  }
  heads.forEach((h, i) => {
    const end = i + 1 < heads.length ? heads[i + 1]!.start : body.length;
    const text = body.slice(h.end, end).trim();
    const part = PARTS[i]!;
    if (!text) problems.push(`"# ${part}" is empty`);
    out[part] = text;
  });
  return out;
}

/**
 * Where each of the four parts lies in a question file: from the end of its heading line
 * to the start of the next heading (or the end of the file), as offsets into `text`. Null
 * when the file has no frontmatter or not exactly the four headings in order.
 *
 * @example
 * const s = partSpans(text)!['zh answer'];
 * text.slice(s.start, s.end) // '\n\n一句或两句可以背下来的答案。\n\n'
 */
export function partSpans(text: string): Record<Part, { start: number; end: number }> | null {
  const split = splitFrontmatter(text);
  if (!split) return null;
  const offset = text.length - split.body.length;
  const heads = topHeadings(split.body);
  if (heads.map((h) => h.name).join('|') !== PARTS.join('|')) return null;
  const out = {} as Record<Part, { start: number; end: number }>;
  heads.forEach((h, i) => {
    out[PARTS[i]!] = {
      start: offset + h.end,
      end: i + 1 < heads.length ? offset + heads[i + 1]!.start : text.length,
    };
  });
  return out;
}

/**
 * Parses and validates one question file. Throws an EntryError naming the file and
 * every problem found.
 *
 * @example
 * parseEntry('questions/basics/x.md', text).zh.question
 */
export function parseEntry(file: string, text: string): SourceEntry {
  const problems: string[] = [];
  const split = splitFrontmatter(text);
  if (!split) throw new EntryError(file, ['missing YAML frontmatter between --- lines']);
  let raw: unknown;
  try {
    raw = parseYaml(split.yaml);
  } catch (e) {
    throw new EntryError(file, [`frontmatter is not valid YAML: ${(e as Error).message}`]);
  }
  const fm = v.safeParse(frontmatterSchema, raw);
  if (!fm.success) {
    for (const issue of fm.issues) {
      const path = issue.path?.map((p) => p.key).join('.') ?? '';
      problems.push(path ? `${path}: ${issue.message}` : issue.message);
    }
  }
  const parts = splitBody(split.body, problems);
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const known = typeof r.section === 'string' ? sectionById(r.section)?.topics : undefined;
  if (known && Array.isArray(r.topics)) {
    for (const t of r.topics) {
      if (typeof t !== 'string' || !(t in known))
        problems.push(`topics: "${String(t)}" is not a topic of ${String(r.section)}`);
    }
  }
  const base = file.replace(/\\/g, '/').split('/');
  const name = base.at(-1)?.replace(/\.md$/, '');
  const folder = base.at(-2);
  if (typeof r.id === 'string' && name !== r.id)
    problems.push(`id "${r.id}" must equal the file name "${name}"`);
  if (typeof r.section === 'string' && folder !== r.section)
    problems.push(`section "${r.section}" must equal the folder "${folder}"`);
  if (problems.length || !fm.success) throw new EntryError(file, problems);
  const f = fm.output;
  return {
    id: f.id,
    section: f.section,
    topics: [...new Set(f.topics)],
    difficulty: f.difficulty,
    refs: f.refs,
    checked: f.checked,
    buildsOn: [...new Set(f.builds_on ?? [])],
    zh: { question: parts['zh question'], answer: parts['zh answer'] },
    en: { question: parts['en question'], answer: parts['en answer'] },
  };
}
