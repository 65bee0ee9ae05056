import { describe, expect, it } from 'vitest';
import { createEmptyCard, fsrs, generatorParameters, Rating, type Card, type Grade } from 'ts-fsrs';
import {
  fromFsrsCard,
  gradeCard,
  makeScheduler,
  newSchedulingState,
  previewDue,
  toFsrsCard,
} from '@/lib/srs/schedule';
import { openStudyDb, recordRating, syncBank } from '@/lib/db';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A rating sequence with the gap (ms) before each rating, chosen to cross every FSRS state. */
const SEQUENCE: [Grade, number][] = [
  [Rating.Good, 0],
  [Rating.Again, 10 * 60_000],
  [Rating.Good, 5 * 60_000],
  [Rating.Good, 1 * DAY],
  [Rating.Hard, 4 * DAY],
  [Rating.Again, 9 * DAY],
  [Rating.Good, 30 * 60_000],
  [Rating.Easy, 2 * DAY],
  [Rating.Good, 20 * DAY],
];

function referenceSchedule(retention: number): Card[] {
  const f = fsrs(generatorParameters({ request_retention: retention, enable_fuzz: false }));
  let card = createEmptyCard(new Date(T0));
  let now = T0;
  const out: Card[] = [];
  for (const [rating, gap] of SEQUENCE) {
    now += gap;
    card = f.next(card, new Date(now), rating).card;
    out.push(card);
  }
  return out;
}

describe('gradeCard', () => {
  it('gives exactly the schedule ts-fsrs gives for the same rating sequence', () => {
    for (const retention of [0.8, 0.9, 0.95]) {
      const expected = referenceSchedule(retention);
      const f = makeScheduler({ retention, fuzz: false });
      let state = newSchedulingState(T0);
      let now = T0;
      SEQUENCE.forEach(([rating, gap], i) => {
        now += gap;
        state = gradeCard(f, state, rating, now).state;
        expect(state).toEqual(fromFsrsCard(expected[i]!));
      });
    }
  });

  it('gives the same schedule when the card goes through IndexedDB between ratings', async () => {
    const expected = referenceSchedule(0.9);
    const db = await openStudyDb(`srs-roundtrip-${Math.random()}`);
    await syncBank(db, [{ id: 'q1', section: 'basics', topics: ['attention'], order: 0 }], T0);
    const f = makeScheduler({ retention: 0.9, fuzz: false });
    let now = T0;
    for (const [i, [rating, gap]] of SEQUENCE.entries()) {
      now += gap;
      const out = await recordRating(db, f, { reviewId: `r${i}`, cardId: 'q1', rating, reviewedAt: now });
      expect(out.status).toBe('stored');
      const stored = (await db.get('cards', 'q1'))!;
      expect(toFsrsCard(stored)).toEqual(expected[i]);
    }
    expect(await db.count('reviews')).toBe(SEQUENCE.length);
    db.close();
  });

  it('stores every date as epoch milliseconds', () => {
    const f = makeScheduler({ retention: 0.9, fuzz: false });
    const { state, log } = gradeCard(f, newSchedulingState(T0), Rating.Good, T0);
    expect(typeof state.due).toBe('number');
    expect(state.last_review).toBe(T0);
    expect(log.review).toBe(T0);
  });

  it('previews the due time each button would give, and Again < Hard < Good < Easy', () => {
    const f = makeScheduler({ retention: 0.9, fuzz: false });
    let state = newSchedulingState(T0);
    state = gradeCard(f, state, Rating.Good, T0).state;
    state = gradeCard(f, state, Rating.Good, T0 + 10 * 60_000).state;
    const now = state.due;
    const p = previewDue(f, state, now);
    expect(p[Rating.Again]).toBeLessThan(p[Rating.Hard]);
    expect(p[Rating.Hard]).toBeLessThan(p[Rating.Good]);
    expect(p[Rating.Good]).toBeLessThan(p[Rating.Easy]);
    expect(p[Rating.Good]).toBe(gradeCard(f, state, Rating.Good, now).state.due);
  });
});
