import { SECTION_IDS } from '../bank/section-ids';
import { DEFAULT_PACING, type PacingSettings } from '../study/pacing';
import type { TopicFilter } from '../srs/scope';

export type Lang = 'zh' | 'en';
export type LangChoice = 'auto' | Lang;
export type Theme = 'system' | 'light' | 'dark';
/** The order new cards come in: foundations first with sections interleaved, the bank's, or shuffled. */
export type NewOrder = 'sensible' | 'bank' | 'shuffled';

/** An interview the schedule aims at (issue 14). */
export interface Interview {
  /** Stable id, so the options page can edit one interview among several. */
  id: string;
  /** The company or the role, as the person writes it; may be empty. */
  name: string;
  /** Its day, `YYYY-MM-DD` (the person's local calendar). */
  date: string;
  /** The sections it covers; empty: the topics chosen for study. */
  sections: string[];
  /** Predicted recall wanted on the day, 0.80-0.99. */
  target: number;
}

export interface Settings extends TopicFilter, PacingSettings {
  version: 1;
  newPerDay: number;
  maxReviewsPerDay: number;
  /** Desired retention for FSRS, 0.70-0.97. */
  retention: number;
  /** Local hour (0-23) at which a study day begins. */
  dayStartHour: number;
  uiLang: LangChoice;
  contentLang: LangChoice;
  theme: Theme;
  /** Single-key shortcuts on the study pages (1-4, U, S, B, N); off for people who need them off. */
  keyShortcuts: boolean;
  /** Interviews ahead (or past: they no longer change anything). */
  interviews: Interview[];
  /** Most cards (reviews and new) the interview plan may ask for in a day. */
  planBudget: number;
  newOrder: NewOrder;
  /** Progress travels through the browser's own sync (`storage.sync`); this switch itself stays on this device. */
  sync: boolean;
}

export const DEFAULT_SETTINGS: Settings = {
  version: 1,
  disabledSections: [],
  disabledTopics: [],
  newPerDay: 10,
  maxReviewsPerDay: 200,
  retention: 0.9,
  dayStartHour: 4,
  uiLang: 'auto',
  contentLang: 'auto',
  theme: 'system',
  keyShortcuts: true,
  interviews: [],
  planBudget: 80,
  newOrder: 'sensible',
  sync: true,
  ...DEFAULT_PACING,
};

/** At most this many interviews are kept. */
export const MAX_INTERVIEWS = 10;

export const LIMITS = {
  newPerDay: { min: 0, max: 200 },
  maxReviewsPerDay: { min: 0, max: 9999 },
  retention: { min: 0.7, max: 0.97 },
  dayStartHour: { min: 0, max: 23 },
  newTabEvery: { min: 2, max: 50 },
  newTabDailyCap: { min: 0, max: 1000 },
  quietFrom: { min: 0, max: 23 },
  quietTo: { min: 0, max: 23 },
  planBudget: { min: 10, max: 1000 },
  interviewTarget: { min: 0.8, max: 0.99 },
} as const;

const isSection = (x: string) => (SECTION_IDS as readonly string[]).includes(x);
// A topic key is checked by its form, not against the list of topics: that list comes with
// every label of the bank, which the new tab does not carry. A well-formed key of a topic
// that does not exist matches no card.
const isTopicKey = (x: string) => /^[a-z]+\/[a-z0-9-]+$/.test(x) && isSection(x.split('/')[0]!);

function num(v: unknown, fallback: number, { min, max }: { min: number; max: number }, int = true) {
  if (typeof v !== 'number' || !Number.isFinite(v)) return fallback;
  const x = int ? Math.round(v) : v;
  return Math.min(max, Math.max(min, x));
}

function oneOf<T extends string>(v: unknown, options: readonly T[], fallback: T): T {
  return options.includes(v as T) ? (v as T) : fallback;
}

const isDate = (x: unknown): x is string =>
  typeof x === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x) && !Number.isNaN(Date.parse(x));

/** The interviews as stored, each one whole or dropped: a corrupt entry never half-applies. */
function interviews(v: unknown): Interview[] {
  if (!Array.isArray(v)) return [];
  return v
    .filter((x): x is Record<string, unknown> => typeof x === 'object' && x !== null)
    .filter((x) => typeof x.id === 'string' && x.id.length > 0 && x.id.length <= 64 && isDate(x.date))
    .slice(0, MAX_INTERVIEWS)
    .map((x) => ({
      id: x.id as string,
      name: typeof x.name === 'string' ? x.name.slice(0, 80) : '',
      date: x.date as string,
      sections: keys(x.sections, isSection),
      target: num(x.target, 0.95, LIMITS.interviewTarget, false),
    }));
}

function keys(v: unknown, valid: (x: string) => boolean): string[] {
  if (!Array.isArray(v)) return [];
  return [...new Set(v.filter((x): x is string => typeof x === 'string' && valid(x)))];
}

/**
 * Turns whatever is stored into valid settings: a missing or corrupt field takes its
 * default, numbers are clamped to their range, unknown sections and malformed topics are dropped.
 *
 * @example
 * normalizeSettings({ retention: 2 }).retention // 0.97
 */
export function normalizeSettings(raw: unknown): Settings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_SETTINGS;
  return {
    version: 1,
    disabledSections: keys(r.disabledSections, isSection),
    disabledTopics: keys(r.disabledTopics, isTopicKey),
    newPerDay: num(r.newPerDay, d.newPerDay, LIMITS.newPerDay),
    maxReviewsPerDay: num(r.maxReviewsPerDay, d.maxReviewsPerDay, LIMITS.maxReviewsPerDay),
    retention: num(r.retention, d.retention, LIMITS.retention, false),
    dayStartHour: num(r.dayStartHour, d.dayStartHour, LIMITS.dayStartHour),
    uiLang: oneOf(r.uiLang, ['auto', 'zh', 'en'], d.uiLang),
    contentLang: oneOf(r.contentLang, ['auto', 'zh', 'en'], d.contentLang),
    theme: oneOf(r.theme, ['system', 'light', 'dark'], d.theme),
    keyShortcuts: typeof r.keyShortcuts === 'boolean' ? r.keyShortcuts : d.keyShortcuts,
    interviews: interviews(r.interviews),
    planBudget: num(r.planBudget, d.planBudget, LIMITS.planBudget),
    newOrder: oneOf(r.newOrder, ['sensible', 'bank', 'shuffled'], d.newOrder),
    sync: typeof r.sync === 'boolean' ? r.sync : d.sync,
    newTabMode: oneOf(r.newTabMode, ['every', 'nth', 'off'], d.newTabMode),
    newTabEvery: num(r.newTabEvery, d.newTabEvery, LIMITS.newTabEvery),
    newTabDailyCap: num(r.newTabDailyCap, d.newTabDailyCap, LIMITS.newTabDailyCap),
    quietHours: typeof r.quietHours === 'boolean' ? r.quietHours : d.quietHours,
    quietFrom: num(r.quietFrom, d.quietFrom, LIMITS.quietFrom),
    quietTo: num(r.quietTo, d.quietTo, LIMITS.quietTo),
  };
}

/** The language a choice resolves to, given the browser's language (navigator.language). */
export function resolveLang(choice: LangChoice, browserLang: string): Lang {
  if (choice !== 'auto') return choice;
  return browserLang.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
