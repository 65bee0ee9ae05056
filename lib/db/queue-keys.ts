import { State } from '../srs/card-state';
import { availableAt, type QueueCard } from '../srs/queue';
import type { CardRecord } from './schema';

/**
 * The card as stored: its schedule plus the derived index keys. Every write of a card
 * goes through here, so the `reviewDue` and `newOrder` indexes always match the card.
 * Suspended cards and cards no longer in the bank get neither key: the queue never reads them.
 */
export function withQueueKeys(card: QueueCard): CardRecord {
  const { reviewDue: _r, newOrder: _n, ...plain } = card as CardRecord;
  if (!plain.inBank || plain.suspended) return plain;
  if (plain.state === State.New) return { ...plain, newOrder: plain.order };
  // A buried card can fall due no earlier than the day it comes back.
  return { ...plain, reviewDue: availableAt(plain) };
}
