import { describe, expect, it } from 'vitest';
import {
  computeStats,
  dueForecast,
  retentionRate,
  reviewHeatmap,
  stateCounts,
  studyStreak,
  trueRetention,
  type StatsCard,
  type StatsReview,
} from '@/lib/stats/stats';
import { makeScheduler, Rating, State } from '@/lib/srs/schedule';
import { openStudyDb, recordRating, syncBank } from '@/lib/db';
import { readStatsData } from '@/lib/db/stats-read';

// vitest.config.ts runs the unit tests with TZ=Asia/Shanghai (UTC+8, no daylight saving).
// Every time below is written with its offset, so it names the same instant on any machine,
// and the assertions about local study days hold because the zone is fixed.
const at = (local: string) => Date.parse(`${local}:00+08:00`);
const opts = (now: string, dayStartHour = 4) => ({ now: at(now), dayStartHour });

function card(id: string, over: Partial<StatsCard> = {}): StatsCard {
  return {
    id,
    state: State.Review,
    due: at('2026-03-10T12:00'),
    section: 'basics',
    topics: ['attention'],
    inBank: true,
    ...over,
  };
}

let n = 0;
function rating(
  when: string,
  rating: number,
  state: State = State.Review,
  cardId = 'a',
): StatsReview & { id: string } {
  return { id: `r${++n}`, cardId, rating, state, review: at(when) };
}

describe('true retention', () => {
  it('is 80% for 8 passes and 2 lapses of review cards, leaving out new and learning ratings', () => {
    const reviews = [
      ...Array.from({ length: 8 }, (_, i) => rating(`2026-03-0${i + 1}T10:00`, i % 3 === 0 ? 2 : 3)),
      rating('2026-03-09T10:00', 1),
      rating('2026-03-09T11:00', 1),
      // Not ratings of review cards: they do not count.
      rating('2026-03-01T09:00', 1, State.New),
      rating('2026-03-01T09:05', 1, State.Learning),
      rating('2026-03-01T09:10', 1, State.Relearning),
    ];
    const r = trueRetention([card('a')], reviews, opts('2026-03-10T12:00'));
    expect(r.overall.allTime).toEqual({ passed: 8, total: 10 });
    expect(retentionRate(r.overall.allTime, 10)).toBe(0.8);
    // Under 20 ratings no percentage is shown.
    expect(retentionRate(r.overall.allTime)).toBeNull();
  });

  it('splits by section and topic from the card record, and keeps the last 30 days apart', () => {
    const cards = [
      card('a', { section: 'basics', topics: ['attention', 'ffn'] }),
      card('b', { section: 'inference', topics: ['kv-cache'] }),
    ];
    const reviews = [
      // 40 days ago: a lapse of a, a pass of b.
      rating('2026-01-29T10:00', 1, State.Review, 'a'),
      rating('2026-01-29T10:00', 3, State.Review, 'b'),
      // Within the last 30 study days (from 2026-02-08 04:00): two passes of a.
      rating('2026-02-08T04:00', 3, State.Review, 'a'),
      rating('2026-03-09T23:00', 4, State.Review, 'a'),
      // Just before the window opens: all time only.
      rating('2026-02-08T03:59', 3, State.Review, 'b'),
      // A card with no record counts overall only.
      rating('2026-03-09T23:00', 1, State.Review, 'gone'),
    ];
    const r = trueRetention(cards, reviews, opts('2026-03-09T23:30'));
    expect(r.overall.allTime).toEqual({ passed: 4, total: 6 });
    expect(r.overall.recent).toEqual({ passed: 2, total: 3 });
    const basics = r.sections.find((s) => s.key === 'basics')!;
    expect(basics.allTime).toEqual({ passed: 2, total: 3 });
    expect(basics.recent).toEqual({ passed: 2, total: 2 });
    expect(basics.topics.map((t) => [t.key, t.allTime.total])).toEqual([
      ['basics/attention', 3],
      ['basics/ffn', 3],
    ]);
    const inference = r.sections.find((s) => s.key === 'inference')!;
    expect(inference.allTime).toEqual({ passed: 2, total: 2 });
    expect(inference.recent).toEqual({ passed: 0, total: 0 });
    // Sections come in bank order even without ratings.
    expect(r.sections.map((s) => s.key)).toEqual(['basics', 'advanced', 'llm', 'distributed', 'inference']);
    expect(r.sections.find((s) => s.key === 'llm')!.topics).toEqual([]);
  });

  it('shows a figure from 20 ratings on', () => {
    expect(retentionRate({ passed: 19, total: 20 })).toBe(0.95);
    expect(retentionRate({ passed: 19, total: 19 })).toBeNull();
    expect(retentionRate({ passed: 0, total: 0 }, 0)).toBeNull();
  });
});

