import type { FSRS } from 'ts-fsrs';
import type { Grade, SchedulingState } from '../srs/card-state';
import { replayRatings } from '../srs/replay';
import { gradeCard } from '../srs/schedule';
import type { CardSettings, Checkpoint, DeviceLog, SyncEvent } from './types';

/** One rating in the merged log. */
export interface MergedReview {
  id: string;
  cardId: string;
  rating: Grade;
  review: number;
}

/** A card after the merge: its schedule (absent when nothing ever scheduled it) and its settings. */
export interface MergedCard extends CardSettings {
  state?: SchedulingState;
}

export interface MergeResult {
  /** Every rating not taken back, by time then id. */
  reviews: MergedReview[];
  cards: Map<string, MergedCard>;
}

type Rating = Extract<SyncEvent, { kind: 'rating' }>;
/** An event with where it came from, for a tie-break that does not depend on input order. */
interface Stamped {
  at: number;
  deviceId: string;
  seq: number;
}

const byTimeThenId = (a: MergedReview, b: MergedReview) =>
  a.review - b.review || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Later wins; at the same time, the greater device id, then the later in that device's log. */
const later = (a: Stamped, b: Stamped) =>
  a.at !== b.at ? a.at > b.at : a.deviceId !== b.deviceId ? a.deviceId > b.deviceId : a.seq > b.seq;

/**
 * Everything every device holds, merged: a rating is one rating however many devices hold
 * it (by review id), an undo takes its rating away everywhere, and each card's schedule is
 * rebuilt from its newest checkpoint and the ratings after it, replayed in review-time
 * order. The result depends only on the set of inputs, never on their order or on which
 * device delivered what first, so two browsers that hold the same data hold the same schedules.
 *
 * Times are each device's own clock: a device whose clock runs ahead has its ratings placed
 * where its clock put them. Reordering by arrival instead would make the result depend on
 * delivery order, and no device can know the true time better than another.
 *
 * The scheduler must have fuzz off: fuzz draws each interval from a seed derived from the card
 * and the time, but also from state ts-fsrs does not promise to keep equal across versions;
 * with it off, replay is a pure function of the ratings, which is what makes devices converge.
 *
 * @example
 * merge([local, ...decoded], makeScheduler({ retention: settings.retention, fuzz: false }))
 */
export function merge(devices: readonly DeviceLog[], scheduler: FSRS): MergeResult {
  const undone = new Set<string>();
  const ratings = new Map<string, MergedReview>();
  for (const d of devices)
    for (const e of d.events) {
      if (e.kind === 'undo') undone.add(e.reviewId);
      if (e.kind !== 'rating') continue;
      const r = toReview(e);
      const had = ratings.get(r.id);
      // The same id with different contents (never written so, but possible in hostile data): the smaller wins, whatever the order.
      if (!had || compareReview(r, had) < 0) ratings.set(r.id, r);
    }
  const reviews = [...ratings.values()].filter((r) => !undone.has(r.id)).sort(byTimeThenId);
  const byCard = groupBy(reviews, (r) => r.cardId);
  const checkpoints = checkpointsByCard(devices);
  const actions = cardActions(devices);
  const ids = new Set([...byCard.keys(), ...checkpoints.keys(), ...actions.keys()]);
  const cards = new Map<string, MergedCard>();
  for (const id of [...ids].sort()) {
    cards.set(
      id,
      mergeCard(scheduler, checkpoints.get(id) ?? [], byCard.get(id) ?? [], actions.get(id) ?? []),
    );
  }
  return { reviews, cards };
}

const toReview = (e: Rating): MergedReview => ({
  id: e.id,
  cardId: e.cardId,
  rating: e.rating,
  review: e.at,
});

function compareReview(a: MergedReview, b: MergedReview): number {
  return (
    a.review - b.review || a.rating - b.rating || (a.cardId < b.cardId ? -1 : a.cardId > b.cardId ? 1 : 0)
  );
}

function groupBy<T>(list: readonly T[], key: (x: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const x of list) {
    const k = key(x);
    const l = out.get(k);
    if (l) l.push(x);
    else out.set(k, [x]);
  }
  return out;
}

type Found = { checkpoint: Checkpoint; horizon: number; deviceId: string };

/** Every checkpoint of each card, with the horizon and device it came from. */
function checkpointsByCard(devices: readonly DeviceLog[]): Map<string, Found[]> {
  const out = new Map<string, Found[]>();
  for (const d of devices) {
    if (d.horizon === undefined) continue;
    for (const c of d.checkpoints) {
      const mine: Found = { checkpoint: c, horizon: d.horizon, deviceId: d.deviceId };
      out.set(c.cardId, [...(out.get(c.cardId) ?? []), mine]);
    }
  }
  return out;
}

const latest = (times: readonly (number | undefined)[]): number | undefined =>
  times.reduce<number | undefined>(
    (m, t) => (t === undefined ? m : m === undefined ? t : Math.max(m, t)),
    undefined,
  );

/** The checkpoint with the latest horizon (ties: the greater device id, then the greater state). */
const newest = (founds: readonly Found[]): Found | undefined =>
  founds.reduce<Found | undefined>((best, f) => (!best || newer(f, best) ? f : best), undefined);

