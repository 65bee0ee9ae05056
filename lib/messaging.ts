import { browser } from 'wxt/browser';
import type { Grade } from './srs/card-state';
import type { CardRecord } from './db/schema';
import type { RepairReport } from './db/repair';
import type { ImportPreview, SettingChange } from './backup/preview';
import type { BackupProblem } from './backup/problems';
import { isCardAction, type CardAction } from './srs/card-state';

/** Pages -> background. */
export interface GradeRequest {
  type: 'grade';
  reviewId: string;
  cardId: string;
  rating: Grade;
  reviewedAt: number;
}

export type GradeResponse =
  | { ok: true; card: CardRecord; duplicate: boolean }
  | { ok: false; error: 'unknown-card' | 'storage' | 'bad-request'; message: string };

/** Background -> pages: the queue changed (a rating anywhere, a settings change, a bank sync). */
export interface QueueChanged {
  type: 'queue-changed';
  /** The card that was just rated, if a rating caused the change. */
  cardId?: string;
  /** The cards another browser's data changed here (sync): a page reads the queue again, keeping its card while the queue still has it first. */
  synced?: string[];
}

/** Pages -> background: when each rating would bring the card back, if pressed at `at`. */
export interface PreviewRequest {
  type: 'preview';
  cardId: string;
  at: number;
}

export type PreviewResponse = { ok: true; previews: Record<Grade, number> } | { ok: false; message: string };

/** Pages -> background: take back a rating given on this page. */
export interface UndoRequest {
  type: 'undo';
  reviewId: string;
}

export type UndoResponse =
  | { ok: true; card: CardRecord }
  | { ok: false; error: 'not-found' | 'not-latest' | 'storage'; message: string };

/** Pages -> background: suspend, bury, reset or annotate a card. */
export interface CardActionRequest {
  type: 'card-action';
  cardId: string;
  action: CardAction;
  at: number;
}

export type CardActionResponse = { ok: true; card: CardRecord } | { ok: false; message: string };

/** Options page -> background: what a backup file would change, before the person decides. Writes nothing. */
export interface PreviewImportRequest {
  type: 'preview-import';
  text: string;
}

/** A refused file: `problem` says why, for the page to put in its own words; `message` in English. */
export type ImportRefused = { ok: false; message: string; problem?: BackupProblem };

export type PreviewImportResponse = { ok: true; preview: ImportPreview } | ImportRefused;

/** Options page -> background: merge a backup file (the background is the one writer). */
export interface ImportRequest {
  type: 'import-backup';
  /** The file's text, checked whole by the background before anything is written. */
  text: string;
  /** Apply the file's settings too; otherwise the settings in use are kept. */
  replaceSettings: boolean;
}

export type ImportResponse =
  | {
      ok: true;
      added: number;
      skipped: number;
      rebuilt: number;
      /** The settings the file replaced (none when kept or the same). */
      settingsChanged: SettingChange[];
      /** True when the file's settings differed and were not applied. */
      settingsKept: boolean;
    }
  | ImportRefused;

/** Options page -> background: check the database and repair what is impossible. */
export interface CheckDatabaseRequest {
  type: 'check-database';
}

export type CheckDatabaseResponse = { ok: true; report: RepairReport } | { ok: false; message: string };

/** Deletes the extension's data from `storage.sync` (every device's) and turns sync off on this device. */
export interface SyncDeleteRequest {
  type: 'sync-delete';
}

export type SyncDeleteResponse = { ok: true } | { ok: false; message: string };

/** Every message between the pages and the background. */
export type Message =
  | SyncDeleteRequest
  | GradeRequest
  | PreviewRequest
  | UndoRequest
  | CardActionRequest
  | PreviewImportRequest
  | ImportRequest
  | CheckDatabaseRequest
  | QueueChanged;

export function isGradeRequest(m: unknown): m is GradeRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return (
    r.type === 'grade' &&
    typeof r.reviewId === 'string' &&
    r.reviewId.length > 0 &&
    r.reviewId.length <= 100 &&
    typeof r.cardId === 'string' &&
    [1, 2, 3, 4].includes(r.rating as number) &&
    typeof r.reviewedAt === 'number' &&
    Number.isFinite(r.reviewedAt)
  );
}

const isId = (v: unknown) => typeof v === 'string' && v.length > 0 && v.length <= 200;
const isTime = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

export function isPreviewRequest(m: unknown): m is PreviewRequest {
  const r = m as Record<string, unknown> | null;
  return r?.type === 'preview' && isId(r.cardId) && isTime(r.at);
}

export function isUndoRequest(m: unknown): m is UndoRequest {
  const r = m as Record<string, unknown> | null;
  return r?.type === 'undo' && isId(r.reviewId);
}

export function isCardActionRequest(m: unknown): m is CardActionRequest {
  const r = m as Record<string, unknown> | null;
  return r?.type === 'card-action' && isId(r.cardId) && isTime(r.at) && isCardAction(r.action);
}

export function isPreviewImportRequest(m: unknown): m is PreviewImportRequest {
  const r = m as Record<string, unknown> | null;
  return r?.type === 'preview-import' && typeof r.text === 'string';
}

export function isImportRequest(m: unknown): m is ImportRequest {
  const r = m as Record<string, unknown> | null;
  return r?.type === 'import-backup' && typeof r.text === 'string' && typeof r.replaceSettings === 'boolean';
}

export function isSyncDeleteRequest(m: unknown): m is SyncDeleteRequest {
  return (m as Record<string, unknown> | null)?.type === 'sync-delete';
}

export const sendSyncDelete = () => ask<SyncDeleteResponse>({ type: 'sync-delete' });

export function isCheckDatabaseRequest(m: unknown): m is CheckDatabaseRequest {
  return (m as Record<string, unknown> | null)?.type === 'check-database';
}

/**
 * Sends a request to the background. No answer at all (the worker was stopped before it
 * replied) becomes a failure the page can show and retry, of the request's own reply type.
 */
export async function ask<R>(message: Message): Promise<R> {
  const noAnswer = { ok: false, error: 'storage', message: 'No answer from the background.' };
  return ((await browser.runtime.sendMessage(message)) ?? noAnswer) as R;
}

export const sendPreview = (cardId: string, at: number) =>
  ask<PreviewResponse>({ type: 'preview', cardId, at });

export const sendUndo = (reviewId: string) => ask<UndoResponse>({ type: 'undo', reviewId });

export const sendCardAction = (cardId: string, action: CardAction, at: number) =>
  ask<CardActionResponse>({ type: 'card-action', cardId, action, at });

/** Sends one rating to the background, which owns scheduling. */
export const sendGrade = (req: Omit<GradeRequest, 'type'>) => ask<GradeResponse>({ type: 'grade', ...req });

export function onQueueChanged(listener: (m: QueueChanged) => void): () => void {
  const handler = (m: unknown) => {
    if (typeof m === 'object' && m !== null && (m as Message).type === 'queue-changed') {
      listener(m as QueueChanged);
    }
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
