import { State } from '../srs/card-state';
import { everyTopicOn, inScope, type TopicFilter } from '../srs/scope';
import { tallySince, type DayTally } from './reviews';
import { VIEWS_KEY, viewsOf, type RecentViews } from './views';
import type { CardRecord } from './schema';
import type { StudyDatabase } from './open';

/** Cards in `state` whose `reviewDue` is at most `now`, in the `stateDue` index. */
function dueInState(state: State, now: number): IDBKeyRange {
  return IDBKeyRange.bound([state, -Infinity], [state, now]);
}

export interface QueueWindowRequest {
  /** The start of the study day: today's ratings are read from here. */
  dayStart: number;
  /**
   * How many of the most overdue reviews to read, given the recent views (read first, in
   * the same round): a page reads past the cards it may pass over.
   */
  reviews: (views: RecentViews) => number;
  /** Due reviews are counted up to this many: past the daily limit, more change nothing. */
  countUpTo: number;
  /** How many new cards to read, in bank order. */
  newCards: number;
  /** Cards to read by id (those a page leaves out, to count without them). */
  ids: readonly string[];
  /**
   * The topics studied. With every topic on, only the most overdue reviews are read;
   * with some off, every due review is read and those outside the filter are dropped
   * (at 3,000 cards a few hundred at most: cheaper than keeping the indexes per filter).
   */
  filter: TopicFilter;
}

export interface QueueWindow {
  tally: DayTally;
  views: RecentViews;
  /** Every due card in (re)learning steps: few at any time. */
  learning: CardRecord[];
  reviews: ReviewWindow;
  /** The first new cards in bank order, buried ones included. */
  newCards: CardRecord[];
  ids: (CardRecord | undefined)[];
  /** When the first card due after `now` falls due, or null. */
  nextDue: number | null;
}

export interface ReviewWindow {
  /**
   * The most overdue review cards in the filter, plus every card due at the same moment
   * as the last of them (with some topics off: every due review in the filter).
   */
  cards: CardRecord[];
  /**
   * How many review cards in the filter are due: with every topic on, counted by their
   * index keys up to `countUpTo` (no record read).
   */
  total: number;
}

/**
 * Everything the queue needs, read at once (separate read-only transactions run side by
 * side, which measured faster than one over three stores): today's ratings, the views,
 * the due cards in learning steps, the most overdue reviews and how many there are, the
 * first new cards, and the next due time, all inside the topic filter. With every topic
 * on, a backlog of hundreds costs no more than the few cards read.
 */
export async function readQueueWindow(
  db: StudyDatabase,
  now: number,
  req: QueueWindowRequest,
): Promise<QueueWindow> {
  const due = dueInState(State.Review, now);
  const { filter } = req;
  const everyTopic = everyTopicOn(filter);
  const inFilter = (cards: CardRecord[]) => (everyTopic ? cards : cards.filter((c) => inScope(c, filter)));
  const viewsRead = db.get('meta', VIEWS_KEY).then(viewsOf);
  const counted = everyTopic && db.getAllKeysFromIndex('cards', 'stateDue', due, req.countUpTo);
  // Started as soon as the views are in, alongside the longer reads below.
  const reviewsRead: Promise<ReviewWindow> = counted
    ? viewsRead.then(async (v) => {
        const limit = req.reviews(v);
        // One more than asked: whether it is due at the same moment as the last tells if ties follow.
        const read = limit > 0 ? await db.getAllFromIndex('cards', 'stateDue', due, limit + 1) : [];
        return { cards: await withTies(db, read, limit), total: (await counted).length };
      })
    : db.getAllFromIndex('cards', 'stateDue', due).then((all) => {
        const cards = inFilter(all);
        return { cards, total: cards.length };
      });
  const [views, tally, learning, relearning, reviews, fresh, ids, nextDue] = await Promise.all([
    viewsRead,
    tallySince(db, req.dayStart),
    db.getAllFromIndex('cards', 'stateDue', dueInState(State.Learning, now)),
    db.getAllFromIndex('cards', 'stateDue', dueInState(State.Relearning, now)),
    reviewsRead,
    req.newCards <= 0
      ? []
      : everyTopic
        ? db.getAllFromIndex('cards', 'newOrder', null, req.newCards)
        : newCardWindow(db, filter, req.newCards, now),
    Promise.all(req.ids.map((id) => db.get('cards', id))),
    nextDueAfter(db, now, filter),
  ]);
  return {
    tally,
    views,
    learning: inFilter([...learning, ...relearning]),
    reviews,
    newCards: fresh,
    ids,
    nextDue,
  };
}

/** A review card (not in learning steps) in the queue and due by `now`. */
export function isDueReview(c: CardRecord, now: number): boolean {
  return c.state === State.Review && c.reviewDue !== undefined && c.reviewDue <= now;
}

/**
 * The first `limit` of `read` (due review cards in index order, read one past the limit)
 * and every card due at the same moment as the last of them: those sit in id order in the
 * index but in bank order in the queue (buried cards come back together). Only when the
 * card past the limit is due at that very moment can more follow, so only then is the
 * index read again.
 */
async function withTies(db: StudyDatabase, read: CardRecord[], limit: number): Promise<CardRecord[]> {
  const first = read.slice(0, limit);
  const last = first.at(-1)?.reviewDue;
  if (last === undefined || !(read.length > limit && read[limit]!.reviewDue === last)) return first;
  const seen = new Set(first.map((c) => c.id));
  const ties = await db.getAllFromIndex('cards', 'stateDue', IDBKeyRange.only([State.Review, last]));
  return [...first, ...ties.filter((c) => !seen.has(c.id))];
}

/** The first `limit` new cards in scope and not buried, in bank order, reading no further than needed. */
export async function newCardWindow(
  db: StudyDatabase,
  filter: TopicFilter,
  limit: number,
  now: number,
): Promise<CardRecord[]> {
  const out: CardRecord[] = [];
  if (limit <= 0) return out;
  let cursor = await db.transaction('cards').store.index('newOrder').openCursor();
  while (cursor && out.length < limit) {
    const card = cursor.value;
    if (inScope(card, filter) && !((card.buriedUntil ?? 0) > now)) out.push(card);
    cursor = await cursor.continue();
  }
  return out;
}

/**
 * When the first card in the filter falls due (or comes back from being buried) after
 * `now`, or null.
 */
export async function nextDueAfter(
  db: StudyDatabase,
  now: number,
  filter: TopicFilter,
): Promise<number | null> {
  const after = IDBKeyRange.lowerBound(now, true);
  if (everyTopicOn(filter)) return (await db.getFromIndex('cards', 'reviewDue', after))?.reviewDue ?? null;
  let cursor = await db.transaction('cards').store.index('reviewDue').openCursor(after);
  while (cursor && !inScope(cursor.value, filter)) cursor = await cursor.continue();
  return cursor?.value.reviewDue ?? null;
}
