import fc from 'fast-check';
import type { Grade } from '@/lib/srs/card-state';
import { replayRatings } from '@/lib/srs/replay';
import { makeScheduler } from '@/lib/srs/schedule';
import type { DeviceLog, SyncEvent } from '@/lib/sync/types';

export const MIN = 60_000;
export const DAY = 24 * 60 * MIN;
export const T0 = Date.UTC(2026, 0, 5, 1, 0, 0);
export const CARDS = ['attention-basics', 'kv-cache', 'rope-scaling', 'lora-rank', 'moe-routing'];
export const scheduler = makeScheduler({ retention: 0.9, fuzz: false });

/** A time within 60 days of T0, often on the minute, sometimes the same as another. */
export const timeArb = fc.oneof(
  fc.integer({ min: 0, max: 60 * 24 }).map((m) => T0 + m * 60 * MIN),
  fc.integer({ min: 0, max: 60 * DAY }).map((ms) => T0 + ms),
);

interface Pool {
  ratings: Extract<SyncEvent, { kind: 'rating' }>[];
  devices: DeviceLog[];
}

const actionArb: fc.Arbitrary<SyncEvent> = fc.oneof(
  fc.record({
    kind: fc.constantFrom('suspend', 'unsuspend', 'reset'),
    cardId: fc.constantFrom(...CARDS),
    at: timeArb,
  }),
  fc
    .record(
      {
        kind: fc.constant('bury'),
        cardId: fc.constantFrom(...CARDS),
        at: timeArb,
        until: fc.integer({ min: 1, max: 2 * DAY }),
      },
      { requiredKeys: ['kind', 'cardId', 'at'] },
    )
    .map((b) => (b.until === undefined ? b : { ...b, until: b.at + b.until })),
  fc.record({
    kind: fc.constant('note'),
    cardId: fc.constantFrom(...CARDS),
    at: timeArb,
    text: fc.string({ maxLength: 8 }),
  }),
) as fc.Arbitrary<SyncEvent>;

/**
 * Histories of 1-4 devices: a pool of ratings with unique ids, each held by one or more
 * devices (a rating stored on two devices), undos of pool ratings, and card actions.
 */
export const historyArb: fc.Arbitrary<Pool> = fc
  .record({
    ratings: fc.array(
      fc.record({
        cardId: fc.constantFrom(...CARDS),
        rating: fc.constantFrom<Grade>(1, 2, 3, 4),
        at: timeArb,
      }),
      { maxLength: 40 },
    ),
    deviceCount: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ ratings, deviceCount }) => {
    const pool = ratings.map((r, i) => ({ kind: 'rating' as const, id: `rev-${i}`, ...r }));
    const device = fc.record({
      held: fc.subarray(pool),
      undos: fc.subarray(pool, { maxLength: Math.min(3, pool.length) }),
      actions: fc.array(actionArb, { maxLength: 6 }),
    });
    return fc.array(device, { minLength: deviceCount, maxLength: deviceCount }).chain((ds) =>
      fc.constant({
        ratings: pool,
        devices: ds.map((d, i) => ({
          deviceId: `dev${i}`,
          checkpoints: [],
          events: interleave([
            ...d.held,
            ...d.undos.map((r) => ({ kind: 'undo' as const, reviewId: r.id, at: r.at + 5_000 })),
            ...d.actions,
          ]),
        })),
      }),
    );
  });

/** A device's log in its own time order (as it appends). */
function interleave(events: SyncEvent[]): SyncEvent[] {
  return events
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].at - b[0].at || a[1] - b[1])
    .map(([e]) => e);
}

/** What the union of all logs gives when replayed from scratch, card by card: the reference. */
export function replayUnion(devices: readonly DeviceLog[]) {
  const undone = new Set(
    devices.flatMap((d) => d.events.flatMap((e) => (e.kind === 'undo' ? [e.reviewId] : []))),
  );
  const byId = new Map<string, Extract<SyncEvent, { kind: 'rating' }>>();
  for (const d of devices)
    for (const e of d.events) if (e.kind === 'rating' && !undone.has(e.id)) byId.set(e.id, e);
  const out = new Map<string, ReturnType<typeof replayRatings>>();
  for (const cardId of CARDS) {
    const logs = [...byId.values()]
      .filter((r) => r.cardId === cardId)
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
      .map((r) => ({ rating: r.rating, review: r.at }));
    const resets = devices.flatMap((d) =>
      d.events.filter((e) => e.kind === 'reset' && e.cardId === cardId).map((e) => e.at),
    );
    const resetAt = resets.length ? Math.max(...resets) : undefined;
    if (logs.length === 0 && resetAt === undefined) continue;
    out.set(cardId, replayRatings(scheduler, logs, logs[0]?.review ?? resetAt!, resetAt));
  }
  return out;
}

/** Every device's events as one log (what a device that received everything holds). */
export function unionLog(devices: readonly DeviceLog[], deviceId = 'all'): DeviceLog {
  return { deviceId, checkpoints: [], events: devices.flatMap((d) => d.events) };
}
