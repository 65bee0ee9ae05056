import bankIndex from 'virtual:bank-index';
// The polyfill's runtime.onMessage takes a listener that returns a promise of the reply, in
// Chrome and Firefox alike. Only the worker loads it: the study pages stay on `wxt/browser`.
import browser from 'webextension-polyfill';
import { defineBackground } from 'wxt/utils/define-background';
import { badgeState } from '@/lib/background/badge';
import { replanForInterviews } from '@/lib/background/handlers';
import { ensureBankSynced, placeBank } from '@/lib/background/bank-sync';
import { sectionsFirst } from '@/lib/srs/plan';
import { routeMessage, type WorkerContext } from '@/lib/background/messages';
import { openWelcomeOnce, WELCOME_PATH, WELCOMED_KEY } from '@/lib/background/welcome';
import { installBenchHooks } from '@/bench/hooks';
import { isNewerDatabase, openStudyDb, type StudyDatabase } from '@/lib/db/open';
import type { QueueChanged } from '@/lib/messaging';
import type { Settings } from '@/lib/settings/model';
import { loadSettings, onSettingsChanged, saveSettings } from '@/lib/settings/store';
import { syncWorker } from '@/lib/background/sync-worker';
import { EMPTY_SYNC_STATUS, SYNC_STATUS_KEY, type SyncStatus } from '@/lib/sync/status';

const BADGE_ALARM = 'refresh-badge';
/** Set whenever a sync round is asked for, cleared when one has run: a round outlives a stopped worker. */
const SYNC_ALARM = 'sync';
/** When this worker last restarted itself because the database was newer than its code. */
const RESTARTED_KEY = 'restarted-for-newer-database';

/**
 * The one writer of schedules. Nothing lives in globals: the worker may be stopped at any
 * moment, so every event opens what it needs, and every listener is registered
 * synchronously here.
 */
