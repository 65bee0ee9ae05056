import { State, type SchedulingState } from './card-state';
import { inScope, type TopicFilter } from './scope';

/** A card as the queue sees it: its schedule plus where it sits in the bank. */
export interface QueueCard extends SchedulingState {
  id: string;
  section: string;
  topics: readonly string[];
  /**
   * Place in the new-card queue: new cards are introduced in this order (the bank's own,
   * the sensible or the shuffled order, as the settings choose; see lib/background/bank-sync.ts).
   */
  order: number;
  /** False once a question has left the bank; its history is kept but it is not shown. */
  inBank: boolean;
  /** Suspended by the person: never shown until unsuspended. */
  suspended?: boolean;
  /** Buried: not shown before this time (the start of the next study day). */
  buriedUntil?: number;
}

export interface QueueContext {
  now: number;
  filter: TopicFilter;
  newPerDay: number;
  maxReviewsPerDay: number;
  /** New cards first rated in the current study day. */
  newToday: number;
  /** Ratings of review cards (not new, not in learning steps) in the current study day. */
  reviewsToday: number;
  /** When each card was last put on screen without being rated (epoch ms). */
  recentViews?: Readonly<Record<string, number>>;
  /** How long a shown-but-unrated card is passed over by the next page. */
  rotateWindowMs?: number;
  /** Cards never to pick (for example the one the page just left). */
  exclude?: ReadonlySet<string>;
}

export const DEFAULT_ROTATE_WINDOW_MS = 30 * 60_000;

function studiable(c: QueueCard, ctx: QueueContext): boolean {
  return (
    c.inBank &&
    !c.suspended &&
    !((c.buriedUntil ?? 0) > ctx.now) &&
    inScope(c, ctx.filter) &&
    !ctx.exclude?.has(c.id)
  );
}

/** When a scheduled card becomes available: its due time, or later if it was buried past it. */
export function availableAt(c: Pick<QueueCard, 'due' | 'buriedUntil'>): number {
  return Math.max(c.due, c.buriedUntil ?? 0);
}

/**
 * Due cards in scope, most overdue first (a card buried past its due time counts from the
 * day it came back: the same order as the `reviewDue` index). Cards in (re)learning steps are always shown, as
 * in Anki: a card forgotten today must not vanish until tomorrow. Review cards stop at
 * today's review limit.
 */
export function dueCards(cards: readonly QueueCard[], ctx: QueueContext): QueueCard[] {
  let left = Math.max(0, ctx.maxReviewsPerDay - ctx.reviewsToday);
  return cards
    .filter((c) => c.state !== State.New && c.due <= ctx.now && studiable(c, ctx))
    .sort((a, b) => availableAt(a) - availableAt(b) || a.order - b.order)
    .filter((c) => c.state !== State.Review || left-- > 0);
}

/** The new cards that may still be introduced today, in queue order (`order`). */
export function newCards(cards: readonly QueueCard[], ctx: QueueContext): QueueCard[] {
  const left = Math.max(0, ctx.newPerDay - ctx.newToday);
  return cards
    .filter((c) => c.state === State.New && studiable(c, ctx))
    .sort((a, b) => a.order - b.order)
    .slice(0, left);
}

/**
 * The next card to show: due reviews first (most overdue first), then new cards within
 * today's limit, all inside the chosen topics. A card shown on another page within the
 * rotation window is passed over while anything else is waiting, so several tabs opened
 * in a row rotate through what is due; when everything has been shown, the card shown
 * longest ago comes back.
 *
 * @example
 * nextCard(cards, { now, filter, newPerDay: 10, maxReviewsPerDay: 200, newToday: 0, reviewsToday: 0 })
 */
export function nextCard(cards: readonly QueueCard[], ctx: QueueContext): QueueCard | null {
  const candidates = [...dueCards(cards, ctx), ...newCards(cards, ctx)];
  if (candidates.length === 0) return null;
  const fresh = candidates.find((c) => !shownLately(c, ctx));
  if (fresh) return fresh;
  const lastShown = (c: QueueCard) => ctx.recentViews?.[c.id] ?? Number.NEGATIVE_INFINITY;
  return candidates.reduce((best, c) => (lastShown(c) < lastShown(best) ? c : best));
}

/** Whether another page put `c` on screen within the rotation window (so it is passed over). */
export function shownLately(
  c: Pick<QueueCard, 'id'>,
  ctx: Pick<QueueContext, 'now' | 'recentViews' | 'rotateWindowMs'>,
): boolean {
  const shown = ctx.recentViews?.[c.id];
  return shown !== undefined && ctx.now - shown < (ctx.rotateWindowMs ?? DEFAULT_ROTATE_WINDOW_MS);
}

export interface QueueCounts {
  /** Reviews due now (what the badge shows). */
  due: number;
  /** New cards that may still be introduced today. */
  newLeft: number;
  /** When the next card in scope falls due after now, or null when none is scheduled. */
  nextDue: number | null;
}

/** Counts for the badge, the popup header and the "all caught up" page. */
export function queueCounts(cards: readonly QueueCard[], ctx: QueueContext): QueueCounts {
  const due = dueCards(cards, ctx).length;
  const newLeft = newCards(cards, ctx).length;
  let nextDue: number | null = null;
  for (const c of cards) {
    if (c.state === State.New || c.suspended || !c.inBank || !inScope(c, ctx.filter)) continue;
    const at = availableAt(c);
    if (at <= ctx.now) continue;
    if (nextDue === null || at < nextDue) nextDue = at;
  }
  return { due, newLeft, nextDue };
}
