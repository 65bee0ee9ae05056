import { browser } from 'wxt/browser';
import { ensureKatexCss, loadQuestion } from './bank/load';
import { studyDb } from './db/open';
import { translator, type Translate } from './i18n/strings';
import { onQueueChanged, sendGrade } from './messaging';
import { createStudySession, type StudySession } from './session';
import { resolveLang, type Lang, type Settings, type Theme } from './settings';
import { loadSettings, onSettingsChanged } from './settings-store';

/** Light, dark, or whatever the system says, on the page's root element. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export interface PageLangs {
  ui: Lang;
  content: Lang;
  t: Translate;
}

export function pageLangs(settings: Settings): PageLangs {
  const ui = resolveLang(settings.uiLang, navigator.language);
  const content = resolveLang(settings.contentLang, navigator.language);
  return { ui, content, t: translator(ui) };
}

export function applyDocumentLang(ui: Lang): void {
  document.documentElement.lang = ui === 'zh' ? 'zh-CN' : 'en';
}

export interface StudyPage {
  session: StudySession;
  settings: Settings;
  onSettings: (listener: (s: Settings) => void) => () => void;
}

/**
 * Wires a study page (new tab or popup) to the real database, the background and the
 * settings: the session follows queue changes from other pages and settings changes.
 */
export async function bootStudyPage({ rotate }: { rotate: boolean }): Promise<StudyPage> {
  const [settings, db] = await Promise.all([loadSettings(), studyDb()]);
  applyTheme(settings.theme);
  const session = createStudySession({
    db,
    settings,
    now: Date.now,
    loadQuestion,
    sendGrade,
    newReviewId: () => crypto.randomUUID(),
    rotate,
  });
  onQueueChanged((m) => void session.queueChanged(m.cardId));
  onSettingsChanged((s) => {
    applyTheme(s.theme);
    void session.settingsChanged(s);
  });
  void session.start();
  return { session, settings, onSettings: onSettingsChanged };
}

export function showMathStyles(hasMath: boolean): void {
  if (hasMath) ensureKatexCss();
}

export function openOptions(): void {
  void browser.runtime.openOptionsPage();
}
