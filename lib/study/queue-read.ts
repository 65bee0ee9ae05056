// Specific modules, not the lib/db barrel: pages must not pull in import and repair code.
import { isDueReview, newCardWindow, readQueueWindow } from '../db/queue';
import type { StudyDatabase } from '../db/open';
import { readPace, type PlanPace } from '../db/pace';
import type { CardRecord } from '../db/schema';
import type { Settings } from '../settings/model';
import { studyDayStart } from '../srs/day';
import { inScope } from '../srs/scope';
import { State } from '../srs/card-state';
import {
  dueCards,
  newCards,
  nextCard,
  queueCounts,
  shownLately,
  type QueueContext,
  type QueueCounts,
} from '../srs/queue';

export interface StudyCounts extends QueueCounts {
  /** Every rating given since the study day began. */
  reviewedToday: number;
  /** Cards today's limits hold back: due reviews past the daily maximum, or new cards past the new-card limit. */
  heldBack?: 'reviews' | 'new' | undefined;
  /** The nearest interview ahead, as the worker last saw it (lib/db/pace.ts). */
  interview?: PlanPace | undefined;
}

export interface StudySnapshot {
  cards: CardRecord[];
  ctx: QueueContext;
  counts: StudyCounts;
  /**
   * Set when only the most overdue reviews were read (see `REVIEW_WINDOW`): how many are
   * due (counted up to one past the daily limit and the exclusions: more changes nothing)
   * and the excluded cards, to count without them. Its picks are exact for its own options
   * and for the head of the queue.
   */
  reviews?: {
    total: number;
    excluded: CardRecord[];
  };
  /** More new cards are waiting than today's limit lets in. */
  newWaiting?: boolean;
}

/**
 * How many of the most overdue reviews a page reads, besides those it leaves out or passes
 * over: enough for its next card and the head of the queue. The counts come from the
 * index, so a backlog of hundreds costs no more than a few cards.
 */
export const REVIEW_WINDOW = 8;

export interface PickOptions {
  /** Pass over cards shown on another page lately (new tabs: yes; the popup's review session: no). */
  rotate?: boolean;
  exclude?: ReadonlySet<string>;
  /** Cards this page itself put on screen: its own views never make it pass them over. */
  ownViews?: ReadonlySet<string>;
  /** How many due reviews to read ahead (tests make it small). */
  window?: number;
}

/**
 * The counts the toolbar needs (due now, new cards left today, when the next card falls
 * due): as the popup counts them, without rotation, the due reviews counted by index.
 */
export async function badgeCounts(db: StudyDatabase, settings: Settings, now: number): Promise<StudyCounts> {
  return (await studySnapshot(db, settings, now, { rotate: false, window: 0 })).counts;
}

/**
 * Reads what the queue needs, by index: the due cards in learning steps, the most overdue
 * reviews and a count of the rest, the new cards that may still come today, today's
 * tally, recent views, and when the next card falls due, all inside the topic filter.
 */
export async function studySnapshot(
  db: StudyDatabase,
  settings: Settings,
  now: number,
  { rotate = true, exclude, ownViews, window = REVIEW_WINDOW }: PickOptions = {},
): Promise<StudySnapshot> {
  const dayStart = studyDayStart(now, settings.dayStartHour);
  // An interview ahead may ask for more new cards today than the person chose (lib/srs/plan.ts).
  const pace = await readPace(db, dayStart);
  if (pace && pace.perDay > settings.newPerDay) settings = { ...settings, newPerDay: pace.perDay };
  const excludedIds = [...(exclude ?? [])];
  // One more than may come today: whether the limit holds new cards back.
  const newUpTo = settings.newPerDay + excludedIds.length + 1;
  const countUpTo = settings.maxReviewsPerDay + excludedIds.length + 1;
  const read = await readQueueWindow(db, now, {
    dayStart,
    // Past the cards this page may pass over: those it leaves out and those other pages
    // showed lately. At most that many of the cards read are passed over, so the rest
    // hold the next card, or every due review was read; either way the window's pick is
    // the whole queue's. (Beyond `countUpTo` views, the daily limit falls inside the read.)
    reviews: (views) => {
      if (window === 0) return 0;
      const others = viewsToPassOver(views, { rotate, ownViews });
      const shown = Object.keys(others).filter((id) => shownLately({ id }, { now, recentViews: others }));
      return window + excludedIds.length + Math.min(shown.length, countUpTo);
    },
    countUpTo,
    newCards: newUpTo,
    ids: excludedIds,
    filter: settings,
  });
  const { tally, views } = read;
  // The ids left out as they were when the read was sized (a page may skip another meanwhile).
  const ctx = queueContext(settings, now, tally, views, {
    rotate,
    exclude: exclude && new Set(excludedIds),
    ownViews,
  });
  const newLeft = Math.max(0, settings.newPerDay - tally.newToday) + excludedIds.length;
  const waiting = read.newCards.filter((c) => !((c.buriedUntil ?? 0) > now));
  let fresh = waiting.slice(0, newLeft);
  // Buried new cards took room in what was read: read on, past them.
  if (fresh.length < newLeft && read.newCards.length === newUpTo) {
    fresh = await newCardWindow(db, settings, newLeft, now);
  }
  const snap: StudySnapshot = {
    cards: [...read.learning, ...read.reviews.cards, ...fresh],
    ctx,
    counts: { due: 0, newLeft: 0, nextDue: read.nextDue, reviewedToday: tally.total, interview: pace },
    reviews: {
      total: read.reviews.total,
      excluded: read.ids.filter((c): c is CardRecord => c !== undefined),
    },
    newWaiting: waiting.length > newLeft,
  };
  snap.counts = { ...snap.counts, ...windowCounts(snap, snap.ctx) };
  return snap;
}

