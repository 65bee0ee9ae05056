import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { StudyDB } from './schema';

/**
 * The upgrade ladder. Each step runs once, in order, inside the version-change
 * transaction, so a step that throws aborts the whole upgrade and leaves the old
 * database exactly as it was.
 */
export function upgrade(
  db: IDBPDatabase<StudyDB>,
  oldVersion: number,
  _newVersion: number | null,
  _tx: IDBPTransaction<StudyDB, StoreNames<StudyDB>[], 'versionchange'>,
): void {
  if (oldVersion < 1) {
    const cards = db.createObjectStore('cards', { keyPath: 'id' });
    cards.createIndex('due', 'due');
    const reviews = db.createObjectStore('reviews', { keyPath: 'id' });
    reviews.createIndex('review', 'review');
    reviews.createIndex('cardId', 'cardId');
    db.createObjectStore('meta');
  }
}
