import type { FSRS } from 'ts-fsrs';
import type { Grade, SchedulingState } from './card-state';
import { gradeCard, newSchedulingState } from './schedule';

export interface LoggedRating {
  rating: Grade;
  /** When the rating was given (epoch ms). */
  review: number;
}

/**
 * A card's schedule rebuilt from its review log: a new card, then every rating in time
 * order. Used by import and by the database check, so a schedule can always be derived
 * from the log it came from. A card reset at `resetAt` starts new from then: earlier
 * ratings stay in the log but no longer shape it.
 *
 * @example
 * replayRatings(makeScheduler({ retention: 0.9, fuzz: false }), logs, createdAt)
 */
export function replayRatings(
  scheduler: FSRS,
  logs: readonly LoggedRating[],
  createdAt: number,
  resetAt?: number,
): SchedulingState {
  const ordered = logs
    .filter((l) => resetAt === undefined || l.review > resetAt)
    .sort((a, b) => a.review - b.review);
  const born = resetAt ?? Math.min(createdAt, ordered[0]?.review ?? createdAt);
  let state = newSchedulingState(Math.min(born, ordered[0]?.review ?? born));
  for (const log of ordered) state = gradeCard(scheduler, state, log.rating, log.review).state;
  return state;
}
