import type { StudyDatabase } from '../db/open';
import {
  applySyncChanges,
  readSyncSettings,
  readReviews,
  readSyncView,
  type SyncedSettings,
  saveLastLog,
  saveSyncSettings,
  syncDevice,
  type SyncDevice,
} from '../db/sync';
import { normalizeSettings, type Settings } from '../settings/model';
import { planCard } from '../srs/plan';
import { makeScheduler } from '../srs/schedule';
import { compactToFit } from '../sync/compact';
import { bytesOf, DAY, headKey, QUOTA, SETTINGS_KEY, settingsItem, type HeadItem } from '../sync/format';
import { localChanges, localLog } from '../sync/local';
import { merge } from '../sync/merge';
import type { SyncStatus } from '../sync/status';
import type { DeviceLog } from '../sync/types';
import { decodeSync, type SyncSnapshot } from '../sync/validate';

/** The browser's `storage.sync`, as much of it as sync uses (a fake in tests). */
export interface SyncArea {
  get(): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string[]): Promise<void>;
}

export interface SyncRun {
  /** This browser's id in sync. */
  deviceId: string;
  status: SyncStatus;
  /** Cards a merge changed here (the badge and open pages follow). */
  changedCards: string[];
  /** Whether ratings came in or left: today's counts may have moved. */
  reviewsChanged: boolean;
  /** Settings another device changed, to store here (topics, limits, pacing, interviews). */
  settings?: Settings;
}

/** Room left in the quota for items sync adds while ours are written (another device's settings change). */
const MARGIN = 1_024;

/**
 * One round of sync: read everything in `storage.sync`, merge every device's data with this
 * browser's, write what changed here (one transaction), and write this device's compacted
 * log and the settings back when they differ from what sync holds. Never throws for bad
 * sync data: what is refused is in the status, in words, and changes nothing here.
 *
 * @example
 * await syncOnce(db, settings, { area, now: Date.now(), makeId, previous })
 */
export async function syncOnce(
  db: StudyDatabase,
  settings: Settings,
  ctx: {
    area: SyncArea;
    now: number;
    makeId: () => string;
    previous: SyncStatus;
    /** Read every rating held here, not only those after the last horizon (the plain version, for the benchmark). */
    whole?: boolean;
  },
): Promise<SyncRun> {
  const { area, now } = ctx;
  const device = await syncDevice(db, now, ctx.makeId);
  const items = await area.get();
  const local = await readSyncView(db, { whole: ctx.whole });
  const snapshot = decodeSync(
    items,
    local.cards.map((c) => c.id),
    device.id,
    now,
  );
  const scheduler = makeScheduler({ retention: settings.retention, fuzz: false });
  const mine = localLog(device.id, device.since, local.reviews, local.cards, local.undos);
  const view = [...(local.last ? [local.last] : []), mine.log, ...snapshot.devices];
  const merged = merge(view, scheduler);
  const undone = view.flatMap((l) => l.events.flatMap((e) => (e.kind === 'undo' ? [e.reviewId] : [])));
  const removed = await readReviews(
    db,
    undone.filter((id) => local.reviewIds.has(id)),
  );
  const changes = localChanges(local.cards, local.reviewIds, removed, merged);
  const w = scheduler.parameters.w;
  const changedCards = await applySyncChanges(
    db,
    changes,
    scheduler,
    (card) => planCard(w, card, settings, now),
    origins(snapshot.devices),
  );
  const reviewsChanged = changes.add.length + changes.remove.length > 0;
  const incoming = await settingsFromSync(db, settings, snapshot, device.id, now);
  const toWrite = incoming.write ? settingsItem(incoming.write.settings, incoming.write.at, device.id) : {};
  const budget =
    QUOTA.bytes -
    othersBytes(items, device.id, incoming.write ? SETTINGS_KEY : null) -
    bytesOf(toWrite) -
    MARGIN;
  const fitted = compactToFit(view, device.id, now, budget, scheduler, snapshot.devices, mine.isMine);
  // Everything this device knows, compacted: kept here whether or not it fits in sync.
  await saveLastLog(db, fitted.log);
  const ours = fitted.fits ? { ...fitted.items, ...toWrite } : toWrite;
  let error: string | undefined;
  // A write the browser refuses (a quota, sync unreachable) changes nothing here: said, and tried again next round.
  const sent = await writeChanged(area, items, ours, device).catch((e: unknown) => {
    error = e instanceof Error ? e.message : String(e);
    return false;
  });
  if (incoming.write && sent) await saveSyncSettings(db, incoming.write.record);
  const status: SyncStatus = {
    ...(sent || ctx.previous.sentAt === undefined
      ? sent
        ? { sentAt: now }
        : {}
      : { sentAt: ctx.previous.sentAt }),
    ...receivedAt(ctx.previous, changedCards.length > 0 || reviewsChanged || Boolean(incoming.apply), now),
    bytes: othersBytes(items, device.id, null) + (fitted.fits ? fitted.bytes : ownBytes(items, device.id)),
    quota: QUOTA.bytes,
    devices: snapshot.devices.length,
    // The days of events actually kept: a horizon set by a tighter round before holds.
    keepDays:
      fitted.log.horizon === undefined ? fitted.keepDays : Math.floor((now - fitted.log.horizon) / DAY),
    ...(fitted.fits ? {} : { full: true }),
    problems: snapshot.problems,
    newer: snapshot.newer,
    ...(error !== undefined ? { error } : {}),
  };
  return {
    deviceId: device.id,
    status,
    changedCards,
    reviewsChanged,
    ...(incoming.apply ? { settings: incoming.apply } : {}),
  };
}

function receivedAt(previous: SyncStatus, received: boolean, now: number): Pick<SyncStatus, 'receivedAt'> {
  if (received) return { receivedAt: now };
  return previous.receivedAt !== undefined ? { receivedAt: previous.receivedAt } : {};
}

