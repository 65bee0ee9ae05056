import { backupFileName, makeBackup } from './format';
import { readHistory } from '../db/history';
import { studyDb } from '../db/open';
import type { OptionsTranslate } from '../i18n/options-strings';
import { clearPreparedCards } from '../study/prepared';
import { DEFAULT_SETTINGS } from '../settings/model';
import { loadSettings } from '../settings/store';
import type { ImportRefused } from '../messaging';
import { sendCheckDatabase, sendImport, sendPreviewImport } from './requests';
import { describeBackupProblem } from './problems';
import { describeImportDone } from './describe';
import type { ImportPreview } from './preview';

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

/** Why nothing was imported, in the page's language when the background said why as data. */
function refusal(out: ImportRefused, t: OptionsTranslate): string {
  return t('importFailed', { message: out.problem ? describeBackupProblem(out.problem, t) : out.message });
}

export type ImportCheck = { ok: true; text: string; preview: ImportPreview } | { ok: false; message: string };

/** Has the background check a file and say what importing it would change. Writes nothing. */
export async function checkBackupFile(file: File, t: OptionsTranslate): Promise<ImportCheck> {
  const text = await file.text();
  const out = await sendPreviewImport(text);
  if (!out.ok) return { ok: false, message: refusal(out, t) };
  return { ok: true, text, preview: out.preview };
}

/**
 * Hands the file to the background, which checks it whole and merges it (the one writer),
 * replacing the settings only when the person chose to.
 */
export async function importBackup(
  text: string,
  replaceSettings: boolean,
  t: OptionsTranslate,
): Promise<string> {
  const out = await sendImport(text, replaceSettings);
  if (!out.ok) return refusal(out, t);
  // The prepared cards may be ones the import changed.
  clearPreparedCards();
  return describeImportDone(out, t);
}

/** Asks the background to check the database and repair what is impossible. */
export async function checkAndRepair(t: OptionsTranslate): Promise<string> {
  const out = await sendCheckDatabase();
  if (!out.ok) return t('checkFailed', { message: out.message });
  const r = out.report;
  if (r.retired + r.rebuilt + r.recreated + r.futureReviews + r.orphansKept === 0) return t('checkClean');
  clearPreparedCards();
  return t('checkDone', {
    retired: r.retired,
    rebuilt: r.rebuilt,
    recreated: r.recreated,
    future: r.futureReviews,
    orphans: r.orphansKept,
  });
}
