import { describe, expect, it, vi } from 'vitest';
import { handleCardAction, handleGrade, handleUndo } from '@/lib/background/handlers';
import { SYNC_DELAY_MS, syncOnce, type SyncArea } from '@/lib/background/sync';
import { syncWorker } from '@/lib/background/sync-worker';
import { openStudyDb, syncBank, type StudyDatabase } from '@/lib/db';
import { readWholeLogNext } from '@/lib/db/sync';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/model';
import type { Grade } from '@/lib/srs/card-state';
import { bytesOf, QUOTA } from '@/lib/sync/format';
import { EMPTY_SYNC_STATUS, type SyncStatus } from '@/lib/sync/status';
import { T0 } from './helpers';

const MIN = 60_000;
const DAY = 86_400_000;
const IDS = ['a', 'b', 'c', 'd', 'e'];
const BANK = IDS.map((id, order) => ({ id, section: 'basics', topics: ['attention'], order }));

/** `storage.sync` as the service keeps it: JSON in, JSON out, and a count of writes. */
function fakeArea(): SyncArea & { items: Record<string, unknown>; writes: number } {
  const area = {
    items: {} as Record<string, unknown>,
    writes: 0,
    get: async () => JSON.parse(JSON.stringify(area.items)) as Record<string, unknown>,
    set: async (items: Record<string, unknown>) => {
      area.writes++;
      Object.assign(area.items, JSON.parse(JSON.stringify(items)));
    },
    remove: async (keys: string[]) => {
      area.writes++;
      for (const k of keys) delete area.items[k];
    },
  };
  return area;
}

interface Device {
  db: StudyDatabase;
  settings: Settings;
  now: number;
  status: SyncStatus;
  sync(): ReturnType<typeof syncOnce>;
  rate(cardId: string, rating: Grade, id?: string): Promise<string>;
}

/** One browser: its database, settings, clock and what its sync status was. */
async function device(name: string, area: SyncArea, settings: Settings = { ...DEFAULT_SETTINGS }) {
  const db = await openStudyDb(`sync-${name}-${Math.random()}`);
  await syncBank(db, BANK, T0);
  const d: Device = {
    db,
    settings,
    now: T0,
    status: EMPTY_SYNC_STATUS as SyncStatus,
    async sync() {
      const run = await syncOnce(db, d.settings, {
        area,
        now: d.now,
        makeId: () => name,
        previous: d.status,
      });
      d.status = run.status;
      if (run.settings) d.settings = run.settings;
      return run;
    },
    async rate(cardId: string, rating: Grade, id = `${name}-${cardId}-${d.now}`) {
      const r = await handleGrade(db, d.settings, {
        type: 'grade',
        reviewId: id,
        cardId,
        rating,
        reviewedAt: d.now,
      });
      if (!r.ok) throw new Error(r.message);
      return id;
    },
  };
  return d;
}

/**
 * Each card's schedule and settings, without the fields that are only this browser's: when
 * the person set things here, and a new card's due time (when this browser first met it;
 * new cards come in the bank's order, not by it).
 */
async function schedules(d: Device) {
  const cards = await d.db.getAll('cards');
  return cards.map(
    ({ reviewDue: _r, newOrder: _n, suspendedAt: _s, buriedAt: _b, noteAt: _t, resetFrom: _f, ...c }) =>
      c.reps === 0 ? { ...c, due: 0 } : c,
  );
}

async function reviewIds(d: Device): Promise<string[]> {
  return (await d.db.getAllKeys('reviews')).map(String).sort();
}

