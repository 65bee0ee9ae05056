import type { CompiledQuestion } from '../bank/types';
import type { CardRecord } from '../db/schema';
import { PREPARED_KEY_PREFIX } from '../storage-keys';
import type { StudyCounts } from './queue-read';

/**
 * The next question, prepared by the page that showed the last one and kept in
 * localStorage, so that the next new tab can paint it synchronously at start-up and only
 * then confirm it against IndexedDB. It is a cache: a missing, old or corrupt entry only
 * costs the fast path, never correctness.
 */
export interface PreparedCard {
  /** 3 since the card carries its markup: a card prepared before is not painted. */
  v: 3;
  card: CardRecord;
  question: CompiledQuestion;
  counts: StudyCounts;
  /** When it was prepared (epoch ms). */
  at: number;
  /** What prepaint.js paints for it, in the page's languages. */
  paint?: PaintedMarkup;
}

/**
 * The page's markup for the card just put on screen, rendered by the components the app
 * hydrates (components/PaintedCard.tsx), so prepaint.js needs neither a catalog nor a
 * copy of the markup.
 */
export interface PaintedMarkup {
  ui: 'zh' | 'en';
  content: 'zh' | 'en';
  html: string;
}

export interface PreparedStore {
  read(): PreparedCard | null;
  write(p: PreparedCard): void;
  clear(): void;
}

/** Older than this, a prepared card is not worth painting before the queue is read. */
const MAX_AGE_MS = 12 * 3_600_000;

function isPrepared(x: unknown): x is PreparedCard {
  const p = x as PreparedCard;
  return (
    typeof p === 'object' &&
    p !== null &&
    p.v === 3 &&
    typeof p.at === 'number' &&
    typeof p.card?.id === 'string' &&
    typeof p.card.due === 'number' &&
    p.question?.id === p.card.id &&
    typeof p.counts?.due === 'number' &&
    (p.paint === undefined || typeof p.paint.html === 'string')
  );
}

/**
 * A prepared card still worth painting at `now`: recent, (unless new) already due, and no
 * other card has fallen due since it was prepared (that card would come first).
 *
 * @example
 * usablePrepared(store.read(), Date.now())
 */
export function usablePrepared(p: PreparedCard | null, now: number): PreparedCard | null {
  if (!p || now - p.at > MAX_AGE_MS || now < p.at) return null;
  if (p.card.state !== 0 && p.card.due > now) return null;
  if (p.counts.nextDue !== null && p.counts.nextDue <= now) return null;
  return p;
}

/** A prepared slot in localStorage: `next` (the next new tab) or `head` (the next popup). */
/** Forgets every prepared card (after a settings change, an import, a repair). */
export function clearPreparedCards(backing: Storage = localStorage): void {
  for (const slot of ['next', 'head']) backing.removeItem(PREPARED_KEY_PREFIX + slot);
}

/** The card in a prepared slot, if it is a well-formed one (prepaint.js reads only this). */
export function readPrepared(slot: 'next' | 'head', backing: Storage = localStorage): PreparedCard | null {
  try {
    const parsed: unknown = JSON.parse(backing.getItem(PREPARED_KEY_PREFIX + slot) ?? 'null');
    return isPrepared(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function localPreparedStore(slot: 'next' | 'head', backing: Storage = localStorage): PreparedStore {
  const KEY = PREPARED_KEY_PREFIX + slot;
  return {
    read: () => readPrepared(slot, backing),
    write(p) {
      try {
        backing.setItem(KEY, JSON.stringify(p));
      } catch {
        // A full or unavailable localStorage only loses the fast path.
        backing.removeItem(KEY);
      }
    },
    clear() {
      backing.removeItem(KEY);
    },
  };
}
