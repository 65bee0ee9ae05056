import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { untilTomorrow } from '@/lib/srs/day';
import { applyCardAction } from '@/lib/srs/card-actions';
import { newSchedulingState } from '@/lib/srs/schedule';
import {
  DEFAULT_PACING,
  EMPTY_PACING,
  openNewTab,
  pacingFromMirror,
  readPacing,
  snooze,
  type PacingSettings,
  type PacingState,
} from '@/lib/study/pacing';
import { prepaint } from '@/lib/study/paint';
import { localPreparedStore } from '@/lib/study/prepared';
import { preparedCard } from './helpers';

// Tests run in Asia/Shanghai (vitest.config.ts): local times below are Shanghai times.
const at = (h: number, m = 0, day = 10) => new Date(2026, 10, day, h, m).getTime();
const base: PacingSettings = { ...DEFAULT_PACING, dayStartHour: 4 };

/** Opens `n` tabs at `now`, returning which studied. */
function open(settings: PacingSettings, n: number, now: number, start: PacingState = EMPTY_PACING) {
  let state = start;
  const studied: boolean[] = [];
  for (let i = 0; i < n; i++) {
    const r = openNewTab(settings, state, now);
    studied.push(r.decision.study);
    state = r.state;
  }
  return { studied, state };
}

describe('new-tab pacing', () => {
  it('studies on every tab by default', () => {
    expect(open(base, 4, at(10)).studied).toEqual([true, true, true, true]);
  });

  it('studies on the first tab and then every Nth', () => {
    expect(open({ ...base, newTabMode: 'nth', newTabEvery: 3 }, 7, at(10)).studied).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
  });

  it('never studies when off, and says why', () => {
    expect(openNewTab({ ...base, newTabMode: 'off' }, EMPTY_PACING, at(10)).decision).toEqual({
      study: false,
      reason: 'off',
    });
  });

  it('stops at the daily cap until the next study day begins at the day-start hour', () => {
    const capped = { ...base, newTabDailyCap: 2 };
    const state = { ...EMPTY_PACING, day: at(4), studied: 2 };
    expect(openNewTab(capped, state, at(23)).decision).toEqual({
      study: false,
      reason: 'cap',
      until: at(4, 0, 11),
    });
    // 03:00 the next morning still belongs to the same study day.
    expect(openNewTab(capped, state, at(3, 0, 11)).decision.study).toBe(false);
    const nextDay = openNewTab(capped, state, at(4, 1, 11));
    expect(nextDay.decision.study).toBe(true);
    expect(nextDay.state.studied).toBe(0);
  });

  it('snoozes for an hour or for the rest of the study day', () => {
    const hour = snooze(EMPTY_PACING, 'hour', at(10), 4);
    expect(openNewTab(base, hour, at(10, 59)).decision).toEqual({
      study: false,
      reason: 'snoozed',
      until: at(11),
    });
    expect(openNewTab(base, hour, at(11)).decision.study).toBe(true);
    const day = snooze(EMPTY_PACING, 'day', at(10), 4);
    expect(day.snoozeUntil).toBe(at(4, 0, 11));
    expect(openNewTab(base, day, at(23, 59)).decision.study).toBe(false);
  });

  it('keeps quiet hours across midnight', () => {
    const quiet = { ...base, quietHours: true, quietFrom: 22, quietTo: 7 };
    expect(openNewTab(quiet, EMPTY_PACING, at(21, 59)).decision.study).toBe(true);
    expect(openNewTab(quiet, EMPTY_PACING, at(22)).decision).toEqual({
      study: false,
      reason: 'quiet',
      until: at(7, 0, 11),
    });
    expect(openNewTab(quiet, EMPTY_PACING, at(6, 59, 11)).decision.study).toBe(false);
    expect(openNewTab(quiet, EMPTY_PACING, at(7, 0, 11)).decision.study).toBe(true);
  });

  it('reads a damaged mirror or counter as the defaults', () => {
    expect(pacingFromMirror('nonsense')).toEqual({ ...DEFAULT_PACING, dayStartHour: 4 });
    expect(pacingFromMirror({ newTabMode: 'sometimes', quietFrom: 99, newTabDailyCap: -1 })).toEqual({
      ...DEFAULT_PACING,
      dayStartHour: 4,
    });
    localStorage.setItem('llm-cards:pacing', '{"tabs":"x"}');
    expect(readPacing()).toEqual(EMPTY_PACING);
  });
});

