import type { FSRS } from 'ts-fsrs';
import { bytesOf, DAY, itemsFor } from './format';
import { merge } from './merge';
import type { Checkpoint, DeviceLog } from './types';

/**
 * A device log with everything up to `keepDays` before `now` folded into per-card
 * checkpoints at that horizon: the rebuilt schedule and settings of every card are the same
 * before and after (property-tested). The log must be this device's whole view (its local
 * history, which holds the reviews of every device it has received), not its own events only.
 *
 * An undo kept past the horizon still takes back a rating that was folded in: undos are
 * applied before folding. A rating reported later by a device that was offline, dated
 * before a horizon another device already checkpointed, is in the merged log (and the
 * statistics) but not in that checkpoint's schedule: keepDays is what makes that rare.
 *
 * @example
 * compact(log, Date.now(), 14, makeScheduler({ retention, fuzz: false }))
 */
export function compact(log: DeviceLog, now: number, keepDays: number, scheduler: FSRS): DeviceLog {
  // On a UTC day boundary, so devices compacting on the same day write the same checkpoints (see withoutShared).
  const horizon = Math.floor((now - keepDays * DAY) / DAY) * DAY;
  if (log.horizon !== undefined && log.horizon >= horizon) return log;
  const undone = new Set(log.events.flatMap((e) => (e.kind === 'undo' ? [e.reviewId] : [])));
  const isOld = (e: { at: number }) => e.at <= horizon;
  const old = log.events.filter((e) => isOld(e) && !(e.kind === 'rating' && undone.has(e.id)));
  const recentRatings = new Set(log.events.flatMap((e) => (e.kind === 'rating' && !isOld(e) ? [e.id] : [])));
  // An undo stays while the rating it takes back does (an undo dated before its rating is possible across clocks).
  const recent = log.events.filter((e) => !isOld(e) || (e.kind === 'undo' && recentRatings.has(e.reviewId)));
  const folded = merge([{ ...log, events: old.filter((e) => e.kind !== 'undo') }], scheduler);
  const checkpoints: Checkpoint[] = [];
  const unscheduled = new Set<string>();
  for (const [cardId, card] of folded.cards) {
    const state = card.state;
    if (state) checkpoints.push({ cardId, ...card, state });
    else unscheduled.add(cardId);
  }
  // A card with settings but no schedule yet has no checkpoint: its settings stay as events.
  const keptOld = old.filter((e) => e.kind !== 'rating' && e.kind !== 'undo' && unscheduled.has(e.cardId));
  return { deviceId: log.deviceId, horizon, checkpoints, events: [...keptOld, ...recent] };
}

/** How many days of events a device keeps in sync before it compacts them, most first. */
export const KEEP_DAYS = [14, 7, 3, 1, 0] as const;

/**
 * The log compacted with the most days of events that fit in `budget` bytes (what is left
 * of the quota for this device), and its items; `fits: false` when even keeping none does
 * not fit (then the caller keeps its local data and says so).
 */
export function compactToFit(
  log: DeviceLog,
  now: number,
  budget: number,
  scheduler: FSRS,
): { log: DeviceLog; items: ReturnType<typeof itemsFor>; bytes: number; keepDays: number; fits: boolean } {
  let last:
    { log: DeviceLog; items: ReturnType<typeof itemsFor>; bytes: number; keepDays: number } | undefined;
  for (const keepDays of KEEP_DAYS) {
    const compacted = compact(log, now, keepDays, scheduler);
    const items = itemsFor(compacted, now);
    last = { log: compacted, items, bytes: bytesOf(items), keepDays };
    if (last.bytes <= budget) return { ...last, fits: true };
  }
  return { ...last!, fits: false };
}

/**
 * The log without the checkpoints another device already holds exactly (same schedule, same
 * settings) when that device's id is smaller: a card studied on two computers is then held
 * once in sync, not once per device. The merge is unchanged: identical checkpoints at two
 * horizons mean nothing happened to the card in between.
 */
export function withoutShared(log: DeviceLog, others: readonly DeviceLog[]): DeviceLog {
  const held = new Map<string, string[]>();
  for (const d of others) {
    if (d.deviceId >= log.deviceId) continue;
    for (const c of d.checkpoints) held.set(c.cardId, [...(held.get(c.cardId) ?? []), same(c)]);
  }
  const checkpoints = log.checkpoints.filter((c) => !held.get(c.cardId)?.includes(same(c)));
  return { ...log, checkpoints };
}

const same = (c: Checkpoint) =>
  JSON.stringify([c.state, c.suspended, c.buriedUntil ?? null, c.note ?? null, c.resetAt ?? null]);