describe('the heatmap', () => {
  it('counts ratings per study day, a day beginning at the chosen hour', () => {
    const reviews = [
      rating('2026-03-10T03:59', 3), // still the study day of 9 March
      rating('2026-03-09T04:00', 3), // 9 March
      rating('2026-03-10T04:00', 3), // 10 March
      rating('2026-03-10T11:00', 3),
      rating('2026-03-10T11:30', 1),
      rating('2025-03-10T11:00', 3), // 365 days ago: outside the year shown
    ];
    const h = reviewHeatmap(reviews, opts('2026-03-10T12:00'));
    expect(h.days).toHaveLength(365);
    expect(h.days.at(-1)).toMatchObject({ date: '2026-03-10', count: 3, weekday: 2 });
    expect(h.days.at(-2)).toMatchObject({ date: '2026-03-09', count: 2 });
    expect(h.days[0]!.date).toBe('2025-03-11');
    expect(h.days[0]!.start).toBe(at('2025-03-11T04:00'));
    expect(h).toMatchObject({ max: 3, total: 5, activeDays: 2 });

    // With days starting at midnight, the 03:59 rating belongs to 10 March.
    const midnight = reviewHeatmap(reviews, opts('2026-03-10T12:00', 0));
    expect(midnight.days.at(-1)!.count).toBe(4);
    expect(midnight.days.at(-2)!.count).toBe(1);
  });
});

describe('the forecast', () => {
  it('counts scheduled cards per coming study day, overdue ones today, and leaves out new, suspended and retired cards', () => {
    const cards = [
      card('overdue', { due: at('2026-02-01T10:00') }),
      card('today', { due: at('2026-03-11T03:00') }), // before 04:00 tomorrow: today
      card('tomorrow', { due: at('2026-03-11T04:00'), state: State.Learning }),
      card('day29', { due: at('2026-04-09T03:59') }),
      card('day30', { due: at('2026-04-09T04:00') }), // past the 30 days
      card('new', { state: State.New, due: at('2026-03-01T00:00') }),
      card('suspended', { due: at('2026-03-10T10:00'), suspended: true }),
      card('retired', { due: at('2026-03-10T10:00'), inBank: false }),
      card('buried', { due: at('2026-03-10T10:00'), buriedUntil: at('2026-03-11T04:00') }),
    ];
    const f = dueForecast(cards, opts('2026-03-10T12:00'));
    expect(f.days).toHaveLength(30);
    expect(f.days[0]).toMatchObject({ date: '2026-03-10', count: 2 });
    expect(f.days[1]).toMatchObject({ date: '2026-03-11', count: 2 });
    expect(f.days[29]).toMatchObject({ date: '2026-04-08', count: 1 });
    expect(f.total).toBe(5);
    expect(f.max).toBe(2);
  });
});

describe('state counts', () => {
  it('counts cards in the bank by state, suspended ones apart', () => {
    const cards = [
      card('n1', { state: State.New }),
      card('n2', { state: State.New }),
      card('l', { state: State.Learning }),
      card('r1'),
      card('r2'),
      card('r3'),
      card('rl', { state: State.Relearning }),
      card('s', { suspended: true }),
      card('gone', { inBank: false }),
    ];
    expect(stateCounts(cards)).toEqual({ new: 2, learning: 1, review: 3, relearning: 1, suspended: 1 });
  });
});

