import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  Rating,
  State,
  type Card,
  type FSRS,
  type Grade,
  type ReviewLog,
} from 'ts-fsrs';

export { Rating, State };
export type { Grade };

/** The four answers a person can give, in button order. */
export const GRADES: readonly Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

/**
 * The FSRS fields of one card as they are stored: every date is epoch milliseconds
 * so that IndexedDB can index and compare them and a structured clone keeps them exact.
 */
export interface SchedulingState {
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  state: State;
  last_review: number | null;
}

/** One rating as stored in the append-only review log (FSRS's ReviewLog, dates as ms). */
export interface ReviewEntry {
  rating: Grade;
  /** The card's state before this rating. */
  state: State;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  last_elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  review: number;
}

export interface SchedulerOptions {
  /** Desired retention, 0.70-0.97. */
  retention: number;
  /** Spread due dates a little so cards learned together do not stay together. Off in tests. */
  fuzz: boolean;
}

export function makeScheduler({ retention, fuzz }: SchedulerOptions): FSRS {
  return fsrs(generatorParameters({ request_retention: retention, enable_fuzz: fuzz }));
}

export function newSchedulingState(now: number): SchedulingState {
  return fromFsrsCard(createEmptyCard(new Date(now)));
}

export function toFsrsCard(s: SchedulingState): Card {
  return {
    due: new Date(s.due),
    stability: s.stability,
    difficulty: s.difficulty,
    elapsed_days: s.elapsed_days,
    scheduled_days: s.scheduled_days,
    learning_steps: s.learning_steps,
    reps: s.reps,
    lapses: s.lapses,
    state: s.state,
    ...(s.last_review === null ? {} : { last_review: new Date(s.last_review) }),
  };
}

export function fromFsrsCard(c: Card): SchedulingState {
  return {
    due: c.due.getTime(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    last_review: c.last_review ? c.last_review.getTime() : null,
  };
}

function fromFsrsLog(l: ReviewLog): ReviewEntry {
  return {
    rating: l.rating as Grade,
    state: l.state,
    due: l.due.getTime(),
    stability: l.stability,
    difficulty: l.difficulty,
    elapsed_days: l.elapsed_days,
    last_elapsed_days: l.last_elapsed_days,
    scheduled_days: l.scheduled_days,
    learning_steps: l.learning_steps,
    review: l.review.getTime(),
  };
}

/**
 * Applies one rating at time `now` and returns the new scheduling state and its log entry.
 *
 * @example
 * const f = makeScheduler({ retention: 0.9, fuzz: false });
 * const { state, log } = gradeCard(f, newSchedulingState(t0), Rating.Good, t0);
 */
export function gradeCard(
  scheduler: FSRS,
  current: SchedulingState,
  rating: Grade,
  now: number,
): { state: SchedulingState; log: ReviewEntry } {
  const { card, log } = scheduler.next(toFsrsCard(current), new Date(now), rating);
  return { state: fromFsrsCard(card), log: fromFsrsLog(log) };
}

/**
 * The due time each of the four ratings would give if pressed at `now`.
 *
 * @example
 * previewDue(f, state, now)[Rating.Good] // epoch ms
 */
export function previewDue(scheduler: FSRS, current: SchedulingState, now: number): Record<Grade, number> {
  const preview = scheduler.repeat(toFsrsCard(current), new Date(now));
  return {
    [Rating.Again]: preview[Rating.Again].card.due.getTime(),
    [Rating.Hard]: preview[Rating.Hard].card.due.getTime(),
    [Rating.Good]: preview[Rating.Good].card.due.getTime(),
    [Rating.Easy]: preview[Rating.Easy].card.due.getTime(),
  } as Record<Grade, number>;
}

export function isGrade(value: unknown): value is Grade {
  return value === 1 || value === 2 || value === 3 || value === 4;
}
