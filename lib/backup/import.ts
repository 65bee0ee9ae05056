import * as v from 'valibot';
import { SECTION_IDS } from '../bank/taxonomy';
import { NOTE_MAX_LENGTH } from '../srs/card-state';
import { BACKUP_FORMAT, BACKUP_VERSION, REVIEW_COLUMNS, rowToReview, type BackupCard } from './format';
import type { ReviewRecord } from '../db/schema';
import type { BankIndexEntry } from '../db/cards';
import type { StudyDatabase } from '../db/open';
import { importHistory } from '../db/restore';
import { normalizeSettings, type Settings } from '../settings/model';

/** Anything bigger is not a backup of this extension (a year of study is ~10 MB). */
export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;
const MIN_DATE = Date.UTC(2000, 0, 1);
const DAY = 86_400_000;

export interface ValidBackup {
  settings: Settings;
  cards: BackupCard[];
  reviews: ReviewRecord[];
}

export type ParseResult = { ok: true; backup: ValidBackup } | { ok: false; message: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function finite(min: number, max: number, what: string) {
  return v.pipe(
    v.number(`${what} must be a number`),
    v.finite(`${what} must be finite`),
    v.minValue(min, `${what} is out of range`),
    v.maxValue(max, `${what} is out of range`),
  );
}

function int(min: number, max: number, what: string) {
  return v.pipe(finite(min, max, what), v.integer(`${what} must be a whole number`));
}

/** Checks one backup file and returns exactly what may be written, or why not. Writes nothing. */
export function parseBackup(text: string, now: number): ParseResult {
  if (text.length === 0) return { ok: false, message: 'The file is empty.' };
  if (text.length > MAX_BACKUP_BYTES)
    return { ok: false, message: 'The file is too large to be a backup of this extension.' };
  let raw: unknown;
  try {
    raw = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new Error(`forbidden key "${key}"`);
      return value;
    });
  } catch (e) {
    const msg = (e as Error).message;
    return {
      ok: false,
      message: msg.startsWith('forbidden key')
        ? `The file contains a ${msg}; it was not imported.`
        : 'The file is not valid JSON (it may be truncated or not a backup).',
    };
  }
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || Array.isArray(head) || head.format !== BACKUP_FORMAT) {
    return { ok: false, message: 'This is not a backup made by LLM Interview Cards.' };
  }
  if (head.version !== 1 && head.version !== BACKUP_VERSION) {
    return {
      ok: false,
      message:
        typeof head.version === 'number' && head.version > BACKUP_VERSION
          ? `This backup was made by a newer version (format ${head.version}); update the extension first.`
          : `Unknown backup format version ${String(head.version)}.`,
    };
  }
  const date = (what: string) => finite(MIN_DATE, now + 10 * 365 * DAY, what);
  const pastDate = (what: string) => finite(MIN_DATE, now + DAY, what);
  const id = (what: string) =>
    v.pipe(
      v.string(`${what} must be text`),
      v.minLength(1, `${what} is empty`),
      v.maxLength(200, `${what} is too long`),
    );
  const card = v.strictObject({
    id: id('a card id'),
    section: v.picklist(SECTION_IDS, 'a card has an unknown section'),
    topics: v.pipe(v.array(v.pipe(v.string(), v.maxLength(60))), v.maxLength(20)),
    order: int(0, 10_000_000, 'a card order'),
    inBank: v.boolean('inBank must be true or false'),
    due: date('a due date'),
    stability: finite(0, 1e6, 'stability'),
    difficulty: finite(0, 10, 'difficulty'),
    elapsed_days: finite(0, 1e5, 'elapsed_days'),
    scheduled_days: finite(0, 1e5, 'scheduled_days'),
    learning_steps: int(0, 1000, 'learning_steps'),
    reps: int(0, 1e6, 'reps'),
    lapses: int(0, 1e6, 'lapses'),
    state: int(0, 3, 'a card state'),
    last_review: v.nullable(pastDate('a last review date')),
    suspended: v.optional(v.boolean('suspended must be true or false')),
    buriedUntil: v.optional(date('a buried-until date')),
    note: v.optional(
      v.pipe(v.string('a note must be text'), v.maxLength(NOTE_MAX_LENGTH, 'a note is too long')),
    ),
    resetAt: v.optional(pastDate('a reset date')),
  });
  const review = v.tuple([
    id('a review id'),
    id('a review card id'),
    int(1, 4, 'a rating'),
    int(0, 3, 'a review state'),
    date('a review due date'),
    finite(0, 1e6, 'a review stability'),
    finite(0, 10, 'a review difficulty'),
    finite(0, 1e5, 'a review elapsed_days'),
    finite(0, 1e5, 'a review last_elapsed_days'),
    finite(0, 1e5, 'a review scheduled_days'),
    int(0, 1000, 'a review learning_steps'),
    pastDate('a review date'),
  ]);
  const file = v.strictObject({
    format: v.literal(BACKUP_FORMAT),
    version: v.picklist([1, BACKUP_VERSION], 'unknown version'),
    exportedAt: v.pipe(v.string(), v.isoTimestamp('exportedAt must be an ISO date')),
    settings: v.record(v.string(), v.unknown()),
    cards: v.pipe(v.array(card, 'cards must be a list'), v.maxLength(200_000, 'too many cards')),
    reviewColumns: v.pipe(
      v.array(v.string()),
      v.check((c) => c.join() === REVIEW_COLUMNS.join(), 'reviewColumns do not match this version'),
    ),
    reviews: v.pipe(v.array(review, 'reviews must be a list'), v.maxLength(2_000_000, 'too many reviews')),
  });
  const result = v.safeParse(file, raw);
  if (!result.success) {
    const issue = result.issues[0]!;
    const where = issue.path?.map((p) => String(p.key)).join('.') ?? '';
    return { ok: false, message: `The backup is not valid${where ? ` at ${where}` : ''}: ${issue.message}.` };
  }
  const out = result.output;
  const cardIds = new Set<string>();
  for (const c of out.cards) {
    if (cardIds.has(c.id)) return { ok: false, message: `The backup lists card "${c.id}" twice.` };
    cardIds.add(c.id);
  }
  const reviews = out.reviews.map((row) => rowToReview(row) as unknown as ReviewRecord);
  const reviewIds = new Set<string>();
  for (const r of reviews) {
    if (!cardIds.has(r.cardId))
      return {
        ok: false,
        message: `A review refers to card "${r.cardId}", which the backup does not contain.`,
      };
    if (reviewIds.has(r.id)) return { ok: false, message: `The backup lists review "${r.id}" twice.` };
    reviewIds.add(r.id);
  }
  return {
    ok: true,
    backup: { settings: normalizeSettings(out.settings), cards: out.cards as BackupCard[], reviews },
  };
}

export type RestoreOutcome =
  | { ok: true; added: number; skipped: number; rebuilt: number; settings: Settings }
  | { ok: false; message: string };

/**
 * Validates a backup's text and, only if it is valid, merges it into the database.
 * A rejected file changes nothing.
 */
export async function restoreFromText(
  db: StudyDatabase,
  text: string,
  bank: readonly BankIndexEntry[],
  now: number,
  /** The retention the cards are rebuilt with: the one that will be in use (the file's by default). */
  retention?: number,
): Promise<RestoreOutcome> {
  const parsed = parseBackup(text, now);
  if (!parsed.ok) return parsed;
  const result = await importHistory(db, parsed.backup, bank, retention ?? parsed.backup.settings.retention);
  return { ok: true, ...result, settings: parsed.backup.settings };
}
