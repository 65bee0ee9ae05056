import { browser } from 'wxt/browser';

/** Any file in the package (the typed getURL knows only WXT's public folder). */
const packageUrl = (path: string): string => (browser.runtime.getURL as (p: string) => string)(path);
import { KATEX_CSS_PATH, questionPath } from './paths';
import type { CompiledQuestion } from './types';

/** Loads the one question a page shows: a small JSON file shipped in the package. */
export async function loadQuestion(id: string): Promise<CompiledQuestion> {
  const res = await fetch(packageUrl(questionPath(id)));
  if (!res.ok) throw new Error(`question ${id} is missing from the package`);
  const question = (await res.json()) as CompiledQuestion;
  // The bench build's synthetic cards are copies of real questions under ids of their own.
  return import.meta.env?.WXT_BENCH === '1' ? { ...question, id } : question;
}

/** Adds KaTeX's stylesheet to the page once, the first time a question with math is shown. */
export function ensureKatexCss(doc: Document = document): void {
  if (doc.querySelector('link[data-katex]')) return;
  const link = doc.createElement('link');
  link.rel = 'stylesheet';
  link.href = packageUrl(KATEX_CSS_PATH);
  link.dataset.katex = '';
  doc.head.append(link);
}
