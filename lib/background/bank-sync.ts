import { bankSignature } from '../bank/signature';
import { syncBank, type BankIndexEntry } from '../db/cards';
import type { StudyDatabase } from '../db/open';

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
  if (await isBankSynced(db, index)) return false;
  await syncBank(db, index, now);
  await db.put('meta', bankSignature(index), SIGNATURE_KEY);
  return true;
}

/** Whether the database holds this bank: its signature is stored only once a sync has committed. */
export async function isBankSynced(db: StudyDatabase, index: readonly BankIndexEntry[]): Promise<boolean> {
  return (await db.get('meta', SIGNATURE_KEY)) === bankSignature(index);
}
