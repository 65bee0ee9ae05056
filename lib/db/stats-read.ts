import { rowToReview } from '../backup';
import { buildLogPages, readBackupData } from './log-pages';
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
 * log is read: through the export's pages of the log (`log-pages.ts`), several times faster
 * than record by record, which matters because the page refreshes after every rating
 * given elsewhere.
 * If the pages are missing or behind, they are rebuilt after this read, for the next one.
 * The statistics themselves are computed by `lib/stats.ts` in linear passes.
 */
export async function readStatsData(db: StudyDatabase): Promise<StatsData> {
  const { cards, rows, rebuildPages } = await readBackupData(db);
  if (rebuildPages && rows.length > 0) void buildLogPages(db).catch(() => {});
  // Rows hold every logged field but `prevDue`, which the statistics do not use.
  return { cards, reviews: rows.map((row) => rowToReview(row) as unknown as ReviewRecord) };
}
