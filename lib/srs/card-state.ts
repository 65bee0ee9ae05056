/**
 * The shapes and constants of a card's schedule, without the FSRS algorithm itself: what
 * the study pages need to read cards, at no cost in bytes. The values are ts-fsrs's own
 * (a unit test holds them equal); only `schedule.ts` imports ts-fsrs.
 */

/** A card's learning state, as ts-fsrs numbers it. */
export const State = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type State = (typeof State)[keyof typeof State];

/** The four answers a person can give, as ts-fsrs numbers them. */
export const Rating = { Again: 1, Hard: 2, Good: 3, Easy: 4 } as const;
export type Grade = (typeof Rating)[keyof typeof Rating];

/** The four answers in button order. */
export const GRADES: readonly Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];

export function isGrade(value: unknown): value is Grade {
  return value === 1 || value === 2 || value === 3 || value === 4;
}

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

/** Forgotten this many times, a card is a leech: drilling it again rarely helps by itself. */
export const LEECH_LAPSES = 8;

/**
 * Whether a card has been forgotten often enough to be flagged as a leech.
 *
 * @example
 * isLeech({ lapses: 8 }) // true
 */
export function isLeech(card: Pick<SchedulingState, 'lapses'>): boolean {
  return card.lapses >= LEECH_LAPSES;
}

/** What a person can do to a card besides rating it. */
export type CardAction =
  | { kind: 'suspend' }
  | { kind: 'unsuspend' }
  | { kind: 'bury' }
  | { kind: 'unbury' }
  | { kind: 'reset' }
  /** Takes the reset made at `resetAt` back, while the card is untouched since. */
  | { kind: 'unreset'; resetAt: number }
  | { kind: 'note'; text: string };

export const NOTE_MAX_LENGTH = 500;

/** A note as stored: trimmed, at most NOTE_MAX_LENGTH characters; empty means no note. */
export function normalizeNote(text: string): string {
  return text.trim().slice(0, NOTE_MAX_LENGTH);
}

export function isCardAction(a: unknown): a is CardAction {
  if (typeof a !== 'object' || a === null) return false;
  const r = a as Record<string, unknown>;
  if (r.kind === 'note') return typeof r.text === 'string' && r.text.length <= 10 * NOTE_MAX_LENGTH;
  if (r.kind === 'unreset') return typeof r.resetAt === 'number' && Number.isFinite(r.resetAt);
  return ['suspend', 'unsuspend', 'bury', 'unbury', 'reset'].includes(r.kind as string);
}
