import * as v from 'valibot';
import { isGrade, NOTE_MAX_LENGTH, State } from '../srs/card-state';
import { normalizeSettings, type Settings } from '../settings/model';
import {
  DAY,
  decodeCheckpoints,
  decodeEvent,
  DEVICE_ID,
  headKey,
  partKey,
  QUOTA,
  SETTINGS_KEY,
  SYNC_VERSION,
  type RawEvent,
} from './format';
import { cardKeyTable } from './pack';
import type { Checkpoint, DeviceLog, SyncEvent } from './types';

/** Nothing in sync is dated before this. */
const MIN_DATE = Date.UTC(2000, 0, 1);
/** A device whose clock runs ahead is believed up to a day; further ahead, its data is refused. */
export const MAX_CLOCK_AHEAD = DAY;
/** A checkpoints' horizon is believed up to ten minutes ahead (a device whose clock is a little fast, just after midnight). */
const HORIZON_CLOCK_AHEAD = 10 * 60_000;
const MAX_PARTS = QUOTA.items;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type Decoded<T> =
  /** `ignored`: what was left out (entries for cards this version does not know), in words. */
  | { ok: true; value: T; ignored?: string }
  /** Data of a newer format: left alone, "update the extension". */
  | { ok: false; newer: true; version: number; message: string }
  /** Refused whole, with why in words. */
  | { ok: false; newer: false; message: string };

const refuse = (message: string): { ok: false; newer: false; message: string } => ({
  ok: false,
  newer: false,
  message,
});

/** A forbidden key anywhere in a value, or a value too deep or too big to be ours. */
function hostile(value: unknown, depth = 0): string | null {
  if (depth > 6) return 'is nested too deeply';
  if (typeof value === 'string')
    return value.length > QUOTA.bytesPerItem ? 'holds a string too long for sync' : null;
  if (typeof value !== 'object' || value === null) return null;
  const keys = Object.getOwnPropertyNames(value);
  if (keys.length > QUOTA.bytesPerItem) return 'holds too many entries';
  for (const k of keys) {
    if (FORBIDDEN_KEYS.has(k)) return `holds the forbidden key "${k}"`;
    const bad = hostile((value as Record<string, unknown>)[k], depth + 1);
    if (bad) return bad;
  }
  return null;
}

const time = (now: number) =>
  v.pipe(v.number(), v.safeInteger(), v.minValue(MIN_DATE), v.maxValue(now + MAX_CLOCK_AHEAD));

function versionOf(raw: unknown): number | null {
  const ver = (raw as { v?: unknown } | null)?.v;
  return typeof ver === 'number' && Number.isSafeInteger(ver) ? ver : null;
}

function checkVersion(raw: unknown, what: string): Exclude<Decoded<never>, { ok: true }> | null {
  const ver = versionOf(raw);
  if (ver === null) return refuse(`${what} has no format version`);
  if (ver > SYNC_VERSION)
    return {
      ok: false,
      newer: true,
      version: ver,
      message: `${what} is from a newer version of the extension (format ${ver}): update the extension`,
    };
  if (ver !== SYNC_VERSION) return refuse(`${what} has an unknown format version ${ver}`);
  return null;
}

/** The settings item, checked and normalized, or why not. */
export function decodeSettings(
  raw: unknown,
  now: number,
): Decoded<{ settings: Settings; at: number; deviceId: string }> {
  const what = 'the synced settings';
  const bad = hostile(raw);
  if (bad) return refuse(`${what} ${bad}`);
  const ver = checkVersion(raw, what);
  if (ver) return ver;
  const r = v.safeParse(
    v.strictObject({
      v: v.number(),
      t: time(now),
      d: v.pipe(v.string(), v.regex(DEVICE_ID)),
      s: v.record(v.string(), v.unknown()),
    }),
    raw,
  );
  if (!r.success) return refuse(`${what}: ${issueText(r.issues[0])}`);
  return {
    ok: true,
    value: { settings: normalizeSettings(r.output.s), at: r.output.t, deviceId: r.output.d },
  };
}

function issueText(issue: v.BaseIssue<unknown>): string {
  const path = (issue.path ?? []).map((p) => String(p.key)).join('.');
  return `${path || 'the item'}: ${issue.message}`;
}

/**
 * One device's items read whole, or refused whole with why: every part present, every
 * field its type and range, every time between 2000 and a day from `now` (a checkpoints'
 * horizon not after `now`), each rating 1-4, no forbidden key. Never a part of a device's
 * log; only the entries of cards this version does not know are left out, and said.
 *
 * @param items everything read from `storage.sync`
 * @param cards card keys to ids (`cardKeyTable` of the ids this device knows)
 */
