import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compact, withoutShared } from '@/lib/sync/compact';
import { merge } from '@/lib/sync/merge';
import { itemsFor } from '@/lib/sync/format';
import { cardKeyTable } from '@/lib/sync/pack';
import type { DeviceLog, SyncEvent } from '@/lib/sync/types';
import { decodeDevice } from '@/lib/sync/validate';
import { CARDS, DAY, historyArb, replayUnion, scheduler, T0, unionLog } from './sync-helpers';

const RUNS = { numRuns: 150 };

const states = (devices: readonly DeviceLog[]) =>
  new Map(
    [...merge(devices, scheduler).cards].flatMap(([id, c]) => (c.state ? [[id, c.state] as const] : [])),
  );

describe('merge', () => {
  it('is order-independent: any permutation of the devices gives the same result', () => {
    fc.assert(
      fc.property(
        historyArb.chain((h) =>
          fc.tuple(fc.constant(h), fc.shuffledSubarray(h.devices, { minLength: h.devices.length })),
        ),
        ([h, shuffled]) => {
          expect(merge(shuffled, scheduler)).toEqual(merge(h.devices, scheduler));
        },
      ),
      RUNS,
    );
  });

  it('is idempotent: merging the inputs again, or the merged ratings as one more device, changes nothing', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const once = merge(h.devices, scheduler);
        expect(merge([...h.devices, ...h.devices], scheduler)).toEqual(once);
        const fedBack: DeviceLog = {
          deviceId: 'merged',
          checkpoints: [],
          events: once.reviews.map((r) => ({
            kind: 'rating',
            id: r.id,
            cardId: r.cardId,
            rating: r.rating,
            at: r.review,
          })),
        };
        expect(merge([...h.devices, fedBack], scheduler)).toEqual(once);
      }),
      RUNS,
    );
  });

  it('of everything equals replaying the union of all logs, a rating held twice counted once, an undo removing it everywhere', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const merged = merge(h.devices, scheduler);
        expect(states(h.devices)).toEqual(replayUnion(h.devices));
        const ids = merged.reviews.map((r) => r.id);
        expect(new Set(ids).size).toBe(ids.length);
        const undone = h.devices.flatMap((d) =>
          d.events.flatMap((e) => (e.kind === 'undo' ? [e.reviewId] : [])),
        );
        for (const id of undone) expect(ids).not.toContain(id);
      }),
      RUNS,
    );
  });

  it('settles card settings by the latest event, ties by the greater device id', () => {
    const at = T0 + DAY;
    const a: DeviceLog = {
      deviceId: 'aaa',
      checkpoints: [],
      events: [{ kind: 'suspend', cardId: 'kv-cache', at }],
    };
    const b: DeviceLog = {
      deviceId: 'bbb',
      checkpoints: [],
      events: [{ kind: 'unsuspend', cardId: 'kv-cache', at }],
    };
    expect(merge([a, b], scheduler).cards.get('kv-cache')?.suspended).toBe(false);
    expect(merge([b, a], scheduler).cards.get('kv-cache')?.suspended).toBe(false);
    const later: DeviceLog = { ...a, events: [{ kind: 'suspend', cardId: 'kv-cache', at: at + 1 }] };
    expect(merge([later, b], scheduler).cards.get('kv-cache')?.suspended).toBe(true);
    const note: DeviceLog = {
      deviceId: 'ccc',
      checkpoints: [],
      events: [{ kind: 'note', cardId: 'kv-cache', at, text: 'remember GQA' }],
    };
    expect(merge([a, note], scheduler).cards.get('kv-cache')?.note).toBe('remember GQA');
  });

  it('replays only the ratings after the latest reset', () => {
    const events: DeviceLog['events'] = [
      { kind: 'rating', id: 'r1', cardId: 'kv-cache', rating: 1, at: T0 },
      { kind: 'reset', cardId: 'kv-cache', at: T0 + DAY },
      { kind: 'rating', id: 'r2', cardId: 'kv-cache', rating: 3, at: T0 + 2 * DAY },
    ];
    const card = merge([{ deviceId: 'a', checkpoints: [], events }], scheduler).cards.get('kv-cache')!;
    expect(card.state?.reps).toBe(1);
    expect(card.state?.lapses).toBe(0);
    expect(card.resetAt).toBe(T0 + DAY);
  });

  it('orders the ratings of a device whose clock runs ahead by its own times', () => {
    // Device "fast" runs 3 hours ahead: its rating, given before "slow"'s in real time, is dated after it.
    const slow: DeviceLog = {
      deviceId: 'slow',
      checkpoints: [],
      events: [{ kind: 'rating', id: 's', cardId: 'kv-cache', rating: 1, at: T0 + 60_000 }],
    };
    const fast: DeviceLog = {
      deviceId: 'fast',
      checkpoints: [],
      events: [{ kind: 'rating', id: 'f', cardId: 'kv-cache', rating: 4, at: T0 + 3 * 3_600_000 }],
    };
    const m = merge([fast, slow], scheduler);
    expect(m.reviews.map((r) => r.id)).toEqual(['s', 'f']);
    expect(m).toEqual(merge([slow, fast], scheduler));
  });
});

