import type { CardRecord, ReviewRecord } from './schema';
import type { StudyDatabase } from './open';
import { withQueueKeys } from './queue-keys';

/** Everything the person has made: schedules, the review log and bookkeeping. */
export interface HistorySnapshot {
  cards: CardRecord[];
  reviews: ReviewRecord[];
  meta: Record<string, unknown>;
}

/**
 * Reads the whole history as records, in one read transaction: what the export writes and
 * the statistics count (50,000 reviews: ~0.3 s in Chromium, see BENCHMARKS.md).
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
 * fails, none. Cards get their queue keys; reviews already stored (same id) are kept as
 * they are, so writing the same history twice changes nothing.
 */
export async function writeHistory(
  db: StudyDatabase,
  cards: readonly CardRecord[],
  reviews: readonly ReviewRecord[],
): Promise<void> {
  const tx = db.transaction(['cards', 'reviews'], 'readwrite');
  const cardStore = tx.objectStore('cards');
  const reviewStore = tx.objectStore('reviews');
  const existing = new Set(await reviewStore.getAllKeys());
  const writes: Promise<unknown>[] = [];
  for (const c of cards) writes.push(cardStore.put(withQueueKeys(c)));
  for (const r of reviews) if (!existing.has(r.id)) writes.push(reviewStore.put(r));
  await Promise.all([...writes, tx.done]);
}

/** One card's ratings (the browse page's history of a card). */
export function reviewsOf(db: StudyDatabase, cardId: string): Promise<ReviewRecord[]> {
  return db.getAllFromIndex('reviews', 'cardId', cardId);
}