export function decodeDevice(
  items: Record<string, unknown>,
  deviceId: string,
  cards: ReadonlyMap<string, string | null>,
  now: number,
): Decoded<DeviceLog> {
  const what = `the sync data of device ${deviceId}`;
  if (!DEVICE_ID.test(deviceId)) return refuse(`a device id is malformed`);
  const head = items[headKey(deviceId)];
  const bad = hostile(head);
  if (bad) return refuse(`${what} ${bad}`);
  const ver = checkVersion(head, what);
  if (ver) return ver;
  const h = v.safeParse(
    v.strictObject({
      v: v.number(),
      n: v.pipe(v.number(), v.safeInteger(), v.minValue(1), v.maxValue(MAX_PARTS)),
      t: time(now),
      // Not ahead of now (but for a clock a few minutes fast): it would hide ratings made here before it.
      h: v.optional(
        v.pipe(v.number(), v.safeInteger(), v.minValue(MIN_DATE), v.maxValue(now + HORIZON_CLOCK_AHEAD)),
      ),
    }),
    head,
  );
  if (!h.success) return refuse(`${what}, head: ${issueText(h.issues[0])}`);
  const log: DeviceLog = {
    deviceId,
    events: [],
    checkpoints: [],
    ...(h.output.h !== undefined ? { horizon: h.output.h } : {}),
  };
  const unknown = { count: 0 };
  for (let i = 0; i < h.output.n; i++) {
    const problem = readPart(items[partKey(deviceId, i)], i, log, cards, now, unknown);
    if (problem) return refuse(`${what}, part ${i}: ${problem}`);
  }
  if (unknown.count === 0) return { ok: true, value: log };
  const ignored = `${what}: ${unknown.count} ${unknown.count === 1 ? 'entry' : 'entries'} for cards this version does not know were left out (update the extension if it is older than that browser's)`;
  return { ok: true, value: log, ignored };
}

const partSchema = (now: number) =>
  v.strictObject({
    v: v.number(),
    b: time(now),
    e: v.pipe(
      v.array(v.pipe(v.string(), v.minLength(2), v.maxLength(NOTE_MAX_LENGTH + 40))),
      v.maxLength(QUOTA.bytesPerItem),
    ),
    c: v.pipe(v.string(), v.maxLength(QUOTA.bytesPerItem)),
    n: v.pipe(
      v.array(v.tuple([v.string(), v.pipe(v.string(), v.minLength(1), v.maxLength(NOTE_MAX_LENGTH))])),
      v.maxLength(QUOTA.bytesPerItem),
    ),
  });

/**
 * Adds one part's events and checkpoints to `log`, or says what is wrong with it. Those of a
 * card this version does not know (a newer bank, or one that retired it) are left out and
 * counted in `unknown`: the merge is card by card, so the rest stands.
 */
function readPart(
  raw: unknown,
  i: number,
  log: DeviceLog,
  cards: ReadonlyMap<string, string | null>,
  now: number,
  unknown: { count: number },
): string | null {
  if (raw === undefined) return 'missing (a write in progress, or lost)';
  const bad = hostile(raw);
  if (bad) return bad;
  const ver = checkVersion(raw, `part ${i}`);
  if (ver) return ver.message;
  const p = v.safeParse(partSchema(now), raw);
  if (!p.success) return issueText(p.issues[0]);
  const cardOf = (key: string): string | null => cards.get(key) ?? null;
  for (const [n, text] of p.output.e.entries()) {
    const raw = decodeEvent(text, p.output.b);
    if (raw === null) return `event ${n + 1} is malformed`;
    const e = checkEvent(raw, cardOf, now);
    if (e === UNKNOWN_CARD) unknown.count++;
    else if (typeof e === 'string') return `event ${n + 1}: ${e}`;
    else log.events.push(e);
  }
  if (p.output.c.length > 0) {
    if (log.horizon === undefined) return 'checkpoints without a horizon';
    const cps = decodeCheckpoints(p.output.c, log.horizon);
    if (cps === null) return 'the checkpoints are malformed';
    const notes = new Map(p.output.n);
    for (const c of cps) {
      const cardId = cardOf(c.key);
      if (cardId === null) {
        unknown.count++;
        continue;
      }
      const problem = checkCheckpoint(c, log.horizon);
      if (problem) return `the checkpoint of ${cardId}: ${problem}`;
      const { key, ...rest } = c;
      const note = notes.get(key);
      const cp: Checkpoint = { ...rest, cardId, ...(note ? { note } : {}) };
      log.checkpoints.push(cp);
    }
  }
  return null;
}

const inTime = (t: number, now: number) =>
  Number.isSafeInteger(t) && t >= MIN_DATE && t <= now + MAX_CLOCK_AHEAD;
