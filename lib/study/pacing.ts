import { HOUR, nextStudyDayStart, studyDayStart, untilTomorrow } from '../srs/day';
import { PACING_KEY } from '../storage-keys';

/** How often a new tab studies (set in Options). */
export interface PacingSettings {
  /** Study on every new tab, on every Nth, or never. */
  newTabMode: 'every' | 'nth' | 'off';
  /** N for 'nth': the first tab studies, then every Nth one after it. */
  newTabEvery: number;
  /** Most cards rated from new tabs in one study day; 0 means no cap. */
  newTabDailyCap: number;
  /** No studying on new tabs from `quietFrom` o'clock until `quietTo` o'clock (may wrap midnight). */
  quietHours: boolean;
  quietFrom: number;
  quietTo: number;
  dayStartHour: number;
}

/** This browser's new-tab bookkeeping, kept in localStorage so a new tab decides synchronously. */
export interface PacingState {
  /** New tabs opened so far (for every Nth). */
  tabs: number;
  /** The study day `studied` counts (its start, epoch ms). */
  day: number;
  /** Cards rated from new tabs in that study day. */
  studied: number;
  /** No studying on new tabs before this time (epoch ms); 0 when not snoozed. */
  snoozeUntil: number;
}

export const DEFAULT_PACING: Omit<PacingSettings, 'dayStartHour'> = {
  newTabMode: 'every',
  newTabEvery: 3,
  newTabDailyCap: 0,
  quietHours: false,
  quietFrom: 22,
  quietTo: 7,
};

export type CalmReason = 'off' | 'snoozed' | 'quiet' | 'cap' | 'nth';

export type PaceDecision = { study: true } | { study: false; reason: CalmReason; until?: number };

export const EMPTY_PACING: PacingState = { tabs: 0, day: 0, studied: 0, snoozeUntil: 0 };

/** The next time the local clock reads `hour`:00 after `now`. */
export function nextHour(now: number, hour: number): number {
  const d = new Date(now);
  const at = new Date(d.getFullYear(), d.getMonth(), d.getDate(), hour);
  if (at.getTime() <= now) at.setDate(at.getDate() + 1);
  return at.getTime();
}

function inQuietHours(now: number, from: number, to: number): boolean {
  if (from === to) return false;
  const h = new Date(now).getHours();
  return from < to ? h >= from && h < to : h >= from || h < to;
}

/** The state with its daily count moved to the study day containing `now`. */
export function currentDay(state: PacingState, now: number, dayStartHour: number): PacingState {
  const day = studyDayStart(now, dayStartHour);
  return state.day === day ? state : { ...state, day, studied: 0 };
}

/**
 * Whether the new tab opening at `now` studies or shows the calm page, and the bookkeeping
 * after it opened. Off beats snooze beats quiet hours beats the daily cap beats every-Nth.
 *
 * @example
 * openNewTab({ ...settings, newTabMode: 'nth', newTabEvery: 3 }, state, now).decision
 */
export function openNewTab(
  settings: PacingSettings,
  before: PacingState,
  now: number,
): { decision: PaceDecision; state: PacingState } {
  const state = { ...currentDay(before, now, settings.dayStartHour), tabs: before.tabs + 1 };
  const calm = (reason: CalmReason, until?: number) => ({
    decision: { study: false as const, reason, ...(until === undefined ? {} : { until }) },
    state,
  });
  if (settings.newTabMode === 'off') return calm('off');
  if (state.snoozeUntil > now) return calm('snoozed', state.snoozeUntil);
  if (settings.quietHours && inQuietHours(now, settings.quietFrom, settings.quietTo))
    return calm('quiet', nextHour(now, settings.quietTo));
  if (settings.newTabDailyCap > 0 && state.studied >= settings.newTabDailyCap)
    return calm('cap', nextStudyDayStart(now, settings.dayStartHour));
  if (settings.newTabMode === 'nth' && (state.tabs - 1) % Math.max(1, settings.newTabEvery) !== 0)
    return calm('nth');
  return { decision: { study: true }, state };
}

/**
 * The pacing fields of the settings mirror, for prepaint.js, which must not load the
 * settings module: the mirror holds normalized settings, so this only guards against a
 * missing or damaged copy.
 */
export function pacingFromMirror(raw: unknown): PacingSettings {
  const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const d = DEFAULT_PACING;
  const hour = (v: unknown, fallback: number) =>
    typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 23 ? v : fallback;
  return {
    newTabMode: r.newTabMode === 'nth' || r.newTabMode === 'off' ? r.newTabMode : 'every',
    newTabEvery: typeof r.newTabEvery === 'number' && r.newTabEvery >= 1 ? r.newTabEvery : d.newTabEvery,
    newTabDailyCap: typeof r.newTabDailyCap === 'number' && r.newTabDailyCap >= 0 ? r.newTabDailyCap : 0,
    quietHours: r.quietHours === true,
    quietFrom: hour(r.quietFrom, d.quietFrom),
    quietTo: hour(r.quietTo, d.quietTo),
    dayStartHour: hour(r.dayStartHour, 4),
  };
}

/** Snoozes new-tab study for an hour, or until the next study day begins. */
export function snooze(
  state: PacingState,
  kind: 'hour' | 'day',
  now: number,
  dayStartHour: number,
): PacingState {
  const until = kind === 'hour' ? now + HOUR : untilTomorrow(now, dayStartHour);
  return { ...state, snoozeUntil: until };
}

function isPacingState(x: unknown): x is PacingState {
  const p = x as Record<string, unknown> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    ['tabs', 'day', 'studied', 'snoozeUntil'].every((k) => typeof p[k] === 'number' && Number.isFinite(p[k]))
  );
}

/** Reads the bookkeeping; anything missing or corrupt starts afresh (it is only a counter). */
export function readPacing(backing: Storage = localStorage): PacingState {
  try {
    const raw: unknown = JSON.parse(backing.getItem(PACING_KEY) ?? 'null');
    return isPacingState(raw) ? raw : EMPTY_PACING;
  } catch {
    return EMPTY_PACING;
  }
}

export function writePacing(state: PacingState, backing: Storage = localStorage): void {
  try {
    backing.setItem(PACING_KEY, JSON.stringify(state));
  } catch {
    // A full disk costs the tab counter, nothing else.
  }
}

/** Reads, changes and writes the bookkeeping in one go (pages of one profile share it). */
export function updatePacing(
  change: (s: PacingState) => PacingState,
  backing: Storage = localStorage,
): PacingState {
  const next = change(readPacing(backing));
  writePacing(next, backing);
  return next;
}