describe('sync between two browsers through storage.sync', () => {
  it('ratings on A arrive on B, ratings on B arrive back on A: the same schedules, no rating twice', async () => {
    const area = fakeArea();
    const a = await device('laptop', area);
    const b = await device('desktop', area);
    await a.rate('a', 3);
    await a.rate('b', 1);
    a.now += 10 * MIN;
    await a.rate('b', 3);
    await a.sync();
    expect(a.status.sentAt).toBe(a.now);
    b.now = a.now + MIN;
    const got = await b.sync();
    expect(got.reviewsChanged).toBe(true);
    expect(got.changedCards.sort()).toEqual(['a', 'b']);
    expect(await reviewIds(b)).toEqual(await reviewIds(a));
    // A rating that came through sync says where from; its FSRS log entry is the one rating gave.
    const there = await b.db.get('reviews', 'laptop-b-' + (T0 + 10 * MIN));
    const here = await a.db.get('reviews', 'laptop-b-' + (T0 + 10 * MIN));
    const { prevDue: _p, ...entry } = here!;
    expect(there).toEqual({ ...entry, from: 'laptop' });

    b.now += DAY;
    await b.rate('c', 4);
    await b.rate('a', 3);
    await b.sync();
    a.now = b.now + MIN;
    await a.sync();
    expect(await schedules(a)).toEqual(await schedules(b));
    expect(await reviewIds(a)).toEqual(await reviewIds(b));
    expect(await a.db.count('reviews')).toBe(5);
    expect(a.status.receivedAt).toBe(a.now);
    expect(a.status.devices).toBe(1);
  });

  it('two browsers that studied before they first synced keep the longer history of a card', async () => {
    const area = fakeArea();
    const a = await device('laptop', area);
    const b = await device('desktop', area);
    // B studied card a for two months; A met it once, forgot it, weeks ago.
    for (let day = 0; day <= 60; day += 12) {
      b.now = T0 + day * DAY;
      await b.rate('a', 3);
    }
    a.now = T0 + 40 * DAY;
    await a.rate('a', 1);
    const before = await b.db.get('cards', 'a');
    a.now = b.now = T0 + 75 * DAY;
    await a.sync();
    await b.sync();
    await a.sync();
    const [onA, onB] = [await a.db.get('cards', 'a'), await b.db.get('cards', 'a')];
    expect(onB?.reps).toBe(before?.reps);
    expect(onB?.stability).toBe(before?.stability);
    expect(await schedules(a)).toEqual(await schedules(b));
    expect(onA?.reps).toBe(6);
  });

  it('after a repair or an import, a card known only from another browser keeps its history here', async () => {
    const area = fakeArea();
    const b = await device('desktop', area);
    for (let day = 0; day <= 60; day += 10) {
      b.now = T0 + day * DAY;
      await b.rate('a', 3);
    }
    b.now = T0 + 80 * DAY;
    await b.sync();
    // A joins when B's ratings of the card are older than what sync keeps one by one.
    const a = await device('laptop', area);
    a.now = b.now + MIN;
    await a.sync();
    expect((await a.db.get('cards', 'a'))?.reps).toBe(7);
    await readWholeLogNext(a.db)(null);
    for (const k of Object.keys(area.items)) if (k.startsWith('d.desktop')) delete area.items[k];
    a.now += DAY;
    await a.rate('a', 3);
    await a.sync();
    expect((await a.db.get('cards', 'a'))?.reps).toBe(8);
  });

  it('an undo on A takes the rating away on B too', async () => {
    const area = fakeArea();
    const a = await device('laptop', area);
    const b = await device('desktop', area);
    const id = await a.rate('a', 3);
    await a.sync();
    await b.sync();
    expect(await reviewIds(b)).toEqual([id]);
    const undone = await handleUndo(a.db, a.settings, { type: 'undo', reviewId: id }, a.now + 5_000);
    expect(undone.ok).toBe(true);
    await a.sync();
    await b.sync();
    expect(await reviewIds(b)).toEqual([]);
    expect((await b.db.get('cards', 'a'))?.reps).toBe(0);
    expect(await schedules(b)).toEqual(await schedules(a));
  });

  it('a reset taken back stays taken back after the round that sent the reset', async () => {
    const area = fakeArea();
    const a = await device('laptop', area);
    await a.rate('a', 3);
    a.now += DAY;
    await a.rate('a', 3);
    const studied = await a.db.get('cards', 'a');
    a.now += MIN;
    const reset = await handleCardAction(a.db, a.settings, {
      type: 'card-action',
      cardId: 'a',
      action: { kind: 'reset' },
      at: a.now,
    });
    expect(reset.ok).toBe(true);
    await a.sync();
    const back = await handleCardAction(a.db, a.settings, {
      type: 'card-action',
      cardId: 'a',
      action: { kind: 'unreset', resetAt: a.now },
      at: a.now + 5_000,
    });
    expect(back.ok).toBe(true);
    a.now += MIN;
    await a.sync();
    expect((await a.db.get('cards', 'a'))?.reps).toBe(studied?.reps);
    expect((await a.db.get('cards', 'a'))?.stability).toBe(studied?.stability);
  });

  it('suspend, bury, note and reset travel, the latest change winning', async () => {
    const area = fakeArea();
    const a = await device('laptop', area);
    const b = await device('desktop', area);
    await a.rate('a', 3);
    const act = (d: Device, cardId: string, action: Parameters<typeof handleCardAction>[2]['action']) =>
      handleCardAction(d.db, d.settings, { type: 'card-action', cardId, action, at: d.now });
    await act(a, 'b', { kind: 'suspend' });
    await act(a, 'c', { kind: 'note', text: 'see the RoPE paper' });
    await act(a, 'd', { kind: 'bury' });
    await a.sync();
    b.now = a.now + MIN;
    await b.sync();
    expect((await b.db.get('cards', 'b'))?.suspended).toBe(true);
    expect((await b.db.get('cards', 'c'))?.note).toBe('see the RoPE paper');
    expect((await b.db.get('cards', 'd'))?.buriedUntil).toBe((await a.db.get('cards', 'd'))?.buriedUntil);
    // B changes its mind later: unsuspends and resets a card A studied.
    b.now += MIN;
    await act(b, 'b', { kind: 'unsuspend' });
    await act(b, 'a', { kind: 'reset' });
    await b.sync();
    a.now = b.now + MIN;
    await a.sync();
    expect((await a.db.get('cards', 'b'))?.suspended).toBeUndefined();
    expect((await a.db.get('cards', 'a'))?.reps).toBe(0);
    expect((await a.db.get('cards', 'a'))?.resetAt).toBe(b.now);
    expect(await schedules(a)).toEqual(await schedules(b));
  });

  it('settings travel (all but the theme and the switch); a browser that joins takes what sync holds', async () => {
    const area = fakeArea();
    const a = await device('laptop', area, { ...DEFAULT_SETTINGS, newPerDay: 25, theme: 'dark' });
    await a.sync();
    const b = await device('desktop', area, { ...DEFAULT_SETTINGS, theme: 'light' });
    b.now += MIN;
    const got = await b.sync();
    expect(got.settings?.newPerDay).toBe(25);
    expect(got.settings?.theme).toBe('light');
    b.settings = { ...b.settings, disabledSections: ['inference'] };
    b.now += MIN;
    await b.sync();
    a.now = b.now + MIN;
    const back = await a.sync();
    expect(back.settings?.disabledSections).toEqual(['inference']);
    expect(back.settings?.theme).toBe('dark');
    // Nothing changed since: a round writes nothing.
    const writes = area.writes;
    await a.sync();
    await b.sync();
    expect(area.writes).toBe(writes);
  });

  it('two browsers with nothing new write nothing, round after round', async () => {
    const area = fakeArea();
    const a = await device('laptop', area);
    const b = await device('desktop', area);
    await a.sync();
    await b.sync();
    await a.sync();
    const writes = area.writes;
    for (let i = 1; i <= 3; i++) {
      a.now += i * MIN;
      b.now += i * MIN;
      await a.sync();
      await b.sync();
    }
    expect(area.writes).toBe(writes);
  });

  it('refuses corrupt or hostile sync data with a message, and changes nothing here', async () => {
    const area = fakeArea();
    const b = await device('desktop', area);
    await b.rate('a', 3);
    const before = [await schedules(b), await reviewIds(b)];
    area.items['d.evil'] = { v: 1, n: 1, t: T0 };
    area.items['d.evil.0'] = JSON.parse('{"v":1,"b":1767600000000,"e":[],"c":"","n":[],"__proto__":{"x":1}}');
    area.items['d.broken'] = { v: 1, n: 2, t: T0 };
    area.items['d.broken.0'] = { v: 1, b: T0, e: ['r?????'], c: '', n: [] };
    area.items['d.future'] = { v: 9, n: 1, t: T0 };
    await b.sync();
    expect(b.status.problems).toHaveLength(2);
    expect(b.status.problems.join(' ')).toMatch(/__proto__/);
    expect(b.status.problems.join(' ')).toMatch(/device broken, part 0: event 1 is malformed/);
    expect(b.status.newer[0]).toMatch(/update the extension/);
    expect([await schedules(b), await reviewIds(b)]).toEqual(before);
    expect(area.items['d.future']).toEqual({ v: 9, n: 1, t: T0 });
  });

  it('when the quota is full: keeps fewer days, then sends nothing and says so, never losing local data', async () => {
    const area = fakeArea();
    const a = await device('laptop', area);
    await a.rate('a', 3);
    // Another extension version's items (ours, refused as unknown) take all but a little of the quota.
    for (let i = 0; i < 13; i++) area.items[`pad${i}`] = 'x'.repeat(7_900);
    await a.sync();
    expect(a.status.full).toBe(true);
    expect(area.items['d.laptop']).toBeUndefined();
    expect(await reviewIds(a)).toHaveLength(1);
    for (let i = 0; i < 13; i++) delete area.items[`pad${i}`];
    a.now += MIN;
    await a.sync();
    expect(a.status.full).toBeUndefined();
    expect(area.items['d.laptop']).toBeDefined();
  });

  it('removes a browser not heard from in 60 days from sync, keeping what it held in its own log', async () => {
    const area = fakeArea();
    const old = await device('old', area);
    await old.rate('a', 4);
    await old.sync();
    const a = await device('laptop', area);
    a.now = T0 + 61 * DAY;
    await a.sync();
    expect(Object.keys(area.items).filter((k) => k.startsWith('d.old'))).toEqual([]);
    expect((await a.db.get('cards', 'a'))?.reps).toBe(1);
    // A third browser that joins later still gets the card, from the laptop's items.
    const c = await device('tablet', area);
    c.now = a.now + MIN;
    await c.sync();
    expect((await c.db.get('cards', 'a'))?.reps).toBe(1);
  });

  it('frees the room of a browser gone 60 days before it writes, where the quota would refuse both', async () => {
    const area = fakeArea();
    const old = await device('old', area);
    for (const id of IDS) {
      await old.rate(id, 3);
      await handleCardAction(old.db, old.settings, {
        type: 'card-action',
        cardId: id,
        action: { kind: 'note', text: `${id}: ${'x'.repeat(480)}` },
        at: old.now,
      });
    }
    await old.sync();
    const a = await device('laptop', area);
    a.now = T0 + 61 * DAY;
    // The rest of the quota is taken but for 1,500 bytes; the browser refuses a write past it.
    area.items.pad = 'x'.repeat(QUOTA.bytes - bytesOf(area.items) - 1_500 - 10);
    const set = area.set;
    area.set = async (items) => {
      if (bytesOf({ ...area.items, ...items }) > QUOTA.bytes) throw new Error('QUOTA_BYTES quota exceeded');
      await set(items);
    };
    await a.sync();
    expect(a.status.error).toBeUndefined();
    expect(Object.keys(area.items).filter((k) => k.startsWith('d.old'))).toEqual([]);
    expect(area.items['d.laptop']).toBeDefined();
    expect((await a.db.get('cards', 'c'))?.note).toMatch(/^c: x/);
  });

  it('a write the browser refuses is said, changes nothing here, and goes out on the next round', async () => {
    const area = fakeArea();
    const a = await device('laptop', area);
    await a.rate('a', 3);
    const set = area.set;
    area.set = async () => {
      throw new Error('QUOTA_BYTES_PER_ITEM quota exceeded');
    };
    await a.sync();
    expect(a.status.error).toMatch(/quota exceeded/);
    expect(a.status.sentAt).toBeUndefined();
    expect(await reviewIds(a)).toHaveLength(1);
    area.set = set;
    a.now += MIN;
    await a.sync();
    expect(a.status.error).toBeUndefined();
    expect(a.status.sentAt).toBe(a.now);
  });

  it('a device offline for months, with its clock ahead, still converges', async () => {
    const area = fakeArea();
    const a = await device('laptop', area);
    const b = await device('desktop', area);
    await a.rate('a', 3);
    await a.sync();
    await b.sync();
    // A goes offline and keeps studying, its clock two hours fast; B studies for months and compacts.
    a.now += 2 * 3_600_000;
    await a.rate('a', 3);
    for (let day = 1; day <= 90; day += 7) {
      b.now = T0 + day * DAY;
      await b.rate('b', 3);
      await b.rate('c', day % 2 ? 3 : 2);
      await b.sync();
    }
    a.now = b.now + 2 * 3_600_000;
    await a.rate('d', 4);
    await a.sync();
    b.now += MIN;
    await b.sync();
    a.now += MIN;
    await a.sync();
    expect(await schedules(a)).toEqual(await schedules(b));
    // Ratings travel one by one for 14 days; older ones arrive inside their card's checkpoint.
    const recent = (ids: string[]) => ids.filter((id) => Number(id.split('-')[2]) > b.now - 14 * DAY);
    expect(recent(await reviewIds(a))).toEqual(recent(await reviewIds(b)));
    expect(recent(await reviewIds(a))).toContain(`laptop-d-${a.now - MIN}`);
    // A round that reads every rating (not only those after the last horizon) finds the same.
    const writes = area.writes;
    const whole = await syncOnce(a.db, a.settings, {
      area,
      now: a.now,
      makeId: () => 'laptop',
      previous: a.status,
      whole: true,
    });
    expect(whole.changedCards).toEqual([]);
    expect(whole.reviewsChanged).toBe(false);
    expect(area.writes).toBe(writes);
  });

  it('the same item written by two browsers at once: the last write wins, and the next round mends it', async () => {
    const area = fakeArea();
    const a = await device('laptop', area, { ...DEFAULT_SETTINGS, newPerDay: 5 });
    const b = await device('desktop', area, { ...DEFAULT_SETTINGS, newPerDay: 15 });
    await a.sync();
    await b.sync();
    // Both change the settings before either hears of the other; the service keeps B's write.
    a.settings = { ...a.settings, maxReviewsPerDay: 120 };
    b.settings = { ...b.settings, maxReviewsPerDay: 80 };
    a.now += MIN;
    b.now += 2 * MIN;
    const held = JSON.parse(JSON.stringify(area.items)) as Record<string, unknown>;
    await a.sync();
    area.items = held;
    await b.sync();
    a.now += 3 * MIN;
    await a.sync();
    expect(a.settings.maxReviewsPerDay).toBe(80);
    expect(b.settings.maxReviewsPerDay).toBe(80);
  });

  it('a browser on an older version leaves out the cards it does not know, says so, and takes the rest', async () => {
    const area = fakeArea();
    const older = await device('older', area);
    const newer = await device('newer', area);
    // The newer version's bank has one more question, and it was studied there.
    await syncBank(newer.db, [...BANK, { id: 'f', section: 'basics', topics: ['attention'], order: 5 }], T0);
    await newer.rate('f', 3);
    await newer.rate('a', 3);
    await newer.sync();
    await older.rate('b', 4);
    await older.sync();
    expect(older.status.problems).toEqual([
      "the sync data of device newer: 1 entry for cards this version does not know were left out (update the extension if it is older than that browser's)",
    ]);
    expect(await reviewIds(older)).toEqual([`newer-a-${T0}`, `older-b-${T0}`]);
    // The newer one reads the older one's data.
    await newer.sync();
    expect(newer.status.problems).toEqual([]);
    expect(await reviewIds(newer)).toContain(`older-b-${T0}`);
  });

  it("leaves a newer version's settings and data alone, and a horizon ahead of this clock is refused", async () => {
    const area = fakeArea();
    const b = await device('desktop', area);
    area.items.s = { v: 2, t: T0, d: 'future', s: {} };
    area.items['d.ahead'] = { v: 1, n: 1, t: T0, h: T0 + 3_600_000 };
    area.items['d.ahead.0'] = { v: 1, b: T0, e: [], c: '', n: [] };
    await b.sync();
    expect(area.items.s).toEqual({ v: 2, t: T0, d: 'future', s: {} });
    expect(b.status.newer).toHaveLength(1);
    expect(b.status.problems.join(' ')).toMatch(/device ahead, head: h:/);
  });
});

