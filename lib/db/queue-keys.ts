import { State } from '../srs/card-state';
import { availableAt, type QueueCard } from '../srs/queue';
import type { CardRecord } from './schema';

/**
 * The card as stored: its schedule plus the derived index keys. Every write of a card
 * goes through here, so the `reviewDue` and `newOrder` indexes always match the card.
 * Suspended cards and cards no longer in the bank get neither key: the queue never reads
 * them. (Topic filters are applied when the queue is read, not in the keys.)
 */
export function withQueueKeys(card: QueueCard): CardRecord {
  // `outOfScope` was a derived flag of version 4; the version 5 upgrade drops it here.
  const {
    reviewDue: _r,
    newOrder: _n,
    outOfScope: _o,
    ...plain
  } = card as CardRecord & { outOfScope?: true };
  if (!plain.inBank || plain.suspended) return plain;
  if (plain.state === State.New) return { ...plain, newOrder: plain.order };
  // A buried card can fall due no earlier than the day it comes back.
  return { ...plain, reviewDue: availableAt(plain) };
}

/** Whether two records of a card carry the same derived queue fields. */
export function sameQueueKeys(a: CardRecord, b: CardRecord): boolean {
  return a.reviewDue === b.reviewDue && a.newOrder === b.newOrder;
}
