import type { BankIndexEntry } from '../db/cards';
import { forgetPlan } from '../db/plan';
import { readWholeLogNext } from '../db/sync';
import type { StudyDatabase } from '../db/open';
import { checkDatabase } from '../db/repair';
import { parseBackup, restoreFromText } from '../backup/import';
import { previewImport, settingsDiff } from '../backup/preview';
import {
  isCardActionRequest,
  isCheckDatabaseRequest,
  isGradeRequest,
  isImportRequest,
  isPreviewImportRequest,
  isPreviewRequest,
  isSyncDeleteRequest,
  isUndoRequest,
  type CheckDatabaseResponse,
  type SyncDeleteResponse,
  type ImportRequest,
  type ImportResponse,
  type PreviewImportResponse,
} from '../messaging';
import type { Settings } from '../settings/model';
import { handleCardAction, handleGrade, handlePreview, handleUndo, storageMessage } from './handlers';

/** What the worker gives the router: the database for one event, and what follows a change. */
export interface WorkerContext {
  /** Opens the database (bank synced), reads the settings, runs `work`, closes it. */
  withStudyDb<T>(work: (db: StudyDatabase, settings: Settings) => Promise<T>): Promise<T>;
  /** After a change to the cards: badge and open pages follow (`cardId`: the card that changed). */
  changed(db: StudyDatabase, settings: Settings, cardId?: string): Promise<void>;
  saveSettings(settings: Settings): Promise<unknown>;
  /** The bundled bank as placed under these settings (`order`: the place in the new-card queue). */
  bank(db: StudyDatabase, settings: Settings): Promise<readonly BankIndexEntry[]>;
  now(): number;
  /** Deletes the extension's data from storage.sync and turns sync off here. */
  deleteSync(): Promise<void>;
}

/**
 * Answers one message from a page: a promise of the reply, or undefined for a message that
 * is not a request to the background (a broadcast, or malformed), which gets no reply.
 * The reply is sent before the badge and the other pages are told.
 */
export function routeMessage(message: unknown, ctx: WorkerContext): Promise<unknown> | undefined {
  const reply = <R extends { ok: boolean }>(
    work: (db: StudyDatabase, settings: Settings) => Promise<R>,
    cardIdOf?: (res: R) => string | undefined,
  ) =>
    new Promise<R | { ok: false; error: 'storage'; message: string }>((resolve) => {
      ctx
        .withStudyDb(async (db, settings) => {
          const res = await work(db, settings);
          // The page has its answer; then badge and other pages follow, on the same connection.
          resolve(res);
          if (res.ok && cardIdOf) await ctx.changed(db, settings, cardIdOf(res));
        })
        .catch((e: unknown) => resolve({ ok: false, error: 'storage', message: storageMessage(e) }));
    });

  if (isSyncDeleteRequest(message))
    return ctx.deleteSync().then(
      (): SyncDeleteResponse => ({ ok: true }),
      (e: unknown): SyncDeleteResponse => ({ ok: false, message: storageMessage(e) }),
    );
  if (isPreviewRequest(message)) return reply((db, s) => handlePreview(db, s, message));
  if (isGradeRequest(message))
    return reply(
      (db, s) => handleGrade(db, s, message),
      () => message.cardId,
    );
  if (isUndoRequest(message))
    return reply(
      (db, s) => handleUndo(db, s, message, ctx.now()),
      (r) => (r.ok ? r.card.id : undefined),
    );
  if (isCardActionRequest(message))
    return reply(
      (db, s) => handleCardAction(db, s, message),
      () => message.cardId,
    );
  if (isPreviewImportRequest(message)) return reply((db, s) => previewBackup(db, s, message.text, ctx));
  // Both rebuild schedules from the log (FSRS's due times): the interview plan is set again,
  // and sync's next round reads the whole log.
  if (isImportRequest(message))
    return reply(
      (db, s) => importBackup(db, s, message, ctx).then(forgetPlan(db)).then(readWholeLogNext(db)),
      () => undefined,
    );
  if (isCheckDatabaseRequest(message))
    return reply(
      (db, s) => repair(db, s, ctx).then(forgetPlan(db)).then(readWholeLogNext(db)),
      () => undefined,
    );
  return undefined;
}

/** What a backup file would change here, read in one transaction. Writes nothing. */
async function previewBackup(
  db: StudyDatabase,
  settings: Settings,
  text: string,
  ctx: WorkerContext,
): Promise<PreviewImportResponse> {
  const parsed = parseBackup(text, ctx.now());
  if (!parsed.ok) return { ok: false, message: parsed.message, problem: parsed.problem };
  const tx = db.transaction(['cards', 'reviews']);
  const [cards, reviewIds] = await Promise.all([
    tx.objectStore('cards').getAll(),
    tx.objectStore('reviews').getAllKeys(),
  ]);
  const here = { settings, reviewIds: new Set(reviewIds), cards: new Map(cards.map((c) => [c.id, c])) };
  return { ok: true, preview: previewImport(here, parsed.backup) };
}

/** Merges a backup file, all or nothing, and applies its settings if the person chose to. */
async function importBackup(
  db: StudyDatabase,
  settings: Settings,
  req: ImportRequest,
  ctx: WorkerContext,
): Promise<ImportResponse> {
  const retention = req.replaceSettings ? undefined : settings.retention;
  const out = await restoreFromText(db, req.text, await ctx.bank(db, settings), ctx.now(), retention);
  if (!out.ok) return { ok: false, message: out.message, problem: out.problem };
  const differ = settingsDiff(settings, out.settings);
  if (req.replaceSettings && differ.length) await ctx.saveSettings(out.settings);
  return {
    ok: true,
    added: out.added,
    skipped: out.skipped,
    rebuilt: out.rebuilt,
    settingsChanged: req.replaceSettings ? differ : [],
    settingsKept: !req.replaceSettings && differ.length > 0,
  };
}

async function repair(
  db: StudyDatabase,
  settings: Settings,
  ctx: WorkerContext,
): Promise<CheckDatabaseResponse> {
  const bank = await ctx.bank(db, settings);
  return { ok: true, report: await checkDatabase(db, bank, ctx.now(), settings.retention) };
}