describe("the worker's side of sync", () => {
  async function worker(settings: Settings) {
    const area = fakeArea();
    const db = await openStudyDb(`sync-worker-${Math.random()}`);
    await syncBank(db, BANK, T0);
    const log: string[] = [];
    let status: SyncStatus = EMPTY_SYNC_STATUS;
    const w = syncWorker({
      withStudyDb: (work) => work(db, settings),
      area: { ...area, clear: async () => void (area.items = {}) },
      readStatus: async () => status,
      saveStatus: async (s) => void (status = s),
      saveSettings: async (p) => void log.push(`settings ${JSON.stringify(p)}`),
      setAlarm: async (m) => void log.push(`alarm ${m}`),
      afterMerge: async () => void log.push('merged'),
      makeId: () => 'here',
    });
    return { w, area, log, status: () => status };
  }

  it('runs a round soon after a change, leaves no alarm behind, and ignores its own writes', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'Date'] });
    try {
      const { w, area, log, status } = await worker({ ...DEFAULT_SETTINGS });
      w.request();
      expect(log).toEqual(['alarm 1']);
      await vi.advanceTimersByTimeAsync(SYNC_DELAY_MS);
      await w.idle();
      expect(status().sentAt).toBe(T0 + SYNC_DELAY_MS);
      expect(Object.keys(area.items).sort()).toEqual(['d.here', 'd.here.0', 's']);
      expect(log).toEqual(['alarm 1', 'alarm null']);
      w.changedInSync(['d.here', 'd.here.0']);
      expect(log).toHaveLength(2);
      w.changedInSync(['d.there']);
      expect(log).toHaveLength(3);
    } finally {
      vi.useRealTimers();
    }
  });

  it('with sync off, sends nothing and clears the alarm; delete empties sync and turns it off', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['setTimeout', 'Date'] });
    try {
      const off = await worker({ ...DEFAULT_SETTINGS, sync: false });
      off.w.request(0);
      await vi.advanceTimersByTimeAsync(0);
      await off.w.idle();
      expect(off.area.items).toEqual({});
      expect(off.log).toEqual(['alarm 1', 'alarm null']);
      const on = await worker({ ...DEFAULT_SETTINGS });
      on.area.items['d.other'] = { v: 1, n: 1, t: T0 };
      await on.w.deleteFromSync();
      expect(on.area.items).toEqual({});
      expect(on.log).toEqual(['settings {"sync":false}']);
      expect(on.status().deletedAt).toBe(T0);
    } finally {
      vi.useRealTimers();
    }
  });
});
