import { readHistory } from './history';
import type { CardRecord, ReviewRecord } from './schema';
import type { StudyDatabase } from './open';

/** What the statistics page reads: every card and every rating. */
export interface StatsData {
  cards: CardRecord[];
  reviews: ReviewRecord[];
}

/**
 * Every card and every rating, in one read transaction. All-time retention needs every
 * rating of a review card, so the whole log is read (50,000 reviews: ~0.3 s in Chromium).
 * The statistics themselves are computed by `lib/stats/stats.ts` in linear passes.
 */
export async function readStatsData(db: StudyDatabase): Promise<StatsData> {
  const { cards, reviews } = await readHistory(db);
  return { cards, reviews };
}
