import { computeDecayFactor, forgetting_curve } from 'ts-fsrs';
import type { Interview } from '../settings/model';
import { State, type SchedulingState } from './card-state';
import { inScope, type Scoped, type TopicFilter } from './scope';

// Aiming the schedule at an interview: pure functions of a card's FSRS memory state, the
// scheduler's parameters and the interview's moment. No clock, no browser.

const DAY = 86_400_000;

/** An interview as the plan uses it: when it begins and the recall wanted then. */
export interface Deadline {
  /** The start of the interview's study day (epoch ms). */
  at: number;
  /** The recall wanted on the day, 0.80-0.99. */
  target: number;
}

/**
 * When an interview's day begins for the person: its date at the hour their study day
 * starts, in local time (so a daylight-saving change in between moves nothing).
 *
 * @example
 * interviewStart('2027-01-15', 4) // 2027-01-15 04:00 local time
 */
export function interviewStart(date: string, dayStartHour: number): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(y!, m! - 1, d!, dayStartHour).getTime();
}

/** The memory state the plan reads: FSRS's stability and when the card was last reviewed. */
export type Memory = Pick<SchedulingState, 'stability' | 'state' | 'last_review'>;

/**
 * Predicted recall of a card at `at`: FSRS's forgetting curve with the card's stability and
 * the scheduler's decay (`w`, its parameters). A card never reviewed has nothing to recall: 0.
 *
 * @example
 * recallAt(default_w, { stability: 10, state: 2, last_review: t }, t + 10 * DAY) // 0.9
 */
export function recallAt(w: readonly number[], card: Memory, at: number): number {
  if (card.state === State.New || card.last_review === null || card.stability <= 0) return 0;
  const elapsed = Math.max(0, at - card.last_review) / 86_400_000;
  return forgetting_curve(w, elapsed, card.stability);
}

/**
 * How long after a review a card of this stability keeps recall at or above `retention`
 * (ms): FSRS's forgetting curve solved for time.
 */
export function keepsAbove(w: readonly number[], stability: number, retention: number): number {
  const { decay, factor } = computeDecayFactor(w);
  return (stability / factor) * (Math.pow(retention, 1 / decay) - 1) * DAY;
}

/**
 * When a card just reviewed should next be due, given the interviews ahead: FSRS's own due
 * time, unless it falls after an interview and the card would be under that interview's
 * target on the day. Then it is due at the latest moment from which any successful review
 * keeps it at or above the target on the day: a success never lowers FSRS's stability, so a
 * review at `deadline - keepsAbove(stability, target)` is enough whatever the rating but
 * Again (after which the card is relearned and planned again).
 *
 * Cards in learning steps keep their minutes-long steps; an interview already begun, or
 * one the card already reaches, changes nothing. With several interviews, the earliest
 * due time wins.
 */
export function plannedDue(
  w: readonly number[],
  card: Memory & { due: number },
  deadlines: readonly Deadline[],
  now: number,
): number {
  if (card.state !== State.Review) return card.due;
  let due = card.due;
  for (const d of deadlines) {
    if (d.at <= now || card.due <= d.at) continue;
    if (recallAt(w, card, d.at) >= d.target) continue;
    const latest = d.at - keepsAbove(w, card.stability, d.target);
    due = Math.min(due, Math.max(now, Math.floor(latest)));
  }
  return due;
}

/**
 * FSRS's own due time for a card: for a card in review, its last review plus the interval
 * FSRS gave it (what the plan may have brought forward); otherwise its due time.
 */
export function fsrsDue(card: Memory & Pick<SchedulingState, 'due' | 'scheduled_days'>): number {
  if (card.state !== State.Review || card.last_review === null) return card.due;
  return card.last_review + card.scheduled_days * DAY;
}

/** The nearest interview whose day has not begun, and when it begins; undefined without one. */
export function nextInterview(
  settings: Pick<PlanSettings, 'interviews' | 'dayStartHour'>,
  now: number,
): { interview: Interview; at: number } | undefined {
  return settings.interviews
    .map((interview) => ({ interview, at: interviewStart(interview.date, settings.dayStartHour) }))
    .filter(({ at }) => at > now)
    .sort((a, b) => a.at - b.at)[0];
}

/**
 * The sections the nearest interview ahead names (its new cards come first), or none: no
 * interview ahead, or one over the topics chosen for study.
 */
export function sectionsFirst(settings: PlanSettings, now: number): string[] {
  return [...(nextInterview(settings, now)?.interview.sections ?? [])];
}

/** What the plan reads from the settings. */
export interface PlanSettings extends TopicFilter {
  interviews: readonly Interview[];
  dayStartHour: number;
}

/**
 * The interviews a card counts for, as deadlines: those whose sections hold it, or, for an
 * interview without sections, the topics chosen for study.
 */
export function deadlinesFor(card: Scoped, settings: PlanSettings): Deadline[] {
  return settings.interviews
    .filter((i) => (i.sections.length ? i.sections.includes(card.section) : inScope(card, settings)))
    .map((i) => ({ at: interviewStart(i.date, settings.dayStartHour), target: i.target }));
}

/**
 * A card's due time under the plan, from its FSRS schedule: what a rating stores, and what
 * the worker sets again when the interviews change or one begins (so that afterwards FSRS's
 * own due time comes back, nothing lost).
 */
export function planCard<C extends Memory & Scoped & Pick<SchedulingState, 'due' | 'scheduled_days'>>(
  w: readonly number[],
  card: C,
  settings: PlanSettings,
  now: number,
): number {
  return plannedDue(w, { ...card, due: fsrsDue(card) }, deadlinesFor(card, settings), now);
}

/** Days before an interview by which every new card should have been met: time to learn it. */
export const LEARN_DAYS = 3;

/**
 * How many new cards a day while an interview is ahead: enough to meet every new card in its
 * scope `LEARN_DAYS` before the day, never fewer than the person chose, and within the
 * plan's daily budget once today's due reviews are counted. `short` says the budget cannot
 * cover them all.
 *
 * @example
 * planNewPerDay({ newLeft: 300, daysLeft: 28, chosen: 10, budget: 80, dueReviews: 20 }) // { perDay: 12, short: false }
 */
export function planNewPerDay(p: {
  newLeft: number;
  daysLeft: number;
  chosen: number;
  budget: number;
  dueReviews: number;
}): { perDay: number; short: boolean } {
  const needed = Math.ceil(p.newLeft / Math.max(1, p.daysLeft - LEARN_DAYS));
  const room = Math.max(0, p.budget - p.dueReviews);
  return { perDay: Math.max(p.chosen, Math.min(needed, room)), short: needed > room };
}
