// What in the bank may have gone out of date: entries whose facts were last checked long
// ago, and dated or drifting facts in any entry's text (`npm run bank -- stale`).

/** How many whole months `checked` (`YYYY-MM`) lies before the month of `now` (local time). */
export function monthsSince(checked: string, now: Date): number {
  const m = /^(\d{4})-(\d{2})$/.exec(checked);
  if (!m) throw new Error(`not a YYYY-MM month: "${checked}"`);
  return (now.getFullYear() - Number(m[1])) * 12 + (now.getMonth() + 1 - Number(m[2]));
}

/** The month `months` months before the month of `now`, as `YYYY-MM`. */
export function monthBefore(now: Date, months: number): string {
  const d = new Date(now.getFullYear(), now.getMonth() - months, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

/** One dated or drifting fact: its line in the file (1-based) and the text around it. */
export interface DatedFact {
  line: number;
  excerpt: string;
}

const YEAR = String.raw`(?:19|20)\d\d`;
const MONTH = String.raw`(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)`;
/** Software whose behaviour and defaults change between releases. Longer names first. */
const SOFTWARE = [
  'TensorRT-LLM',
  'TensorRT',
  'vLLM',
  'SGLang',
  'TGI',
  'llama\\.cpp',
  'Ollama',
  'LMDeploy',
  'PyTorch',
  'torch',
  'Transformers',
  'transformers',
  'TRL',
  'PEFT',
  'Accelerate',
  'DeepSpeed',
  'Megatron-LM',
  'Megatron-Core',
  'Megatron Bridge',
  'Megatron',
  'NeMo Framework',
  'NeMo',
  'flash-attn',
  'FlashInfer',
  'xformers',
  'Triton',
  'CUDA',
  'cuDNN',
  'NCCL',
  'JAX',
  'TensorFlow',
  'Python',
  'bitsandbytes',
  'torchao',
  'torchtitan',
  'DeepEP',
  'verl',
  'OpenRLHF',
  'LangChain',
  'LangGraph',
  'LlamaIndex',
  'llama-index',
  'tokenizers',
  'sentencepiece',
  'tiktoken',
  'Ray',
  'ONNX Runtime',
  'Unsloth',
  'AutoAWQ',
  'AutoGPTQ',
].join('|');
const VERSION = String.raw`v?\d+(?:\.\d+)+`;

/** Patterns for dated or drifting facts; each match is one span of a hit. */
const PATTERNS: RegExp[] = [
  // "as of 2025", "as of vLLM 0.10", "As of revision 2025-11-25"; not "as of the same expert"
  /\bas of\b[^.,;:!?()\n]{0,24}?\d[\d.-]*/gi,
  // 截至 2025 年、截至 vLLM 0.10；not 截止日期
  /截[至止]\s*[^，。；：！？（）\n]{0,16}?\d[\d.-]*/g,
  // the latest / the newest, 最新; not the latest checkpoint or weights of a training run
  /\bthe (?:latest|newest)\b(?! (?:training )?(?:checkpoint|weights))/gi,
  /(?<!“)最新(?!”|的?(?:训练)?(?:检查点|权重))/g,
  /\b(?:currently|nowadays|today(?:'s)?|at the time of writing)\b/gi,
  /目前|如今|迄今|至今/g,
  // a version of a library or engine: vLLM 0.6, PyTorch 2.1, NCCL 2.4, TRL 1.9's
  new RegExp(String.raw`(?<![\w.-])(?:${SOFTWARE})[ -]${VERSION}\b`, 'g'),
  // a bare release tag: v0.11.0, v0.3 (not part of a name like LLaVA-v1.5)
  /(?<![\w.-])v\d+(?:\.\d+)+\b/g,
  // version 2.0, release 1.0, since 0.5, 2.0 版, 版本 2.0
  /\b(?:version|release|since) \d+(?:\.\d+)+\b/gi,
  /\d+(?:\.\d+)+ ?版(?!权)|版本 ?v?\d+(?:\.\d+)+/g,
  // a year in parentheses, (2024) and（2024）, but not a citation: Kudo (2018),
  // Wei et al. (2022), Gloeckle et al.'s (2024), Cui 等（2025）, the paper (2023), 论文（2023）
  new RegExp(
    String.raw`(?<!(?:(?:et al\.|\b[A-Z][a-z]+|\b[Pp]aper)(?:'s)?|等人?|论文)\s?)[(（]${YEAR}[)）]`,
    'g',
  ),
  // a month and a year: June 2024, Feb 2025, 11 December 2025, 2024-06, 2024 年 6 月,
  // late 2025, 2025 年底
  new RegExp(String.raw`\b${MONTH}\.? ${YEAR}\b`, 'g'),
  new RegExp(String.raw`\b${YEAR}-(?:0[1-9]|1[0-2])(?:-\d\d)?\b`, 'g'),
  new RegExp(String.raw`${YEAR} ?年 ?(?:\d{1,2} ?月|[初中底末]|上半年|下半年)`, 'g'),
  new RegExp(String.raw`\b(?:early|mid|late)[- ]${YEAR}\b`, 'gi'),
];

/** Hits on one line at most this many characters apart make one fact ("vLLM 0.11 (late 2025)"). */
const NEAR = 24;

/** The text with the same string of spaces in place of every match of `re`. */
function blank(text: string, re: RegExp): string {
  return text.replace(re, (m) => ' '.repeat(m.length));
}

/**
 * A body line with what is not prose blanked out, so offsets still match the line:
 * inline code, inline math, link URLs, autolinks and bare URLs.
 */
function proseOf(line: string): string {
  let s = blank(line, /\\[$`]/g);
  s = blank(s, /(`+)[\s\S]*?\1/g);
  s = blank(s, /\$\$[^$]*\$\$|\$[^$\s](?:[^$]*[^$\s])?\$/g);
  s = blank(s, /\]\([^)\s]*(?:\s+"[^"]*")?\)/g);
  s = blank(s, /<[a-z][a-z0-9+.-]*:[^>\s]*>/gi);
  s = blank(s, /\b(?:https?|ftp):\/\/[^\s)）>]+/gi);
  return s;
}

/** The part of `line` around [start, end), `context` characters either side. */
function excerptOf(line: string, start: number, end: number, context = 30): string {
  const from = Math.max(0, start - context);
  const to = Math.min(line.length, end + context);
  const text = line.slice(from, to).trim();
  return (from > 0 ? '…' : '') + text + (to < line.length ? '…' : '');
}

/**
 * The dated or drifting facts in a question file's text, by line: "as of <year>",
 * "截至 <year>", "the latest", "最新", "currently", "目前", the version of a library or
 * engine ("vLLM 0.6", "v0.11.0", "PyTorch 2.1"), a year in parentheses that is not a
 * citation ("(2024)"), a month and a year ("June 2024", "2024-06", "2024 年 6 月").
 * Frontmatter (refs are dated on purpose), fenced code, math, inline code and URLs are
 * skipped. Hits on one line close to each other make one fact.
 *
 * @example
 * datedFacts('---\nid: x\n---\n\n# en answer\n\nAs of vLLM 0.6, the default is 0.9.')
 * // [{ line: 7, excerpt: 'As of vLLM 0.6, the default is 0.9.' }]
 */
export function datedFacts(text: string): DatedFact[] {
  const lines = text.split(/\r?\n/);
  let i = 0;
  if (lines[0] === '---') {
    i = lines.indexOf('---', 1) + 1;
    if (i === 0) return [];
  }
  const facts: DatedFact[] = [];
  let fence: string | null = null;
  let displayMath = false;
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const f = /^\s*(?:[-*+]\s+|\d+[.)]\s+|>\s*)*(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (fence === null) fence = f[1]!;
      else if (f[1]!.startsWith(fence[0]!) && f[1]!.length >= fence.length) fence = null;
      continue;
    }
    if (fence !== null) continue;
    if (/^\s*\$\$\s*$/.test(line)) {
      displayMath = !displayMath;
      continue;
    }
    if (displayMath) continue;
    const prose = proseOf(line);
    const spans: [number, number][] = [];
    for (const re of PATTERNS) {
      for (const m of prose.matchAll(re)) spans.push([m.index, m.index + m[0].length]);
    }
    spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
    const merged: [number, number][] = [];
    for (const s of spans) {
      const last = merged.at(-1);
      if (last && s[0] - last[1] <= NEAR) last[1] = Math.max(last[1], s[1]);
      else merged.push([...s]);
    }
    for (const [start, end] of merged) facts.push({ line: i + 1, excerpt: excerptOf(line, start, end) });
  }
  return facts;
}

/** One question file, as `stale` reads it. */
export interface StaleInput {
  /** `questions/<section>/<id>.md` */
  file: string;
  /** `YYYY-MM` */
  checked: string;
  text: string;
}

export interface StaleReport {
  /** The printed report: one group of lines per entry with something to report. */
  lines: string[];
  /** Entries checked more than `months` months before the month of `now`. */
  oldEntries: number;
  /** Dated or drifting facts in all entries. */
  facts: number;
  /** Entries with at least one dated or drifting fact. */
  entriesWithFacts: number;
}

/**
 * The `stale` report: each entry checked more than `months` months before the month of
 * `now`, and each dated or drifting fact in any entry (see `datedFacts`), grouped per
 * entry, with a count at the end.
 *
 * @example
 * staleReport([{ file: 'questions/basics/x.md', checked: '2025-01', text }], new Date(2026, 11, 7), 9).lines
 * // ['questions/basics/x.md: checked 2025-01, 23 months ago', 'questions/basics/x.md: line 7: "As of vLLM 0.6, …"', '', '1 of 1 entries …']
 */
export function staleReport(files: StaleInput[], now: Date, months: number): StaleReport {
  const lines: string[] = [];
  let oldEntries = 0;
  let facts = 0;
  let entriesWithFacts = 0;
  for (const f of files) {
    const group: string[] = [];
    const age = monthsSince(f.checked, now);
    if (age > months) {
      oldEntries++;
      group.push(`${f.file}: checked ${f.checked}, ${age} months ago`);
    }
    const found = datedFacts(f.text);
    if (found.length) entriesWithFacts++;
    facts += found.length;
    for (const d of found) group.push(`${f.file}: line ${d.line}: "${d.excerpt}"`);
    if (group.length) lines.push(...group, '');
  }
  const entries = (n: number) => `${n} ${n === 1 ? 'entry' : 'entries'}`;
  lines.push(
    `${oldEntries} of ${entries(files.length)} checked more than ${months} months ago (before ${monthBefore(now, months)}); ` +
      `${facts} dated or drifting ${facts === 1 ? 'fact' : 'facts'} in ${entries(entriesWithFacts)}.`,
  );
  return { lines, oldEntries, facts, entriesWithFacts };
}

/**
 * The options of `npm run bank -- stale`: `--months N` (a whole number, default 9).
 *
 * @example
 * staleOptions(['--months', '6']) // { months: 6 }
 */
export function staleOptions(args: string[]): { months: number } {
  let months = 9;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = /^--months=(.*)$/.exec(a);
    if (!eq && a !== '--months') throw new Error(`unknown option "${a}" (usage: stale [--months N])`);
    const value = eq ? eq[1]! : (args[++i] ?? '');
    if (!/^\d+$/.test(value)) throw new Error(`--months takes a whole number of months, not "${value}"`);
    months = Number(value);
  }
  return { months };
}
