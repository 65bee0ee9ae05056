import { partSpans } from './parse';
import { halfWidthInChinese, toFullWidth } from './zh-punctuation';

/**
 * Full-width punctuation in the two Chinese parts of one question file (`# zh question`,
 * `# zh answer`); the frontmatter and the English parts stay byte for byte. Returns the
 * text unchanged, with `marks` 0, when the file does not have the four parts.
 *
 * @example
 * fixZhPunctuation(text) // { text: '…prefix LM 和 causal LM 的区别是什么？…', marks: 12 }
 */
export function fixZhPunctuation(text: string): { text: string; marks: number } {
  const spans = partSpans(text);
  if (!spans) return { text, marks: 0 };
  let out = text;
  let marks = 0;
  // The later part first, so the earlier one's offsets still hold.
  for (const part of ['zh answer', 'zh question'] as const) {
    const { start, end } = spans[part];
    const zh = out.slice(start, end);
    marks += halfWidthInChinese(zh).length;
    out = out.slice(0, start) + toFullWidth(zh) + out.slice(end);
  }
  return { text: out, marks };
}
