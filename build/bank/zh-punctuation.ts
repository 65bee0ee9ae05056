/**
 * Full-width punctuation in Chinese prose (GB/T 15834), for the Chinese parts of the bank.
 *
 * Chinese prose takes ，。：；？！（）“” where the entries were typed with , . : ; ? ! ( ) "".
 * Half-width stays inside code (fenced blocks and `inline code`), math ($...$, $$...$$),
 * link URLs `](https://...)`, autolinks `<https://...>`, bare URLs, HTML entities and
 * backslash escapes, and wherever no Chinese is near: numbers ("1,000", "3.5"), Latin words
 * ("e.g.", "et al."), English phrases ("x: y").
 *
 * One set of rules serves the check and the fix: `halfWidthInChinese` reports the marks
 * `toFullWidth` converts, and a fixed text passes the check. "Chinese" below is a CJK
 * ideograph or full-width punctuation, looking past one space and past `*`/`~` markers; an
 * opening “ or a closing ” does not count for the quoted text inside it (`“Answer:”`).
 * Applied until nothing changes:
 *
 * - `, : ; ? !` with Chinese on either side; or, in a block (paragraph, list, table) that
 *   holds Chinese, glued between Latin words, numbers or formulas with no space after it
 *   (`key,padding`, `$a$,$b$`, `FP8:vLLM`, `Pre-LN?` ending a line), since English would
 *   put a space there. Not `1,000`, `16:9`, `arXiv:2201.11990`, `::`, `word,"`.
 * - `.` after Chinese, ending a sentence (a space, a line end, Chinese or `*` follows); or
 *   after a formula or code span that ends a line of a Chinese block.
 * - parentheses, matched on one line, both converted when the opening one follows Chinese,
 *   the content holds Chinese, or the closing one precedes Chinese. Left alone: an empty
 *   pair (`LLM.int8()`) and, without Chinese inside, function notation (`O(n)`, `f(x)`,
 *   `P(A|B)`, `softmax(x)`).
 * - straight double quotes, paired in order on one line, by the same three conditions, to
 *   “”; single quotes around Chinese (`'不要这样'`, not glued to a Latin letter) to ‘’.
 *
 * Full-width punctuation carries its own spacing, so the fix also drops one space after a
 * converted ，。：；？！）(and after ” or ’ before Chinese) and one before a converted （ (and
 * before “ or ‘ after Chinese), except a list marker's space, a table cell's padding before
 * `|`, and a space whose removal would change how a neighbouring `**`, `_` or `~~` run
 * opens or closes: `**常见误区:** 文字` becomes `**常见误区：** 文字`, keeping the space
 * without which CommonMark would not close the bold after a punctuation mark.
 */

export interface PunctuationHit {
  /** 1-based line within the Markdown given. */
  line: number;
  /** The text around the character, from its line. */
  excerpt: string;
}

const TO_FULL: Record<string, string> = {
  ',': '，',
  ':': '：',
  ';': '；',
  '?': '？',
  '!': '！',
  '.': '。',
  '(': '（',
  ')': '）',
};

/** Full-width punctuation that takes no space after it. */
const NO_SPACE_AFTER = new Set(['，', '。', '：', '；', '？', '！', '）', '”', '’']);
/** Full-width punctuation that takes no space before it. */
const NO_SPACE_BEFORE = new Set(['（', '“', '‘']);

const HAN = /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{3134f}]$/u;
/** CJK symbols and punctuation, full-width forms (not letters or digits), curly quotes, …, —. */
const FULL_PUNCT =
  /^[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018\u2019\u201c\u201d\u2026\u2014]$/u;
const LATIN_OR_DIGIT = /^[A-Za-z0-9]$/;
const EMPHASIS = new Set(['*', '~']);

/** Ordered or bullet list marker, blockquote or table pipe, and nothing else, before a space. */
const MARKER_PREFIX = /^(?:[\t ]*(?:>|[-+*]|\d{1,9}[.)]))*[\t ]*$|\|[\t ]*$/;

function isHan(ch: string | undefined): boolean {
  return ch !== undefined && HAN.test(ch);
}

function isChinese(ch: string | undefined): boolean {
  return ch !== undefined && (HAN.test(ch) || FULL_PUNCT.test(ch));
}

/**
 * Marks what is not prose: fenced code, inline code, math, link URLs, autolinks, bare
 * URLs, HTML entities and backslash escapes. Works on code points (`chars`).
 */
