import { State } from '../srs/card-state';
import { EVERY_TOPIC, inScope, type TopicFilter } from '../srs/scope';
import { tallySince, type DayTally } from './reviews';
import { VIEWS_KEY, viewsOf, type RecentViews } from './views';
import { QUEUE_SCOPE_KEY, queueScopeOf } from './queue-keys';
import type { CardRecord } from './schema';
import type { StudyDatabase } from './open';

/** Every scheduled card due by `now`, most overdue first (one index range read). */
export function dueReviewCards(db: StudyDatabase, now: number): Promise<CardRecord[]> {
  return db.getAllFromIndex('cards', 'reviewDue', IDBKeyRange.upperBound(now));
}

/** Cards in `state` whose `reviewDue` is at most `now`, in the `stateDue` index. */
function dueInState(state: State, now: number): IDBKeyRange {
  return IDBKeyRange.bound([state, -Infinity], [state, now]);
}

export interface QueueWindowRequest {
  /** The start of the study day: today's ratings are read from here. */
  dayStart: number;
  /** How many of the most overdue reviews to read. */
  reviews: number;
  /** Due reviews are counted up to this many: past the daily limit, more change nothing. */
  countUpTo: number;
  /** How many new cards to read, in bank order. */
  newCards: number;
  /** Cards to read by id (those a page leaves out, to count without them). */
  ids: readonly string[];
}

export interface QueueWindow {
  /** The topic filter the queue's keys were made for: the window holds only cards inside it. */
  scope: TopicFilter;
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
  /** The most overdue review cards, plus every card due at the same moment as the last of them. */
  cards: CardRecord[];
  /** The ids of the due review cards in index order, up to `countUpTo` (no record read). */
  keys: string[];
  /** The `reviewDue` of the last card read; every review card due earlier is in `cards`. */
  lastKey: number | null;
}

/**
 * Everything the queue needs, read at once (separate read-only transactions run side by
 * side, which measured faster than one over three stores): the topic scope the indexes
 * were keyed for, today's ratings, the views, the due cards in learning steps, the most
 * overdue reviews and how many there are, the first new cards, and the next due time. A
 * backlog of hundreds costs no more than the few cards read. It describes the queue only
 * if `scope` is the filter the caller studies.
 */
export async function readQueueWindow(
  db: StudyDatabase,
  now: number,
  req: QueueWindowRequest,
): Promise<QueueWindow> {
  const due = dueInState(State.Review, now);
  const [scope, views, tally, learning, relearning, keys, first, fresh, ids, nextDue] = await Promise.all([
    db.get('meta', QUEUE_SCOPE_KEY).then(queueScopeOf),
    db.get('meta', VIEWS_KEY).then(viewsOf),
    tallySince(db, req.dayStart),
    db.getAllFromIndex('cards', 'stateDue', dueInState(State.Learning, now)),
    db.getAllFromIndex('cards', 'stateDue', dueInState(State.Relearning, now)),
    db.getAllKeysFromIndex('cards', 'stateDue', due, req.countUpTo),
    // One more than asked: whether it is due at the same moment as the last tells if ties follow.
    req.reviews > 0 ? db.getAllFromIndex('cards', 'stateDue', due, req.reviews + 1) : [],
    req.newCards > 0 ? db.getAllFromIndex('cards', 'newOrder', null, req.newCards) : [],
    Promise.all(req.ids.map((id) => db.get('cards', id))),
    // The index holds only cards inside `scope`: no card needs its topics checked.
    nextDueAfter(db, EVERY_TOPIC, now),
  ]);
  return {
    scope,
    tally,
    views,
    learning: [...learning, ...relearning],
    reviews: { ...(await withTies(db, first, req.reviews)), keys },
    newCards: fresh,
    ids,
    nextDue,
  };
}

/**
 * The due review cards with these ids (consecutive in the index, one more than `limit`),
 * read in one transaction, plus every card due at the same moment as the last: for reading
 * on past cards a page passes over.
 */
export async function dueReviewsByIds(
  db: StudyDatabase,
  ids: readonly string[],
  now: number,
  limit: number,
  /** True when more due reviews may follow the last id (the ids were cut short). */
  more = false,
): Promise<Omit<ReviewWindow, 'keys'>> {
  const tx = db.transaction('cards');
  const cards = await Promise.all(ids.map((id) => tx.store.get(id)));
  // A card rated or changed since its id was read is no longer a due review: leave it out.
  const due = cards.filter((c): c is CardRecord => c !== undefined && isDueReview(c, now));
  return withTies(db, due, limit, more);
}

/** A review card (not in learning steps) in the queue and due by `now`. */
export function isDueReview(c: CardRecord, now: number): boolean {
  return c.state === State.Review && c.reviewDue !== undefined && c.reviewDue <= now;
}

/**
 * The first `limit` of `read` (due review cards in index order, read one past the limit)
 * and every card due at the same moment as the last of them: those sit in id order in the
 * index but in bank order in the queue (buried cards come back together). Only when the
 * card past the limit is due at that very moment (or, if none was read, when `more` says
 * others may follow) can more follow, so only then is the index read again.
 */
async function withTies(
  db: StudyDatabase,
  read: CardRecord[],
  limit: number,
  more = false,
): Promise<Omit<ReviewWindow, 'keys'>> {
  const first = read.slice(0, limit);
  const last = first.at(-1)?.reviewDue ?? null;
  const tieFollows = read.length > limit ? read[limit]!.reviewDue === last : more;
  if (last === null || !tieFollows) return { cards: first, lastKey: last };
  const seen = new Set(first.map((c) => c.id));
  const ties = await db.getAllFromIndex('cards', 'stateDue', IDBKeyRange.only([State.Review, last]));
  return { cards: [...first, ...ties.filter((c) => !seen.has(c.id))], lastKey: last };
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

/** When the first card in scope falls due (or comes back from being buried) after `now`, or null. */
export async function nextDueAfter(
  db: StudyDatabase,
  filter: TopicFilter,
  now: number,
): Promise<number | null> {
  let cursor = await db
    .transaction('cards')
    .store.index('reviewDue')
    .openCursor(IDBKeyRange.lowerBound(now, true));
  while (cursor) {
    if (inScope(cursor.value, filter)) return cursor.value.reviewDue ?? cursor.value.due;
    cursor = await cursor.continue();
  }
  return null;
}
