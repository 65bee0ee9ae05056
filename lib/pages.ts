import { browser } from 'wxt/browser';
import { ensureKatexCss } from './bank/load';
import { translator, type Translate } from './i18n/strings';
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
