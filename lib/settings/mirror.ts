import { normalizeSettings, type Settings } from './model';
import { SETTINGS_MIRROR_KEY } from '../storage-keys';

/**
 * Pages keep a copy of the settings in localStorage, which they can read synchronously,
 * so the first paint already has the right theme and language. Extension storage stays
 * the truth (see settings-store.ts).
 */
export function readSettingsMirror(backing: Storage = localStorage): Settings {
  try {
    return normalizeSettings(JSON.parse(backing.getItem(SETTINGS_MIRROR_KEY) ?? 'null'));
  } catch {
    return normalizeSettings(null);
  }
}

export function writeSettingsMirror(s: Settings): void {
  // The service worker has no localStorage; only pages keep the mirror.
  if (typeof localStorage === 'undefined') return;
  try {
    localStorage.setItem(SETTINGS_MIRROR_KEY, JSON.stringify(s));
  } catch {
    // Losing the mirror only costs the first paint its theme; nothing else depends on it.
  }
}
