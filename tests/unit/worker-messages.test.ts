import { describe, expect, it } from 'vitest';
import { routeMessage, type WorkerContext } from '@/lib/background/messages';
import { makeBackup } from '@/lib/backup/format';
import { openStudyDb, readHistory, recordRating, syncBank, type StudyDatabase } from '@/lib/db';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/model';
import { makeScheduler } from '@/lib/srs/schedule';
import { T0 } from './helpers';

const BANK = [
  { id: 'a', section: 'basics', topics: ['attention'], order: 0 },
  { id: 'b', section: 'basics', topics: ['attention'], order: 1 },
];

/** The worker's side as the router sees it, on a fake-indexeddb database, recording what follows. */
async function worker(settings: Settings = DEFAULT_SETTINGS) {
  const db: StudyDatabase = await openStudyDb(`worker-${Math.random()}`);
  await syncBank(db, BANK, T0);
  const events: string[] = [];
  let saved: Settings | null = null;
  const ctx: WorkerContext = {
    withStudyDb: (work) => work(db, settings),
    async changed(_db, _s, cardId) {
      events.push(`changed ${cardId ?? '*'}`);
    },
    async saveSettings(s) {
      saved = s;
    },
    bank: () => Promise.resolve(BANK),
    now: () => T0 + 60_000,
    async deleteSync() {
      events.push('sync deleted');
    },
  };
  return { db, ctx, events, saved: () => saved };
}

describe('the worker answers the typed messages and nothing else', () => {
  it('stores a rating and answers the page without waiting for the badge and the other pages', async () => {
    const w = await worker();
    let release = () => {};
    w.ctx.changed = (_db, _s, cardId) => {
      w.events.push(`changed ${cardId}`);
      // The badge refresh is still running when the page must already have its answer.
      return new Promise<void>((r) => (release = r));
    };
    const res = (await routeMessage(
      { type: 'grade', reviewId: 'r1', cardId: 'a', rating: 3, reviewedAt: T0 },
      w.ctx,
    )) as { ok: boolean };
    expect(res.ok).toBe(true);
    expect(await w.db.count('reviews')).toBe(1);
    expect(w.events).toEqual(['changed a']);
    release();
  });

  it('gives no answer to broadcasts, unknown types and malformed requests', async () => {
    const w = await worker();
    expect(routeMessage({ type: 'queue-changed' }, w.ctx)).toBeUndefined();
    expect(routeMessage({ type: 'history-changed' }, w.ctx)).toBeUndefined();
    expect(routeMessage({ type: 'grade', cardId: 'a', rating: 9 }, w.ctx)).toBeUndefined();
    expect(routeMessage(null, w.ctx)).toBeUndefined();
    // An undone reset names the reset it takes back, and nothing else.
    const unreset = (resetAt: unknown) => ({
      type: 'card-action',
      cardId: 'a',
      at: T0,
      action: { kind: 'unreset', resetAt },
    });
    for (const bad of ['x', Number.NaN, null, Infinity])
      expect(routeMessage(unreset(bad), w.ctx)).toBeUndefined();
    expect(routeMessage(unreset(T0), w.ctx)).toBeInstanceOf(Promise);
    expect(await w.db.count('reviews')).toBe(0);
  });

  async function backupText(settings: Settings) {
    const source = await worker();
    await recordRating(source.db, makeScheduler({ retention: 0.9, fuzz: false }), {
      reviewId: 'r1',
      cardId: 'b',
      rating: 3,
      reviewedAt: T0,
    });
    return JSON.stringify(makeBackup(await readHistory(source.db), settings, T0));
  }

  it('says what a backup would change before importing it, and writes nothing', async () => {
    const text = await backupText({ ...DEFAULT_SETTINGS, newPerDay: 7, theme: 'dark' });
    const w = await worker();
    const before = await readHistory(w.db);
    expect(await routeMessage({ type: 'preview-import', text }, w.ctx)).toEqual({
      ok: true,
      preview: {
        reviewsAdded: 1,
        reviewsAlreadyHere: 0,
        cardsChanged: 1,
        settingsChanges: [
          { key: 'newPerDay', from: 10, to: 7 },
          { key: 'theme', from: 'system', to: 'dark' },
        ],
      },
    });
    expect(await readHistory(w.db)).toEqual(before);
    expect(w.saved()).toBeNull();
    await new Promise((r) => setTimeout(r, 0));
    expect(w.events).toEqual([]);
  });

  it('imports a backup in the worker: merged once, its settings applied when asked, the pages told', async () => {
    const text = await backupText({ ...DEFAULT_SETTINGS, newPerDay: 7 });
    const w = await worker();
    expect(await routeMessage({ type: 'import-backup', text, replaceSettings: true }, w.ctx)).toEqual({
      ok: true,
      added: 1,
      skipped: 0,
      rebuilt: 1,
      settingsChanged: [{ key: 'newPerDay', from: 10, to: 7 }],
      settingsKept: false,
    });
    expect(w.saved()?.newPerDay).toBe(7);
    expect(await w.db.count('reviews')).toBe(1);
    await new Promise((r) => setTimeout(r, 0));
    expect(w.events).toEqual(['changed *']);
  });

  it('imports a backup and keeps the settings in use when asked to', async () => {
    const text = await backupText({ ...DEFAULT_SETTINGS, newPerDay: 7 });
    const w = await worker();
    expect(await routeMessage({ type: 'import-backup', text, replaceSettings: false }, w.ctx)).toMatchObject({
      ok: true,
      added: 1,
      settingsChanged: [],
      settingsKept: true,
    });
    expect(w.saved()).toBeNull();
    expect(await w.db.count('reviews')).toBe(1);
  });

  it('refuses a bad file with a message and changes nothing', async () => {
    const w = await worker();
    const before = await readHistory(w.db);
    const res = (await routeMessage(
      { type: 'import-backup', text: '{"format":"nope"', replaceSettings: true },
      w.ctx,
    )) as {
      ok: boolean;
      message: string;
    };
    expect(res.ok).toBe(false);
    expect(res.message.length).toBeGreaterThan(0);
    expect(await readHistory(w.db)).toEqual(before);
    expect(w.saved()).toBeNull();
    expect(w.events).toEqual([]);
  });

  it('checks the database in the worker and reports what it did', async () => {
    const w = await worker();
    const res = (await routeMessage({ type: 'check-database' }, w.ctx)) as {
      ok: boolean;
      report: Record<string, number>;
    };
    expect(res).toEqual({
      ok: true,
      report: { retired: 0, rebuilt: 0, recreated: 0, futureReviews: 0, orphansKept: 0 },
    });
  });

  it('answers a storage failure in words instead of leaving the page waiting', async () => {
    const w = await worker();
    w.ctx.withStudyDb = () => Promise.reject(Object.assign(new Error('x'), { name: 'QuotaExceededError' }));
    expect(
      await routeMessage({ type: 'grade', reviewId: 'r1', cardId: 'a', rating: 3, reviewedAt: T0 }, w.ctx),
    ).toMatchObject({ ok: false, error: 'storage', message: expect.stringMatching(/disk is full/) });
  });

  it('deletes our data from sync when asked, and says why not when it cannot', async () => {
    const w = await worker();
    expect(await routeMessage({ type: 'sync-delete' }, w.ctx)).toEqual({ ok: true });
    expect(w.events).toEqual(['sync deleted']);
    w.ctx.deleteSync = () => Promise.reject(new Error('sync is unreachable'));
    expect(await routeMessage({ type: 'sync-delete' }, w.ctx)).toEqual({
      ok: false,
      message: 'sync is unreachable',
    });
  });
});