function protectedMask(chars: string[]): boolean[] {
  const n = chars.length;
  const mask = new Array<boolean>(n).fill(false);
  const protect = (from: number, to: number) => {
    for (let k = from; k < to && k < n; k++) mask[k] = true;
  };

  // Fenced code blocks, line by line (a fence may be indented inside a list item).
  let lineStart = 0;
  let fence: string | null = null;
  let fenceStart = 0;
  while (lineStart <= n) {
    let lineEnd = lineStart;
    while (lineEnd < n && chars[lineEnd] !== '\n') lineEnd++;
    const line = chars.slice(lineStart, lineEnd).join('');
    const f = /^\s*(`{3,}|~{3,})/.exec(line);
    if (fence === null && f) {
      fence = f[1]!;
      fenceStart = lineStart;
    } else if (
      fence !== null &&
      f &&
      f[1]![0] === fence[0] &&
      f[1]!.length >= fence.length &&
      !/\S/.test(line.slice(f[0].length))
    ) {
      protect(fenceStart, lineEnd);
      fence = null;
    }
    lineStart = lineEnd + 1;
  }
  if (fence !== null) protect(fenceStart, n);

  const text = chars.join('');
  // Offsets in `text` are UTF-16 code units; `chars` holds code points.
  const unitOf: number[] = [];
  const unitToIndex: number[] = [];
  for (let i = 0, u = 0; i <= n; i++) {
    unitOf[i] = u;
    unitToIndex[u] = i;
    u += chars[i]?.length ?? 0;
  }
  const at = (re: RegExp, i: number): RegExpExecArray | null => {
    re.lastIndex = unitOf[i]!;
    return re.exec(text);
  };
  const blankLineBetween = (from: number, to: number) => /\n[ \t]*\n/.test(chars.slice(from, to).join(''));
  const word = (ch: string | undefined) => ch !== undefined && /^\w$/.test(ch);
  const space = (ch: string | undefined) => ch === undefined || /^\s$/.test(ch);

  const autolink = /<[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*>|<[^\s<>@]+@[^\s<>]+>/y;
  const bareUrl =
    /https?:\/\/[^\s<>()\u3000-\u303f\uff00-\uffef]*[^\s<>()\u3000-\u303f\uff00-\uffef.,;:!?'"]/y;
  const entity = /&(?:[A-Za-z][A-Za-z0-9]{1,31}|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});/y;
  const linkDest =
    /\]\(\s*(<[^<>\n]*>|[^\s()<>]*(?:\([^\s()]*\)[^\s()<>]*)*)(?:\s+(?:"[^"\n]*"|'[^'\n]*'|\([^()\n]*\)))?\s*\)/y;

  let i = 0;
  while (i < n) {
    const ch = chars[i]!;
    if (mask[i]) {
      i++;
      continue;
    }
    if (ch === '\\' && i + 1 < n && /^[!-/:-@[-`{-~]$/.test(chars[i + 1]!)) {
      protect(i, i + 2);
      i += 2;
      continue;
    }
    if (ch === '`') {
      let k = i;
      while (k < n && chars[k] === '`') k++;
      const len = k - i;
      let j = k;
      let close = -1;
      while (j < n && !mask[j]) {
        if (chars[j] === '`') {
          let e = j;
          while (e < n && chars[e] === '`') e++;
          if (e - j === len) {
            close = e;
            break;
          }
          j = e;
        } else j++;
      }
      if (close > 0 && !blankLineBetween(k, close)) {
        protect(i, close);
        i = close;
      } else i = k;
      continue;
    }
    if (ch === '$') {
      if (chars[i + 1] === '$') {
        let j = i + 2;
        while (j + 1 < n && !(chars[j] === '$' && chars[j + 1] === '$' && chars[j - 1] !== '\\')) j++;
        if (j + 1 < n) {
          protect(i, j + 2);
          i = j + 2;
        } else i += 2;
        continue;
      }
      // The inline rule of @vscode/markdown-it-katex: an opening `$` not glued to a word
      // character before it, closed by the next unescaped `$` not glued to one after it.
      if (chars[i - 1] !== '\\' && (space(chars[i - 1]) || !word(chars[i - 1]))) {
        let j = i + 1;
        while (j < n && !(chars[j] === '$' && chars[j - 1] !== '\\')) j++;
        if (
          j < n &&
          j > i + 1 &&
          chars[j + 1] !== '$' &&
          (space(chars[j + 1]) || !word(chars[j + 1])) &&
          !blankLineBetween(i, j)
        ) {
          protect(i, j + 1);
          i = j + 1;
          continue;
        }
      }
      i++;
      continue;
    }
    let m: RegExpExecArray | null = null;
    if (ch === '<') m = at(autolink, i);
    else if (ch === '&') m = at(entity, i);
    else if (ch === 'h') m = at(bareUrl, i);
    if (m) {
      const end = unitToIndex[m.index + m[0].length]!;
      protect(i, end);
      i = end;
      continue;
    }
    if (ch === ']' && chars[i + 1] === '(') {
      // Only a destination the renderer accepts makes a link; anything else stays text.
      const d = at(linkDest, i);
      if (d && /^<?(https?:|mailto:|#)/i.test(d[1]!)) {
        const end = unitToIndex[d.index + d[0].length]!;
        protect(i + 1, end);
        i = end;
        continue;
      }
    }
    i++;
  }
  return mask;
}

/** Whether an emphasis delimiter run between `prev` and `next` can open and close (CommonMark). */
function flanking(run: string, prev: string | undefined, next: string | undefined): string {
  const ws = (c: string | undefined) => c === undefined || /^\s$/u.test(c);
  const punct = (c: string | undefined) => c !== undefined && /^[\p{P}\p{S}]$/u.test(c);
  const left = !ws(next) && (!punct(next) || ws(prev) || punct(prev));
  const right = !ws(prev) && (!punct(prev) || ws(next) || punct(next));
  if (run === '_') return `${left && (!right || punct(prev))}/${right && (!left || punct(next))}`;
  return `${left}/${right}`;
}

/** Converts in place until nothing changes; returns the indexes converted. */
function convert(c: string[], mask: boolean[]): Set<number> {
  const n = c.length;
  const changed = new Set<number>();
  const free = (k: number) => k >= 0 && k < n && !mask[k];
  const emph = (k: number) => free(k) && EMPHASIS.has(c[k]!);
  /** The neighbour that decides, past emphasis markers and one space. */
  const before = (i: number): number => {
    let j = i - 1;
    while (emph(j)) j--;
    if (free(j) && c[j] === ' ') j--;
    while (emph(j)) j--;
    return j;
  };
  const after = (i: number): number => {
    let j = i + 1;
    while (emph(j)) j++;
    if (free(j) && c[j] === ' ') j++;
    while (emph(j)) j++;
    return j;
  };
  const chinese = (k: number) => free(k) && isChinese(c[k]);
  // Inside a quotation the quoted text decides: `“Answer:”` keeps its colon.
  const chineseBefore = (i: number) => {
    const k = before(i);
    return chinese(k) && c[k] !== '“' && c[k] !== '‘';
  };
  const chineseAfter = (i: number) => {
    const k = after(i);
    return chinese(k) && c[k] !== '”' && c[k] !== '’';
  };
  const set = (k: number, ch: string) => {
    c[k] = ch;
    changed.add(k);
  };
  const holdsHan = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (free(k) && isHan(c[k])) return true;
    return false;
  };

  const lines: [number, number][] = [];
  const lineOf: number[] = [];
  for (let s = 0, k = 0; k <= n; k++) {
    lineOf[k] = lines.length;
    if (k === n || c[k] === '\n') {
      lines.push([s, k]);
      s = k + 1;
    }
  }
  // Whether each line's block (its run of non-blank lines: a paragraph, a list, a table) holds Chinese.
  const hanLine = lines.map(() => false);
  for (let a = 0; a < lines.length;) {
    let b = a;
    while (b < lines.length && /\S/.test(c.slice(lines[b]![0], lines[b]![1]).join(''))) b++;
    const han = b > a && holdsHan(lines[a]![0], lines[Math.max(a, b - 1)]![1]);
    for (let k = a; k < b; k++) hanLine[k] = han;
    a = Math.max(b, a + 1);
  }
  /**
   * A mark between two Latin words, numbers or formulas with no space after it, in a block
   * of Chinese: English puts a space after , ; : ? !, so `key,padding 掩码`, `$a$,$b$`,
   * `Pre-LN?` (at the line's end) and `FP8:vLLM` are Chinese punctuation. Not: `1,000`,
   * `16:9`, `arXiv:2201.11990`, `std::`, `a,"` closing an English quote.
   */
  const gluedInChinese = (i: number): boolean => {
    if (!hanLine[lineOf[i]!]) return false;
    const ch = c[i]!;
    const prev = c[i - 1];
    const next = c[i + 1];
    if (prev === undefined || /^\s$/.test(prev)) return false;
    if (next === undefined || next === '\n') return true;
    if (/^\s$/.test(next)) return false;
    const digit = (x: string | undefined) => x !== undefined && /^[0-9]$/.test(x);
    if (ch === ',' && digit(prev) && /^\d{3}(?!\d)/.test(c.slice(i + 1, i + 5).join(''))) return false;
    if (ch === ':' && ((digit(prev) && digit(next)) || next === '/' || next === ':' || prev === ':'))
      return false;
    if (ch === ':' && /(?:arXiv|doi|isbn|issn)$/i.test(c.slice(Math.max(0, i - 5), i).join(''))) return false;
    if ((ch === '?' || ch === '!') && next === '=') return false;
    if (/^["'”’)\]]$/.test(next) && /^[A-Za-z]$/.test(prev)) return false;
    return true;
  };

  for (let round = 0; round < 20; round++) {
    const size = changed.size;
    for (let i = 0; i < n; i++) {
      if (!free(i)) continue;
      const ch = c[i]!;
      if (',:;?!'.includes(ch)) {
        if (ch === '!' && c[i + 1] === '[') continue; // an image
        if (chineseBefore(i) || chineseAfter(i) || gluedInChinese(i)) set(i, TO_FULL[ch]!);
      } else if (ch === '.') {
        const next = c[i + 1];
        const ends = next === undefined || /^\s$/.test(next) || EMPHASIS.has(next) || chinese(i + 1);
        // After Chinese; or after a formula or code span ending a line of a Chinese block.
        const afterChinese = chineseBefore(i) && c[before(i)] !== '…';
        const afterSpan =
          i > 0 && mask[i - 1] && (next === undefined || next === '\n') && hanLine[lineOf[i]!];
        if (ends && (afterChinese || afterSpan)) set(i, '。');
      }
    }
    for (const [s, e] of lines) {
      // Double quotes, paired in order along the line.
      const quotes: number[] = [];
      for (let k = s; k < e; k++) if (free(k) && c[k] === '"') quotes.push(k);
      for (let q = 0; q + 1 < quotes.length; q += 2) {
        const [o, cl] = [quotes[q]!, quotes[q + 1]!];
        if (holdsHan(o + 1, cl) || chineseBefore(o) || chineseAfter(cl)) {
          set(o, '“');
          set(cl, '”');
        }
      }
      // Single quotes around Chinese, not apostrophes.
      for (let k = s; k < e; k++) {
        if (!free(k) || c[k] !== "'" || LATIN_OR_DIGIT.test(c[k - 1] ?? '') || !isChinese(c[k + 1])) continue;
        let cl = k + 1;
        while (cl < e && !(free(cl) && c[cl] === "'")) cl++;
        if (cl < e && isChinese(c[cl - 1]) && !LATIN_OR_DIGIT.test(c[cl + 1] ?? '')) {
          set(k, '‘');
          set(cl, '’');
          k = cl;
        }
      }
      // Parentheses, matched along the line.
      const stack: number[] = [];
      const pairs: [number, number][] = [];
      const lone: number[] = [];
      for (let k = s; k < e; k++) {
        if (!free(k)) continue;
        if (c[k] === '(') stack.push(k);
        else if (c[k] === ')') {
          const o = stack.pop();
          if (o === undefined) lone.push(k);
          else pairs.push([o, k]);
        }
      }
      lone.push(...stack);
      for (const [o, cl] of pairs) {
        const inner = c.slice(o + 1, cl).join('');
        if (!inner.trim()) continue; // a call: LLM.int8()
        if (!holdsHan(o + 1, cl) && isNotation(c, o, inner)) continue;
        if (holdsHan(o + 1, cl) || chineseBefore(o) || chineseAfter(cl)) {
          set(o, '（');
          set(cl, '）');
        }
      }
      for (const k of lone) {
        const head = c.slice(s, k).join('');
        if (c[k] === ')' && /^\s*\d{1,9}$/.test(head)) continue; // an ordered list marker: 1)
        if (chineseBefore(k) || chineseAfter(k)) set(k, TO_FULL[c[k]!]!);
      }
    }
    if (changed.size === size) break;
  }
  return changed;
}

/** `f(x)`, `O(n)`, `P(A|B)`, `softmax(x)`: a function applied to variables, not an aside. */
function isNotation(c: string[], open: number, inner: string): boolean {
  let k = open - 1;
  while (k >= 0 && /^[A-Za-z]$/.test(c[k]!)) k--;
  const name = open - 1 - k;
  if (name === 0) return false;
  if (/^[A-Za-z](?:\s*[,|;]\s*[A-Za-z])*$/.test(inner)) return true;
  return (
    name === 1 &&
    !/^[\w.-]$/.test(c[k] ?? '') &&
    /^[\w\s,+\-*^/|.]{1,12}$/.test(inner) &&
    !/[A-Za-z]{4}/.test(inner)
  );
}

function analyse(markdown: string) {
  const chars = Array.from(markdown);
  const original = [...chars];
  const mask = protectedMask(chars);
  const changed = convert(chars, mask);
  return { chars, original, mask, changed };
}

/**
 * Every half-width , : ; ? ! ( ) . and straight quote in Chinese prose, outside code, math
 * and link URLs: the characters `toFullWidth` converts.
 *
 * @example
 * halfWidthInChinese('不使用位置嵌入,而是…')
 * // [{ line: 1, excerpt: '不使用位置嵌入,而是…' }]
 */
export function halfWidthInChinese(markdown: string): PunctuationHit[] {
  const { original, changed } = analyse(markdown);
  const hits: PunctuationHit[] = [];
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < original.length; k++) {
    if (changed.has(k)) {
      let lineEnd = k;
      while (lineEnd < original.length && original[lineEnd] !== '\n') lineEnd++;
      const excerpt = original
        .slice(Math.max(lineStart, k - 12), Math.min(lineEnd, k + 13))
        .join('')
        .trim();
      hits.push({ line, excerpt });
    }
    if (original[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return hits;
}

/**
 * The mechanical fix for what `halfWidthInChinese` reports: converts those characters to
 * full width and drops the one space a converted mark no longer needs. Idempotent.
 *
 * @example
 * toFullWidth('**常见误区:** 显存 (VRAM) 不够,就…')
 * // '**常见误区：** 显存（VRAM）不够，就…'
 */
export function toFullWidth(markdown: string): string {
  // Dropping a space can bring a mark next to Chinese (`中?  ;`): repeat until stable.
  let out = markdown;
  for (let round = 0; round < 10; round++) {
    const next = fixOnce(out);
    if (next === out) break;
    out = next;
  }
  return out;
}

function fixOnce(markdown: string): string {
  const { chars, mask, changed } = analyse(markdown);
  const drop = new Set<number>();
  const lineHead = (k: number) => {
    let s = k;
    while (s > 0 && chars[s - 1] !== '\n') s--;
    return chars.slice(s, k).join('');
  };
  /** Whether deleting the space at `sp` leaves the emphasis runs around it as they were. */
  const keepsEmphasis = (sp: number): boolean => {
    for (const side of [-1, 1]) {
      let a = sp + side;
      if (chars[a] !== '*' && chars[a] !== '_' && chars[a] !== '~') continue;
      const run = chars[a]!;
      let b = a;
      while (chars[a - 1] === run) a--;
      while (chars[b + 1] === run) b++;
      const prev = (skip: boolean) => {
        const p = a - 1;
        return p === sp && skip ? chars[sp - 1] : chars[p];
      };
      const next = (skip: boolean) => {
        const q = b + 1;
        return q === sp && skip ? chars[sp + 1] : chars[q];
      };
      if (flanking(run, prev(false), next(false)) !== flanking(run, prev(true), next(true))) return false;
    }
    return true;
  };
  const droppable = (sp: number) =>
    chars[sp] === ' ' && !mask[sp] && !changed.has(sp) && !drop.has(sp) && keepsEmphasis(sp);
  for (const k of [...changed].sort((a, b) => a - b)) {
    const ch = chars[k]!;
    if (NO_SPACE_AFTER.has(ch) && droppable(k + 1)) {
      // A closing quote keeps its space before Latin text; the other marks never need one.
      const other = chars[k + 2];
      if (other === '|') continue; // a table cell's padding
      if ((ch !== '”' && ch !== '’') || isChinese(other)) drop.add(k + 1);
    }
    if (NO_SPACE_BEFORE.has(ch) && droppable(k - 1) && k >= 2 && !/\s/.test(chars[k - 2]!)) {
      if (MARKER_PREFIX.test(lineHead(k - 1))) continue;
      if ((ch !== '“' && ch !== '‘') || isChinese(chars[k - 2])) drop.add(k - 1);
    }
  }
  return chars.filter((_, k) => !drop.has(k)).join('');
}
