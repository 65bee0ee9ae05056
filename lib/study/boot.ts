import { loadQuestion } from '../bank/load';
import { applyTheme, loadPageStrings, pageLangs, studyLangs } from '../pages';
import { studyDb } from '../db/open';
import { onQueueChanged, sendCardAction, sendGrade, sendPreview, sendUndo } from '../messaging';
import { createStudySession, type StudySession } from './session';
import { currentDay, snooze, updatePacing, type CalmReason, type PaceDecision } from './pacing';
import { nextStudyDayStart } from '../srs/day';
import { studySnapshot, type StudyCounts } from './queue-read';
import type { Settings } from '../settings/model';
import { loadSettings, onSettingsChanged, readSettingsMirror } from '../settings/store';
import { localPreparedStore, usablePrepared } from './prepared';
import type { CompiledQuestion } from '../bank/types';
import type { CardRecord } from '../db/schema';
import type { Translate } from '../i18n/strings';

export interface StudyPage {
  session: StudySession;
  /** The settings the page started with (the last saved ones, read synchronously). */
  settings: Settings;
  onSettings: (listener: (s: Settings) => void) => () => void;
  /** Starts (or resumes) studying; a calm new tab starts only when asked to. */
  start: () => void;
  /** Today's counts, for a page that is not studying. */
  counts: () => Promise<StudyCounts>;
  /** Called when a new tab reaches the daily new-tab cap (it then takes a break too). */
  onCapReached: (listener: (until: number) => void) => () => void;
}

/** What prepaint.js decided for this new tab (<html data-pace>); a page without it studies. */
export function paceOfThisTab(root: HTMLElement = document.documentElement): PaceDecision {
  const pace = root.dataset.pace;
  if (!pace || pace === 'study') return { study: true };
  const until = Number(root.dataset.paceUntil);
  return { study: false, reason: pace as CalmReason, ...(until > 0 ? { until } : {}) };
}

/**
 * Whether the DOM prepaint.js painted shows the card this page starts from, in its content
 * language: then the app hydrates it (the painted question stays the same element);
 * otherwise it must replace it, since hydration does not patch attributes or HTML.
 */
export function paintedIsInitial(page: StudyPage, root: HTMLElement = document.documentElement): boolean {
  const s = page.session.state;
  return s.kind === 'card' && root.dataset.painted === `${s.card.id} ${pageLangs(page.settings).content}`;
}

/** Snoozes new-tab study in this browser; returns when it ends. */
export function snoozeNewTabs(kind: 'hour' | 'day', settings: Settings): number {
  return updatePacing((s) => snooze(s, kind, Date.now(), settings.dayStartHour)).snoozeUntil;
}

export function resumeNewTabs(): void {
  updatePacing((s) => ({ ...s, snoozeUntil: 0 }));
}

/**
 * Wires a study page (new tab or popup) to the database, the background and the settings,
 * synchronously: the page can paint at once from the settings mirror and, on a new tab, the
 * card the previous page prepared; the session then confirms it against IndexedDB and
 * follows queue and settings changes.
 */
/**
 * Renders the markup prepaint.js will paint for a card (the page passes the components'
 * renderer: lib does not import components).
 */
export type PaintCard = (
  page: 'newtab' | 'popup',
  card: CardRecord,
  question: CompiledQuestion,
  counts: StudyCounts,
  langs: { contentLang: 'zh' | 'en'; uiLang: 'zh' | 'en'; t: Translate },
) => string;

export function bootStudyPage({
  rotate,
  study = true,
  paint,
  settings = readSettingsMirror(),
}: {
  rotate: boolean;
  study?: boolean;
  paint: PaintCard;
  /** The settings the page starts from (those its strings were loaded for). */
  settings?: Settings;
}): StudyPage {
  let latest = settings;
  applyTheme(settings.theme);
  const prepared = { next: localPreparedStore('next'), head: localPreparedStore('head') };
  // A new tab paints the card the last page prepared for it; the popup, the queue's head.
  // A calm new tab leaves it for the next tab.
  const initial = study ? usablePrepared((rotate ? prepared.next : prepared.head).read(), Date.now()) : null;
  // Taken: a tab opened next must not paint the same card before this one prepares another.
  if (rotate && initial) prepared.next.clear();
  const capListeners = new Set<(until: number) => void>();
  const session = createStudySession({
    db: () => studyDb(),
    settings,
    now: Date.now,
    loadQuestion,
    sendGrade,
    sendPreview,
    sendUndo,
    sendCardAction,
    newReviewId: () => crypto.randomUUID(),
    rotate,
    prepared,
    initial,
    paint: (kind, card, question, counts) => {
      const { ui, content, t } = studyLangs(latest);
      return {
        ui,
        content,
        html: paint(kind, card, question, counts, { contentLang: content, uiLang: ui, t }),
      };
    },
    // New tabs count what they studied today, for the daily new-tab cap.
    ...(rotate
      ? {
          onRated: (delta: 1 | -1) => {
            const now = Date.now();
            const { studied } = updatePacing((s) => {
              const day = currentDay(s, now, latest.dayStartHour);
              return { ...day, studied: Math.max(0, day.studied + delta) };
            });
            // Only when this rating reaches the cap: after "study a card now" the tab goes on.
            if (delta > 0 && latest.newTabDailyCap > 0 && studied === latest.newTabDailyCap) {
              for (const l of capListeners) l(nextStudyDayStart(now, latest.dayStartHour));
            }
          },
        }
      : {}),
  });
  const listeners = new Set<(s: Settings) => void>();
  // In the order they came, each once its interface language's strings are loaded.
  let applying = Promise.resolve();
  const changed = (s: Settings) => {
    applying = applying
      .then(() => loadPageStrings(s))
      .then(() => {
        latest = s;
        applyTheme(s.theme);
        for (const l of listeners) l(s);
        void session.settingsChanged(s);
      })
      // One change that failed (its strings could not load) must not stop the ones after it.
      .catch((e: unknown) => console.error(e));
  };
  onQueueChanged((m) => void session.queueChanged(m.cardId, m.synced));
  onSettingsChanged(changed);
  // The mirror is normally current; if storage says otherwise, storage wins.
  void loadSettings().then((stored) => {
    if (JSON.stringify(stored) !== JSON.stringify(settings)) changed(stored);
  });
  const start = () => void session.start();
  if (study) start();
  return {
    session,
    settings,
    start,
    onCapReached: (l) => {
      capListeners.add(l);
      return () => capListeners.delete(l);
    },
    counts: async () => (await studySnapshot(await studyDb(), latest, Date.now(), { rotate: false })).counts,
    onSettings: (l) => {
      listeners.add(l);
      // Settings that changed before this listener came (the stored ones, read as the page
      // started, can land before the app has mounted): it hears of them now.
      if (latest !== settings) l(latest);
      return () => listeners.delete(l);
    },
  };
}

/**
 * Reads the settings mirror once and resolves with it once the strings of its interface
 * language are loaded: the page then boots from those very settings (a language switched
 * in between cannot leave it without its strings).
 */
export async function studyStringsLoaded(): Promise<Settings> {
  const settings = readSettingsMirror();
  await loadPageStrings(settings);
  return settings;
}
