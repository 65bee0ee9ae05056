import type { OptionsTranslate } from '../i18n/options-strings';

// Why a backup file was refused, as data: the background finds it, each page says it in its
// own language. Pure: the catalog is passed in.

/** What a field of a backup must hold. The validator is built from these, so the words match it. */
export type FieldRule =
  | { is: 'whole' | 'number' | 'date'; min: number; max: number }
  | { is: 'text'; min: number; max: number }
  | { is: 'bool' }
  | { is: 'section'; options: readonly string[] }
  | { is: 'topics'; max: number; maxLength: number };

/** The shape a value of the file must have where no field rule applies. */
export type ShapeRule = { is: 'row'; length: number } | { is: 'list' | 'object' | 'isoDate' };

/** What was wrong with one value: it breaks its rule, is missing, or should not be there. */
export type ValueProblem =
  | { field: string; rule: FieldRule | ShapeRule; found: unknown }
  | { field: string; missing: true }
  | { field: string; unknown: true };

export type BackupProblem =
  | { kind: 'empty' | 'tooLarge' | 'notJson' | 'notOurs' | 'columns' }
  | { kind: 'forbiddenKey'; key: string }
  | { kind: 'newerVersion' | 'unknownVersion'; version: string }
  | { kind: 'review'; n: number; cardId?: string; date?: number; problem: ValueProblem }
  | { kind: 'card'; n: number; id?: string; problem: ValueProblem }
  | { kind: 'file'; problem: ValueProblem }
  | { kind: 'tooMany'; field: string }
  | { kind: 'duplicateCard' | 'duplicateReview'; id: string }
  | { kind: 'missingCard'; n: number; id: string };

/** A date as YYYY-MM-DD; a number no date can hold stays a number. */
const day = (ms: number) => (Math.abs(ms) <= 8.64e15 ? new Date(ms).toISOString().slice(0, 10) : String(ms));
const short = (s: string, max = 24) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

function found(value: unknown, rule: { is: string }): string {
  if (rule.is === 'date' && typeof value === 'number') return day(value);
  if (typeof value === 'string') return JSON.stringify(short(value));
  return short(JSON.stringify(value) ?? String(value), 30);
}

function ruleWords(rule: FieldRule | ShapeRule, t: OptionsTranslate) {
  switch (rule.is) {
    case 'whole':
    case 'number':
    case 'text':
      return t(rule.is === 'whole' ? 'ruleWhole' : rule.is === 'number' ? 'ruleNumber' : 'ruleText', {
        range: `${rule.min}–${rule.max}`,
      });
    case 'date':
      return t('ruleDate', { from: day(rule.min), to: day(rule.max) });
    case 'bool':
      return t('ruleBool');
    case 'section':
      return t('ruleSection', { list: rule.options.join(t('comma')) });
    case 'topics':
      return t('ruleTopics', { max: rule.max, length: rule.maxLength });
    case 'row':
      return t('ruleRow', { n: rule.length });
    case 'list':
      return t('ruleList');
    case 'object':
      return t('ruleObject');
    case 'isoDate':
      return t('ruleIsoDate');
  }
}

function valueWords(p: ValueProblem, t: OptionsTranslate): string {
  if ('missing' in p) return t('fieldMissing', { field: p.field });
  if ('unknown' in p) return t('fieldUnknown', { field: p.field });
  return t('fieldMustBe', { field: p.field, rule: ruleWords(p.rule, t), found: found(p.found, p.rule) });
}

/**
 * Why a file was refused, in one short sentence a person can act on.
 *
 * @example
 * describeBackupProblem(
 *   { kind: 'review', n: 3, cardId: 'rope', date: Date.UTC(2026, 2, 1),
 *     problem: { field: 'rating', rule: { is: 'whole', min: 1, max: 4 }, found: 7 } },
 *   optionsTranslator('en'),
 * ) // 'Review 3 (card "rope", 2026-03-01): rating must be a whole number 1–4, found 7.'
 */
export function describeBackupProblem(p: BackupProblem, t: OptionsTranslate): string {
  switch (p.kind) {
    case 'empty':
    case 'tooLarge':
    case 'notJson':
    case 'notOurs':
    case 'columns':
      return t(`problem_${p.kind}`);
    case 'forbiddenKey':
      return t('problem_forbiddenKey', { key: p.key });
    case 'newerVersion':
    case 'unknownVersion':
      return t(`problem_${p.kind}`, { version: p.version });
    case 'review': {
      const where =
        p.cardId === undefined
          ? ''
          : p.date === undefined
            ? t('reviewOfCard', { card: short(p.cardId) })
            : t('reviewOfCardOn', { card: short(p.cardId), date: day(p.date) });
      return t('problem_review', { n: p.n, where, what: valueWords(p.problem, t) });
    }
    case 'card':
      return t('problem_card', {
        n: p.n,
        where: p.id === undefined ? '' : t('cardWithId', { id: short(p.id) }),
        what: valueWords(p.problem, t),
      });
    case 'file':
      return t('problem_file', { what: valueWords(p.problem, t) });
    case 'tooMany':
      return t('problem_tooMany', { field: p.field });
    case 'duplicateCard':
    case 'duplicateReview':
      return t(`problem_${p.kind}`, { id: short(p.id) });
    case 'missingCard':
      return t('problem_missingCard', { n: p.n, id: short(p.id) });
  }
}