const ID = /^[A-Za-z0-9_:.-]{1,100}$/;

const UNKNOWN_CARD = Symbol('a card this version does not know');

function checkEvent(
  e: RawEvent,
  cardOf: (key: string) => string | null,
  now: number,
): SyncEvent | string | typeof UNKNOWN_CARD {
  if (!inTime(e.at, now)) return `its time ${e.at} is before 2000 or more than a day ahead`;
  if (e.kind === 'undo') return ID.test(e.reviewId) ? e : 'the review id is malformed';
  const cardId = cardOf(e.key);
  if (cardId === null) return UNKNOWN_CARD;
  switch (e.kind) {
    case 'rating':
      if (!isGrade(e.rating)) return `the rating ${e.rating} is not 1-4`;
      if (!ID.test(e.id)) return 'the review id is malformed';
      return { kind: 'rating', id: e.id, cardId, rating: e.rating, at: e.at };
    case 'note':
      return e.text.length <= NOTE_MAX_LENGTH
        ? { kind: 'note', cardId, at: e.at, text: e.text }
        : 'the note is too long';
    case 'bury':
      if (e.until !== undefined && e.until > e.at + 30 * DAY) return 'it is buried for more than 30 days';
      return { kind: 'bury', cardId, at: e.at, ...(e.until !== undefined ? { until: e.until } : {}) };
    default:
      return { kind: e.kind, cardId, at: e.at };
  }
}

function checkCheckpoint(c: Omit<Checkpoint, 'cardId'>, horizon: number): string | null {
  const s = c.state;
  const far = horizon + 36_500 * DAY;
  if (s.last_review !== null && s.last_review < MIN_DATE) return 'its last review is before 2000';
  if (!(s.due >= MIN_DATE && s.due <= far)) return 'its due time is out of range';
  if (!(s.stability <= 36_500 && s.difficulty <= 10)) return 'its stability or difficulty is out of range';
  if (s.state > State.Relearning) return 'its state is unknown';
  if (
    s.elapsed_days > 36_500 ||
    s.scheduled_days > 36_500 ||
    s.reps > 1e6 ||
    s.lapses > 1e6 ||
    s.learning_steps > 1000
  )
    return 'a count is out of range';
  if (c.resetAt !== undefined && c.resetAt < MIN_DATE) return 'its reset is before 2000';
  if (c.buriedUntil !== undefined && c.buriedUntil > horizon + 30 * DAY)
    return 'it is buried for more than 30 days';
  return null;
}

/** The device ids with a head item in sync. */
export function devicesIn(items: Record<string, unknown>): string[] {
  return Object.keys(items)
    .filter((k) => /^d\.[^.]+$/.test(k))
    .map((k) => k.slice(2))
    .sort();
}

/** Everything in `storage.sync` read at once: what can be merged, and what was left alone and why. */
export interface SyncSnapshot {
  /** Every other device's log that read whole. */
  devices: DeviceLog[];
  settings?: { settings: Settings; at: number; deviceId: string };
  /** Data refused (corrupt or hostile), in words: ignored, the local database unchanged. */
  problems: string[];
  /** Data of a newer format, left alone: the extension should be updated. */
  newer: string[];
  /** The settings item is of a newer format: left alone, not written over. */
  settingsNewer?: boolean;
  /** Devices read with some entries left out (cards this version does not know). */
  partial: string[];
}

/**
 * Reads everything `storage.sync` returned: each device whole or not at all, the settings
 * item, and what was refused. The device `self` is skipped (its own data is its local database).
 *
 * @example
 * decodeSync(await browser.storage.sync.get(null), bankIds, deviceId, Date.now())
 */
export function decodeSync(
  items: Record<string, unknown>,
  knownCardIds: Iterable<string>,
  self: string,
  now: number,
): SyncSnapshot {
  const table = cardKeyTable(knownCardIds);
  const out: SyncSnapshot = { devices: [], problems: [], newer: [], partial: [] };
  for (const id of devicesIn(items)) {
    if (id === self) continue;
    const read = decodeDevice(items, id, table, now);
    if (read.ok) {
      out.devices.push(read.value);
      if (read.ignored) {
        out.problems.push(read.ignored);
        out.partial.push(id);
      }
    } else (read.newer ? out.newer : out.problems).push(read.message);
  }
  if (SETTINGS_KEY in items) {
    const s = decodeSettings(items[SETTINGS_KEY], now);
    if (s.ok) out.settings = s.value;
    else if (s.newer) {
      out.newer.push(s.message);
      out.settingsNewer = true;
    } else out.problems.push(s.message);
  }
  return out;
}
