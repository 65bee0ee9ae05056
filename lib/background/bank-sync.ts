import { shuffledOrder, type BundledBankEntry } from '../bank/new-order';
import { bankSignature } from '../bank/signature';
import { syncBank, type BankIndexEntry } from '../db/cards';
import type { StudyDatabase } from '../db/open';
import type { NewOrder } from '../settings/model';

const SIGNATURE_KEY = 'bank-signature';
/** The seed of this install's shuffled order, made once, so every read and every tab agree. */
export const SHUFFLE_SEED_KEY = 'shuffle-seed';

/**
 * The bundled bank as this install places it: each question's `order` is its place in the
 * new-card queue under `newOrder` (the bank's own order, the sensible one built with the
 * bank, or this install's shuffle). Synced into the cards, it keys the `newOrder` index.
 *
 * @example
 * await placeBank(db, bankIndex, settings.newOrder)
 */
export async function placeBank(
  db: StudyDatabase,
  index: readonly BundledBankEntry[],
  newOrder: NewOrder,
  /** Sections whose new cards come first (an interview ahead that names them), in the same order. */
  first: readonly string[] = [],
): Promise<BankIndexEntry[]> {
  const placed = await inOrder(db, index, newOrder);
  if (!first.length) return placed;
  const ahead = (e: BankIndexEntry) => (first.includes(e.section) ? 0 : 1);
  const sorted = [...placed].sort((a, b) => ahead(a) - ahead(b) || a.order - b.order);
  const rank = new Map(sorted.map((e, r) => [e.id, r]));
  return placed.map((e) => ({ ...e, order: rank.get(e.id)! }));
}

async function inOrder(
  db: StudyDatabase,
  index: readonly BundledBankEntry[],
  newOrder: NewOrder,
): Promise<BankIndexEntry[]> {
  const at = (e: BundledBankEntry) => ({ id: e.id, section: e.section, topics: e.topics });
  if (newOrder === 'bank') return index.map((e) => ({ ...at(e), order: e.order }));
  if (newOrder === 'sensible') return index.map((e) => ({ ...at(e), order: e.sensible }));
  const ranks = new Map(
    shuffledOrder(
      index.map((e) => e.id),
      await shuffleSeed(db),
    ).map((id, r) => [id, r]),
  );
  return index.map((e) => ({ ...at(e), order: ranks.get(e.id)! }));
}

/** This install's shuffle seed, made on first use. */
async function shuffleSeed(db: StudyDatabase): Promise<number> {
  const stored = await db.get('meta', SHUFFLE_SEED_KEY);
  if (typeof stored === 'number') return stored;
  const seed = crypto.getRandomValues(new Uint32Array(1))[0]!;
  // Two events at once may both make one: the first stored wins, and both use it.
  const tx = db.transaction('meta', 'readwrite');
  const again = await tx.store.get(SHUFFLE_SEED_KEY);
  if (typeof again === 'number') return again;
  await Promise.all([tx.store.put(seed, SHUFFLE_SEED_KEY), tx.done]);
  return seed;
}

/**
 * Brings the bank, as placed (see `placeBank`), into the database if it changed since the
 * last sync (install, update, a new order of new cards, or a sync that was interrupted).
 * Review history is never touched.
 */
export async function ensureBankSynced(
  db: StudyDatabase,
  bank: readonly BankIndexEntry[],
  now: number,
): Promise<boolean> {
  if (await isBankSynced(db, bank)) return false;
  await syncBank(db, bank, now);
  await db.put('meta', bankSignature(bank), SIGNATURE_KEY);
  return true;
}

/** Whether the database holds this bank: its signature is stored only once a sync has committed. */
export async function isBankSynced(db: StudyDatabase, bank: readonly BankIndexEntry[]): Promise<boolean> {
  return (await db.get('meta', SIGNATURE_KEY)) === bankSignature(bank);
}
