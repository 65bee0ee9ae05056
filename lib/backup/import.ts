import * as v from 'valibot';
import { SECTION_IDS } from '../bank/taxonomy';
import { NOTE_MAX_LENGTH } from '../srs/card-state';
import { BACKUP_FORMAT, BACKUP_VERSION, REVIEW_COLUMNS, rowToReview, type BackupCard } from './format';
import type { ReviewRecord } from '../db/schema';
import type { BankIndexEntry } from '../db/cards';
import type { StudyDatabase } from '../db/open';
import { importHistory } from '../db/restore';
import { normalizeSettings, type Settings } from '../settings/model';
import { optionsTranslator } from '../i18n/options-strings';
import {
  describeBackupProblem,
  type BackupProblem,
  type FieldRule,
  type ShapeRule,
  type ValueProblem,
} from './problems';

/** Anything bigger is not a backup of this extension (a year of study is ~10 MB). */
export const MAX_BACKUP_BYTES = 64 * 1024 * 1024;
const MIN_DATE = Date.UTC(2000, 0, 1);
const DAY = 86_400_000;

export interface ValidBackup {
  settings: Settings;
  cards: BackupCard[];
  reviews: ReviewRecord[];
}

export type ParseResult =
  | { ok: true; backup: ValidBackup }
  /** `problem` for a page to say in its language; `message` in English. */
  | { ok: false; problem: BackupProblem; message: string };

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const EN = optionsTranslator('en');

type Rule = FieldRule & { optional?: true; nullable?: true };
type Rules = ReturnType<typeof backupRules>;

/** What each field of a card and each column of a review must hold; the validator and its messages come from here. */
function backupRules(now: number) {
  const whole = (min: number, max: number): FieldRule => ({ is: 'whole', min, max });
  const num = (min: number, max: number): FieldRule => ({ is: 'number', min, max });
  const date = (max: number): FieldRule => ({ is: 'date', min: MIN_DATE, max });
  const later = date(now + 10 * 365 * DAY);
  const past = date(now + DAY);
  const id: FieldRule = { is: 'text', min: 1, max: 200 };
  const card: Record<string, Rule> = {
    id,
    section: { is: 'section', options: SECTION_IDS },
    topics: { is: 'topics', max: 20, maxLength: 60 },
    order: whole(0, 10_000_000),
    inBank: { is: 'bool' },
    due: later,
    stability: num(0, 1e6),
    difficulty: num(0, 10),
    elapsed_days: num(0, 1e5),
    scheduled_days: num(0, 1e5),
    learning_steps: whole(0, 1000),
    reps: whole(0, 1e6),
    lapses: whole(0, 1e6),
    state: whole(0, 3),
    last_review: { ...past, nullable: true },
    suspended: { is: 'bool', optional: true },
    buriedUntil: { ...later, optional: true },
    note: { is: 'text', min: 0, max: NOTE_MAX_LENGTH, optional: true },
    resetAt: { ...past, optional: true },
  };
  const review: Record<(typeof REVIEW_COLUMNS)[number], FieldRule> = {
    id,
    cardId: id,
    rating: whole(1, 4),
    state: whole(0, 3),
    due: later,
    stability: num(0, 1e6),
    difficulty: num(0, 10),
    elapsed_days: num(0, 1e5),
    last_elapsed_days: num(0, 1e5),
    scheduled_days: num(0, 1e5),
    learning_steps: whole(0, 1000),
    review: past,
  };
  return { card, review };
}

function schemaOf(rule: Rule): v.GenericSchema {
  const base = ((): v.GenericSchema => {
    switch (rule.is) {
      case 'whole':
        return v.pipe(v.number(), v.finite(), v.minValue(rule.min), v.maxValue(rule.max), v.integer());
      case 'number':
      case 'date':
        return v.pipe(v.number(), v.finite(), v.minValue(rule.min), v.maxValue(rule.max));
      case 'text':
        return v.pipe(v.string(), v.minLength(rule.min), v.maxLength(rule.max));
      case 'bool':
        return v.boolean();
      case 'section':
        return v.picklist(rule.options);
      case 'topics':
        return v.pipe(v.array(v.pipe(v.string(), v.maxLength(rule.maxLength))), v.maxLength(rule.max));
    }
  })();
  return rule.optional ? v.optional(base) : rule.nullable ? v.nullable(base) : base;
}

function fileSchema(rules: Rules) {
  const card = Object.fromEntries(Object.entries(rules.card).map(([k, rule]) => [k, schemaOf(rule)]));
  return v.strictObject({
    format: v.literal(BACKUP_FORMAT),
    version: v.picklist([1, BACKUP_VERSION]),
    exportedAt: v.pipe(v.string(), v.isoTimestamp()),
    settings: v.record(v.string(), v.unknown()),
    cards: v.pipe(v.array(v.strictObject(card)), v.maxLength(200_000)),
    reviewColumns: v.pipe(
      v.array(v.string()),
      v.check((c) => c.join() === REVIEW_COLUMNS.join()),
    ),
    reviews: v.pipe(
      v.array(v.tuple(REVIEW_COLUMNS.map((c) => schemaOf(rules.review[c])))),
      v.maxLength(2_000_000),
    ),
  });
}

const fail = (problem: BackupProblem): ParseResult => ({
  ok: false,
  problem,
  message: describeBackupProblem(problem, EN),
});

