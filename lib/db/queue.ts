import { State } from '../srs/card-state';
import { inScope, type TopicFilter } from '../srs/scope';
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

/** Every due card in (re)learning steps: few at any time, so all of them. */
export async function dueLearningCards(db: StudyDatabase, now: number): Promise<CardRecord[]> {
  const index = db.transaction('cards').store.index('stateDue');
  const [learning, relearning] = await Promise.all([
    index.getAll(dueInState(State.Learning, now)),
    index.getAll(dueInState(State.Relearning, now)),
  ]);
  return [...learning, ...relearning];
}

export interface ReviewWindow {
  /** The most overdue review cards, plus every card due at the same moment as the last of them. */
  cards: CardRecord[];
  /** How many review cards are due in all (counted by the index, none read). */
  total: number;
  /** The `reviewDue` of the last card read; every review card due earlier is in `cards`. */
  lastKey: number | null;
}

/** The first `limit` due review cards (most overdue first) and how many are due, in one transaction. */
export async function dueReviewWindow(db: StudyDatabase, now: number, limit: number): Promise<ReviewWindow> {
  const index = db.transaction('cards').store.index('stateDue');
  const range = dueInState(State.Review, now);
  const [total, first] = await Promise.all([
    index.count(range),
    limit > 0 ? index.getAll(range, limit) : Promise.resolve([]),
  ]);
  const last = first.at(-1)?.reviewDue ?? null;
  if (last === null || first.length === total) return { cards: first, total, lastKey: last };
  // Cards due at the very same moment (buried ones come back together) sit in id order in
  // the index but in bank order in the queue: read all of them.
  const seen = new Set(first.map((c) => c.id));
  const ties = await db.getAllFromIndex('cards', 'stateDue', IDBKeyRange.only([State.Review, last]));
  return { cards: [...first, ...ties.filter((c) => !seen.has(c.id))], total, lastKey: last };
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