/** The queue's context for a page: its settings, today's tally, the views it passes cards over for. */
export function queueContext(
  settings: Settings,
  now: number,
  tally: { newToday: number; reviewsToday: number },
  views: Record<string, number>,
  { rotate, exclude, ownViews }: PickOptions,
): QueueContext {
  return {
    now,
    filter: settings,
    newPerDay: settings.newPerDay,
    maxReviewsPerDay: settings.maxReviewsPerDay,
    newToday: tally.newToday,
    reviewsToday: tally.reviewsToday,
    recentViews: viewsToPassOver(views, { rotate, ownViews }),
    ...(exclude ? { exclude } : {}),
  };
}

/** Due reviews the context excludes, among those the snapshot read for that purpose. */
function excludedDueReviews(snap: StudySnapshot, ctx: QueueContext): number {
  return (snap.reviews?.excluded ?? []).filter(
    (c) => ctx.exclude?.has(c.id) && isDueReview(c, ctx.now) && inScope(c, ctx.filter),
  ).length;
}

/** The counts of a window snapshot: learning cards as read, reviews as the index counted them. */
function windowCounts(
  snap: StudySnapshot,
  ctx: QueueContext,
): Pick<StudyCounts, 'due' | 'newLeft' | 'heldBack'> {
  const left = Math.max(0, ctx.maxReviewsPerDay - ctx.reviewsToday);
  const learning = dueCards(
    snap.cards.filter((c) => c.state === State.Learning || c.state === State.Relearning),
    ctx,
  ).length;
  const reviews = (snap.reviews?.total ?? 0) - excludedDueReviews(snap, ctx);
  const newLeft = newCards(snap.cards, ctx).length;
  const heldBack = reviews > left ? 'reviews' : snap.newWaiting && !newLeft ? 'new' : undefined;
  return { due: learning + Math.min(reviews, left), newLeft, heldBack };
}

/** The views a page passes cards over for: other pages' views, and none when it does not rotate. */
function viewsToPassOver(
  views: Record<string, number>,
  { rotate, ownViews }: Pick<PickOptions, 'rotate' | 'ownViews'>,
): Record<string, number> {
  if (!rotate) return {};
  if (!ownViews?.size) return views;
  return Object.fromEntries(Object.entries(views).filter(([id]) => !ownViews.has(id)));
}

/**
 * Picks from a snapshot already read, with part of its context changed: several picks
 * (for example the next card and the head of the queue) cost one read.
 */
export function pickFromSnapshot(
  snap: StudySnapshot,
  change: Partial<QueueContext> = {},
): { card: CardRecord | null; counts: StudyCounts } {
  const ctx = { ...snap.ctx, ...change };
  const { due, newLeft, heldBack }: Pick<StudyCounts, 'due' | 'newLeft' | 'heldBack'> = snap.reviews
    ? windowCounts(snap, ctx)
    : queueCounts(snap.cards, ctx);
  return { card: nextCard(snap.cards, ctx), counts: { ...snap.counts, due, newLeft, heldBack } };
}

/** The card a page should show now, and the counts around it. */
export async function pickNextCard(
  db: StudyDatabase,
  settings: Settings,
  now: number,
  options: PickOptions = {},
): Promise<{ card: CardRecord | null; counts: StudyCounts }> {
  return pickFromSnapshot(await studySnapshot(db, settings, now, options));
}
