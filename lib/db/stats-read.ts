import type { CardRecord, ReviewRecord } from './schema';
import type { StudyDatabase } from './open';

/** What the statistics page reads: every card and every rating. */
export interface StatsData {
  cards: CardRecord[];
  reviews: ReviewRecord[];
}

/**
 * Every card and every rating, in one read transaction. All-time retention needs every
 * rating of a review card and nothing indexes the state a rating was given in, so the whole
 * log is read; one getAll per store is the fastest way to do that (measured in Chromium at
 * 100,000 reviews for the backup export, `history.ts`: slices by index range were slower).
 * The statistics themselves are computed by `lib/stats.ts` in linear passes.
 */
export async function readStatsData(db: StudyDatabase): Promise<StatsData> {
  const tx = db.transaction(['cards', 'reviews'], 'readonly');
  const [cards, reviews] = await Promise.all([
    tx.objectStore('cards').getAll(),
    tx.objectStore('reviews').getAll(),
    tx.done,
  ]);
  return { cards, reviews };
}