describe('today and the streak', () => {
  const days = ['2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09'];
  const log = [rating('2026-03-03T10:00', 3), ...days.map((d) => rating(`${d}T20:00`, 3))];

  it('counts consecutive study days up to today and breaks on a day without ratings', () => {
    const withToday = [...log, rating('2026-03-10T05:00', 3), rating('2026-03-10T09:00', 1)];
    const s = computeStats([], withToday, opts('2026-03-10T12:00'));
    expect(s.today).toBe(2);
    // 6, 7, 8, 9, 10 March; 4 and 5 March had nothing, so 3 March is not part of it.
    expect(s.streak).toBe(5);
  });

  it('still counts the streak ending yesterday while today has no rating yet', () => {
    expect(studyStreak(log, opts('2026-03-10T12:00'))).toBe(4);
    // A rating at 02:00 on 10 March belongs to the study day of 9 March.
    expect(studyStreak([...log.slice(0, 4), rating('2026-03-10T02:00', 3)], opts('2026-03-10T12:00'))).toBe(
      4,
    );
    // Two days without a rating: no streak.
    expect(studyStreak(log, opts('2026-03-11T12:00'))).toBe(0);
    expect(computeStats([], log, opts('2026-03-11T12:00')).today).toBe(0);
  });

  it('reaches back beyond the year of the heatmap', () => {
    const long = Array.from({ length: 400 }, (_, i) => ({
      cardId: 'a',
      rating: 3,
      state: State.Review,
      review: at('2026-03-10T12:00') - i * 86_400_000,
    }));
    expect(studyStreak(long, opts('2026-03-10T13:00'))).toBe(400);
    expect(computeStats([], long, opts('2026-03-10T13:00')).streak).toBe(400);
  });
});

describe('with no reviews', () => {
  it('gives zeros, not errors', () => {
    const s = computeStats([card('n', { state: State.New })], [], opts('2026-03-10T12:00'));
    expect(s).toMatchObject({ today: 0, streak: 0, totalReviews: 0 });
    expect(s.heatmap).toMatchObject({ max: 0, total: 0, activeDays: 0 });
    expect(s.forecast).toMatchObject({ max: 0, total: 0 });
    expect(retentionRate(s.retention.overall.allTime)).toBeNull();
    expect(s.states.new).toBe(1);
  });
});

describe('statistics read from the database', () => {
  it('match the ratings recorded through the data layer', async () => {
    const db = await openStudyDb(`stats-${Math.random()}`);
    const bank = ['a', 'b', 'c', 'd'].map((id, order) => ({
      id,
      section: 'basics',
      topics: ['attention'],
      order,
    }));
    const t0 = at('2026-03-09T21:00');
    await syncBank(db, bank, t0);
    const f = makeScheduler({ retention: 0.9, fuzz: false });
    // Yesterday evening: a Good; today: a, b Good, c Again.
    await recordRating(db, f, { reviewId: 'r0', cardId: 'd', rating: Rating.Good, reviewedAt: t0 });
    const today = at('2026-03-10T09:00');
    await recordRating(db, f, { reviewId: 'r1', cardId: 'a', rating: Rating.Good, reviewedAt: today });
    await recordRating(db, f, {
      reviewId: 'r2',
      cardId: 'b',
      rating: Rating.Good,
      reviewedAt: today + 60_000,
    });
    await recordRating(db, f, {
      reviewId: 'r3',
      cardId: 'c',
      rating: Rating.Again,
      reviewedAt: today + 120_000,
    });
    const { cards, reviews } = await readStatsData(db);
    const s = computeStats(cards, reviews, opts('2026-03-10T10:00'));
    expect(s.today).toBe(3);
    expect(s.streak).toBe(2);
    expect(s.totalReviews).toBe(4);
    expect(s.heatmap.days.at(-1)!.count).toBe(3);
    expect(s.heatmap.days.at(-2)!.count).toBe(1);
    // Four cards rated once from new: all in learning steps, all due within the forecast.
    expect(s.states).toEqual({ new: 0, learning: 4, review: 0, relearning: 0, suspended: 0 });
    expect(s.forecast.total).toBe(4);
    expect(s.retention.overall.allTime.total).toBe(0);
    db.close();
  });
});
