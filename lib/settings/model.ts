import { SECTION_IDS } from '../bank/section-ids';
import { DEFAULT_PACING, type PacingSettings } from '../study/pacing';
import type { TopicFilter } from '../srs/scope';

export type Lang = 'zh' | 'en';
export type LangChoice = 'auto' | Lang;
export type Theme = 'system' | 'light' | 'dark';

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
  ...DEFAULT_PACING,
};

export const LIMITS = {
  newPerDay: { min: 0, max: 200 },
  maxReviewsPerDay: { min: 0, max: 9999 },
  retention: { min: 0.7, max: 0.97 },
  dayStartHour: { min: 0, max: 23 },
  newTabEvery: { min: 2, max: 50 },
  newTabDailyCap: { min: 0, max: 1000 },
  quietFrom: { min: 0, max: 23 },
  quietTo: { min: 0, max: 23 },
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
