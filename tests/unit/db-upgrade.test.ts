import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { State } from 'ts-fsrs';
import { DB_VERSION, newCardWindow, openStudyDb, withQueueKeys } from '@/lib/db';

interface Fixture {
  version: number;
  cards: Record<string, unknown>[];
  reviews: Record<string, unknown>[];
  meta: Record<string, unknown>;
}

const V1 = JSON.parse(readFileSync(resolve(__dirname, '../fixtures/db-v1.json'), 'utf8')) as Fixture;

/** Builds a database exactly as version 1 of the extension left it, with raw IndexedDB. */
async function makeV1Database(name: string): Promise<void> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const req = indexedDB.open(name, 1);
    req.onupgradeneeded = () => {
      const d = req.result;
      const cards = d.createObjectStore('cards', { keyPath: 'id' });
      cards.createIndex('due', 'due');
      const reviews = d.createObjectStore('reviews', { keyPath: 'id' });
      reviews.createIndex('review', 'review');
      reviews.createIndex('cardId', 'cardId');
      d.createObjectStore('meta');
    };
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  await new Promise<void>((res, rej) => {
    const tx = db.transaction(['cards', 'reviews', 'meta'], 'readwrite');
    for (const c of V1.cards) tx.objectStore('cards').put(c);
    for (const r of V1.reviews) tx.objectStore('reviews').put(r);
    for (const [k, v] of Object.entries(V1.meta)) tx.objectStore('meta').put(v, k);
    tx.oncomplete = () => res();
    tx.onerror = () => rej(tx.error);
  });
  db.close();
}

describe('upgrading the database', () => {
  it('keeps every card, review and meta value from version 1 and adds the queue keys', async () => {
    const name = `upgrade-${Math.random()}`;
    await makeV1Database(name);
    const db = await openStudyDb(name);
    expect(db.version).toBe(DB_VERSION);
    const cards = await db.getAll('cards');
    expect(cards).toHaveLength(V1.cards.length);
    for (const old of V1.cards) {
      const now = cards.find((c) => c.id === old.id)!;
      expect(now).toEqual(withQueueKeys(old as never));
      expect(now).toMatchObject(old);
    }
    expect(await db.getAll('reviews')).toEqual(
      [...V1.reviews].sort((a, b) => String(a.id).localeCompare(String(b.id))),
    );
    expect(await db.get('meta', 'bank-signature')).toBe('5:deadbeef');
    // Version 3 added a cache of the log that version 5 removed again.
    expect([...db.objectStoreNames].sort()).toEqual(['cards', 'meta', 'reviews']);
    // The new indexes answer the queue's questions.
    const due = await db.getAllFromIndex('cards', 'reviewDue', IDBKeyRange.upperBound(Date.UTC(2030, 0, 1)));
    expect(due.map((c) => c.id).sort()).toEqual(
      V1.cards
        .filter((c) => c.state !== State.New && c.inBank)
        .map((c) => c.id as string)
        .sort(),
    );
    const fresh = await newCardWindow(
      db,
      { disabledSections: [], disabledTopics: [] },
      10,
      Date.UTC(2030, 0, 1),
    );
    expect(fresh.every((c) => c.state === State.New && c.inBank)).toBe(true);
    // Version 4's index holds every scheduled card still in the bank, by state.
    const scheduled = V1.cards.filter((c) => c.state !== State.New && c.inBank);
    expect(await db.countFromIndex('cards', 'stateDue')).toBe(scheduled.length);
    expect(
      await db.countFromIndex(
        'cards',
        'stateDue',
        IDBKeyRange.bound([State.Review, 0], [State.Review, Infinity]),
      ),
    ).toBe(scheduled.filter((c) => c.state === State.Review).length);
    // ...and every rating by the state it was given in.
    expect(await db.countFromIndex('reviews', 'stateReview')).toBe(V1.reviews.length);
    db.close();
  });
});

