import type { BackupCard } from '../backup/format';
import { makeScheduler, newSchedulingState, State } from '../srs/schedule';
import { replayRatings } from '../srs/replay';
import type { BankIndexEntry } from './cards';
import type { StudyDatabase } from './open';
import { withQueueKeys } from './queue-keys';
import type { CardRecord, ReviewRecord } from './schema';

export interface ImportResult {
  /** Reviews added to the log (already stored ones are skipped). */
  added: number;
  skipped: number;
  /** Cards whose schedule was rebuilt from their log. */
  rebuilt: number;
}

/** Issues every write and waits for the commit; on any failure aborts, so nothing is kept. */
export async function writeAllOrNothing(
  tx: { done: Promise<void>; abort(): void },
  writes: (() => Promise<unknown>)[],
): Promise<void> {
  try {
    await Promise.all([...writes.map((w) => w()), tx.done]);
  } catch (e) {
    try {
      tx.abort();
    } catch {
      // Already aborted.
    }
    throw e;
  }
}

function groupByCard(reviews: readonly ReviewRecord[]): Map<string, ReviewRecord[]> {
  const map = new Map<string, ReviewRecord[]>();
  for (const r of reviews) {
    const list = map.get(r.cardId);
    if (list) list.push(r);
    else map.set(r.cardId, [r]);
  }
  return map;
}

/**
 * Merges a validated backup into the database in one transaction: reviews are merged by
 * id (importing the same file twice changes nothing), and every card that gained reviews
 * is rebuilt from its whole log with ts-fsrs. A card keeps its place in the bank when the
 * bank still has its question; otherwise it is kept, hidden.
 */
export async function importHistory(
  db: StudyDatabase,
  backup: { cards: readonly BackupCard[]; reviews: readonly ReviewRecord[] },
  bank: readonly BankIndexEntry[],
  retention: number,
): Promise<ImportResult> {
  const scheduler = makeScheduler({ retention, fuzz: false });
  const tx = db.transaction(['cards', 'reviews'], 'readwrite');
  const cardStore = tx.objectStore('cards');
  const reviewStore = tx.objectStore('reviews');
  const [existingCards, existingReviews] = await Promise.all([cardStore.getAll(), reviewStore.getAll()]);
  const known = new Set(existingReviews.map((r) => r.id));
  const added = backup.reviews.filter((r) => !known.has(r.id));
  const logs = groupByCard([...existingReviews, ...added]);
  const cards = new Map(existingCards.map((c) => [c.id, c]));
  const placements = new Map(bank.map((e) => [e.id, e]));
  const touched = new Set(added.map((r) => r.cardId));
  // Everything is computed before the first write, so a failure leaves the database as it was.
  const nextCards: CardRecord[] = [];
  for (const fileCard of backup.cards) {
    const current = cards.get(fileCard.id);
    const personal = mergePersonal(current, fileCard);
    const change = cardChange(current, fileCard, touched.has(fileCard.id));
    if (change === 'none') continue;
    if (change === 'personal') {
      // Schedule unchanged; only what the person set on the card comes in.
      nextCards.push(withQueueKeys({ ...withoutPersonal(current!), ...personal }));
      continue;
    }
    const place = placements.get(fileCard.id);
    const base = withoutPersonal(current ?? fileCard);
    const history = logs.get(fileCard.id) ?? [];
    const state = history.length
      ? replayRatings(scheduler, history, history[0]!.review, personal.resetAt)
      : newSchedulingState(base.due);
    const next: CardRecord = {
      ...base,
      ...state,
      ...personal,
      id: fileCard.id,
      section: place?.section ?? base.section,
      topics: place ? [...place.topics] : [...base.topics],
      order: place?.order ?? base.order,
      inBank: Boolean(place),
    };
    if (!current && !history.length && next.state !== State.New) next.state = State.New;
    nextCards.push(withQueueKeys(next));
  }
  await writeAllOrNothing(tx, [
    ...added.map((r) => () => reviewStore.put(r)),
    ...nextCards.map((c) => () => cardStore.put(c)),
  ]);
  return { added: added.length, skipped: backup.reviews.length - added.length, rebuilt: touched.size };
}

type Personal = Pick<CardRecord, 'suspended' | 'buriedUntil' | 'note' | 'resetAt'>;

/**
 * What importing a file's card does to this browser's: nothing, only what the person set
 * on it (suspended, buried, note), or a rebuild of its schedule from the log (the card is
 * new here, gained reviews, or a later reset came in). The preview counts with it too.
 */
export function cardChange(
  here: Personal | undefined,
  file: Personal,
  gainedReviews: boolean,
): 'none' | 'personal' | 'rebuild' {
  const personal = mergePersonal(here, file);
  const resetMoved = (personal.resetAt ?? 0) !== (here?.resetAt ?? 0);
  if (!here || gainedReviews || resetMoved) return 'rebuild';
  return JSON.stringify(mergePersonal(here, here)) !== JSON.stringify(personal) ? 'personal' : 'none';
}

/**
 * What the person set on a card, merged from this browser's card and the file's: a note
 * here wins over the file's, suspended on either side holds, the later bury and the later
 * reset hold.
 */
function mergePersonal(here: Personal | undefined, file: Personal): Personal {
  const later = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
  const buriedUntil = later(here?.buriedUntil, file.buriedUntil);
  const resetAt = later(here?.resetAt, file.resetAt);
  const note = here?.note || file.note;
  return {
    ...(here?.suspended || file.suspended ? { suspended: true } : {}),
    ...(buriedUntil === undefined ? {} : { buriedUntil }),
    ...(note ? { note } : {}),
    ...(resetAt === undefined ? {} : { resetAt }),
  };
}

function withoutPersonal<C extends Personal>(c: C): Omit<C, keyof Personal> {
  const { suspended: _s, buriedUntil: _b, note: _n, resetAt: _r, ...rest } = c;
  return rest;
}
