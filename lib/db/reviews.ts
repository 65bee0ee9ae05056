import { State } from '../srs/schedule';
import type { ReviewRecord } from './schema';
import type { StudyDatabase } from './open';

export interface DayTally {
  /** New cards first rated since the day began. */
  newToday: number;
  /** Ratings of cards that were not new. */
  reviewsToday: number;
  /** Every rating since the day began. */
  total: number;
}

/** Counts today's ratings by walking the `review` index from the start of the study day. */
export async function tallySince(db: StudyDatabase, dayStart: number): Promise<DayTally> {
  const tally: DayTally = { newToday: 0, reviewsToday: 0, total: 0 };
  const range = IDBKeyRange.lowerBound(dayStart);
  let cursor = await db.transaction('reviews').store.index('review').openCursor(range);
  while (cursor) {
    tally.total++;
    if (cursor.value.state === State.New) tally.newToday++;
    else tally.reviewsToday++;
    cursor = await cursor.continue();
  }
  return tally;
}

export function reviewsOf(db: StudyDatabase, cardId: string): Promise<ReviewRecord[]> {
  return db.getAllFromIndex('reviews', 'cardId', cardId);
}

export function reviewCount(db: StudyDatabase): Promise<number> {
  return db.count('reviews');
}
