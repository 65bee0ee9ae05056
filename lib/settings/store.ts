import { browser } from 'wxt/browser';
import { clearPreparedCards } from '../study/prepared';
import { normalizeSettings, type Settings } from './model';
import { writeSettingsMirror } from './mirror';

export { readSettingsMirror } from './mirror';

/** Settings live in extension storage so every page and the background see changes at once. */
export const SETTINGS_KEY = 'settings';

export async function loadSettings(): Promise<Settings> {
  const got = await browser.storage.local.get(SETTINGS_KEY);
  const settings = normalizeSettings(got[SETTINGS_KEY]);
  writeSettingsMirror(settings);
  return settings;
}

export async function saveSettings(patch: Partial<Settings>): Promise<Settings> {
  const next = normalizeSettings({ ...(await loadSettings()), ...patch });
  await browser.storage.local.set({ [SETTINGS_KEY]: next });
  writeSettingsMirror(next);
  // Prepared cards were picked under the old topics and limits.
  if (typeof localStorage !== 'undefined') clearPreparedCards();
  return next;
}

/** Calls `listener` with the new settings whenever any page changes them. */
export function onSettingsChanged(listener: (s: Settings) => void): () => void {
  const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && SETTINGS_KEY in changes) {
      const next = normalizeSettings(changes[SETTINGS_KEY]?.newValue);
      writeSettingsMirror(next);
      listener(next);
    }
  };
  browser.storage.onChanged.addListener(handler);
  return () => browser.storage.onChanged.removeListener(handler);
}
