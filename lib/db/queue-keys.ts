import { State } from '../srs/card-state';
import { availableAt, type QueueCard } from '../srs/queue';
import { EVERY_TOPIC, inScope, sameScope, scopeOf, type TopicFilter } from '../srs/scope';
import type { CardRecord } from './schema';
import type { StudyDatabase } from './open';

/** Where `meta` keeps the topic filter the queue keys were made for (absent: every topic). */
export const QUEUE_SCOPE_KEY = 'queue-scope';

/** The stored queue scope, or every topic when none was stored (keys made before filters counted). */
export function queueScopeOf(value: unknown): TopicFilter {
  const v = value as Partial<TopicFilter> | undefined;
  const list = (x: unknown) => (Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : []);
  return v && typeof v === 'object'
    ? { disabledSections: list(v.disabledSections), disabledTopics: list(v.disabledTopics) }
    : EVERY_TOPIC;
}

/**
 * The card as stored: its schedule plus the derived index keys. Every write of a card
 * goes through here, so the `reviewDue` and `newOrder` indexes always match the card.
 * Suspended cards, cards no longer in the bank and cards outside the queue's topic scope
 * get neither key: the queue never reads them.
 *
 * `scope` is given where a card's place may change (bank sync, import, repair, a new
 * filter) and decides `outOfScope` afresh; a change to the schedule alone keeps the card's
 * flag, so a rating needs no filter.
 */
export function withQueueKeys(card: QueueCard, scope?: TopicFilter): CardRecord {
  const { reviewDue: _r, newOrder: _n, outOfScope, ...plain } = card as CardRecord;
  const out = scope ? !inScope(plain, scope) : outOfScope === true;
  const stored: CardRecord = out ? { ...plain, outOfScope: true } : plain;
  if (!plain.inBank || plain.suspended || out) return stored;
  if (plain.state === State.New) return { ...stored, newOrder: plain.order };
  // A buried card can fall due no earlier than the day it comes back.
  return { ...stored, reviewDue: availableAt(plain) };
}

/** Whether two records of a card carry the same derived queue fields. */
export function sameQueueKeys(a: CardRecord, b: CardRecord): boolean {
  return a.reviewDue === b.reviewDue && a.newOrder === b.newOrder && a.outOfScope === b.outOfScope;
}

/**
 * Keys the queue for `filter`: every card outside it leaves the queue's indexes, every
 * card inside comes back, in one transaction with the stored scope. Nothing else about a
 * card changes. Returns whether anything had to change (a filter already keyed costs one read).
 */
export async function keyQueueFor(db: StudyDatabase, filter: TopicFilter): Promise<boolean> {
  // The usual case, checked without a read-write transaction that page reads would queue behind.
  if (sameScope(queueScopeOf(await db.get('meta', QUEUE_SCOPE_KEY)), filter)) return false;
  const tx = db.transaction(['cards', 'meta'], 'readwrite');
  const meta = tx.objectStore('meta');
  if (sameScope(queueScopeOf(await meta.get(QUEUE_SCOPE_KEY)), filter)) {
    await tx.done;
    return false;
  }
  const cards = tx.objectStore('cards');
  const writes: Promise<unknown>[] = [meta.put(scopeOf(filter), QUEUE_SCOPE_KEY)];
  for (const card of await cards.getAll()) {
    const next = withQueueKeys(card, filter);
    if (!sameQueueKeys(next, card)) writes.push(cards.put(next));
  }
  await Promise.all([...writes, tx.done]);
  return true;
}
