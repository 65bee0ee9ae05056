import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import { compact } from '@/lib/sync/compact';
import {
  bytesOf,
  decodeCheckpoints,
  encodeCheckpoints,
  encodeEvent,
  headKey,
  itemsFor,
  partKey,
  QUOTA,
  settingsItem,
  sortForPacking,
  SYNC_VERSION,
} from '@/lib/sync/format';
import { merge } from '@/lib/sync/merge';
import { cardKey, cardKeyTable, packFixed, packUint, packUuid, Reader, unpackUuid } from '@/lib/sync/pack';
import type { DeviceLog } from '@/lib/sync/types';
import { decodeDevice, decodeSettings, decodeSync, devicesIn } from '@/lib/sync/validate';
import { CARDS, DAY, historyArb, scheduler, T0, unionLog } from './sync-helpers';
import { readdirSync } from 'node:fs';

const NOW = T0 + 90 * DAY;
const TABLE = cardKeyTable(CARDS);

describe('packing', () => {
  it('reads back every whole number, fixed or varint, and a UUID', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeInteger().map(Math.abs)), (ns) => {
        const r = new Reader(ns.map(packUint).join(''));
        expect(ns.map(() => r.uint())).toEqual(ns);
        expect(r.done).toBe(true);
        const f = new Reader(ns.map((n) => packFixed(n, 9)).join(''));
        expect(ns.map(() => f.fixedUint(9))).toEqual(ns);
      }),
    );
    fc.assert(
      fc.property(fc.uuid(), (id) => {
        expect(unpackUuid(packUuid(id)!)).toBe(id);
      }),
    );
    expect(packUuid('not-a-uuid')).toBeNull();
  });

  it('never needs a character JSON escapes', () => {
    fc.assert(
      fc.property(fc.maxSafeInteger().map(Math.abs), fc.string(), (n, id) => {
        for (const s of [packUint(n), packFixed(n, 9), cardKey(id)]) expect(JSON.stringify(s)).toBe(`"${s}"`);
      }),
    );
  });

  it('gives the cards of the bank distinct keys', () => {
    const ids = ['advanced', 'basics', 'distributed', 'inference', 'llm', 'training']
      .flatMap((dir) => {
        try {
          return readdirSync(`questions/${dir}`);
        } catch {
          return [];
        }
      })
      .filter((f) => f.endsWith('.md'))
      .map((f) => f.slice(0, -3));
    expect(ids.length).toBeGreaterThan(100);
    expect(new Set(ids.map(cardKey)).size).toBe(ids.length);
    expect([...cardKeyTable(ids).values()]).not.toContain(null);
  });
});

describe('quota arithmetic', () => {
  it('counts as Chrome does: key length plus the JSON of the value, in UTF-8 bytes', () => {
    expect(bytesOf({})).toBe(0);
    expect(bytesOf({ s: 1 })).toBe(2); // s + 1
    expect(bytesOf({ ab: 'x' })).toBe(5); // ab + "x"
    expect(bytesOf({ k: { a: [1, 2] } })).toBe(12); // k (1) + {"a":[1,2]} (11)
    expect(bytesOf({ n: 'é' })).toBe(5); // n + "é" (é is 2 bytes)
    expect(bytesOf({ 'd.é': '"' })).toBe(8); // d.é (4) + "\"" (4)
    expect(bytesOf({ a: 1, b: 'xy' })).toBe(2 + 5);
  });
});

