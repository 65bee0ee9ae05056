import type { StudyDatabase } from '../db/open';
import {
  applySyncChanges,
  readSyncSettings,
  readReviews,
  readWholeLogDone,
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
import {
  bytesOf,
  DAY,
  headKey,
  isDeviceKey,
  QUOTA,
  SETTINGS_KEY,
  settingsItem,
  type HeadItem,
} from '../sync/format';
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
    /** Stores settings another browser changed, before the round records them as exchanged. */
    applySettings?: (settings: Partial<Settings>) => Promise<unknown>;
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
  const merged = await mergeHere(db, settings, now, scheduler, local, view, snapshot.devices);
  const incoming = await settingsFromSync(db, settings, snapshot, device.id, now, ctx.applySettings);
  // Devices not heard from in STALE_DAYS: what they held is in this device's log from now on.
  const stale = staleDevices(items, snapshot, now);
  const others = snapshot.devices.filter((d) => !stale.includes(d.deviceId));
  const toWrite = incoming.write ? settingsItem(incoming.write.settings, incoming.write.at, device.id) : {};
  const skip = (k: string) =>
    isDeviceKey(k, device.id) ||
    stale.some((id) => isDeviceKey(k, id)) ||
    (incoming.write !== undefined && k === SETTINGS_KEY);
  const budget = QUOTA.bytes - bytesOf(without(items, skip)) - bytesOf(toWrite) - MARGIN;
  const fitted = compactToFit(view, device.id, now, budget, scheduler, others, mine.isMine);
  // Everything this device knows, compacted: kept here whether or not it fits in sync.
  await saveLastLog(db, fitted.log);
  if (local.whole) await readWholeLogDone(db);
  const ours = fitted.fits ? { ...fitted.items, ...toWrite } : toWrite;
  const write = await writeChanged(area, items, ours, device, fitted.fits ? stale : []);
  if (incoming.write && write.sent) await saveSyncSettings(db, incoming.write.record);
  const status = roundStatus(ctx, {
    sent: write.sent,
    error: write.error,
    received: merged.changedCards.length > 0 || merged.reviewsChanged || Boolean(incoming.apply),
    held: write.sent ? { ...without(items, (k) => stale.some((id) => isDeviceKey(k, id))), ...ours } : items,
    devices: others.length,
    fitted,
    snapshot,
  });
  return { deviceId: device.id, status, ...merged, ...(incoming.apply ? { settings: incoming.apply } : {}) };
}

/** What Options says of a round: when it sent and received, the bytes sync holds, and what went wrong. */
function roundStatus(
  ctx: { now: number; previous: SyncStatus },
  r: {
    sent: boolean;
    error?: string;
    received: boolean;
    /** What sync holds after the round. */
    held: Record<string, unknown>;
    devices: number;
    fitted: ReturnType<typeof compactToFit>;
    snapshot: SyncSnapshot;
  },
): SyncStatus {
  const { now, previous } = ctx;
  const horizon = r.fitted.log.horizon;
  return {
    ...when('sentAt', r.sent ? now : previous.sentAt),
    ...when('receivedAt', r.received ? now : previous.receivedAt),
    bytes: bytesOf(r.held),
    quota: QUOTA.bytes,
    devices: r.devices,
    // The days of events actually kept: a horizon set by a tighter round before holds.
    keepDays: horizon === undefined ? r.fitted.keepDays : Math.floor((now - horizon) / DAY),
    ...(r.fitted.fits ? {} : { full: true }),
    problems: r.snapshot.problems,
    newer: r.snapshot.newer,
    ...(r.error !== undefined ? { error: r.error } : {}),
  };
}

const when = <K extends string>(key: K, at: number | undefined) =>
  (at === undefined ? {} : { [key]: at }) as Partial<Record<K, number>>;

const without = (items: Record<string, unknown>, drop: (key: string) => boolean) =>
  Object.fromEntries(Object.entries(items).filter(([k]) => !drop(k)));

/** A device whose items were last written this long ago is removed from sync by the next device that reads it whole. */
export const STALE_DAYS = 60;

/** Devices read whole (none of their entries left out as unknown) whose items are STALE_DAYS old. */
function staleDevices(items: Record<string, unknown>, snapshot: SyncSnapshot, now: number): string[] {
  return snapshot.devices
    .filter((d) => !snapshot.partial.includes(d.deviceId))
    .filter((d) => ((items[headKey(d.deviceId)] as HeadItem | undefined)?.t ?? now) < now - STALE_DAYS * DAY)
    .map((d) => d.deviceId);
}

/** Step 2 of a round: merge the view, and write what differs here (one transaction). */
async function mergeHere(
  db: StudyDatabase,
  settings: Settings,
  now: number,
  scheduler: ReturnType<typeof makeScheduler>,
  local: Awaited<ReturnType<typeof readSyncView>>,
  view: DeviceLog[],
  others: readonly DeviceLog[],
): Promise<{ changedCards: string[]; reviewsChanged: boolean }> {
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
    origins(others),
    new Map(local.cards.map((c) => [c.id, c])),
  );
  return { changedCards, reviewsChanged: changes.add.length + changes.remove.length > 0 };
}

/** Which device each rating came from, for the review records a merge adds. */
function origins(devices: readonly DeviceLog[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const d of devices)
    for (const e of d.events) if (e.kind === 'rating' && !out.has(e.id)) out.set(e.id, d.deviceId);
  return out;
}

/**
 * Removes the items of `stale` devices, writes this device's items and the settings item
 * when they differ from what sync holds (one write), then removes parts left from a longer
 * write before. A write the browser refuses (a quota, sync unreachable) changes nothing here: it
 * is said, and tried again.
 */
async function writeChanged(
  area: SyncArea,
  held: Record<string, unknown>,
  ours: Record<string, unknown>,
  device: SyncDevice,
  stale: readonly string[],
): Promise<{ sent: boolean; error?: string }> {
  const differs = Object.entries(ours).some(([k, v]) => !sameItem(held[k], v));
  if (!differs && stale.length === 0) return { sent: false };
  try {
    // Stale devices first: while ours are written their room must already be free (what
    // they held is in this device's log, saved before; a failed write is tried again).
    const staleKeys = Object.keys(held).filter((k) => stale.some((id) => isDeviceKey(k, id)));
    if (staleKeys.length) await area.remove(staleKeys);
    if (differs) await area.set(ours);
    const head = ours[headKey(device.id)] as HeadItem | undefined;
    const leftOver = (k: string) =>
      head !== undefined &&
      isDeviceKey(k, device.id) &&
      k !== headKey(device.id) &&
      Number(k.slice(headKey(device.id).length + 1)) >= head.n;
    const gone = Object.keys(held).filter(leftOver);
    if (gone.length) await area.remove(gone);
    return { sent: true };
  } catch (e) {
    return { sent: false, error: e instanceof Error ? e.message : String(e) };
  }
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
  store: ((settings: Partial<Settings>) => Promise<unknown>) | undefined,
): Promise<{
  /** Settings another browser changed, stored here (the theme and the switch as they were). */
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
    const record = { at: there.at, json: theirs };
    if (theirs === json) {
      await saveSyncSettings(db, record);
      return {};
    }
    const apply = normalizeSettings({ ...there.settings, theme: settings.theme, sync: settings.sync });
    // Only what sync carries is stored; then the round records it as exchanged.
    await store?.(syncedSettings(apply));
    await saveSyncSettings(db, record);
    return { apply };
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