/** Which device each rating came from, for the review records a merge adds. */
function origins(devices: readonly DeviceLog[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of devices)
    for (const e of d.events) if (e.kind === 'rating' && !out.has(e.id)) out.set(e.id, d.deviceId);
  return out;
}

const isOwnKey = (key: string, deviceId: string) =>
  key === headKey(deviceId) || key.startsWith(`${headKey(deviceId)}.`);

/** Bytes of everything in sync but this device's items (and `skip`, an item about to be replaced). */
function othersBytes(items: Record<string, unknown>, deviceId: string, skip: string | null): number {
  return bytesOf(
    Object.fromEntries(Object.entries(items).filter(([k]) => !isOwnKey(k, deviceId) && k !== skip)),
  );
}

function ownBytes(items: Record<string, unknown>, deviceId: string): number {
  return bytesOf(Object.fromEntries(Object.entries(items).filter(([k]) => isOwnKey(k, deviceId))));
}

/**
 * Writes this device's items and the settings item when they differ from what sync holds
 * (one write), and removes parts left from a longer write before. Returns whether it wrote.
 */
async function writeChanged(
  area: SyncArea,
  held: Record<string, unknown>,
  ours: Record<string, unknown>,
  device: SyncDevice,
): Promise<boolean> {
  const differs = Object.entries(ours).some(([k, v]) => !sameItem(held[k], v));
  if (!differs) return false;
  await area.set(ours);
  const head = ours[headKey(device.id)] as HeadItem | undefined;
  if (head) {
    const stale = Object.keys(held).filter(
      (k) =>
        isOwnKey(k, device.id) &&
        k !== headKey(device.id) &&
        Number(k.slice(headKey(device.id).length + 1)) >= head.n,
    );
    if (stale.length) await area.remove(stale);
  }
  return true;
}

/** Items equal but for when they were written (a head's `t`). */
function sameItem(a: unknown, b: unknown): boolean {
  const strip = (x: unknown) =>
    typeof x === 'object' && x !== null && 'n' in x && 't' in x && !('s' in x) ? { ...x, t: 0 } : x;
  return JSON.stringify(strip(a)) === JSON.stringify(strip(b));
}

/** Settings sync carries: all but the theme (each screen its own) and the switch itself. */
export function syncedSettings(s: Settings): Omit<Settings, 'theme' | 'sync'> {
  const { theme: _t, sync: _s, ...rest } = s;
  return rest;
}

/**
 * The settings side of a round: another device's newer change to apply here, or this
 * browser's change to write. The newest change wins, by when it was made (ties: the greater
 * device id); a browser that syncs for the first time takes the settings sync already holds.
 */
async function settingsFromSync(
  db: StudyDatabase,
  settings: Settings,
  snapshot: SyncSnapshot,
  deviceId: string,
  now: number,
): Promise<{
  apply?: Settings;
  write?: { settings: Settings; at: number; record: SyncedSettings };
}> {
  // A newer version's settings item is left alone (neither read nor written over).
  if (snapshot.settingsNewer) return {};
  const json = JSON.stringify(syncedSettings(settings));
  const had = await readSyncSettings(db);
  const there = snapshot.settings;
  // Changed here since the last round (or never synced): that change is dated now.
  const mine = had && had.json === json ? had : { at: now, json };
  if (there && (!had || there.at > mine.at || (there.at === mine.at && there.deviceId > deviceId))) {
    const theirs = JSON.stringify(syncedSettings(there.settings));
    await saveSyncSettings(db, { at: there.at, json: theirs });
    if (theirs === json) return {};
    return { apply: normalizeSettings({ ...there.settings, theme: settings.theme, sync: settings.sync }) };
  }
  if (there && there.at === mine.at && JSON.stringify(syncedSettings(there.settings)) === json) return {};
  return { write: { settings, at: mine.at, record: mine } };
}

/**
 * Rounds are at least this far apart: at most 12 a minute, each at most 2 writes (most write
 * once, or not at all), so within Chrome's 120 writes a minute and 1,800 an hour.
 */
export const SYNC_GAP_MS = 5_000;
/** A change waits this long for the ones that follow it (a burst of ratings is one write). */
export const SYNC_DELAY_MS = 2_000;

/**
 * When the worker runs a round: a change asks for one, rounds never overlap, a burst of
 * changes is one round, and two rounds are SYNC_GAP_MS apart, so a rating reaches sync
 * within seconds and the writes stay within the quotas. The timer lives only as long as
 * the worker; the worker keeps an alarm as well, so a round asked for is never lost.
 *
 * @example
 * const rounds = syncRounds(() => runOneRound(), { now: Date.now, setTimeout })
 * rounds.request() // after a rating
 */
export function syncRounds(
  round: () => Promise<void>,
  clock: { now: () => number; setTimeout: (f: () => void, ms: number) => unknown },
): { request: (delay?: number) => void; idle: () => Promise<void> } {
  let scheduled = false;
  let busy = false;
  let again = false;
  let lastRun = -Infinity;
  let running: Promise<void> = Promise.resolve();
  const run = () => {
    scheduled = false;
    busy = true;
    lastRun = clock.now();
    running = round()
      .catch(() => {})
      .then(() => {
        busy = false;
        // Asked for while this round ran: one more, after the gap.
        if (again) {
          again = false;
          request();
        }
      });
  };
  function request(delay = SYNC_DELAY_MS): void {
    if (scheduled) return;
    if (busy) {
      again = true;
      return;
    }
    scheduled = true;
    clock.setTimeout(run, Math.max(delay, lastRun + SYNC_GAP_MS - clock.now()));
  }
  return { request, idle: () => running };
}
