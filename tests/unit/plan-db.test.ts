import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { handleGrade, handlePreview, replanForInterviews } from '@/lib/background/handlers';
import { openStudyDb, syncBank, type StudyDatabase } from '@/lib/db';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/model';
import { State } from '@/lib/srs/card-state';
import { fsrsDue, interviewStart, recallAt } from '@/lib/srs/plan';
import { makeScheduler } from '@/lib/srs/schedule';
import { readPace } from '@/lib/db/pace';
import { forgetPlan } from '@/lib/db/plan';
import { studyDayStart } from '@/lib/srs/day';
import { studySnapshot } from '@/lib/study/queue-read';
import { interviewReadiness } from '@/lib/stats/readiness';
import { T0 } from './helpers';

const DAY = 86_400_000;
const w = makeScheduler({ retention: 0.9, fuzz: false }).parameters.w;
const BANK = ['a', 'b', 'c', 'd'].map((id, order) => ({
  id,
  section: order < 3 ? 'basics' : 'inference',
  topics: ['attention'],
  order,
}));

/** A date `days` after T0, as the options page stores it. */
function dateIn(days: number): string {
  const d = new Date(T0 + days * DAY);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

async function db(): Promise<StudyDatabase> {
  const d = await openStudyDb(`plan-${Math.random()}`);
  await syncBank(d, BANK, T0);
  return d;
}

/** Rates a new card Easy at T0: in review, due in about a week. */
async function study(d: StudyDatabase, settings: Settings, id: string): Promise<void> {
  await handleGrade(d, settings, {
    type: 'grade',
    reviewId: `${id}-1`,
    cardId: id,
    rating: 4,
    reviewedAt: T0,
  });
}

describe('the interview plan in the worker', () => {
  const withInterview = (days: number, target = 0.95): Settings => ({
    ...DEFAULT_SETTINGS,
    interviews: [{ id: 'i', name: 'Acme', date: dateIn(days), sections: [], target }],
  });

  it('stores a rated card due before the day or ready on it; without an interview, FSRS as before', async () => {
    const plain = await db();
    const planned = await db();
    const settings = withInterview(6);
    const day = interviewStart(settings.interviews[0]!.date, settings.dayStartHour);
    for (const id of ['a', 'b', 'c']) {
      await study(plain, DEFAULT_SETTINGS, id);
      await study(planned, settings, id);
    }
    let moved = 0;
    for (const id of ['a', 'b', 'c']) {
      const p = (await plain.get('cards', id))!;
      const c = (await planned.get('cards', id))!;
      expect(c.state).toBe(State.Review);
      expect(c.due <= day || recallAt(w, c, day) >= 0.95).toBe(true);
      // The same FSRS state: only the due time moved, and FSRS's own can be read back.
      expect({ ...c, due: 0, reviewDue: 0 }).toEqual({ ...p, due: 0, reviewDue: 0 });
      expect(fsrsDue(c)).toBe(p.due);
      if (c.due < p.due) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('shows on the rating buttons the due times a rating would store', async () => {
    const d = await db();
    const settings = withInterview(6);
    await study(d, settings, 'a');
    const card = (await d.get('cards', 'a'))!;
    const at = card.due;
    const res = await handlePreview(d, settings, { type: 'preview', cardId: 'a', at });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    await handleGrade(
      d,
      { ...settings },
      { type: 'grade', reviewId: 'a-3', cardId: 'a', rating: Rating.Easy, reviewedAt: at },
    );
    // The worker schedules with fuzz; the buttons without. Within FSRS's fuzz of a day or two:
    const stored = (await d.get('cards', 'a'))!.due;
    expect(Math.abs(stored - res.previews[Rating.Easy]) / DAY).toBeLessThan(3);
    const day = interviewStart(settings.interviews[0]!.date, settings.dayStartHour);
    expect(res.previews[Rating.Easy] <= day || recallAt(w, (await d.get('cards', 'a'))!, day) >= 0.95).toBe(
      true,
    );
  });

  it('moves due times when an interview is added, and gives FSRS its own back when it is removed or has begun', async () => {
    const d = await db();
    for (const id of ['a', 'b', 'c']) await study(d, DEFAULT_SETTINGS, id);
    const before = await d.getAll('cards');
    const now = T0 + DAY;
    const settings = withInterview(6);
    const moved = await replanForInterviews(d, settings, now);
    expect(moved).toBeGreaterThan(0);
    expect(await replanForInterviews(d, settings, now)).toBe(0);
    const day = interviewStart(settings.interviews[0]!.date, settings.dayStartHour);
    for (const c of await d.getAll('cards'))
      if (c.state === State.Review) expect(c.due <= day || recallAt(w, c, day) >= 0.95).toBe(true);
    // Removed: FSRS's due times, exactly as before.
    await replanForInterviews(d, DEFAULT_SETTINGS, now);
    expect(await d.getAll('cards')).toEqual(before);
    // Back, then the day comes: the plan lets go.
    await replanForInterviews(d, settings, now);
    await replanForInterviews(d, settings, day + DAY);
    expect(await d.getAll('cards')).toEqual(before);
  });

  it('counts an interview with sections only for the cards in them', async () => {
    const d = await db();
    for (const id of ['a', 'd']) await study(d, DEFAULT_SETTINGS, id);
    const before = new Map((await d.getAll('cards')).map((c) => [c.id, c.due]));
    const settings: Settings = {
      ...DEFAULT_SETTINGS,
      interviews: [{ id: 'i', name: '', date: dateIn(6), sections: ['inference'], target: 0.99 }],
    };
    await replanForInterviews(d, settings, T0 + DAY);
    expect((await d.get('cards', 'a'))!.due).toBe(before.get('a'));
    expect((await d.get('cards', 'd'))!.due).toBeLessThan(before.get('d')!);
  });

  it('asks for more new cards a day when the interview needs them, and says when the budget cannot', async () => {
    const d = await db();
    const settings: Settings = { ...withInterview(6), newPerDay: 1 };
    expect((await studySnapshot(d, settings, T0)).counts.newLeft).toBe(1);
    await replanForInterviews(d, settings, T0);
    // Four new cards, three days to meet them before the last three: two a day.
    expect((await studySnapshot(d, settings, T0)).counts.newLeft).toBe(2);
    const pace = await readPace(d, studyDayStart(T0, settings.dayStartHour));
    expect(pace).toMatchObject({ perDay: 2, short: false, name: 'Acme' });
    // The readiness the popup shows is the statistics page's.
    const stats = interviewReadiness(settings.interviews[0]!, await d.getAll('cards'), {
      w,
      now: T0,
      dayStartHour: settings.dayStartHour,
      filter: settings,
    });
    expect(pace!.ready).toBe(stats!.overall.recall);
    // Tomorrow the pace no longer counts until the worker sets tomorrow's.
    expect((await studySnapshot(d, settings, T0 + DAY)).counts.newLeft).toBe(1);
    // Without an interview: the person's own limit, and no pace.
    await replanForInterviews(d, { ...DEFAULT_SETTINGS, newPerDay: 1 }, T0);
    expect((await studySnapshot(d, settings, T0)).counts.newLeft).toBe(1);
  });

  it('plans again after schedules were rebuilt from the log (import, repair)', async () => {
    const d = await db();
    for (const id of ['a', 'b', 'c']) await study(d, DEFAULT_SETTINGS, id);
    const settings = withInterview(6);
    expect(await replanForInterviews(d, settings, T0 + DAY)).toBeGreaterThan(0);
    const planned = await d.getAll('cards');
    // A rebuild writes FSRS's due times back, as replay gives them.
    for (const c of planned) await d.put('cards', { ...c, due: fsrsDue(c) });
    expect(await replanForInterviews(d, settings, T0 + DAY)).toBe(0);
    await forgetPlan(d)(null);
    expect(await replanForInterviews(d, settings, T0 + DAY)).toBeGreaterThan(0);
    expect((await d.getAll('cards')).map((c) => c.due)).toEqual(planned.map((c) => c.due));
  });

  it('follows a limit or a budget lowered during the day at once, and counts only new cards that can be shown', async () => {
    const d = await db();
    const settings: Settings = { ...withInterview(6), newPerDay: 20 };
    await replanForInterviews(d, settings, T0);
    expect((await studySnapshot(d, settings, T0)).counts.newLeft).toBe(4);
    const lower = { ...settings, newPerDay: 1 };
    await replanForInterviews(d, lower, T0 + 3_600_000);
    // Still the pace the day needs (4 new cards, 3 days to meet them): 2, not the 20 of before.
    expect((await studySnapshot(d, lower, T0 + 3_600_000)).counts.newLeft).toBe(2);
    // An interview on a section turned off for study asks for nothing it cannot show.
    const off: Settings = {
      ...withInterview(6),
      newPerDay: 1,
      disabledSections: ['inference'],
      interviews: [{ id: 'i', name: '', date: dateIn(6), sections: ['inference'], target: 0.95 }],
    };
    await replanForInterviews(d, off, T0 + 2 * 3_600_000);
    expect(await readPace(d, studyDayStart(T0, off.dayStartHour))).toMatchObject({ newLeft: 0, perDay: 1 });
  });
});
