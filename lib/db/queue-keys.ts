import { State } from '../srs/schedule';
import type { QueueCard } from '../srs/queue';
import type { CardRecord } from './schema';

/**
 * The card as stored: its schedule plus the derived index keys. Every write of a card
 * goes through here, so the `reviewDue` and `newOrder` indexes always match the card.
 */
export function withQueueKeys(card: QueueCard): CardRecord {
  const { reviewDue: _r, newOrder: _n, ...plain } = card as CardRecord;
  if (!plain.inBank) return plain;
  if (plain.state === State.New) return { ...plain, newOrder: plain.order };
  return { ...plain, reviewDue: plain.due };
}
