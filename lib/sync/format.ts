import type { Settings } from '../settings/model';
import type { SchedulingState } from '../srs/card-state';
import {
  cardKey,
  CARD_KEY_LENGTH,
  fixedLength,
  FSRS_SCALE,
  packFixed,
  packFsrsNumber,
  packInt,
  packUint,
  packUuid,
  Reader,
  unpackUuid,
} from './pack';
import type { Checkpoint, DeviceLog, SyncEvent } from './types';

/**
 * The format of what the extension keeps in `storage.sync`. Bump when a reader of this
 * version could not read what a writer of the next one writes; a reader leaves data of a
 * newer version alone (`newer`) and never reads half of it.
 */
export const SYNC_VERSION = 1;

/** Chrome's quotas for `storage.sync` (Firefox's are the same or looser in bytes). */
export const QUOTA = { bytes: 102_400, bytesPerItem: 8_192, items: 512 } as const;
/** What `itemsFor` aims an item at: under the per-item quota with room to spare. */
export const ITEM_TARGET_BYTES = 8_000;

export const DAY = 86_400_000;
/** The base time of a part without events (2000-01-01, the earliest time sync accepts). */
const NO_EVENTS_BASE = Date.UTC(2000, 0, 1);
const MINUTE = 60_000;

/** The key of the settings item. */
export const SETTINGS_KEY = 's';
/** A device's head item: `d.<deviceId>`; its parts: `d.<deviceId>.<n>`. */
export const headKey = (deviceId: string) => `d.${deviceId}`;
export const partKey = (deviceId: string, n: number) => `d.${deviceId}.${n}`;
/** Whether `key` is one of a device's items (its head or a part). */
export const isDeviceKey = (key: string, deviceId: string) =>
  key === headKey(deviceId) || key.startsWith(`${headKey(deviceId)}.`);
export const DEVICE_ID = /^[A-Za-z0-9_-]{1,24}$/;

/** The head: how many parts the device wrote, when, and the horizon of its checkpoints. */
export interface HeadItem {
  v: number;
  /** Number of parts `d.<id>.0` .. `d.<id>.<n-1>`. */
  n: number;
  /** Written at (epoch ms). */
  t: number;
  /** Checkpoint horizon (epoch ms); absent when there are no checkpoints. */
  h?: number;
}

/** One part: events packed as strings with times relative to `b`, checkpoints packed end to end in `c`, notes beside them. */
export interface PartItem {
  v: number;
  /** Base time (epoch ms) the event times count from. */
  b: number;
  e: string[];
  c: string;
  /** Notes of checkpointed cards: [card key, text]. */
  n: [string, string][];
}

export interface SettingsItem {
  v: number;
  /** Changed at (epoch ms) and by which device: the newest change wins, ties by device id. */
  t: number;
  d: string;
  s: Settings;
}

/**
 * Bytes of items as Chrome counts them against its quotas: each key's length plus the
 * length of JSON.stringify of its value, in UTF-8 bytes.
 *
 * @example
 * bytesOf({ s: 1 }) // 2: "s" and "1"
 */
export function bytesOf(items: Record<string, unknown>): number {
  const enc = new TextEncoder();
  let total = 0;
  for (const [k, v] of Object.entries(items))
    total += enc.encode(k).length + enc.encode(JSON.stringify(v)).length;
  return total;
}

// ---- events -------------------------------------------------------------------------

/** A review id as sync holds it: a UUID in 20 characters (kind letter lowercase), anything else as is (uppercase). */
function packId(id: string): { packed: string; uuid: boolean } {
  const u = packUuid(id);
  return u === null ? { packed: id, uuid: false } : { packed: u, uuid: true };
}

function readId(text: string, uuid: boolean): string | null {
  return uuid ? unpackUuid(text) : text;
}

/**
 * One event as a string: a kind letter, then the card key and varints (times in ms after
 * `base`), then any free text (a review id, a note) to the end. A rating of a UUID id is ~33 bytes.
 */