describe('a device log in items', () => {
  it('reads back whole: the same events, the same checkpoints, every item under 8 KB', () => {
    fc.assert(
      fc.property(historyArb, fc.integer({ min: 0, max: 60 }), (h, keepDays) => {
        const log = compact({ ...unionLog(h.devices), deviceId: 'laptop-1' }, NOW, keepDays, scheduler);
        const items = itemsFor(log, NOW);
        for (const [k, v] of Object.entries(items))
          expect(bytesOf({ [k]: v })).toBeLessThanOrEqual(QUOTA.bytesPerItem);
        const read = decodeDevice(
          JSON.parse(JSON.stringify(items)) as Record<string, unknown>,
          'laptop-1',
          TABLE,
          NOW,
        );
        if (!read.ok) throw new Error(read.message);
        expect(read.value.events).toEqual(log.events);
        expect(read.value.checkpoints).toEqual(sortForPacking(log.checkpoints, log.horizon ?? 0));
        expect(merge([read.value], scheduler)).toEqual(merge([log], scheduler));
      }),
      { numRuns: 150 },
    );
  });

  it('packs every checkpoint exactly: FSRS floats, ms times, settings', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const log = compact(unionLog(h.devices), NOW, 0, scheduler);
        const packed = encodeCheckpoints(log.checkpoints, log.horizon!);
        const read = decodeCheckpoints(packed, log.horizon!);
        expect(read?.map(({ key, ...c }) => ({ cardId: TABLE.get(key)!, ...c }))).toEqual(
          sortForPacking(log.checkpoints, log.horizon!).map(({ note: _n, ...c }) => c),
        );
      }),
    );
  });

  it('splits a big log into parts under 8 KB, and a missing part refuses the whole device', () => {
    const events: DeviceLog['events'] = Array.from({ length: 800 }, (_, i) => ({
      kind: 'rating',
      id: crypto.randomUUID(),
      cardId: CARDS[i % CARDS.length]!,
      rating: 3,
      at: T0 + i * 60_000,
    }));
    const items = itemsFor({ deviceId: 'big', events, checkpoints: [] }, NOW);
    expect(Object.keys(items).length).toBeGreaterThan(3);
    for (const [k, v] of Object.entries(items)) expect(bytesOf({ [k]: v })).toBeLessThanOrEqual(8_000);
    const ok = decodeDevice(items, 'big', TABLE, NOW);
    expect(ok.ok && ok.value.events).toEqual(events);
    const { [partKey('big', 1)]: _gone, ...partial } = items;
    const read = decodeDevice(partial, 'big', TABLE, NOW);
    expect(read).toMatchObject({ ok: false, newer: false });
    expect(!read.ok && read.message).toContain('part 1: missing');
    expect(devicesIn({ ...items, 'd.other': {}, s: {} })).toEqual(['big', 'other']);
  });
});

