import { State } from '../srs/card-state';
import type { StudyDatabase } from './open';

export interface DayTally {
  /** New cards first rated since the day began. */
  newToday: number;
  /** Ratings of review cards (what the daily review limit counts). */
  reviewsToday: number;
  /** Every rating since the day began. */
  total: number;
}

/** Counts today's ratings by index (ratings since the start of the study day), reading none. */
export async function tallySince(db: StudyDatabase, dayStart: number): Promise<DayTally> {
  const since = (state: State) => IDBKeyRange.bound([state, dayStart], [state, Infinity]);
  const [newToday, reviewsToday, total] = await Promise.all([
    db.countFromIndex('reviews', 'stateReview', since(State.New)),
    db.countFromIndex('reviews', 'stateReview', since(State.Review)),
    db.countFromIndex('reviews', 'review', IDBKeyRange.lowerBound(dayStart)),
  ]);
  return { newToday, reviewsToday, total };
}
