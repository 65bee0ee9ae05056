import type { CompiledQuestion } from './types';

/** One question as the browse page searches it: where it sits and its text, without markup. */
export interface SearchEntry {
  id: string;
  section: string;
  topics: string[];
  difficulty: 1 | 2 | 3;
  /** Position in the bank (the order new cards come in). */
  order: number;
  /** Whether the question or answer has math (the detail view then loads KaTeX's stylesheet). */
  hasMath: boolean;
  zh: SearchSide;
  en: SearchSide;
}

export interface SearchSide {
  /** The question as plain text (what the search matches). */
  q: string;
  /** The question's compiled HTML (what the result list shows: math stays readable). */
  html: string;
  /**
   * The answer as plain text. Not in the shipped file (answers would make it ~620 KB); the
   * browse page fills it in from the question files when the person asks to search answers.
   */
  a?: string;
}

/** The file the build emits into the package; only the browse page fetches it. */
export const SEARCH_INDEX_PATH = '/bank-search.json';

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Decodes the entities markdown-it, KaTeX and highlight.js write (named few, and numeric). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/**
 * Compiled HTML as plain text: tags removed (a block boundary becomes a space), entities
 * decoded, zero-width characters dropped, whitespace collapsed. Rendered math keeps its
 * visible glyphs (KaTeX's `html` output has no TeX source to fall back on).
 *
 * @example
 * htmlToText('<p>A &amp; B</p><p>C</p>') // "A & B C"
 */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<(?:br|\/p|\/li|\/h\d|\/pre|\/tr|\/td|\/th|\/div|\/blockquote)\b[^>]*>/gi, ' ')
    .replace(/<[^>]*>/g, '');
  return decodeEntities(text)
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The search entry of one compiled question, at `order` in the bank (answers left out). */
export function searchEntry(q: CompiledQuestion, order: number): SearchEntry {
  return {
    id: q.id,
    section: q.section,
    topics: [...q.topics],
    difficulty: q.difficulty,
    order,
    hasMath: q.hasMath,
    zh: { q: htmlToText(q.zh.question), html: q.zh.question },
    en: { q: htmlToText(q.en.question), html: q.en.question },
  };
}
