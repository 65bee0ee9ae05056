import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { State } from '@/lib/srs/card-state';
import {
  interviewStart,
  keepsAbove,
  plannedDue,
  planNewPerDay,
  recallAt,
  sectionsFirst,
  type Deadline,
} from '@/lib/srs/plan';
import { gradeCard, makeScheduler, newSchedulingState } from '@/lib/srs/schedule';

const DAY = 86_400_000;
const T0 = new Date(2027, 0, 4, 20).getTime();
const f = makeScheduler({ retention: 0.9, fuzz: false });
const w = f.parameters.w as readonly number[];

/** A card in review, last seen at T0 with this stability, due where FSRS put it. */
const reviewed = (stability: number, due = T0 + stability * DAY) => ({
  ...newSchedulingState(T0),
  state: State.Review,
  stability,
  difficulty: 5,
  reps: 3,
  last_review: T0,
  due,
});

describe('the forgetting curve the plan reads', () => {
  it('is ts-fsrs own: 0.9 after one stability, nothing for a card never seen', () => {
    expect(recallAt(w, reviewed(10), T0 + 10 * DAY)).toBeCloseTo(0.9, 6);
    expect(recallAt(w, newSchedulingState(T0), T0 + DAY)).toBe(0);
    expect(keepsAbove(w, 10, 0.9) / DAY).toBeCloseTo(10, 6);
    expect(keepsAbove(w, 10, 0.95)).toBeLessThan(keepsAbove(w, 10, 0.9));
  });
});