describe('refusing bad sync data, whole, with a message', () => {
  const good = itemsFor(
    {
      deviceId: 'pc',
      checkpoints: [],
      events: [{ kind: 'rating', id: crypto.randomUUID(), cardId: 'kv-cache', rating: 3, at: T0 }],
    },
    T0 + DAY,
  );
  const head = good[headKey('pc')]!;
  const part = good[partKey('pc', 0)] as { b: number; e: string[] };
  const refused = (items: Record<string, unknown>, words: string | RegExp) => {
    const r = decodeDevice(items, 'pc', TABLE, NOW);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.message).toMatch(words);
  };
  const withPart = (p: Record<string, unknown>) => ({ ...good, [partKey('pc', 0)]: { ...part, ...p } });

  it('reads the good one', () => expect(decodeDevice(good, 'pc', TABLE, NOW).ok).toBe(true));

  it('refuses __proto__, constructor and prototype keys', () => {
    refused(
      { ...good, [partKey('pc', 0)]: JSON.parse(`{"__proto__": {"polluted": 1}, "v": ${SYNC_VERSION}}`) },
      /forbidden key "__proto__"/,
    );
    refused(withPart({ constructor: 1 }), /forbidden key "constructor"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a 10 MB string and too many entries', () => {
    refused(withPart({ e: ['r' + 'x'.repeat(10_000_000)] }), /string too long/);
    refused(withPart({ e: Array.from({ length: 9000 }, () => 'rxxxxx') }), /too many entries/);
  });

  it('refuses NaN, negative and far-future times, and wrong types', () => {
    refused({ ...good, [headKey('pc')]: { ...head, t: NaN } }, /head: t/);
    refused(withPart({ b: -5 }), /part 0: b/);
    refused(withPart({ b: NOW + 3 * DAY }), /part 0: b/);
    refused(
      withPart({ e: [encodeEvent({ kind: 'suspend', cardId: 'kv-cache', at: NOW + 2 * DAY }, T0)] }),
      /more than a day ahead/,
    );
    refused(withPart({ e: 'rabc' }), /part 0: e/);
    refused(withPart({ c: 42 }), /part 0: c/);
    refused(withPart({ extra: true }), /part 0/);
    refused({ ...good, [headKey('pc')]: { ...head, n: 1e9 } }, /head: n/);
  });

  it('refuses ratings 0 and 5, malformed events and checkpoints', () => {
    for (const rating of [0, 5]) {
      const e = encodeEvent(
        { kind: 'rating', id: crypto.randomUUID(), cardId: 'kv-cache', rating: rating as 3, at: T0 },
        T0,
      );
      refused(withPart({ e: [e] }), new RegExp(`rating ${rating} is not 1-4`));
    }
    refused(withPart({ e: ['q-what'] }), /event 1 is malformed/);
    refused(withPart({ e: ['r!!'] }), /event 1 is malformed/);
    refused({ ...withPart({ c: '"""' }), [headKey('pc')]: { ...head, h: T0 } }, /checkpoints are malformed/);
    refused(withPart({ c: 'abcdefgh' }), /checkpoints without a horizon/);
  });

  it('leaves out the events of cards this version does not know, and says how many', () => {
    const e = encodeEvent(
      { kind: 'rating', id: crypto.randomUUID(), cardId: 'a-card-from-the-future', rating: 3, at: T0 },
      T0,
    );
    const read = decodeDevice(withPart({ e: [e] }), 'pc', TABLE, NOW);
    expect(read.ok && read.value.events).toEqual([]);
    expect(read.ok && read.ignored).toMatch(/1 entry for cards this version does not know were left out/);
  });

  it('leaves data of a newer format alone, and refuses an unknown one', () => {
    const newer = decodeDevice(
      { ...good, [headKey('pc')]: { ...head, v: SYNC_VERSION + 1 } },
      'pc',
      TABLE,
      NOW,
    );
    expect(newer).toMatchObject({ ok: false, newer: true, version: SYNC_VERSION + 1 });
    expect(!newer.ok && newer.message).toMatch(/update the extension/);
    refused(withPart({ v: SYNC_VERSION + 1 }), /newer version/);
    refused({ ...good, [headKey('pc')]: { ...head, v: 0 } }, /unknown format version 0/);
    refused({ ...good, [headKey('pc')]: { ...head, v: 'one' } }, /no format version/);
    refused({ ...good, [headKey('pc')]: null }, /no format version/);
  });

  it('reads the settings item, normalized, and refuses a hostile or newer one', () => {
    const item = settingsItem({ ...DEFAULT_SETTINGS, newPerDay: 15 }, T0, 'pc').s!;
    const read = decodeSettings(JSON.parse(JSON.stringify(item)), NOW);
    expect(read.ok && read.value.settings.newPerDay).toBe(15);
    expect(decodeSettings({ ...item, s: { ...item.s, retention: 5 } }, NOW)).toMatchObject({
      ok: true,
      value: { settings: { retention: 0.97 } },
    });
    expect(decodeSettings(JSON.parse(`{"v":1,"t":${T0},"d":"pc","s":{"__proto__":{}}}`), NOW)).toMatchObject({
      ok: false,
      newer: false,
    });
    expect(decodeSettings({ ...item, v: 9 }, NOW)).toMatchObject({ ok: false, newer: true });
    expect(decodeSettings({ ...item, t: -1 }, NOW)).toMatchObject({ ok: false, newer: false });
  });
});

describe('everything in sync at once', () => {
  it('reads each device whole or not at all, skips itself, and says what it left alone', () => {
    const log = (deviceId: string, at: number): DeviceLog => ({
      deviceId,
      checkpoints: [],
      events: [{ kind: 'rating', id: crypto.randomUUID(), cardId: 'kv-cache', rating: 3, at }],
    });
    const items: Record<string, unknown> = {
      ...itemsFor(log('me', T0), T0),
      ...itemsFor(log('home', T0 + DAY), T0 + DAY),
      // A device whose clock runs 3 hours ahead is believed.
      ...itemsFor(log('fast', NOW + 3 * 3_600_000), NOW + 3 * 3_600_000),
      ...itemsFor(log('broken', T0), T0),
      ...itemsFor(log('future', T0), T0),
      ...settingsItem(DEFAULT_SETTINGS, T0, 'home'),
    };
    items[partKey('broken', 0)] = { v: SYNC_VERSION, b: 'yesterday', e: [], c: '', n: [] };
    items[headKey('future')] = { v: SYNC_VERSION + 1, n: 1, t: T0 };
    const read = decodeSync(items, CARDS, 'me', NOW);
    expect(read.devices.map((d) => d.deviceId)).toEqual(['fast', 'home']);
    expect(read.problems).toEqual([expect.stringContaining('device broken, part 0: b')]);
    expect(read.newer).toEqual([expect.stringContaining('update the extension')]);
    expect(read.settings?.deviceId).toBe('home');
  });
});
