import type { FSRS } from 'ts-fsrs';
import { bytesOf, DAY, itemsFor } from './format';
import { merge } from './merge';
import type { Checkpoint, DeviceLog, SyncEvent } from './types';

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
  if (log.horizon !== undefined && log.horizon >= dayHorizon(now, keepDays)) return log;
  return compactView([log], log.deviceId, now, keepDays, scheduler);
}

// On a UTC day boundary, so devices compacting on the same day write the same checkpoints (see withoutShared).
const dayHorizon = (now: number, keepDays: number) => Math.floor((now - keepDays * DAY) / DAY) * DAY;

/**
 * Several logs that together are what a device knows (the log it last wrote, its local
 * history, the other devices' logs it has read) as one log of `deviceId`, compacted like
 * `compact`: the merge of the result equals the merge of the view, card for card. The
 * horizon is never before a checkpoint of the view, so no checkpoint's ratings are replayed twice.
 * Of the recent events, only those `isMine` says this device made are kept: the others
 * travel in their own devices' items, and the checkpoints hold them once they are old.
 *
 * @example
 * compactView([lastWritten, localHistory, ...others], deviceId, Date.now(), 14, scheduler)
 */
export function compactView(
  view: readonly DeviceLog[],
  deviceId: string,
  now: number,
  keepDays: number,
  scheduler: FSRS,
  isMine: (e: SyncEvent) => boolean = () => true,
): DeviceLog {
  const horizon = Math.max(dayHorizon(now, keepDays), ...view.map((l) => l.horizon ?? -Infinity));
  const all = distinct(view.flatMap((l) => l.events));
  const undone = new Set(all.flatMap((e) => (e.kind === 'undo' ? [e.reviewId] : [])));
  const isOld = (e: { at: number }) => e.at <= horizon;
  // An undo stays while any log of the view still holds its rating as an event: another
  // device may not have compacted it away yet (and an undo may be dated before its rating
  // across clocks).
  const heldRatings = new Set(all.flatMap((e) => (e.kind === 'rating' ? [e.id] : [])));
  const recent = all.filter(
    (e) => isMine(e) && (!isOld(e) || (e.kind === 'undo' && heldRatings.has(e.reviewId))),
  );
  const foldable = (e: SyncEvent) =>
    isOld(e) && e.kind !== 'undo' && !(e.kind === 'rating' && undone.has(e.id));
  const folded = merge(
    view.map((l) => ({ ...l, events: l.events.filter(foldable) })),
    scheduler,
  );
  const checkpoints: Checkpoint[] = [];
  const unscheduled = new Set<string>();
  for (const [cardId, card] of folded.cards) {
    const state = card.state;
    if (state) checkpoints.push({ cardId, ...card, state });
    else unscheduled.add(cardId);
  }
  // A card with settings but no schedule yet has no checkpoint: its settings stay as events.
  const keptOld = all.filter(
    (e) => isOld(e) && e.kind !== 'rating' && e.kind !== 'undo' && unscheduled.has(e.cardId),
  );
  return { deviceId, horizon, checkpoints, events: [...keptOld, ...recent] };
}

/** Events without repeats (the same event read from two logs of one view), in their first order. */
function distinct(events: readonly SyncEvent[]): SyncEvent[] {
  const seen = new Set<string>();
  return events.filter((e) => {
    const key = JSON.stringify(e);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** How many days of events a device keeps in sync before it compacts them, most first. */
export const KEEP_DAYS = [14, 7, 3, 1, 0] as const;

export interface Fitted {
  /** The whole compacted view: what this device keeps locally as the log it last wrote. */
  log: DeviceLog;
  /** Its items as written, without the checkpoints a device with a smaller id holds the same. */
  items: ReturnType<typeof itemsFor>;
  bytes: number;
  keepDays: number;
  /** false when even keeping no days of events does not fit: the caller writes nothing and says so. */
  fits: boolean;
}

/**
 * A device's view compacted with the most days of events that fit in `budget` bytes (what
 * the other devices and the settings leave of the quota), and its items. `others` are the
 * other devices' logs in sync: a checkpoint one of them holds the same is left to it.
 * `isMine` as for `compactView`.
 *
 * @example
 * compactToFit([lastWritten, local, ...others], id, Date.now(), budget, scheduler, others)
 */
export function compactToFit(
  view: readonly DeviceLog[],
  deviceId: string,
  now: number,
  budget: number,
  scheduler: FSRS,
  others: readonly DeviceLog[] = [],
  isMine?: (e: SyncEvent) => boolean,
): Fitted {
  let last: Omit<Fitted, 'fits'> | undefined;
  for (const keepDays of KEEP_DAYS) {
    const log = compactView(view, deviceId, now, keepDays, scheduler, isMine);
    const items = itemsFor(withoutShared(log, others), now);
    last = { log, items, bytes: bytesOf(items), keepDays };
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