export function encodeEvent(e: SyncEvent, base: number): string {
  const at = packUint(e.at - base);
  switch (e.kind) {
    case 'rating': {
      const { packed, uuid } = packId(e.id);
      return `${uuid ? 'r' : 'R'}${cardKey(e.cardId)}${packUint(e.rating)}${at}${packed}`;
    }
    case 'undo': {
      const { packed, uuid } = packId(e.reviewId);
      return `${uuid ? 'u' : 'U'}${at}${packed}`;
    }
    case 'suspend':
      return `s${cardKey(e.cardId)}${at}`;
    case 'unsuspend':
      return `S${cardKey(e.cardId)}${at}`;
    case 'reset':
      return `x${cardKey(e.cardId)}${at}`;
    case 'bury':
      return `b${cardKey(e.cardId)}${at}${e.until === undefined ? packUint(0) : packUint(e.until - e.at + 1)}`;
    case 'note':
      return `n${cardKey(e.cardId)}${at}${e.text}`;
  }
}

/** An event with its card still as a key: `decodeEvent` is the shape only, `validate.ts` maps and checks it. */
export type RawEvent =
  | { kind: 'rating'; id: string; key: string; rating: number; at: number }
  | { kind: 'undo'; reviewId: string; at: number }
  | { kind: 'suspend' | 'unsuspend' | 'reset'; key: string; at: number }
  | { kind: 'bury'; key: string; at: number; until?: number }
  | { kind: 'note'; key: string; at: number; text: string };

const KINDS = { s: 'suspend', S: 'unsuspend', x: 'reset' } as const;

/** The event a string holds, or null when it is malformed. */
export function decodeEvent(text: string, base: number): RawEvent | null {
  const r = new Reader(text.slice(1));
  const kind = text[0];
  if (kind === 'u' || kind === 'U') {
    const at = r.uint();
    const reviewId = readId(r.rest(), kind === 'u');
    return at === null || reviewId === null ? null : { kind: 'undo', at: base + at, reviewId };
  }
  const key = r.fixed(CARD_KEY_LENGTH);
  if (key === null) return null;
  if (kind === 'r' || kind === 'R') {
    const rating = r.uint();
    const at = r.uint();
    const id = readId(r.rest(), kind === 'r');
    return rating === null || at === null || id === null
      ? null
      : { kind: 'rating', key, rating, at: base + at, id };
  }
  const at = r.uint();
  if (at === null) return null;
  if (kind === 's' || kind === 'S' || kind === 'x')
    return r.done ? { kind: KINDS[kind], key, at: base + at } : null;
  if (kind === 'b') {
    const u = r.uint();
    if (u === null || !r.done) return null;
    return u === 0
      ? { kind: 'bury', key, at: base + at }
      : { kind: 'bury', key, at: base + at, until: base + at + u - 1 };
  }
  if (kind === 'n') return { kind: 'note', key, at: base + at, text: r.rest() };
  return null;
}

// ---- checkpoints --------------------------------------------------------------------

const FLAG = { reviewed: 4, suspended: 8, buried: 16, reset: 32 } as const;
/** Stability is at most 36,500 days: ×1e8 that fits in 7 base-92 characters; difficulty ≤ 10 in 5. */
const MAX_STABILITY_LENGTH = 7;
const DIFFICULTY_LENGTH = 5;
const MAX_LAST_LENGTH = 6;

/**
 * Checkpoints packed end to end, oldest last review last. Each: the card key (5), a flag
 * character (state, reviewed, suspended, buried, reset), a character giving the lengths of
 * the next two fields, the time of the last review as ms before the previous one's (the
 * list is sorted by it, so the gaps are small), stability (exact: FSRS rounds it to 8
 * decimals), difficulty (5), then varints: due (one character when FSRS set it from the
 * interval), reps, lapses, learning steps, elapsed and scheduled days, bury and reset.
 * The notes travel beside them. ~28 bytes a studied card.
 */
export function encodeCheckpoints(list: readonly Checkpoint[], horizon: number): string {
  let prev = 0;
  return sortForPacking(list, horizon)
    .map((c) => {
      const { text, back } = encodeCheckpoint(c, horizon, prev);
      prev = back;
      return text;
    })
    .join('');
}

/** Checkpoints in packing order: never reviewed first, then by last review, newest first. */
export function sortForPacking(list: readonly Checkpoint[], horizon: number): Checkpoint[] {
  const back = (c: Checkpoint) => (c.state.last_review === null ? -1 : horizon - c.state.last_review);
  return [...list].sort((a, b) => back(a) - back(b) || (a.cardId < b.cardId ? -1 : 1));
}

