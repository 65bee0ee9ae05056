import bankIndex from 'virtual:bank-index';
import { browser } from 'wxt/browser';
import { backupFileName, makeBackup } from './backup';
import { restoreFromText } from './backup-import';
import { readHistory } from './db/history';
import { studyDb } from './db/open';
import { checkDatabase } from './db/repair';
import type { OptionsTranslate } from './i18n/options-strings';
import { clearPreparedCards } from './prepared';
import { DEFAULT_SETTINGS } from './settings';
import { loadSettings, saveSettings } from './settings-store';

/** Tells the background (badge) and open pages (queue) that the history changed. */
function announce(): void {
  clearPreparedCards();
  browser.runtime.sendMessage({ type: 'history-changed' }).catch(() => {});
}

/** Downloads the whole history as one JSON file. Reads only: it works whatever else fails. */
export async function exportBackup(t: OptionsTranslate): Promise<string> {
  const db = await studyDb();
  const [history, settings] = await Promise.all([readHistory(db), loadSettings().catch(() => null)]);
  const now = Date.now();
  const backup = makeBackup(history, settings ?? DEFAULT_SETTINGS, now);
  const url = URL.createObjectURL(new Blob([JSON.stringify(backup)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = backupFileName(now);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return t('exported', { file: a.download, cards: backup.cards.length, reviews: backup.reviews.length });
}

export async function importBackup(file: File, t: OptionsTranslate): Promise<string> {
  const db = await studyDb();
  const out = await restoreFromText(db, await file.text(), bankIndex, Date.now());
  if (!out.ok) return t('importFailed', { message: out.message });
  await saveSettings(out.settings);
  announce();
  return t('importDone', { added: out.added, skipped: out.skipped, rebuilt: out.rebuilt });
}

export async function checkAndRepair(t: OptionsTranslate): Promise<string> {
  const db = await studyDb();
  const settings = await loadSettings();
  const r = await checkDatabase(db, bankIndex, Date.now(), settings.retention);
  if (r.retired + r.rebuilt + r.recreated + r.futureReviews + r.orphansKept === 0) return t('checkClean');
  announce();
  return t('checkDone', {
    retired: r.retired,
    rebuilt: r.rebuilt,
    recreated: r.recreated,
    future: r.futureReviews,
    orphans: r.orphansKept,
  });
}
