import { allCards, recentViews, tallySince, type CardRecord, type StudyDatabase } from './db';
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

/** Reads what the queue needs from the database: the cards, today's tally, recent views. */
export interface PickOptions {
  /** Pass over cards shown on another page lately (new tabs: yes; the popup's review session: no). */
  rotate?: boolean;
  exclude?: ReadonlySet<string>;
}

export async function studySnapshot(
  db: StudyDatabase,
  settings: Settings,
  now: number,
  { rotate = true, exclude }: PickOptions = {},
): Promise<StudySnapshot> {
  const [cards, tally, views] = await Promise.all([
    allCards(db),
    tallySince(db, studyDayStart(now, settings.dayStartHour)),
    recentViews(db),
  ]);
  const ctx: QueueContext = {
    now,
    filter: settings,
    newPerDay: settings.newPerDay,
    maxReviewsPerDay: settings.maxReviewsPerDay,
    newToday: tally.newToday,
    reviewsToday: tally.reviewsToday,
    recentViews: rotate ? views : {},
    ...(exclude ? { exclude } : {}),
  };
  return { cards, ctx, counts: { ...queueCounts(cards, ctx), reviewedToday: tally.total } };
}

/** The card a page should show now, and the counts around it. */
export async function pickNextCard(
  db: StudyDatabase,
  settings: Settings,
  now: number,
  options: PickOptions = {},
): Promise<{ card: CardRecord | null; counts: StudyCounts }> {
  const snap = await studySnapshot(db, settings, now, options);
  return { card: nextCard(snap.cards, snap.ctx), counts: snap.counts };
}
