import { newSchedulingState, gradeCard, type Grade } from '../srs/schedule';
import type { FSRS } from 'ts-fsrs';
import type { CardRecord, ReviewRecord } from './schema';
import { withQueueKeys } from './queue-keys';
import type { StudyDatabase } from './open';

/** What the build knows of each question: enough to make and place its card. */
export interface BankIndexEntry {
  id: string;
  section: string;
  topics: string[];
  order: number;
}

export interface SyncResult {
  added: number;
  updated: number;
  retired: number;
}

/**
 * Brings the bundled bank into the database. A question new to the database becomes a
 * new card; a known one keeps its whole schedule and history and only takes its new
 * section, topics and order; a card whose question left the bank is kept (history is
 * never deleted) but marked `inBank: false` so it is no longer shown.
 */
export async function syncBank(
  db: StudyDatabase,
  bank: readonly BankIndexEntry[],
  now: number,
): Promise<SyncResult> {
  const tx = db.transaction('cards', 'readwrite');
  const store = tx.objectStore('cards');
  const all = await store.getAll();
  const existing = new Map(all.map((c) => [c.id, c]));
  const result: SyncResult = { added: 0, updated: 0, retired: 0 };
  const writes: Promise<unknown>[] = [];
  for (const entry of bank) {
    const old = existing.get(entry.id);
    existing.delete(entry.id);
    if (!old) {
      writes.push(store.put(withQueueKeys({ ...newSchedulingState(now), ...placement(entry) })));
      result.added++;
    } else if (!samePlacement(old, entry)) {
      writes.push(store.put(withQueueKeys({ ...old, ...placement(entry) })));
      result.updated++;
    }
  }
  for (const gone of existing.values()) {
    if (!gone.inBank) continue;
    writes.push(store.put(withQueueKeys({ ...gone, inBank: false })));
    result.retired++;
  }
  await Promise.all([...writes, tx.done]);
  return result;
}

function placement(e: BankIndexEntry) {
  return { id: e.id, section: e.section, topics: [...e.topics], order: e.order, inBank: true };
}

function samePlacement(c: CardRecord, e: BankIndexEntry): boolean {
  return (
    c.inBank &&
    c.section === e.section &&
    c.order === e.order &&
    c.topics.length === e.topics.length &&
    c.topics.every((t, i) => t === e.topics[i])
  );
}

export interface RatingInput {
  /** Made where the rating was given (crypto.randomUUID()); a retry reuses it. */
  reviewId: string;
  cardId: string;
  rating: Grade;
  /** When the person pressed the button (epoch ms). */
  reviewedAt: number;
}

export type RatingOutcome =
  | { status: 'stored'; card: CardRecord; review: ReviewRecord }
  | { status: 'duplicate'; card: CardRecord }
  | { status: 'unknown-card' };

/**
 * Runs FSRS for one rating and writes the card and its log in one readwrite
 * transaction. The same review id delivered twice is stored once.
 */
export async function recordRating(
  db: StudyDatabase,
  scheduler: FSRS,
  input: RatingInput,
  /** The due time the interview plan gives the card as FSRS left it (lib/srs/plan.ts); none: FSRS's. */
  plan?: (card: CardRecord) => number,
): Promise<RatingOutcome> {
  const tx = db.transaction(['cards', 'reviews'], 'readwrite');
  const cards = tx.objectStore('cards');
  const reviews = tx.objectStore('reviews');
  const [seen, card] = await Promise.all([reviews.getKey(input.reviewId), cards.get(input.cardId)]);
  if (!card) {
    await tx.done;
    return { status: 'unknown-card' };
  }
  if (seen !== undefined) {
    await tx.done;
    return { status: 'duplicate', card };
  }
  const { state, log } = gradeCard(scheduler, card, input.rating, input.reviewedAt);
  const graded: CardRecord = { ...card, ...state };
  const next: CardRecord = withQueueKeys(plan ? { ...graded, due: plan(graded) } : graded);
  const review: ReviewRecord = { ...log, id: input.reviewId, cardId: input.cardId, prevDue: card.due };
  try {
    await Promise.all([cards.put(next), reviews.add(review), tx.done]);
  } catch (e) {
    // Never half-written: whatever failed (a full disk, a thrown write), neither the card
    // nor its log is kept.
    try {
      tx.abort();
    } catch {
      // Already aborted by the browser.
    }
    throw e;
  }
  return { status: 'stored', card: next, review };
}
