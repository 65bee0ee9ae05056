import type { FSRS } from 'ts-fsrs';
import { applyCardAction, type CardAction } from '../srs/card-actions';
import { rollbackRating } from '../srs/schedule';
import type { StudyDatabase } from './open';
import { withQueueKeys } from './queue-keys';
import type { CardRecord } from './schema';
import { forgetReset, noteUndo } from './sync';

/** Suspends, buries, resets or annotates one card in one transaction; null if there is no such card. */
export async function changeCard(
  db: StudyDatabase,
  cardId: string,
  action: CardAction,
  now: number,
  dayStartHour: number,
): Promise<CardRecord | null> {
  const tx = db.transaction(['cards', 'meta'], 'readwrite');
  const cards = tx.objectStore('cards');
  const card = await cards.get(cardId);
  if (!card) {
    await tx.done;
    return null;
  }
  const next = withQueueKeys(applyCardAction(card, action, now, dayStartHour));
  await Promise.all([
    cards.put(next),
    // A reset taken back leaves the log sync last wrote too, or the next round would reset it again.
    action.kind === 'unreset' ? forgetReset(tx.objectStore('meta'), cardId, action.resetAt) : undefined,
    tx.done,
  ]);
  return next;
}

export type UndoOutcome =
  | { status: 'undone'; card: CardRecord }
  | { status: 'not-found' }
  /** The card was rated again (or reset) since: undoing this rating would rewrite history. */
  | { status: 'not-latest' };

/**
 * Takes back one rating: the card goes back exactly to what it was before it (ts-fsrs
 * rollback plus the due time the rating replaced), and the rating leaves the log. Only a
 * card's latest rating can be undone; card, log and the undo sync carries change in one transaction.
 */
export async function undoRating(
  db: StudyDatabase,
  scheduler: FSRS,
  reviewId: string,
  now: number,
): Promise<UndoOutcome> {
  const tx = db.transaction(['cards', 'reviews', 'meta'], 'readwrite');
  const reviews = tx.objectStore('reviews');
  const cards = tx.objectStore('cards');
  const review = await reviews.get(reviewId);
  const card = review && (await cards.get(review.cardId));
  if (!review || !card) {
    await tx.done;
    return { status: 'not-found' };
  }
  const log = await reviews.index('cardId').getAll(review.cardId);
  const later = log.some((r) => r.id !== review.id && r.review >= review.review);
  if (later || (card.resetAt ?? -Infinity) >= review.review) {
    await tx.done;
    return { status: 'not-latest' };
  }
  const restored = withQueueKeys({ ...card, ...rollbackRating(scheduler, card, review, review.prevDue) });
  await Promise.all([
    cards.put(restored),
    reviews.delete(review.id),
    // Sync carries the undo, so the rating leaves every device that received it.
    noteUndo(tx.objectStore('meta'), { reviewId, at: now }),
    tx.done,
  ]);
  return { status: 'undone', card: restored };
}