describe('prepaint on a paced new tab', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '<main id="app"></main>';
    delete document.documentElement.dataset.pace;
  });

  const prepared = preparedCard('q1', at(10));

  it('paints no card on a tab that does not study, leaves the card for the next tab, and counts the tab', () => {
    localStorage.setItem('llm-cards:settings', JSON.stringify({ newTabMode: 'nth', newTabEvery: 2 }));
    localPreparedStore('next').write(prepared);
    expect(prepaint('newtab', document, at(10))).toBe(true);
    expect(document.documentElement.dataset.pace).toBe('study');
    document.body.innerHTML = '<main id="app"></main>';
    expect(prepaint('newtab', document, at(10, 1))).toBe(false);
    expect(document.documentElement.dataset.pace).toBe('nth');
    expect(document.querySelector('.study-card')).toBeNull();
    expect(localPreparedStore('next').read()?.card.id).toBe('q1');
    expect(readPacing().tabs).toBe(2);
  });
});

describe('"until tomorrow" (snooze for today, bury)', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = tz;
  });
  const local = (y: number, m: number, d: number, h: number, min = 0) =>
    new Date(y, m - 1, d, h, min).getTime();
  const HOUR_MS = 3_600_000;

  it('in the evening, is the next study day’s start', () => {
    expect(untilTomorrow(local(2026, 3, 7, 20), 4)).toBe(local(2026, 3, 8, 4));
    expect(snooze(EMPTY_PACING, 'day', local(2026, 3, 7, 23, 30), 4).snoozeUntil).toBe(local(2026, 3, 8, 4));
  });

  it('between midnight and the day-start hour, is the next morning but one, never sooner than "snooze 1 hour"', () => {
    for (const [h, min] of [
      [0, 5],
      [1, 0],
      [3, 30],
      [3, 59],
    ] as const) {
      const now = local(2026, 3, 8, h, min);
      const day = snooze(EMPTY_PACING, 'day', now, 4).snoozeUntil;
      expect(day).toBe(local(2026, 3, 9, 4));
      expect(day).toBeGreaterThan(snooze(EMPTY_PACING, 'hour', now, 4).snoozeUntil);
    }
  });

  it('buries a card until then, not for the few minutes left to the day-start hour', () => {
    const card: Parameters<typeof applyCardAction>[0] & { buriedUntil?: number } = {
      ...newSchedulingState(local(2026, 3, 1, 9)),
      due: local(2026, 3, 8, 1),
    };
    const at = local(2026, 3, 8, 3, 30);
    expect(applyCardAction(card, { kind: 'bury' }, at, 4).buriedUntil).toBe(local(2026, 3, 9, 4));
    expect(applyCardAction(card, { kind: 'bury' }, local(2026, 3, 8, 10), 4).buriedUntil).toBe(
      local(2026, 3, 9, 4),
    );
  });

  it('lands on the day-start hour across daylight-saving changes', () => {
    process.env.TZ = 'America/New_York';
    // Clocks go forward at 02:00 on 2026-03-08 and back at 02:00 on 2026-11-01.
    for (const now of [
      local(2026, 3, 8, 1),
      local(2026, 3, 7, 22),
      local(2026, 11, 1, 1),
      local(2026, 10, 31, 22),
    ]) {
      const until = new Date(untilTomorrow(now, 4));
      expect(until.getHours()).toBe(4);
      expect(until.getTime() - now).toBeGreaterThan(HOUR_MS);
    }
  });
});
