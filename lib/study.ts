// Specific modules, not the lib/db barrel: pages must not pull in import and repair code.
import { dueLearningCards, dueReviewCards, dueReviewWindow, newCardWindow, nextDueAfter } from './db/queue';
import { tallySince } from './db/reviews';
import { recentViews } from './db/views';
import type { StudyDatabase } from './db/open';
import type { CardRecord } from './db/schema';
import type { Settings } from './settings';
import { studyDayStart } from './srs/day';
import { State } from './srs/card-state';
import {
  availableAt,
  dueCards,
  newCards,
  nextCard,
  queueCounts,
  shownLately,
  DEFAULT_ROTATE_WINDOW_MS,
  type QueueContext,
  type QueueCounts,
} from './srs/queue';

export interface StudyCounts extends QueueCounts {
  /** Every rating given since the study day began. */
  reviewedToday: number;
}

export interface StudySnapshot {
  cards: CardRecord[];
  ctx: QueueContext;
  counts: StudyCounts;
  /**
   * Set when only the most overdue reviews were read (see `REVIEW_WINDOW`): how many are
   * due in all, the `reviewDue` of the last one read, and the excluded cards, to count
   * without them. Its picks are exact for its own options and for the head of the queue.
   */
  reviews?: { total: number; lastKey: number | null; excluded: CardRecord[] };
}

/**
 * How many of the most overdue reviews a page reads when no topic is turned off. The
 * counts come from the index, so a backlog of hundreds costs no more than a few cards.
 */
export const REVIEW_WINDOW = 32;

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
 * Reads what the queue needs, by index: the due cards, the new cards that may still come
 * today, today's tally, recent views, and when the next card falls due. With every topic
 * on, only the cards in learning steps and the most overdue reviews are read; how many
 * reviews are due comes from the `stateDue` index.
 */
export async function studySnapshot(
  db: StudyDatabase,
  settings: Settings,
  now: number,
  options: PickOptions = {},
): Promise<StudySnapshot> {
  // With a topic turned off, whether a due card counts depends on its topics: read them all.
  if (settings.disabledSections.length === 0 && settings.disabledTopics.length === 0) {
    const snap = await windowSnapshot(db, settings, now, options);
    // A pick past the window (every card in it shown lately on other pages) needs them all.
    if (windowCovers(snap, snap.ctx, nextCard(snap.cards, snap.ctx))) return snap;
  }
  return fullSnapshot(db, settings, now, options);
}

async function fullSnapshot(
  db: StudyDatabase,
  settings: Settings,
  now: number,
  { rotate = true, exclude, ownViews }: PickOptions,
): Promise<StudySnapshot> {
  const [tally, views, due] = await Promise.all([
    tallySince(db, studyDayStart(now, settings.dayStartHour)),
    recentViews(db),
    dueReviewCards(db, now),
  ]);
  const newLeft = Math.max(0, settings.newPerDay - tally.newToday);
  const [fresh, nextDue] = await Promise.all([
    newCardWindow(db, settings, newLeft + (exclude?.size ?? 0), now),
    nextDueAfter(db, settings, now),
  ]);
  const cards = [...due, ...fresh];
  const ctx = queueContext(settings, now, tally, views, { rotate, exclude, ownViews });
  const { due: dueNow, newLeft: newNow } = queueCounts(cards, ctx);
  return { cards, ctx, counts: { due: dueNow, newLeft: newNow, nextDue, reviewedToday: tally.total } };
}

