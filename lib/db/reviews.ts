import { State } from '../srs/card-state';
import type { ReviewRecord } from './schema';
import type { StudyDatabase } from './open';

export interface DayTally {
  /** New cards first rated since the day began. */
  newToday: number;
  /** Ratings of review cards (what the daily review limit counts). */
  reviewsToday: number;
  /** Every rating since the day began. */
  total: number;
}

/** Counts today's ratings from the `review` index: one range read from the start of the study day. */
export async function tallySince(db: StudyDatabase, dayStart: number): Promise<DayTally> {
  return tallyOf(await db.getAllFromIndex('reviews', 'review', IDBKeyRange.lowerBound(dayStart)));
}

/** Counts a day's ratings. */
export function tallyOf(today: readonly ReviewRecord[]): DayTally {
  let newToday = 0;
  let reviewsToday = 0;
  for (const r of today) {
    if (r.state === State.New) newToday++;
    else if (r.state === State.Review) reviewsToday++;
  }
  return { newToday, reviewsToday, total: today.length };
}

export function reviewsOf(db: StudyDatabase, cardId: string): Promise<ReviewRecord[]> {
  return db.getAllFromIndex('reviews', 'cardId', cardId);
}
