import bankIndex from 'virtual:bank-index';
import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import {
  badgeText,
  ensureBankSynced,
  handleCardAction,
  handleGrade,
  handlePreview,
  handleUndo,
} from '@/lib/background-core';
import { installBenchHooks } from '@/lib/bench-hooks';
import { openStudyDb, type StudyDatabase } from '@/lib/db/open';
import {
  isCardActionRequest,
  isGradeRequest,
  isPreviewRequest,
  isUndoRequest,
  type QueueChanged,
} from '@/lib/messaging';
import type { Settings } from '@/lib/settings';
import { loadSettings, onSettingsChanged } from '@/lib/settings-store';

const BADGE_ALARM = 'refresh-badge';

/**
 * The one place that schedules. Nothing lives in globals: the worker may be stopped at
 * any moment, so every event opens what it needs, and every listener is registered
 * synchronously here.
 */
export default defineBackground(() => {
  const action =
    browser.action ?? (browser as unknown as { browserAction: typeof browser.action }).browserAction;

  /**
   * Opens the database for one event (bringing the bundled bank in first if it changed since
   * the last sync), reads the settings, runs `work`, and closes the connection again.
   */
  async function withStudyDb<T>(work: (db: StudyDatabase, settings: Settings) => Promise<T>): Promise<T> {
    const db = await openStudyDb();
    try {
      await ensureBankSynced(db, bankIndex, Date.now());
      return await work(db, await loadSettings());
    } finally {
      db.close();
    }
  }

  async function showBadge(db: StudyDatabase, settings: Settings): Promise<void> {
    await action.setBadgeText({ text: await badgeText(db, settings, Date.now()) });
    await action.setBadgeBackgroundColor({ color: '#4f46e5' });
  }

  const refreshBadge = () => withStudyDb(showBadge);

  function broadcast(message: QueueChanged): void {
    // No page open is the common case, not an error.
    browser.runtime.sendMessage(message).catch(() => {});
  }

  async function ensureAlarm(): Promise<void> {
    if (!(await browser.alarms.get(BADGE_ALARM))) {
      await browser.alarms.create(BADGE_ALARM, { periodInMinutes: 1 });
    }
  }

  browser.runtime.onInstalled.addListener(() => {
    void refreshBadge().then(() => broadcast({ type: 'queue-changed' }));
  });
  browser.runtime.onStartup.addListener(() => void refreshBadge());
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === BADGE_ALARM) void refreshBadge();
  });
  onSettingsChanged(() => {
    void refreshBadge().then(() => broadcast({ type: 'queue-changed' }));
  });

  browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
    if ((message as { type?: unknown } | null)?.type === 'history-changed') {
      // An import or a repair in the options page: badge and open pages follow.
      void refreshBadge().then(() => broadcast({ type: 'queue-changed' }));
      return false;
    }
    const reply = (work: (db: StudyDatabase, settings: Settings) => Promise<unknown>) => {
      void withStudyDb(work).catch((e: unknown) =>
        sendResponse({ ok: false, error: 'storage', message: String(e) }),
      );
      return true;
    };
    // After a change to a card: answer the page, then badge and other open pages follow.
    const changed = async (db: StudyDatabase, settings: Settings, res: { ok: boolean }, cardId: string) => {
      sendResponse(res);
      if (res.ok) {
        broadcast({ type: 'queue-changed', cardId });
        await showBadge(db, settings);
      }
    };
    if (isPreviewRequest(message)) {
      return reply(async (db, settings) => sendResponse(await handlePreview(db, settings, message)));
    }
    if (isGradeRequest(message)) {
      return reply(async (db, settings) =>
        changed(db, settings, await handleGrade(db, settings, message), message.cardId),
      );
    }
    if (isUndoRequest(message)) {
      return reply(async (db, settings) => {
        const res = await handleUndo(db, settings, message);
        await changed(db, settings, res, res.ok ? res.card.id : '');
      });
    }
    if (isCardActionRequest(message)) {
      return reply(async (db, settings) =>
        changed(db, settings, await handleCardAction(db, settings, message), message.cardId),
      );
    }
    return false;
  });

  void ensureAlarm();
  void refreshBadge();
  if (import.meta.env.WXT_BENCH === '1') installBenchHooks();
});
