import type { FSRS } from 'ts-fsrs';
import { gradeCard, newSchedulingState, type Grade, type SchedulingState } from './schedule';

export interface LoggedRating {
  rating: Grade;
  /** When the rating was given (epoch ms). */
  review: number;
}

/**
 * A card's schedule rebuilt from its review log: a new card, then every rating in time
 * order. Used by import and by the database check, so a schedule can always be derived
 * from the log it came from.
 *
 * @example
 * replayRatings(makeScheduler({ retention: 0.9, fuzz: false }), logs, createdAt)
 */
export function replayRatings(
  scheduler: FSRS,
  logs: readonly LoggedRating[],
  createdAt: number,
): SchedulingState {
  const ordered = [...logs].sort((a, b) => a.review - b.review);
  let state = newSchedulingState(Math.min(createdAt, ordered[0]?.review ?? createdAt));
  for (const log of ordered) state = gradeCard(scheduler, state, log.rating, log.review).state;
  return state;
}
