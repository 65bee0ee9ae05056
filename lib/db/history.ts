import type { CardRecord, ReviewRecord } from './schema';
import type { StudyDatabase } from './open';
import { LOG_PAGES_KEY } from './log-pages';
import { QUEUE_SCOPE_KEY, queueScopeOf, withQueueKeys } from './queue-keys';

/** Everything the person has made: schedules, the review log and bookkeeping. */
export interface HistorySnapshot {
  cards: CardRecord[];
  reviews: ReviewRecord[];
  meta: Record<string, unknown>;
}

/**
 * Reads the whole history as records, in one read transaction (tests, tools). The export
 * reads the log through its pages instead (`log-pages.ts`): record by record, 100,000
 * reviews take ~1.5 s in Chromium.
 */
export async function readHistory(db: StudyDatabase): Promise<HistorySnapshot> {
  const tx = db.transaction(['cards', 'reviews', 'meta'], 'readonly');
  const [cards, reviews, keys, values] = await Promise.all([
    tx.objectStore('cards').getAll(),
    tx.objectStore('reviews').getAll(),
    tx.objectStore('meta').getAllKeys(),
    tx.objectStore('meta').getAll(),
    tx.done,
  ]);
  const meta: Record<string, unknown> = {};
  keys.forEach((k, i) => (meta[String(k)] = values[i]));
  return { cards, reviews, meta };
}

/**
 * Writes cards and reviews in one readwrite transaction: all of them or, if anything
 * fails, none. Cards get their queue keys (for the queue's topic scope); reviews already stored (same id) are kept as
 * they are, so writing the same history twice changes nothing.
 */
export async function writeHistory(
  db: StudyDatabase,
  cards: readonly CardRecord[],
  reviews: readonly ReviewRecord[],
): Promise<void> {
  const tx = db.transaction(['cards', 'reviews', 'meta'], 'readwrite');
  const cardStore = tx.objectStore('cards');
  const reviewStore = tx.objectStore('reviews');
  const [keys, keyedScope] = await Promise.all([
    reviewStore.getAllKeys(),
    tx.objectStore('meta').get(QUEUE_SCOPE_KEY),
  ]);
  const existing = new Set(keys);
  const scope = queueScopeOf(keyedScope);
  const writes: Promise<unknown>[] = [];
  for (const c of cards) writes.push(cardStore.put(withQueueKeys(c, scope)));
  for (const r of reviews) if (!existing.has(r.id)) writes.push(reviewStore.put(r));
  writes.push(tx.objectStore('meta').delete(LOG_PAGES_KEY));
  await Promise.all([...writes, tx.done]);
}
