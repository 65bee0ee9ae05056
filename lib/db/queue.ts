import { inScope, type TopicFilter } from '../srs/scope';
import type { CardRecord } from './schema';
import type { StudyDatabase } from './open';

/** Every scheduled card due by `now`, most overdue first (one index range read). */
export function dueReviewCards(db: StudyDatabase, now: number): Promise<CardRecord[]> {
  return db.getAllFromIndex('cards', 'reviewDue', IDBKeyRange.upperBound(now));
}

/** The first `limit` new cards in scope, in bank order, reading no further than needed. */
export async function newCardWindow(
  db: StudyDatabase,
  filter: TopicFilter,
  limit: number,
): Promise<CardRecord[]> {
  const out: CardRecord[] = [];
  if (limit <= 0) return out;
  let cursor = await db.transaction('cards').store.index('newOrder').openCursor();
  while (cursor && out.length < limit) {
    if (inScope(cursor.value, filter)) out.push(cursor.value);
    cursor = await cursor.continue();
  }
  return out;
}

/** When the first card in scope falls due after `now`, or null. */
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
    if (inScope(cursor.value, filter)) return cursor.value.due;
    cursor = await cursor.continue();
  }
  return null;
}
