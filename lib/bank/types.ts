import type { Label, SectionId } from './taxonomy';

export interface BankRef {
  title: string;
  url: string;
}

/** One language of an entry. In a source entry these are Markdown; compiled, HTML. */
export interface Side {
  question: string;
  answer: string;
}

/** A question as written in `questions/<section>/<id>.md`. */
export interface SourceEntry {
  id: string;
  section: SectionId;
  topics: string[];
  difficulty: 1 | 2 | 3;
  refs: BankRef[];
  /** `YYYY-MM`: when the facts were last checked against the references. */
  checked: string;
  /** Ids of the entries this one builds on, so new cards can come foundations first. */
  buildsOn: string[];
  zh: Side;
  en: Side;
}

/** What a page loads for one question: HTML compiled at build time. */
export interface CompiledQuestion extends Omit<SourceEntry, 'zh' | 'en' | 'buildsOn'> {
  /** True when the answer has math, so the page loads KaTeX's stylesheet. */
  hasMath: boolean;
  /**
   * The names of its section and topics (in `topics` order), so a study page shows them
   * without carrying every label of the bank in its JavaScript.
   */
  labels?: { section: Label; topics: Label[] };
  zh: Side;
  en: Side;
}
