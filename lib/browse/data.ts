import { browser } from 'wxt/browser';
import { loadQuestion } from '../bank/load';
import { htmlToText, SEARCH_INDEX_PATH, type SearchEntry } from '../bank/search-index';
import type { CompiledQuestion } from '../bank/types';
import { studyDb } from '../db/open';
import { reviewsOf } from '../db/history';
import type { CardRecord, ReviewRecord } from '../db/schema';

/**
 * What the browse page reads. It reads IndexedDB directly; every change goes to the
 * background as a message (`sendCardAction`), the only writer of cards.
 */
const packageUrl = (path: string): string => (browser.runtime.getURL as (p: string) => string)(path);

/** The search index shipped in the package (`bank-search.json`); only the browse page loads it. */
export async function loadSearchIndex(): Promise<SearchEntry[]> {
  const res = await fetch(packageUrl(SEARCH_INDEX_PATH));
  if (!res.ok) throw new Error(`${SEARCH_INDEX_PATH} is missing from the package`);
  return (await res.json()) as SearchEntry[];
}

export async function readCards(): Promise<CardRecord[]> {
  return (await studyDb()).getAll('cards');
}

export async function readCard(id: string): Promise<CardRecord | undefined> {
  return (await studyDb()).get('cards', id);
}

export async function readReviews(id: string): Promise<ReviewRecord[]> {
  return reviewsOf(await studyDb(), id);
}

/**
 * The entries with their answers' plain text, read from the question files (the index
 * leaves answers out to stay small). A few files at a time; a file that fails to load
 * leaves that entry without its answer.
 */
export async function withAnswers(
  entries: readonly SearchEntry[],
  load: (id: string) => Promise<CompiledQuestion> = loadQuestion,
  parallel = 8,
): Promise<SearchEntry[]> {
  const out = [...entries];
  let next = 0;
  const worker = async () => {
    while (next < out.length) {
      const i = next++;
      const e = out[i]!;
      try {
        const q = await load(e.id);
        out[i] = {
          ...e,
          zh: { ...e.zh, a: htmlToText(q.zh.answer) },
          en: { ...e.en, a: htmlToText(q.en.answer) },
        };
      } catch {
        // Keep the entry searchable by its question.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, out.length) }, worker));
  return out;
}