/** Every due card in learning steps, the most overdue reviews, and the rest counted by index. */
async function windowSnapshot(
  db: StudyDatabase,
  settings: Settings,
  now: number,
  { rotate = true, exclude, ownViews, window = REVIEW_WINDOW }: PickOptions,
): Promise<StudySnapshot> {
  const excludedIds = [...(exclude ?? [])];
  const views = await recentViews(db);
  const ctxViews = rotate ? othersViews(views, ownViews) : {};
  // Cards shown lately on other pages are passed over: read past as many of them as there are.
  const passedOver = Object.values(ctxViews).filter((t) => now - t < DEFAULT_ROTATE_WINDOW_MS).length;
  const [tally, learning, reviews, excluded, nextDue] = await Promise.all([
    tallySince(db, studyDayStart(now, settings.dayStartHour)),
    dueLearningCards(db, now),
    dueReviewWindow(db, now, window + excludedIds.length + passedOver),
    Promise.all(excludedIds.map((id) => db.get('cards', id))),
    nextDueAfter(db, settings, now),
  ]);
  const newLeft = Math.max(0, settings.newPerDay - tally.newToday);
  const fresh = await newCardWindow(db, settings, newLeft + excludedIds.length, now);
  const snap: StudySnapshot = {
    cards: [...learning, ...reviews.cards, ...fresh],
    ctx: queueContext(settings, now, tally, views, { rotate, exclude, ownViews }),
    counts: { due: 0, newLeft: 0, nextDue, reviewedToday: tally.total },
    reviews: {
      total: reviews.total,
      lastKey: reviews.lastKey,
      excluded: excluded.filter((c): c is CardRecord => c !== undefined),
    },
  };
  snap.counts = { ...snap.counts, ...windowCounts(snap, snap.ctx) };
  return snap;
}

function queueContext(
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
    recentViews: rotate ? othersViews(views, ownViews) : {},
    ...(exclude ? { exclude } : {}),
  };
}

/** Due reviews the context excludes, among those the snapshot read for that purpose. */
function excludedDueReviews(snap: StudySnapshot, ctx: QueueContext): number {
  return (snap.reviews?.excluded ?? []).filter(
    (c) =>
      ctx.exclude?.has(c.id) &&
      c.state === State.Review &&
      c.reviewDue !== undefined &&
      c.reviewDue <= ctx.now,
  ).length;
}

/** The counts of a window snapshot: learning cards as read, reviews as the index counted them. */
function windowCounts(snap: StudySnapshot, ctx: QueueContext): Pick<QueueCounts, 'due' | 'newLeft'> {
  const left = Math.max(0, ctx.maxReviewsPerDay - ctx.reviewsToday);
  const learning = dueCards(
    snap.cards.filter((c) => c.state === State.Learning || c.state === State.Relearning),
    ctx,
  ).length;
  const reviews = (snap.reviews?.total ?? 0) - excludedDueReviews(snap, ctx);
  return { due: learning + Math.min(reviews, left), newLeft: newCards(snap.cards, ctx).length };
}

/**
 * Whether `card`, picked from the snapshot under `ctx`, is the card the whole queue would
 * give: yes when every review that could be picked was read, or when the pick is a card
 * not shown lately that comes no later than the last review read.
 */
function windowCovers(snap: StudySnapshot, ctx: QueueContext, card: CardRecord | null): boolean {
  if (!snap.reviews) return true;
  const left = Math.max(0, ctx.maxReviewsPerDay - ctx.reviewsToday);
  const read = snap.cards.filter((c) => c.state === State.Review && !ctx.exclude?.has(c.id)).length;
  if (read >= left || read >= snap.reviews.total - excludedDueReviews(snap, ctx)) return true;
  return (
    card !== null &&
    card.state !== State.New &&
    snap.reviews.lastKey !== null &&
    availableAt(card) <= snap.reviews.lastKey &&
    !shownLately(card, ctx)
  );
}

function othersViews(views: Record<string, number>, own?: ReadonlySet<string>) {
  if (!own?.size) return views;
  return Object.fromEntries(Object.entries(views).filter(([id]) => !own.has(id)));
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
  const { due, newLeft } = snap.reviews ? windowCounts(snap, ctx) : queueCounts(snap.cards, ctx);
  return { card: nextCard(snap.cards, ctx), counts: { ...snap.counts, due, newLeft } };
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
