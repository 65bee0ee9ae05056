import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb';
import type { StudyDB } from './schema';
import { withQueueKeys } from './queue-keys';

type UpgradeTx = IDBPTransaction<StudyDB, StoreNames<StudyDB>[], 'versionchange'>;

/**
 * The upgrade ladder. Each step runs once, in order, inside the version-change
 * transaction, so a step that throws aborts the whole upgrade and leaves the old
 * database exactly as it was. A step never drops user data.
 */
export function upgrade(
  db: IDBPDatabase<StudyDB>,
  oldVersion: number,
  _newVersion: number | null,
  tx: UpgradeTx,
): void {
  // If a step fails, opening the database rejects with the reason; the aborted
  // transaction's own promise needs no second report.
  tx.done.catch(() => {});
  if (oldVersion < 1) {
    const cards = db.createObjectStore('cards', { keyPath: 'id' });
    cards.createIndex('due', 'due');
    const reviews = db.createObjectStore('reviews', { keyPath: 'id' });
    reviews.createIndex('review', 'review');
    reviews.createIndex('cardId', 'cardId');
    db.createObjectStore('meta');
  }
  if (oldVersion < 2) {
    // v2: the queue reads due reviews and new cards by index instead of scanning every card.
    const cards = tx.objectStore('cards');
    cards.createIndex('reviewDue', 'reviewDue');
    cards.createIndex('newOrder', 'newOrder');
    // The keys themselves are written by the version 5 step, which every older database runs.
  }
  // v3 added `logPages`, a cache of the review log for the export; v5 removed it again.
  if (oldVersion < 4) {
    // v4: due cards by state, so the queue counts them (and reads only the few it shows)
    // instead of reading every due card. Built from the existing `reviewDue` keys: cards
    // without one (new, suspended, retired) are not in it.
    tx.objectStore('cards').createIndex('stateDue', ['state', 'reviewDue']);
    // And today's ratings by the state they were given in, for the daily limits.
    tx.objectStore('reviews').createIndex('stateReview', ['state', 'review']);
  }
  if (oldVersion < 5) {
    // v5: topic filters are applied when the queue is read. Version 4 kept the keys of
    // cards outside the filter off the indexes (`outOfScope`, `meta` queue-scope): every
    // card gets its keys back, and the derived flag and the stored scope go.
    // And the export's cache of the log goes: reading the log whole costs ~0.3 s at 50,000
    // reviews, and the cache had to be kept true by every writer.
    if (db.objectStoreNames.contains('logPages' as never)) db.deleteObjectStore('logPages' as never);
    for (const key of ['queue-scope', 'log-pages'])
      tx.objectStore('meta')
        .delete(key)
        .catch(() => {});
    // A failure part-way must not commit a half-migrated database: abort the whole upgrade.
    addQueueKeys(tx).catch(() => {
      try {
        tx.abort();
      } catch {
        // Already aborted.
      }
    });
  }
}

async function addQueueKeys(tx: UpgradeTx): Promise<void> {
  let cursor = await tx.objectStore('cards').openCursor();
  while (cursor) {
    await cursor.update(withQueueKeys(cursor.value));
    cursor = await cursor.continue();
  }
}
