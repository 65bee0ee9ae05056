import { browser } from 'wxt/browser';
import { ensureKatexCss } from './bank/load';
import { loadStrings, translator, type Translate } from './i18n/strings';
import { resolveLang, type Lang, type Settings, type Theme } from './settings/model';

// What every page does: theme, languages, links to the other pages.

/** Light, dark, or whatever the system says, on the page's root element. */
export function applyTheme(theme: Theme, root: HTMLElement = document.documentElement): void {
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

export interface PageLangs {
  ui: Lang;
  content: Lang;
}

export function pageLangs(settings: Settings): PageLangs {
  return {
    ui: resolveLang(settings.uiLang, navigator.language),
    content: resolveLang(settings.contentLang, navigator.language),
  };
}

/** A study page's languages and its translator (its language's strings must be loaded). */
export function studyLangs(settings: Settings): PageLangs & { t: Translate } {
  const langs = pageLangs(settings);
  return { ...langs, t: translator(langs.ui) };
}

/** Loads the study strings in the language these settings show the interface in. */
export function loadPageStrings(settings: Settings): Promise<void> {
  return loadStrings(pageLangs(settings).ui);
}

export function applyDocumentLang(ui: Lang): void {
  document.documentElement.lang = ui === 'zh' ? 'zh-CN' : 'en';
}

export function showMathStyles(hasMath: boolean): void {
  if (hasMath) ensureKatexCss();
}

export function openOptions(): void {
  void browser.runtime.openOptionsPage();
}

/** Opens the browse page in a new tab (an extension page: no permission needed). */
export function openStats(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('/stats.html') });
}

export function openBrowse(): void {
  void browser.tabs.create({ url: browser.runtime.getURL('/browse.html') });
}