function newer(a: Found, b: Found): boolean {
  if (a.horizon !== b.horizon) return a.horizon > b.horizon;
  if (a.deviceId !== b.deviceId) return a.deviceId > b.deviceId;
  return JSON.stringify(a.checkpoint) > JSON.stringify(b.checkpoint);
}

type Action = Exclude<SyncEvent, { kind: 'rating' | 'undo' }> & Stamped;

function cardActions(devices: readonly DeviceLog[]): Map<string, Action[]> {
  const all: Action[] = [];
  for (const d of devices)
    d.events.forEach((e, seq) => {
      if (e.kind !== 'rating' && e.kind !== 'undo') all.push({ ...e, deviceId: d.deviceId, seq });
    });
  return groupBy(all, (a) => a.cardId);
}

/**
 * One card: settings by the latest event for each (the newest checkpoint's count as of its
 * horizon); schedule as `rebuild` gives it.
 */
function mergeCard(
  scheduler: FSRS,
  founds: readonly Found[],
  ratings: readonly MergedReview[],
  actions: readonly Action[],
): MergedCard {
  const found = newest(founds);
  const horizon = found?.horizon ?? -Infinity;
  const cp = found?.checkpoint;
  const base: Stamped = { at: horizon, deviceId: found?.deviceId ?? '', seq: -1 };
  let suspended = { ...base, value: cp?.suspended ?? false };
  let buried = { ...base, value: cp?.buriedUntil };
  let note = { ...base, value: cp?.note };
  // The latest reset anywhere: a checkpoint that did not hear of it is no base for the schedule.
  const resetAt = latest([
    ...founds.map((f) => f.checkpoint.resetAt),
    ...actions.map((a) => (a.kind === 'reset' ? a.at : undefined)),
  ]);
  for (const a of actions) {
    if (a.at <= horizon) continue; // the checkpoint holds everything up to its horizon
    if ((a.kind === 'suspend' || a.kind === 'unsuspend') && later(a, suspended))
      suspended = { ...a, value: a.kind === 'suspend' };
    if ((a.kind === 'bury' || a.kind === 'reset') && later(a, buried))
      buried = { ...a, value: a.kind === 'bury' ? a.until : undefined };
    if (a.kind === 'note' && later(a, note)) note = { ...a, value: a.text || undefined };
  }
  const state = rebuild(scheduler, founds, ratings, resetAt);
  return {
    ...(state ? { state } : {}),
    suspended: suspended.value,
    ...(buried.value !== undefined ? { buriedUntil: buried.value } : {}),
    ...(note.value ? { note: note.value } : {}),
    ...(resetAt !== undefined ? { resetAt } : {}),
  };
}

/**
 * A card's schedule: of every way to build it from what the devices hold (each checkpoint
 * with the ratings after its horizon, and every rating from the start or from the latest
 * reset), the one that takes in the most ratings; then the newest horizon, the greater
 * device id. A checkpoint stands for the ratings its device knew: two
 * browsers that studied a card before they first synced each hold a history the other's
 * checkpoint does not, and the longer one is kept rather than whichever was folded last.
 * The choice depends only on the data, so every device makes the same one. Checkpoints
 * older than the latest reset are not candidates.
 */
function rebuild(
  scheduler: FSRS,
  founds: readonly Found[],
  ratings: readonly MergedReview[],
  resetAt: number | undefined,
): SchedulingState | undefined {
  const logs = ratings.map((r) => ({ rating: r.rating, review: r.review }));
  const candidates: { state: SchedulingState; horizon: number; deviceId: string }[] = [];
  for (const f of founds) {
    // Older than the latest reset, or made without it (a device that had not received it yet).
    if (resetAt !== undefined && (resetAt > f.horizon || f.checkpoint.resetAt !== resetAt)) continue;
    let state = f.checkpoint.state;
    for (const r of logs)
      if (r.review > f.horizon) state = gradeCard(scheduler, state, r.rating, r.review).state;
    candidates.push({ state, horizon: f.horizon, deviceId: f.deviceId });
  }
  if (logs.length > 0 || resetAt !== undefined)
    // Ratings come sorted by time, then id: replayRatings's stable sort keeps that order for ties.
    candidates.push({
      state: replayRatings(scheduler, logs, logs[0]?.review ?? resetAt!, resetAt),
      horizon: -Infinity,
      deviceId: '',
    });
  return candidates.reduce<(typeof candidates)[number] | undefined>(
    (best, c) => (!best || fuller(c, best) ? c : best),
    undefined,
  )?.state;
}

function fuller(
  a: { state: SchedulingState; horizon: number; deviceId: string },
  b: { state: SchedulingState; horizon: number; deviceId: string },
): boolean {
  // Nothing that ratings added after every horizon would change: compaction keeps the choice.
  if (a.state.reps !== b.state.reps) return a.state.reps > b.state.reps;
  if (a.horizon !== b.horizon) return a.horizon > b.horizon;
  if (a.deviceId !== b.deviceId) return a.deviceId > b.deviceId;
  return JSON.stringify(a.state) > JSON.stringify(b.state);
}