describe('plannedDue', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = tz;
  });

  const interviewIn = (days: number, target = 0.95): Deadline => ({ at: T0 + days * DAY, target });

  it('leaves FSRS alone with no interview, one already begun, or a card due before the day', () => {
    const card = reviewed(20);
    expect(plannedDue(w, card, [], T0)).toBe(card.due);
    expect(plannedDue(w, card, [{ at: T0 - DAY, target: 0.95 }], T0)).toBe(card.due);
    // The day itself: it began an hour ago, and the plan has done its work.
    expect(plannedDue(w, card, [{ at: T0 - 3_600_000, target: 0.95 }], T0)).toBe(card.due);
    expect(plannedDue(w, reviewed(3), [interviewIn(10)], T0)).toBe(reviewed(3).due);
  });

  it('leaves a card strong enough for the day alone', () => {
    const strong = reviewed(200);
    expect(recallAt(w, strong, T0 + 5 * DAY)).toBeGreaterThan(0.95);
    expect(plannedDue(w, strong, [interviewIn(5)], T0)).toBe(strong.due);
  });

  it('brings a weak card forward to the latest moment a successful review keeps it ready', () => {
    const card = reviewed(20);
    const d = interviewIn(14);
    expect(recallAt(w, card, d.at)).toBeLessThan(0.95);
    const due = plannedDue(w, card, [d], T0);
    expect(due).toBe(Math.floor(d.at - keepsAbove(w, 20, 0.95)));
    expect(due).toBeGreaterThan(T0);
    expect(due).toBeLessThan(d.at);
    // Reviewed then with Hard (the weakest success), it is ready on the day.
    const after = gradeCard(f, card, Rating.Hard, due).state;
    expect(recallAt(w, after, d.at)).toBeGreaterThanOrEqual(0.95);
  });

  it('works for an interview a day away', () => {
    const card = reviewed(2);
    const d = interviewIn(1.5);
    const due = plannedDue(w, card, [d], T0);
    expect(due).toBeGreaterThan(T0);
    expect(due).toBeLessThan(d.at);
  });

  it('keeps learning steps as they are', () => {
    const learning = { ...reviewed(0.5), state: State.Learning, due: T0 + 10 * 60_000 };
    expect(plannedDue(w, learning, [interviewIn(2)], T0)).toBe(learning.due);
  });

  it('takes the earliest of two interviews that both need it', () => {
    const card = reviewed(30, T0 + 60 * DAY);
    const near = interviewIn(20, 0.95);
    const far = interviewIn(40, 0.99);
    const due = plannedDue(w, card, [far, near], T0);
    expect(due).toBe(
      Math.min(Math.floor(near.at - keepsAbove(w, 30, 0.95)), Math.floor(far.at - keepsAbove(w, 30, 0.99))),
    );
    expect(due).toBeLessThan(plannedDue(w, card, [near], T0) + 1);
  });

  it('puts the day at the study day start in local time, across a daylight-saving change', () => {
    process.env.TZ = 'America/New_York';
    // 2027-03-14 is the spring change in New York: the day still begins at 04:00.
    const at = new Date(interviewStart('2027-03-15', 4));
    expect([at.getFullYear(), at.getMonth(), at.getDate(), at.getHours()]).toEqual([2027, 2, 15, 4]);
    expect(interviewStart('2027-03-15', 4) - interviewStart('2027-03-14', 4)).toBe(DAY);
    expect(interviewStart('2027-03-14', 4) - interviewStart('2027-03-13', 4)).toBe(DAY - 3_600_000);
  });

  it('for any card and any interview ahead: due by the day, or ready on it', () => {
    const ratings = fc.array(fc.constantFrom(Rating.Again, Rating.Hard, Rating.Good, Rating.Easy), {
      minLength: 1,
      maxLength: 8,
    });
    fc.assert(
      fc.property(
        ratings,
        fc.array(fc.double({ min: 0.01, max: 40, noNaN: true }), { minLength: 8, maxLength: 8 }),
        fc.double({ min: 0.05, max: 120, noNaN: true }),
        fc.double({ min: 0.8, max: 0.99, noNaN: true }),
        (grades, gaps, ahead, target) => {
          let card = newSchedulingState(T0);
          let t = T0;
          grades.forEach((g, i) => {
            card = gradeCard(f, card, g, t).state;
            t += gaps[i]! * DAY;
          });
          const now = card.last_review!;
          const d = { at: now + ahead * DAY, target };
          const due = plannedDue(w, card, [d], now);
          expect(due >= now).toBe(true);
          expect(due <= d.at || recallAt(w, card, d.at) >= target).toBe(true);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('planNewPerDay', () => {
  it('meets every new card three days before the day, never fewer than chosen, within the budget', () => {
    expect(planNewPerDay({ newLeft: 300, daysLeft: 28, chosen: 10, budget: 80, dueReviews: 20 })).toEqual({
      perDay: 12,
      short: false,
    });
    expect(planNewPerDay({ newLeft: 20, daysLeft: 28, chosen: 10, budget: 80, dueReviews: 20 })).toEqual({
      perDay: 10,
      short: false,
    });
    expect(planNewPerDay({ newLeft: 300, daysLeft: 5, chosen: 10, budget: 80, dueReviews: 50 })).toEqual({
      perDay: 30,
      short: true,
    });
    // The day after tomorrow, or tomorrow: everything left, as far as the budget goes.
    expect(planNewPerDay({ newLeft: 40, daysLeft: 1, chosen: 0, budget: 80, dueReviews: 0 })).toEqual({
      perDay: 40,
      short: false,
    });
    expect(planNewPerDay({ newLeft: 0, daysLeft: 10, chosen: 10, budget: 80, dueReviews: 200 }).perDay).toBe(
      10,
    );
  });
});

describe('sectionsFirst', () => {
  const base = { ...{ disabledSections: [], disabledTopics: [], dayStartHour: 4 } };
  const iv = (id: string, date: string, sections: string[]) => ({
    id,
    name: id,
    date,
    sections,
    target: 0.95,
  });
  it('names the sections of the nearest interview ahead, none for one over the chosen topics or past', () => {
    const now = new Date(2027, 0, 10, 12).getTime();
    const interviews = [
      iv('far', '2027-02-01', ['llm']),
      iv('near', '2027-01-20', ['inference']),
      iv('past', '2027-01-05', ['basics']),
    ];
    expect(sectionsFirst({ ...base, interviews }, now)).toEqual(['inference']);
    expect(sectionsFirst({ ...base, interviews: [iv('any', '2027-01-20', [])] }, now)).toEqual([]);
    expect(sectionsFirst({ ...base, interviews: [iv('past', '2027-01-05', ['basics'])] }, now)).toEqual([]);
  });
});
