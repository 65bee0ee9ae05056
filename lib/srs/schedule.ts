import {
  createEmptyCard,
  fsrs,
  generatorParameters,
  type Card,
  type FSRS,
  type ReviewLog,
  type State as FsrsState,
} from 'ts-fsrs';
import {
  GRADES,
  isGrade,
  Rating,
  State,
  type Grade,
  type ReviewEntry,
  type SchedulingState,
} from './card-state';

import { planCard, type PlanSettings } from './plan';
import type { Scoped } from './scope';

// The algorithm lives here; the shapes in card-state.ts (re-exported for the code that
// schedules). Study pages import card-state.ts directly and never load ts-fsrs.
export { GRADES, isGrade, Rating, State };
export type { Grade, ReviewEntry, SchedulingState };

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
    state: s.state as number as FsrsState,
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
    state: c.state as number as State,
    last_review: c.last_review ? c.last_review.getTime() : null,
  };
}

function fromFsrsLog(l: ReviewLog): ReviewEntry {
  return {
    rating: l.rating as Grade,
    state: l.state as number as State,
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
 * The due time each rating would give at `now` with the interview plan applied (what a
 * rating then stores; with no interview ahead, FSRS's own).
 */
export function previewPlanned<C extends SchedulingState & Scoped>(
  scheduler: FSRS,
  current: C,
  settings: PlanSettings,
  now: number,
): Record<Grade, number> {
  const preview = scheduler.repeat(toFsrsCard(current), new Date(now));
  const w = scheduler.parameters.w;
  return Object.fromEntries(
    GRADES.map((g) => [g, planCard(w, { ...current, ...fromFsrsCard(preview[g].card) }, settings, now)]),
  ) as Record<Grade, number>;
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

/**
 * The card as it was before the rating `log` records: ts-fsrs's rollback, plus the due time
 * the rating replaced (FSRS's log keeps everything else), so undo restores the card exactly.
 * Only the card's latest rating can be rolled back.
 *
 * @example
 * const { state, log } = gradeCard(f, before, Rating.Good, now);
 * rollbackRating(f, state, log, before.due) // equals `before`
 */
export function rollbackRating(
  scheduler: FSRS,
  after: SchedulingState,
  log: ReviewEntry,
  prevDue: number | undefined,
): SchedulingState {
  const restored = fromFsrsCard(scheduler.rollback(toFsrsCard(after), toFsrsLog(log)));
  return prevDue === undefined ? restored : { ...restored, due: prevDue };
}

function toFsrsLog(l: ReviewEntry): ReviewLog {
  return {
    rating: l.rating,
    state: l.state as number as FsrsState,
    due: new Date(l.due),
    stability: l.stability,
    difficulty: l.difficulty,
    elapsed_days: l.elapsed_days,
    last_elapsed_days: l.last_elapsed_days,
    scheduled_days: l.scheduled_days,
    learning_steps: l.learning_steps,
    review: new Date(l.review),
  };
}
