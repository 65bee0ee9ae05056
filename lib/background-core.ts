import type { FSRS } from 'ts-fsrs';
import { bankSignature } from './bank/signature';
import { recordRating, syncBank, type BankIndexEntry } from './db/cards';
import type { StudyDatabase } from './db/open';
import { clearViewed } from './db/views';
import type { GradeRequest, GradeResponse } from './messaging';
import type { Settings } from './settings';
import { makeScheduler } from './srs/schedule';
import { studySnapshot } from './study';

const SIGNATURE_KEY = 'bank-signature';

/**
 * Brings the bundled bank into the database if it changed since the last sync (install,
 * update, or a sync that was interrupted). Review history is never touched.
 */
export async function ensureBankSynced(
  db: StudyDatabase,
  index: readonly BankIndexEntry[],
  now: number,
): Promise<boolean> {
  const signature = bankSignature(index);
  if ((await db.get('meta', SIGNATURE_KEY)) === signature) return false;
  await syncBank(db, index, now);
  await db.put('meta', signature, SIGNATURE_KEY);
  return true;
}

/** What the toolbar badge shows: reviews due now in the chosen topics ('' when none). */
export async function badgeText(db: StudyDatabase, settings: Settings, now: number): Promise<string> {
  const { counts } = await studySnapshot(db, settings, now);
  if (counts.due === 0) return '';
  return counts.due > 999 ? '999+' : String(counts.due);
}

/** The scheduler the background uses: the person's retention, with fuzz on. */
export function productionScheduler(settings: Settings): FSRS {
  return makeScheduler({ retention: settings.retention, fuzz: true });
}

/** Handles one rating from a page: FSRS + one transaction, idempotent on the review id. */
export async function handleGrade(
  db: StudyDatabase,
  settings: Settings,
  req: GradeRequest,
): Promise<GradeResponse> {
  try {
    const outcome = await recordRating(db, productionScheduler(settings), req);
    if (outcome.status === 'unknown-card') {
      return { ok: false, error: 'unknown-card', message: `No card "${req.cardId}".` };
    }
    // Bookkeeping only: the rating is stored, so a failure here must not be reported as one.
    await clearViewed(db, req.cardId).catch(() => {});
    return { ok: true, card: outcome.card, duplicate: outcome.status === 'duplicate' };
  } catch (e) {
    const err = e as Error;
    const message =
      err.name === 'QuotaExceededError'
        ? 'the disk is full, so the browser refused to store it. Free some space and try again.'
        : err.message || String(err);
    return { ok: false, error: 'storage', message };
  }
}
