import type { DBSchema } from 'idb';
import type { Grade, ReviewEntry, SchedulingState } from '../srs/card-state';
import type { QueueCard } from '../srs/queue';

export const DB_NAME = 'llm-cards';
/** Bump with a new `if (oldVersion < N)` step in `upgrade.ts`; never drop user data. */
export const DB_VERSION = 5;

/**
 * One row per question id: the FSRS card (dates as epoch ms) plus where it sits in the bank,
 * and two derived keys (set by `withQueueKeys`, never by hand) that let the queue read a
 * few records by index instead of scanning every card.
 */
export interface CardRecord extends QueueCard {
  /**
   * Only on scheduled cards still in the bank and not suspended: the `reviewDue` index is
   * exactly what can fall due.
   */
  reviewDue?: number;
  /** Only on new cards still in the bank and not suspended: the `newOrder` index is the new-card queue, in `order`. */
  newOrder?: number;
  /** Set by the person: the card is never shown until it is unsuspended. */
  suspended?: boolean;
  /** Buried: kept out of the queue until this time (the start of the next study day). */
  buriedUntil?: number;
  /** A short personal note, shown under the answer. */
  note?: string;
  /**
   * When the person reset the card to new. Its earlier reviews stay in the log (and in the
   * statistics) but no longer shape its schedule: a rebuild replays only later ones.
   */
  resetAt?: number;
  /** The schedule the latest reset replaced, kept so that undo can restore it exactly. */
  resetFrom?: SchedulingState & { resetAt?: number };
  /**
   * When the person here last (un)suspended, (un)buried or annotated it: sync lets the
   * latest change on any device win. Absent: set before sync, or brought by sync.
   */
  suspendedAt?: number;
  buriedAt?: number;
  noteAt?: number;
}

/** One rating, append-only. `id` is made where the rating was given, so a retry is stored once. */
export interface ReviewRecord extends ReviewEntry {
  id: string;
  cardId: string;
  rating: Grade;
  /**
   * The card's due time before this rating. FSRS's log keeps everything else undo needs;
   * with this, undo restores the card exactly. (Not exported: only the last rating given on
   * a page can be undone.)
   */
  prevDue?: number;
  /** The device the rating came from through sync; absent: given in this browser. */
  from?: string;
}

export interface StudyDB extends DBSchema {
  cards: {
    key: string;
    value: CardRecord;
    /** `stateDue` is [state, reviewDue]: due cards by state, counted without reading a record. */
    indexes: { due: number; reviewDue: number; newOrder: number; stateDue: [number, number] };
  };
  reviews: {
    key: string;
    value: ReviewRecord;
    /** `stateReview` is [state, review]: today's ratings by state, counted without reading one. */
    indexes: { review: number; cardId: string; stateReview: [number, number] };
  };
  /** Small bookkeeping values (for example which cards were recently put on screen). */
  meta: { key: string; value: unknown };
}
