import type { CardRecord, HistorySnapshot, ReviewRecord } from '../db';
import type { Settings } from '../settings/model';

/** What identifies a backup file of this extension. */
export const BACKUP_FORMAT = 'llm-interview-cards-backup';
/** 2 added the person's card settings (suspended, buried, note, reset); version 1 files still import. */
export const BACKUP_VERSION = 2;

/**
 * Reviews are stored as rows under these column names: a year of daily study is ~100,000
 * reviews, and rows make the file about half the size of objects and quicker to write.
 */
export const REVIEW_COLUMNS = [
  'id',
  'cardId',
  'rating',
  'state',
  'due',
  'stability',
  'difficulty',
  'elapsed_days',
  'last_elapsed_days',
  'scheduled_days',
  'learning_steps',
  'review',
] as const satisfies readonly (keyof ReviewRecord)[];

export type ReviewRow = [string, string, ...number[]];

/** A card as a backup holds it: its schedule and placement, without the derived index keys. */
/** A card as a backup holds it: without its index keys and its undo bookkeeping (`resetFrom`). */
export type BackupCard = Omit<CardRecord, 'reviewDue' | 'newOrder' | 'resetFrom'>;

export interface BackupFile {
  format: typeof BACKUP_FORMAT;
  version: 1 | typeof BACKUP_VERSION;
  /** ISO 8601. */
  exportedAt: string;
  settings: Settings;
  cards: BackupCard[];
  reviewColumns: string[];
  reviews: ReviewRow[];
}

export function reviewToRow(r: ReviewRecord): ReviewRow {
  return REVIEW_COLUMNS.map((c) => r[c]) as ReviewRow;
}

export function rowToReview(row: readonly unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  REVIEW_COLUMNS.forEach((c, i) => (out[c] = row[i]));
  return out;
}

/**
 * The whole history as one versioned document.
 *
 * @example
 * JSON.stringify(makeBackup(await readHistory(db), settings, Date.now()))
 */
export function makeBackup(history: HistorySnapshot, settings: Settings, now: number): BackupFile {
  return {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    exportedAt: new Date(now).toISOString(),
    settings,
    cards: history.cards.map(({ reviewDue: _r, newOrder: _n, resetFrom: _f, ...card }) => card),
    reviewColumns: [...REVIEW_COLUMNS],
    reviews: inTimeOrder(history.reviews).map(reviewToRow),
  };
}

/** Reviews by time (ties by id), as the file lists them; read in key order, they come by id. */
function inTimeOrder(reviews: readonly ReviewRecord[]): ReviewRecord[] {
  return [...reviews].sort((a, b) => a.review - b.review || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The file name a download gets, e.g. `llm-interview-cards-2026-11-29.json`. */
export function backupFileName(now: number): string {
  return `llm-interview-cards-${new Date(now).toISOString().slice(0, 10)}.json`;
}
