// Specific modules, not the lib/db barrel: pages must not pull in import and repair code.
import { dueReviewCards, newCardWindow, nextDueAfter } from './db/queue';
import { tallySince } from './db/reviews';
import { recentViews } from './db/views';
import type { StudyDatabase } from './db/open';
import type { CardRecord } from './db/schema';
import type { Settings } from './settings';
import { studyDayStart } from './srs/day';
import { nextCard, queueCounts, type QueueContext, type QueueCounts } from './srs/queue';

export interface StudyCounts extends QueueCounts {
  /** Every rating given since the study day began. */
  reviewedToday: number;
}

export interface StudySnapshot {
  cards: CardRecord[];
  ctx: QueueContext;
  counts: StudyCounts;
}

/**
 * Reads what the queue needs, by index: the due reviews, the new cards that may still come
 * today, today's tally, recent views, and when the next card falls due.
 */
export interface PickOptions {
  /** Pass over cards shown on another page lately (new tabs: yes; the popup's review session: no). */
  rotate?: boolean;
  exclude?: ReadonlySet<string>;
  /** Cards this page itself put on screen: its own views never make it pass them over. */
  ownViews?: ReadonlySet<string>;
}

export async function studySnapshot(
  db: StudyDatabase,
  settings: Settings,
  now: number,
  { rotate = true, exclude, ownViews }: PickOptions = {},
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
  const ctx: QueueContext = {
    now,
    filter: settings,
    newPerDay: settings.newPerDay,
    maxReviewsPerDay: settings.maxReviewsPerDay,
    newToday: tally.newToday,
    reviewsToday: tally.reviewsToday,
    recentViews: rotate ? othersViews(views, ownViews) : {},
    ...(exclude ? { exclude } : {}),
  };
  const counts = queueCounts(cards, ctx);
  return { cards, ctx, counts: { ...counts, nextDue, reviewedToday: tally.total } };
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
  const { due, newLeft } = queueCounts(snap.cards, ctx);
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
