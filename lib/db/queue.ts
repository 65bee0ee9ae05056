import { inScope, type TopicFilter } from '../srs/scope';
import type { CardRecord } from './schema';
import type { StudyDatabase } from './open';

/** Every scheduled card due by `now`, most overdue first (one index range read). */
export function dueReviewCards(db: StudyDatabase, now: number): Promise<CardRecord[]> {
  return db.getAllFromIndex('cards', 'reviewDue', IDBKeyRange.upperBound(now));
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
