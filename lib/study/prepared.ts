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
  /** 2 since questions carry their section and topic names: a card prepared before is not painted. */
  v: 2;
  card: CardRecord;
  question: CompiledQuestion;
  counts: StudyCounts;
  /** When it was prepared (epoch ms). */
  at: number;
  /** The words around the question, in the page's language, for prepaint.js. */
  labels?: PaintLabels;
}

/** Everything prepaint.js writes besides the question, so it needs no catalog of its own. */
export interface PaintLabels {
  ui: 'zh' | 'en';
  content: 'zh' | 'en';
  section: string;
  topics: string;
  reveal: string;
  revealHint: string;
  dueNow: string;
  newLeft: string;
  reviewedToday: string;
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
    p.v === 2 &&
    typeof p.at === 'number' &&
    typeof p.card?.id === 'string' &&
    typeof p.card.due === 'number' &&
    p.question?.id === p.card.id &&
    typeof p.question.zh?.question === 'string' &&
    typeof p.question.en?.question === 'string' &&
    typeof p.counts?.due === 'number' &&
    (p.labels === undefined || ['zh', 'en'].includes(p.labels.content))
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

export function localPreparedStore(slot: 'next' | 'head', backing: Storage = localStorage): PreparedStore {
  const KEY = PREPARED_KEY_PREFIX + slot;
  return {
    read() {
      try {
        const raw = backing.getItem(KEY);
        const parsed: unknown = raw ? JSON.parse(raw) : null;
        return isPrepared(parsed) ? parsed : null;
      } catch {
        return null;
      }
    },
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
