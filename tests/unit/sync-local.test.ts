import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYNC_DELAY_MS, SYNC_GAP_MS, syncRounds } from '@/lib/background/sync';
import { newSchedulingState } from '@/lib/srs/schedule';
import { compact, compactView } from '@/lib/sync/compact';
import { localLog } from '@/lib/sync/local';
import { merge } from '@/lib/sync/merge';
import type { SyncEvent } from '@/lib/sync/types';
import { DAY, historyArb, scheduler, T0 } from './sync-helpers';

describe("a device's view compacted for sync", () => {
  it('merges to the same cards as the view itself, the others included (compacted or not)', () => {
    fc.assert(
      fc.property(
        historyArb,
        fc.integer({ min: 0, max: 80 }),
        fc.integer({ min: 0, max: 20 }),
        (h, after, keep) => {
          const now = T0 + after * DAY;
          // One device has compacted before: its log with checkpoints is part of the view.
          const [first, ...rest] = h.devices;
          const view = [compact(first!, now - 3 * DAY, 5, scheduler), ...rest];
          const mine = compactView(view, 'me', now, keep, scheduler);
          expect(merge([mine, ...rest], scheduler).cards).toEqual(merge(view, scheduler).cards);
          expect(merge([mine], scheduler).cards).toEqual(merge(view, scheduler).cards);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("keeps only this device's recent events; the others' travel in their own items", () => {
    const theirs: SyncEvent = { kind: 'rating', id: 'far', cardId: 'kv-cache', rating: 3, at: T0 + DAY };
    const ours: SyncEvent = { kind: 'rating', id: 'near', cardId: 'kv-cache', rating: 4, at: T0 + 2 * DAY };
    const log = compactView(
      [{ deviceId: 'x', checkpoints: [], events: [theirs, ours] }],
      'me',
      T0 + 3 * DAY,
      14,
      scheduler,
      (e) => e.kind !== 'rating' || e.id !== 'far',
    );
    expect(log.events).toEqual([ours]);
  });
});

describe("this browser's data as a device log", () => {
  const card = { id: 'kv-cache', ...newSchedulingState(T0) };

  it('says what is set on each card, at the time it was set here, or from when sync began', () => {
    const { log, isMine } = localLog(
      'me',
      T0,
      [
        { id: 'r1', cardId: 'kv-cache', rating: 3, review: T0 + 5 },
        { id: 'r2', cardId: 'kv-cache', rating: 1, review: T0 + 9, from: 'other' },
      ],
      [
        { ...card, suspended: true, suspendedAt: T0 + 7, note: 'old note' },
        {
          ...card,
          id: 'rope',
          suspendedAt: T0 + 8,
          buriedUntil: T0 + DAY,
          buriedAt: T0 + 3,
          resetAt: T0 + 1,
        },
        { ...card, id: 'untouched' },
      ],
      [{ reviewId: 'r0', at: T0 + 2 }],
    );
    expect(log.events).toEqual([
      { kind: 'rating', id: 'r1', cardId: 'kv-cache', rating: 3, at: T0 + 5 },
      { kind: 'rating', id: 'r2', cardId: 'kv-cache', rating: 1, at: T0 + 9 },
      { kind: 'undo', reviewId: 'r0', at: T0 + 2 },
      { kind: 'suspend', cardId: 'kv-cache', at: T0 + 7 },
      { kind: 'note', cardId: 'kv-cache', at: T0, text: 'old note' },
      { kind: 'unsuspend', cardId: 'rope', at: T0 + 8 },
      { kind: 'bury', cardId: 'rope', at: T0 + 3, until: T0 + DAY },
      { kind: 'reset', cardId: 'rope', at: T0 + 1 },
    ]);
    // A rating that came from another device is not sent again as this one's.
    expect(log.events.filter(isMine).map((e) => (e.kind === 'rating' ? e.id : e.kind))).not.toContain('r2');
  });
});

describe('when the worker runs a sync round', () => {
  function clock() {
    let now = 0;
    const timers: { at: number; f: () => void }[] = [];
    return {
      now: () => now,
      setTimeout: (f: () => void, ms: number) => void timers.push({ at: now + ms, f }),
      async advance(ms: number) {
        const until = now + ms;
        for (;;) {
          timers.sort((a, b) => a.at - b.at);
          const next = timers[0];
          if (!next || next.at > until) break;
          timers.shift();
          now = next.at;
          next.f();
          await new Promise((r) => setTimeout(r, 0));
        }
        now = until;
      },
    };
  }

  it('makes a burst of changes one round, soon, and keeps rounds a gap apart', async () => {
    const c = clock();
    const ran: number[] = [];
    const rounds = syncRounds(async () => void ran.push(c.now()), c);
    rounds.request();
    rounds.request();
    rounds.request();
    await c.advance(SYNC_DELAY_MS);
    expect(ran).toEqual([SYNC_DELAY_MS]);
    rounds.request(500);
    await c.advance(SYNC_GAP_MS);
    expect(ran).toEqual([SYNC_DELAY_MS, SYNC_DELAY_MS + SYNC_GAP_MS]);
  });

  it('runs one more round for a change asked while a round ran, never two at once', async () => {
    const c = clock();
    let running = 0;
    let most = 0;
    let release = () => {};
    const ran: number[] = [];
    const rounds = syncRounds(async () => {
      running++;
      most = Math.max(most, running);
      ran.push(c.now());
      if (ran.length === 1) await new Promise<void>((r) => (release = r));
      running--;
    }, c);
    rounds.request(0);
    await c.advance(0);
    rounds.request(0);
    release();
    await rounds.idle();
    await c.advance(SYNC_GAP_MS);
    expect(ran).toEqual([0, SYNC_GAP_MS]);
    expect(most).toBe(1);
  });
});