/** One checkpoint after one whose last review was `prevBack` ms before the horizon. */
export function encodeCheckpoint(
  c: Checkpoint,
  horizon: number,
  prevBack: number,
): { text: string; back: number } {
  const s = c.state;
  const k = [packFsrsNumber(s.stability), packFsrsNumber(s.difficulty)];
  if (k[0] === null || k[1] === null) throw new RangeError(`${c.cardId}: not an FSRS number`);
  const stability = Math.round(s.stability * FSRS_SCALE);
  const back = s.last_review === null ? prevBack : horizon - s.last_review;
  if (back < prevBack) throw new RangeError('checkpoints out of order');
  const lastLength = s.last_review === null ? 0 : fixedLength(back - prevBack);
  const stabilityLength = fixedLength(stability);
  if (lastLength > MAX_LAST_LENGTH || stabilityLength > MAX_STABILITY_LENGTH)
    throw new RangeError(`${c.cardId}: out of range`);
  const flags =
    s.state +
    (s.last_review !== null ? FLAG.reviewed : 0) +
    (c.suspended ? FLAG.suspended : 0) +
    (c.buriedUntil !== undefined ? FLAG.buried : 0) +
    (c.resetAt !== undefined ? FLAG.reset : 0);
  const ref = s.last_review ?? horizon;
  const delta = s.due - ref;
  const due =
    delta === s.scheduled_days * DAY
      ? 0
      : delta % MINUTE === 0
        ? zig(delta / MINUTE) * 2 + 1
        : zig(delta) * 2 + 2;
  const text = [
    cardKey(c.cardId),
    packFixed(flags, 1),
    packFixed(lastLength * MAX_STABILITY_LENGTH + stabilityLength - 1, 1),
    lastLength > 0 ? packFixed(back - prevBack, lastLength) : '',
    packFixed(stability, stabilityLength),
    packFixed(Math.round(s.difficulty * FSRS_SCALE), DIFFICULTY_LENGTH),
    packUint(due),
    packUint(s.reps),
    packUint(s.lapses),
    packUint(s.learning_steps),
    packUint(s.elapsed_days),
    packUint(s.scheduled_days),
    c.buriedUntil !== undefined ? packInt(c.buriedUntil - horizon) : '',
    c.resetAt !== undefined ? packUint(horizon - c.resetAt) : '',
  ].join('');
  return { text, back };
}

const zig = (n: number) => (n >= 0 ? n * 2 : -n * 2 - 1);

/** A checkpoint with its card still as a key. */
export interface RawCheckpoint extends Omit<Checkpoint, 'cardId' | 'note'> {
  key: string;
}

/** The checkpoints of one packed string, or null when the packing is malformed. */
export function decodeCheckpoints(packed: string, horizon: number): RawCheckpoint[] | null {
  const r = new Reader(packed);
  const out: RawCheckpoint[] = [];
  let prev = 0;
  while (!r.done) {
    const one = readCheckpoint(r, horizon, prev);
    if (one === null) return null;
    out.push(one.checkpoint);
    prev = one.back;
  }
  return out;
}

function readCheckpoint(
  r: Reader,
  horizon: number,
  prevBack: number,
): { checkpoint: RawCheckpoint; back: number } | null {
  const key = r.fixed(CARD_KEY_LENGTH);
  const flags = r.fixedUint(1);
  const lengths = r.fixedUint(1);
  if (key === null || flags === null || flags >= 64 || lengths === null) return null;
  const lastLength = Math.floor(lengths / MAX_STABILITY_LENGTH);
  const reviewed = Boolean(flags & FLAG.reviewed);
  if (lastLength > MAX_LAST_LENGTH || reviewed !== lastLength > 0) return null;
  const gap = lastLength > 0 ? r.fixedUint(lastLength) : 0;
  const stability = r.fixedUint((lengths % MAX_STABILITY_LENGTH) + 1);
  const difficulty = r.fixedUint(DIFFICULTY_LENGTH);
  const n = [r.uint(), r.uint(), r.uint(), r.uint(), r.uint(), r.uint()];
  if (gap === null || stability === null || difficulty === null || n.some((x) => x === null)) return null;
  const [due, reps, lapses, learningSteps, elapsed, scheduled] = n as number[];
  const buried = flags & FLAG.buried ? r.int() : 0;
  const resetBack = flags & FLAG.reset ? r.uint() : 0;
  if (buried === null || resetBack === null) return null;
  const back = prevBack + gap;
  const last_review = reviewed ? horizon - back : null;
  const ref = last_review ?? horizon;
  const dueAt =
    due! === 0
      ? ref + scheduled! * DAY
      : due! % 2 === 1
        ? ref + unzig((due! - 1) / 2) * MINUTE
        : ref + unzig((due! - 2) / 2);
  const state: SchedulingState = {
    due: dueAt,
    stability: stability / FSRS_SCALE,
    difficulty: difficulty / FSRS_SCALE,
    elapsed_days: elapsed!,
    scheduled_days: scheduled!,
    learning_steps: learningSteps!,
    reps: reps!,
    lapses: lapses!,
    state: (flags & 3) as SchedulingState['state'],
    last_review,
  };
  const checkpoint: RawCheckpoint = {
    key,
    state,
    suspended: Boolean(flags & FLAG.suspended),
    ...(flags & FLAG.buried ? { buriedUntil: horizon + buried } : {}),
    ...(flags & FLAG.reset ? { resetAt: horizon - resetBack } : {}),
  };
  return { checkpoint, back: reviewed ? back : prevBack };
}