describe('upgrading a version 4 database', () => {
  it('gives cards kept off the indexes by a topic filter their keys back, and drops the log cache, losing nothing', async () => {
    const name = `v4-${Math.random()}`;
    const review = { ...(V1.cards.find((c) => c.state === State.Review && c.inBank) as object) };
    const fresh = { ...(V1.cards.find((c) => c.state === State.New && c.inBank) as object) };
    // As version 4 left them: outside the filter, flagged and without queue keys.
    const cards = [
      { ...review, id: 'out-review', section: 'inference', outOfScope: true },
      { ...fresh, id: 'out-new', section: 'inference', outOfScope: true },
      withQueueKeys({ ...(review as Parameters<typeof withQueueKeys>[0]), id: 'in-review' }),
    ];
    const db4 = await new Promise<IDBDatabase>((res, rej) => {
      const req = indexedDB.open(name, 4);
      req.onupgradeneeded = () => {
        const d = req.result;
        const c = d.createObjectStore('cards', { keyPath: 'id' });
        for (const i of ['due', 'reviewDue', 'newOrder']) c.createIndex(i, i);
        c.createIndex('stateDue', ['state', 'reviewDue']);
        const r = d.createObjectStore('reviews', { keyPath: 'id' });
        for (const i of ['review', 'cardId']) r.createIndex(i, i);
        r.createIndex('stateReview', ['state', 'review']);
        d.createObjectStore('meta');
        d.createObjectStore('logPages');
      };
      req.onsuccess = () => res(req.result);
      req.onerror = () => rej(req.error);
    });
    await new Promise<void>((res, rej) => {
      const tx = db4.transaction(['cards', 'reviews', 'meta', 'logPages'], 'readwrite');
      for (const c of cards) tx.objectStore('cards').put(c);
      for (const r of V1.reviews) tx.objectStore('reviews').put(r);
      tx.objectStore('meta').put({ disabledSections: ['inference'], disabledTopics: [] }, 'queue-scope');
      tx.objectStore('meta').put({ count: 1, upTo: 1, columns: 'x' }, 'log-pages');
      tx.objectStore('meta').put('5:deadbeef', 'bank-signature');
      tx.objectStore('logPages').put({ rows: [] }, 0);
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
    db4.close();

    const db = await openStudyDb(name);
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['cards', 'meta', 'reviews']);
    const after = await db.getAll('cards');
    expect(after.map((c) => c.id).sort()).toEqual(['in-review', 'out-new', 'out-review']);
    for (const c of after) expect(c).not.toHaveProperty('outOfScope');
    expect(after.find((c) => c.id === 'out-review')!.reviewDue).toBe((review as { due: number }).due);
    expect(after.find((c) => c.id === 'out-new')!.newOrder).toBe((fresh as { order: number }).order);
    expect(await db.count('reviews')).toBe(V1.reviews.length);
    expect(await db.getAllKeys('meta')).toEqual(['bank-signature']);
    db.close();
  });
});

describe('withQueueKeys', () => {
  it('indexes new cards by bank order, scheduled ones by due, retired ones not at all', () => {
    const base = V1.cards[0] as never as Parameters<typeof withQueueKeys>[0];
    expect(withQueueKeys({ ...base, state: State.New, order: 7, inBank: true })).toMatchObject({
      newOrder: 7,
    });
    const review = withQueueKeys({ ...base, state: State.Review, due: 123, inBank: true });
    expect(review.reviewDue).toBe(123);
    expect(review.newOrder).toBeUndefined();
    const retired = withQueueKeys({ ...review, inBank: false });
    expect(retired.reviewDue).toBeUndefined();
    expect(retired.newOrder).toBeUndefined();
  });
});

describe('upgrades that cannot hang or half-happen', () => {
  it('closes an open connection when a newer version wants to upgrade (no hang)', async () => {
    const name = `blocking-${Math.random()}`;
    const db = await openStudyDb(name);
    // A newer build of the extension opens the same database at a higher version.
    const newer = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, DB_VERSION + 1);
      req.onblocked = () => reject(new Error('blocked: the old connection did not close'));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    expect(newer.version).toBe(DB_VERSION + 1);
    newer.close();
    void db;
  });

  it('leaves the old database usable when a migration step throws', async () => {
    const name = `throwing-${Math.random()}`;
    await makeV1Database(name);
    const { openDB } = await import('idb');
    const { upgrade } = await import('@/lib/db/upgrade');
    await expect(
      openDB(name, DB_VERSION, {
        upgrade(db, oldVersion, newVersion, tx) {
          upgrade(db as never, oldVersion, newVersion, tx as never);
          throw new Error('a broken migration');
        },
      }),
    ).rejects.toThrow();
    const old = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    expect(old.version).toBe(1);
    const count = await new Promise<number>((resolve) => {
      const req = old.transaction('reviews').objectStore('reviews').count();
      req.onsuccess = () => resolve(req.result);
    });
    expect(count).toBe(V1.reviews.length);
    old.close();
    // The real upgrade still works afterwards.
    const db = await openStudyDb(name);
    expect(await db.count('cards')).toBe(V1.cards.length);
    db.close();
  });
});
