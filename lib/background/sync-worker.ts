import type { StudyDatabase } from '../db/open';
import type { Settings } from '../settings/model';
import { isDeviceKey } from '../sync/format';
import type { SyncStatus } from '../sync/status';
import { syncOnce, syncRounds, type SyncArea } from './sync';

/** What the worker gives sync: the browser's pieces, passed in so this file stays testable. */
export interface SyncWorkerDeps {
  withStudyDb<T>(work: (db: StudyDatabase, settings: Settings) => Promise<T>): Promise<T>;
  area: SyncArea & { clear(): Promise<void> };
  readStatus(): Promise<SyncStatus>;
  saveStatus(status: SyncStatus): Promise<void>;
  saveSettings(patch: Partial<Settings>): Promise<unknown>;
  /** A round asked for survives a stopped worker: the alarm wakes it for one (`null`: cleared). */
  setAlarm(inMinutes: number | null): Promise<void>;
  /** After a round changed cards or ratings here: the badge and open pages follow. */
  afterMerge(db: StudyDatabase, settings: Settings, changedCards: string[]): Promise<void>;
  makeId(): string;
}

/**
 * The worker's side of sync: rounds asked for after every change here, when another
 * browser's data comes in, at start-up and by the alarm; and deleting our data from sync.
 */
export function syncWorker(deps: SyncWorkerDeps) {
  /** This device's id once a round has read it: its own writes to sync wake no round. */
  let deviceId: string | undefined;

  const round = () =>
    deps.withStudyDb(async (db, settings) => {
      // Cleared first: a round asked for while this one runs sets it again.
      await deps.setAlarm(null);
      if (!settings.sync) return;
      const previous = await deps.readStatus();
      let failed = false;
      try {
        const run = await syncOnce(db, settings, {
          area: deps.area,
          now: Date.now(),
          makeId: deps.makeId,
          previous,
          applySettings: deps.saveSettings,
        });
        deviceId = run.deviceId;
        failed = run.status.error !== undefined;
        await deps.saveStatus(run.status);
        if (run.changedCards.length > 0 || run.reviewsChanged)
          await deps.afterMerge(db, settings, run.changedCards);
      } catch (e) {
        failed = true;
        await deps.saveStatus({ ...previous, error: e instanceof Error ? e.message : String(e) });
      }
      // Sync could not be read or written: try again in a minute, even if nothing else changes.
      if (failed) await deps.setAlarm(1);
    });

  const rounds = syncRounds(round, { now: Date.now, setTimeout: (f, ms) => setTimeout(f, ms) });

  function request(delay?: number): void {
    void deps.setAlarm(1);
    rounds.request(delay);
  }

  return {
    request,
    /** Settles when the round running now (if any) has finished. */
    idle: rounds.idle,
    /** `storage.onChanged` for the sync area: a round soon, unless only our own items changed. */
    changedInSync(keys: readonly string[]): void {
      const own = (k: string) => deviceId !== undefined && isDeviceKey(k, deviceId);
      if (keys.some((k) => !own(k))) request(500);
    },
    /** Off first, so no round writes again; then everything the extension keeps in sync goes. */
    async deleteFromSync(): Promise<void> {
      await deps.saveSettings({ sync: false });
      await rounds.idle();
      await deps.area.clear();
      const { sentAt: _s, receivedAt: _r, ...rest } = await deps.readStatus();
      await deps.saveStatus({
        ...rest,
        bytes: 0,
        devices: 0,
        problems: [],
        newer: [],
        deletedAt: Date.now(),
      });
    },
  };
}