const unzig = (z: number) => (z % 2 === 0 ? z / 2 : -(z + 1) / 2);

// ---- items --------------------------------------------------------------------------

/**
 * A device's log as `storage.sync` items: the head `d.<id>` and parts `d.<id>.0..n-1`, each
 * under ITEM_TARGET_BYTES. Parts beyond `n` left from an earlier, longer write are stale:
 * the writer removes them, and a reader never reads past `n`.
 *
 * @example
 * await browser.storage.sync.set(itemsFor(log, Date.now()))
 */
export function itemsFor(log: DeviceLog, writtenAt: number): Record<string, HeadItem | PartItem> {
  if (!DEVICE_ID.test(log.deviceId)) throw new RangeError(`device id: ${log.deviceId}`);
  const horizon = log.horizon;
  if (log.checkpoints.length > 0 && horizon === undefined)
    throw new RangeError('checkpoints without a horizon');
  const base = log.events.reduce((m, e) => Math.min(m, e.at), Infinity);
  // Without events, a base that does not change with the write: an idle device's items stay
  // the same round after round, so it writes nothing (and wakes no other browser).
  const b = Number.isFinite(base) ? base : (log.horizon ?? NO_EVENTS_BASE);
  const parts: PartItem[] = [];
  let part: PartItem = { v: SYNC_VERSION, b, e: [], c: '', n: [] };
  let size = bytesOf({ [partKey(log.deviceId, 99)]: part });
  const room = (bytes: number) => {
    if (size + bytes <= ITEM_TARGET_BYTES) return;
    parts.push(part);
    part = { v: SYNC_VERSION, b, e: [], c: '', n: [] };
    size = bytesOf({ [partKey(log.deviceId, 99)]: part });
  };
  let prev = 0;
  for (const c of sortForPacking(log.checkpoints, horizon!)) {
    let packed = encodeCheckpoint(c, horizon!, prev);
    const note: [string, string] | null = c.note ? [cardKey(c.cardId), c.note] : null;
    const noteBytes = note ? bytesOf({ x: note }) + 1 : 0;
    if (size + packed.text.length + noteBytes > ITEM_TARGET_BYTES) {
      room(Infinity);
      packed = encodeCheckpoint(c, horizon!, 0);
    }
    part.c += packed.text;
    prev = packed.back;
    size += packed.text.length;
    if (note) {
      part.n.push(note);
      size += noteBytes;
    }
  }
  for (const e of log.events) {
    const s = encodeEvent(e, b);
    const bytes = bytesOf({ x: s }) + 1; // "…", plus its comma
    room(bytes);
    part.e.push(s);
    size += bytes;
  }
  if (part.e.length > 0 || part.c.length > 0 || parts.length === 0) parts.push(part);
  const head: HeadItem = {
    v: SYNC_VERSION,
    n: parts.length,
    t: writtenAt,
    ...(horizon !== undefined ? { h: horizon } : {}),
  };
  const items: Record<string, HeadItem | PartItem> = { [headKey(log.deviceId)]: head };
  parts.forEach((p, i) => (items[partKey(log.deviceId, i)] = p));
  return items;
}

export function settingsItem(
  settings: Settings,
  changedAt: number,
  deviceId: string,
): Record<string, SettingsItem> {
  return { [SETTINGS_KEY]: { v: SYNC_VERSION, t: changedAt, d: deviceId, s: settings } };
}