export default defineBackground(() => {
  const action = browser.action ?? browser.browserAction;

  /**
   * Opens the database for one event, reads the settings, brings the bundled bank in if it
   * (or the order of new cards chosen in the settings) changed since the last sync, runs
   * `work`, and closes the connection again.
   */
  async function withStudyDb<T>(work: (db: StudyDatabase, settings: Settings) => Promise<T>): Promise<T> {
    const db = await openStudyDb().catch((e: unknown) => {
      if (isNewerDatabase(e)) void restartForNewerDatabase();
      throw e;
    });
    try {
      const settings = await loadSettings();
      // New cards in the chosen order, an interview's sections first while it is ahead.
      const first = sectionsFirst(settings, Date.now());
      await ensureBankSynced(db, await placeBank(db, bankIndex, settings.newOrder, first), Date.now());
      return await work(db, settings);
    } finally {
      db.close();
    }
  }

  async function showBadge(db: StudyDatabase, settings: Settings): Promise<void> {
    const now = Date.now();
    // The interviews, the topics or the study day changed: due times follow (a card's own
    // rating plans it as it is stored).
    if (await replanForInterviews(db, settings, now)) broadcast({ type: 'queue-changed' });
    const { text, title, nextChange } = await badgeState(db, settings, now, navigator.language);
    await action.setBadgeText({ text });
    await action.setTitle({ title });
    await action.setBadgeBackgroundColor({ color: '#4f46e5' });
    // Woken when the count can next change by itself, not on a clock: an idle worker sleeps.
    await browser.alarms.create(BADGE_ALARM, { when: Math.max(nextChange, now + 1000) });
  }

  const refreshBadge = () => withStudyDb(showBadge);

  /**
   * A newer version of the extension (its pages) upgraded the database while this worker
   * still runs the previous version's code: say so on the toolbar and restart, so the new
   * code on disk runs. At most once in ten minutes, so a database from a version that is not
   * installed cannot make the worker restart in a loop.
   */
  async function restartForNewerDatabase(): Promise<void> {
    await action.setBadgeText({ text: '!' });
    const last = Number((await browser.storage.local.get(RESTARTED_KEY))[RESTARTED_KEY] ?? 0);
    if (Date.now() - last < 10 * 60_000) return;
    await browser.storage.local.set({ [RESTARTED_KEY]: Date.now() });
    browser.runtime.reload();
  }

  function broadcast(message: QueueChanged): void {
    // No page open is the common case, not an error.
    browser.runtime.sendMessage(message).catch(() => {});
  }

  /** Alarms may not survive a browser restart: a worker that finds none refreshes (and sets it). */
  async function ensureAlarm(): Promise<void> {
    if (!(await browser.alarms.get(BADGE_ALARM))) await refreshBadge();
  }

  const sync = syncWorker({
    withStudyDb,
    area: {
      get: () => browser.storage.sync.get(null),
      set: (items) => browser.storage.sync.set(items),
      remove: (keys) => browser.storage.sync.remove(keys),
      clear: () => browser.storage.sync.clear(),
    },
    readStatus: async () =>
      ((await browser.storage.local.get(SYNC_STATUS_KEY))[SYNC_STATUS_KEY] as SyncStatus | undefined) ??
      EMPTY_SYNC_STATUS,
    saveStatus: (status) => browser.storage.local.set({ [SYNC_STATUS_KEY]: status }),
    saveSettings,
    setAlarm: async (inMinutes) => {
      if (inMinutes === null) await browser.alarms.clear(SYNC_ALARM);
      else await browser.alarms.create(SYNC_ALARM, { delayInMinutes: inMinutes });
    },
    afterMerge: async (db, settings, synced) => {
      broadcast({ type: 'queue-changed', synced });
      await showBadge(db, settings);
    },
    makeId: newDeviceId,
  });
  const requestSync = sync.request;

  const worker: WorkerContext = {
    withStudyDb,
    async changed(db, settings, cardId) {
      broadcast(cardId ? { type: 'queue-changed', cardId } : { type: 'queue-changed' });
      await showBadge(db, settings);
      if (settings.sync) requestSync();
    },
    deleteSync: sync.deleteFromSync,
    saveSettings,
    bank: (db, settings) => placeBank(db, bankIndex, settings.newOrder, sectionsFirst(settings, Date.now())),
    now: Date.now,
  };

  browser.runtime.onInstalled.addListener(({ reason }) => {
    // A first install opens one page that says what the ratings and keys do (no permission
    // needed to open the extension's own page).
    void openWelcomeOnce(reason, {
      openedAt: async () =>
        (await browser.storage.local.get(WELCOMED_KEY))[WELCOMED_KEY] as number | undefined,
      markOpened: () => browser.storage.local.set({ [WELCOMED_KEY]: Date.now() }),
      openTab: async () => void (await browser.tabs.create({ url: browser.runtime.getURL(WELCOME_PATH) })),
    });
    void refreshBadge().then(() => broadcast({ type: 'queue-changed' }));
    requestSync();
  });
  browser.runtime.onStartup.addListener(() => {
    void refreshBadge();
    requestSync();
  });
  // An update is waiting: take it now rather than when the browser restarts.
  browser.runtime.onUpdateAvailable.addListener(() => browser.runtime.reload());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === BADGE_ALARM) void refreshBadge();
    if (alarm.name === SYNC_ALARM) requestSync(0);
  });
  onSettingsChanged((settings) => {
    void refreshBadge().then(() => broadcast({ type: 'queue-changed' }));
    if (settings.sync) requestSync();
  });
  // Another browser's data came in (the browser's sync service wrote it): merge it soon.
  browser.storage.onChanged.addListener((changes, areaName) => {
    if (areaName === 'sync') sync.changedInSync(Object.keys(changes));
  });
  browser.runtime.onMessage.addListener((message: unknown) => routeMessage(message, worker));

  void ensureAlarm();
  if (import.meta.env.WXT_BENCH === '1') installBenchHooks();
});

/** A device id for sync: 12 random letters and digits. */
function newDeviceId(): string {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) => chars[b % chars.length]).join('');
}