describe('compaction', () => {
  const keepArb = fc.record({
    afterDays: fc.integer({ min: 0, max: 70 }),
    keepDays: fc.integer({ min: 0, max: 30 }),
  });

  it('never changes the rebuilt schedule or settings of any card', () => {
    fc.assert(
      fc.property(historyArb, keepArb, keepArb, (h, k1, k2) => {
        const log = unionLog(h.devices);
        const before = merge([log], scheduler).cards;
        const once = compact(log, T0 + k1.afterDays * DAY, k1.keepDays, scheduler);
        expect(merge([once], scheduler).cards).toEqual(before);
        // Compacting again, later, on top of checkpoints: still the same.
        const twice = compact(once, T0 + (k1.afterDays + k2.afterDays) * DAY, k2.keepDays, scheduler);
        expect(merge([twice], scheduler).cards).toEqual(before);
      }),
      RUNS,
    );
  });

  it('merged with the other devices, a compacted whole view still gives the union replay', () => {
    fc.assert(
      fc.property(historyArb, keepArb, (h, k) => {
        const compacted = compact(unionLog(h.devices), T0 + k.afterDays * DAY, k.keepDays, scheduler);
        expect(states([...h.devices, compacted])).toEqual(replayUnion(h.devices));
      }),
      RUNS,
    );
  });

  it('a checkpoint another device holds the same is left to it, and the merge does not change', () => {
    fc.assert(
      fc.property(historyArb, (h) => {
        const now = T0 + 90 * DAY;
        const a = compact(unionLog(h.devices, 'a'), now, 7, scheduler);
        const b = compact(unionLog(h.devices, 'b'), now + DAY, 7, scheduler);
        const bShared = withoutShared(b, [a]);
        expect(bShared.checkpoints).toEqual([]);
        expect(withoutShared(a, [b]).checkpoints).toEqual(a.checkpoints);
        expect(merge([a, bShared], scheduler).cards).toEqual(merge([a, b], scheduler).cards);
      }),
      { numRuns: 50 },
    );
  });

  it('a reset wins over a later checkpoint made by a device that had not received it', () => {
    const card = CARDS[0]!;
    const ratings: SyncEvent[] = [0, 1, 2, 3].map((d) => ({
      kind: 'rating',
      id: `r${d}`,
      cardId: card,
      rating: 3,
      at: T0 + d * DAY,
    }));
    const a: DeviceLog = {
      deviceId: 'a',
      checkpoints: [],
      events: [...ratings, { kind: 'reset', cardId: card, at: T0 + 10 * DAY }],
    };
    // B folded the four ratings the day after the reset, before the reset reached it.
    const b = compact({ deviceId: 'b', checkpoints: [], events: ratings }, T0 + 11 * DAY, 0, scheduler);
    expect(b.checkpoints[0]?.state.reps).toBe(4);
    for (const order of [
      [a, b],
      [b, a],
    ]) {
      const merged = merge(order, scheduler).cards.get(card)!;
      expect(merged.resetAt).toBe(T0 + 10 * DAY);
      expect(merged.state?.reps).toBe(0);
    }
  });

  it('keeps the undo of a rating that stays', () => {
    const log: DeviceLog = {
      deviceId: 'a',
      checkpoints: [],
      events: [
        { kind: 'rating', id: 'r', cardId: CARDS[0]!, rating: 3, at: T0 + 10 * DAY },
        { kind: 'undo', reviewId: 'r', at: T0 + 10 * DAY + 1000 },
      ],
    };
    const c = compact(log, T0 + 12 * DAY, 1, scheduler);
    expect(merge([c], scheduler).cards).toEqual(merge([log], scheduler).cards);
    expect(c.checkpoints).toEqual([]);
  });
});

describe('two browsers that exchanged everything', () => {
  it('hold the same schedule for every card, whatever order the data came in, checkpoints included', () => {
    const now = T0 + 90 * DAY;
    const table = cardKeyTable(CARDS);
    fc.assert(
      fc.property(
        historyArb,
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 30 }),
        (h, afterDays, keepDays) => {
          // One device compacted its whole view; the others still hold their raw logs.
          const compacted = compact(unionLog(h.devices, 'zz'), T0 + afterDays * DAY, keepDays, scheduler);
          const all = [...h.devices, compacted];
          // Through storage.sync: every log written as items and read back, as the other browser would.
          const received = all.map((d) => {
            const read = decodeDevice(JSON.parse(JSON.stringify(itemsFor(d, now))), d.deviceId, table, now);
            if (!read.ok) throw new Error(read.message);
            return read.value;
          });
          const here = merge(all, scheduler);
          expect(merge([...received].reverse(), scheduler)).toEqual(here);
          expect(merge([all[0]!, ...received.slice(1)], scheduler)).toEqual(here);
          expect(states(all)).toEqual(replayUnion(h.devices));
        },
      ),
      { numRuns: 100 },
    );
  });
});
