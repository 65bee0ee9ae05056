import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { makeBackup } from '@/lib/backup';
import { restoreFromText } from '@/lib/backup-import';
import { undoRating } from '@/lib/db/card-actions';
import { buildLogPages, readBackupData } from '@/lib/db/log-pages';
import { readStatsData } from '@/lib/db/stats-read';
import {
  checkDatabase,
  openStudyDb,
  readHistory,
  recordRating,
  syncBank,
  type StudyDatabase,
} from '@/lib/db';
import { reviewToRow } from '@/lib/backup';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { makeScheduler } from '@/lib/srs/schedule';

const T0 = Date.UTC(2026, 6, 1, 9);
const DAY = 86_400_000;
const BANK = [
  { id: 'a', section: 'basics', topics: ['attention'], order: 0 },
  { id: 'b', section: 'inference', topics: ['kv-cache'], order: 1 },
] as const;
const f = makeScheduler({ retention: 0.9, fuzz: false });

async function dbWith(n: number): Promise<StudyDatabase> {
  const db = await openStudyDb(`pages-${Math.random()}`);
  await syncBank(
    db,
    [...BANK].map((e) => ({ ...e, topics: [...e.topics] })),
    T0,
  );
  for (let i = 0; i < n; i++) {
    await recordRating(db, f, {
      reviewId: `r${i}`,
      cardId: i % 2 ? 'b' : 'a',
      rating: Rating.Good,
      reviewedAt: T0 + i * DAY,
    });
  }
  return db;
}

/** What the log holds, as rows, in a fixed order (the two read paths order rows differently). */
async function truth(db: StudyDatabase) {
  return (await readHistory(db)).reviews.map(reviewToRow).sort((x, y) => x[0].localeCompare(y[0]));
}

const sorted = (rows: [string, string, ...number[]][]) => [...rows].sort((x, y) => x[0].localeCompare(y[0]));

describe('pages of the review log (fast export)', () => {
  it('reads the log in full until pages exist, then reads the pages plus later reviews', async () => {
    const db = await dbWith(6);
    const before = await readBackupData(db);
    expect(before.rebuildPages).toBe(true);
    expect(sorted(before.rows)).toEqual(await truth(db));
    await buildLogPages(db);
    await recordRating(db, f, {
      reviewId: 'later',
      cardId: 'a',
      rating: Rating.Hard,
      reviewedAt: T0 + 10 * DAY,
    });
    const after = await readBackupData(db);
    expect(after.rebuildPages).toBe(false);
    expect(after.rows).toHaveLength(7);
    expect(sorted(after.rows)).toEqual(await truth(db));
  });

  it('never serves stale pages: undo, an old rating, an import and a repair each fall back to the log', async () => {
    const db = await dbWith(4);
    await buildLogPages(db);
    // Undo of a paged rating drops the pages in the same transaction.
    expect((await undoRating(db, f, 'r3')).status).toBe('undone');
    let read = await readBackupData(db);
    expect(read.rebuildPages).toBe(true);
    expect(sorted(read.rows)).toEqual(await truth(db));
    // A review written before the pages' end by any other path is caught by the count.
    await buildLogPages(db);
    await db.put('reviews', { ...(await db.get('reviews', 'r0'))!, id: 'old', review: T0 - DAY });
    read = await readBackupData(db);
    expect(read.rebuildPages).toBe(true);
    expect(sorted(read.rows)).toEqual(await truth(db));
    // An import that adds reviews drops them.
    await buildLogPages(db);
    const other = await dbWith(6);
    const text = JSON.stringify(makeBackup(await readHistory(other), DEFAULT_SETTINGS, T0 + 20 * DAY));
    expect(
      await restoreFromText(
        db,
        text,
        [...BANK].map((e) => ({ ...e, topics: [...e.topics] })),
        T0 + 20 * DAY,
      ),
    ).toMatchObject({ ok: true });
    read = await readBackupData(db);
    expect(read.rebuildPages).toBe(true);
    expect(sorted(read.rows)).toEqual(await truth(db));
    // A repair that rewrites a future-dated review drops them.
    await db.put('reviews', { ...(await db.get('reviews', 'r0'))!, review: T0 + 999 * DAY });
    await buildLogPages(db);
    await checkDatabase(
      db,
      [...BANK].map((e) => ({ ...e, topics: [...e.topics] })),
      T0 + 30 * DAY,
      0.9,
    );
    read = await readBackupData(db);
    expect(read.rebuildPages).toBe(true);
    expect(sorted(read.rows)).toEqual(await truth(db));
  });

  it('drops the pages when undo deletes a paged rating, even if a later one keeps the count', async () => {
    const db = await dbWith(2);
    await buildLogPages(db);
    expect((await undoRating(db, f, 'r1')).status).toBe('undone');
    // A rating stamped inside the pages' span: the count alone would add up again.
    await db.put('reviews', { ...(await db.get('reviews', 'r0'))!, id: 'late', review: T0 + DAY / 2 });
    const read = await readBackupData(db);
    expect(sorted(read.rows)).toEqual(await truth(db));
    expect(read.rows.map((r) => r[0])).not.toContain('r1');
  });

  it('asks for new pages once more than a page of reviews came after them, or the row layout changed', async () => {
    const db = await dbWith(1);
    await buildLogPages(db);
    const tx = db.transaction('reviews', 'readwrite');
    const base = (await tx.store.get('r0'))!;
    await Promise.all([
      ...Array.from({ length: 1001 }, (_, i) => tx.store.put({ ...base, id: `t${i}`, review: T0 + DAY + i })),
      tx.done,
    ]);
    expect((await readBackupData(db)).rebuildPages).toBe(true);
    await buildLogPages(db);
    expect((await readBackupData(db)).rebuildPages).toBe(false);
    await db.put(
      'meta',
      { ...((await db.get('meta', 'log-pages')) as object), columns: 'id,cardId' },
      'log-pages',
    );
    const read = await readBackupData(db);
    expect(read.rebuildPages).toBe(true);
    expect(sorted(read.rows)).toEqual(await truth(db));
  });

  it('gives the statistics the same log with or without pages, and builds them for next time', async () => {
    const db = await dbWith(5);
    const plain = (rs: { id: string }[]) =>
      rs
        .map(({ prevDue: _p, ...r }: { id: string; prevDue?: number }) => r)
        .sort((a, b) => a.id.localeCompare(b.id));
    const direct = plain(await db.getAll('reviews'));
    expect(plain((await readStatsData(db)).reviews)).toEqual(direct);
    await expect.poll(async () => (await readBackupData(db)).rebuildPages).toBe(false);
    expect(plain((await readStatsData(db)).reviews)).toEqual(direct);
  });

  it('keeps pages of 1,000 rows', async () => {
    const db = await dbWith(0);
    const tx = db.transaction('reviews', 'readwrite');
    await Promise.all([
      ...Array.from({ length: 2500 }, (_, i) =>
        tx.store.put({
          ...{
            rating: 3,
            state: 2,
            due: T0,
            stability: 1,
            difficulty: 5,
            elapsed_days: 1,
            last_elapsed_days: 0,
            scheduled_days: 1,
            learning_steps: 0,
          },
          id: `x${i}`,
          cardId: 'a',
          review: T0 + i,
        } as never),
      ),
      tx.done,
    ]);
    await buildLogPages(db);
    const pages = await db.getAll('logPages');
    expect(pages.map((p) => p.rows.length)).toEqual([1000, 1000, 500]);
    const read = await readBackupData(db);
    expect(read.rebuildPages).toBe(false);
    expect(sorted(read.rows)).toEqual(await truth(db));
  });
});