class ForbiddenKey extends Error {
  constructor(readonly key: string) {
    super(`forbidden key "${key}"`);
  }
}

/** The JSON of a file that says it is our backup, in a version this code reads, or why not. */
function readHead(
  text: string,
): { ok: true; raw: Record<string, unknown> } | { ok: false; problem: BackupProblem } {
  if (text.length === 0) return { ok: false, problem: { kind: 'empty' } };
  if (text.length > MAX_BACKUP_BYTES) return { ok: false, problem: { kind: 'tooLarge' } };
  let raw: unknown;
  try {
    raw = JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKey(key);
      return value;
    });
  } catch (e) {
    return {
      ok: false,
      problem: e instanceof ForbiddenKey ? { kind: 'forbiddenKey', key: e.key } : { kind: 'notJson' },
    };
  }
  const head = raw as { format?: unknown; version?: unknown } | null;
  if (typeof head !== 'object' || head === null || Array.isArray(head) || head.format !== BACKUP_FORMAT) {
    return { ok: false, problem: { kind: 'notOurs' } };
  }
  if (head.version !== 1 && head.version !== BACKUP_VERSION) {
    const newer = typeof head.version === 'number' && head.version > BACKUP_VERSION;
    return {
      ok: false,
      problem: { kind: newer ? 'newerVersion' : 'unknownVersion', version: String(head.version) },
    };
  }
  return { ok: true, raw: head as Record<string, unknown> };
}

/** Checks one backup file and returns exactly what may be written, or why not. Writes nothing. */
export function parseBackup(text: string, now: number): ParseResult {
  const head = readHead(text);
  if (!head.ok) return fail(head.problem);
  const rules = backupRules(now);
  const result = v.safeParse(fileSchema(rules), head.raw);
  if (!result.success) return fail(problemOf(result.issues[0], head.raw, rules));
  const out = result.output as unknown as { settings: unknown; cards: BackupCard[]; reviews: unknown[][] };
  const cardIds = new Set<string>();
  for (const c of out.cards) {
    if (cardIds.has(c.id)) return fail({ kind: 'duplicateCard', id: c.id });
    cardIds.add(c.id);
  }
  const reviews = out.reviews.map((row) => rowToReview(row) as unknown as ReviewRecord);
  const reviewIds = new Set<string>();
  for (const [i, r] of reviews.entries()) {
    if (!cardIds.has(r.cardId)) return fail({ kind: 'missingCard', n: i + 1, id: r.cardId });
    if (reviewIds.has(r.id)) return fail({ kind: 'duplicateReview', id: r.id });
    reviewIds.add(r.id);
  }
  return { ok: true, backup: { settings: normalizeSettings(out.settings), cards: out.cards, reviews } };
}

const FILE_SHAPES: Record<string, ShapeRule> = {
  cards: { is: 'list' },
  reviews: { is: 'list' },
  reviewColumns: { is: 'list' },
  settings: { is: 'object' },
  exportedAt: { is: 'isoDate' },
};

/**
 * The first thing valibot found wrong, as a person reads it: which review or card (its
 * number in the file, its card and date), which field, what it must be and what it is.
 */
function problemOf(issue: v.BaseIssue<unknown>, raw: Record<string, unknown>, rules: Rules): BackupProblem {
  const [top, index, field] = (issue.path ?? []).map((p) => p.key as string | number);
  const value = (name: string, rule: FieldRule | ShapeRule | undefined): ValueProblem => {
    if (issue.type === 'strict_object' && issue.expected === 'never')
      return { field: String(issue.input), unknown: true };
    if (issue.input === undefined || !rule) return { field: name, missing: true };
    return { field: name, rule, found: issue.input };
  };
  const list = raw[String(top)];
  if (top === 'reviews' && typeof index === 'number' && Array.isArray(list)) {
    const row: unknown[] = Array.isArray(list[index]) ? (list[index] as unknown[]) : [];
    const column = typeof field === 'number' ? REVIEW_COLUMNS[field] : undefined;
    return {
      kind: 'review',
      n: index + 1,
      cardId: typeof row[1] === 'string' ? row[1] : undefined,
      date: typeof row[11] === 'number' && Number.isFinite(row[11]) ? row[11] : undefined,
      problem:
        field === undefined
          ? value('review', { is: 'row', length: REVIEW_COLUMNS.length })
          : value(column ?? String(field), column && rules.review[column]),
    };
  }
  if (top === 'cards' && typeof index === 'number' && Array.isArray(list)) {
    const id = (list[index] as { id?: unknown } | null)?.id;
    return {
      kind: 'card',
      n: index + 1,
      id: typeof id === 'string' ? id : undefined,
      problem:
        field === undefined
          ? value('card', { is: 'object' })
          : value(String(field), rules.card[String(field)]),
    };
  }
  if (top === 'reviewColumns' && issue.type === 'check') return { kind: 'columns' };
  if ((top === 'reviews' || top === 'cards') && issue.type === 'max_length')
    return { kind: 'tooMany', field: top };
  return { kind: 'file', problem: value(String(top), FILE_SHAPES[String(top)]) };
}

export type RestoreOutcome =
  | { ok: true; added: number; skipped: number; rebuilt: number; settings: Settings }
  | { ok: false; problem: BackupProblem; message: string };

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
