import { describe, expect, it } from 'vitest';
import { runAll, simulate } from '@/bench/simulate';

const SMALL = { cards: 60, days: 14, daily_limit: 40, target: 0.95 };

describe('the interview simulator', () => {
  it('is deterministic for a seed, and keeps to the daily limit', () => {
    const a = simulate('plan', 3, SMALL);
    expect(simulate('plan', 3, SMALL)).toEqual(a);
    expect(Math.max(...a.per_day)).toBeLessThanOrEqual(SMALL.daily_limit);
    expect(a.per_day).toHaveLength(SMALL.days);
    expect(a.reviews_total).toBe(a.per_day.reduce((x, y) => x + y, 0));
  });

  it('leaves more cards ready on the day with the plan than with FSRS alone, over a few seeds', () => {
    const mean = (s: 'fsrs' | 'plan') =>
      [1, 2, 3, 4].map((seed) => simulate(s, seed, SMALL).share_ready).reduce((x, y) => x + y) / 4;
    expect(mean('plan')).toBeGreaterThan(mean('fsrs') + 0.1);
  });
});

describe('the interview scenario (300 cards, 28 days, 80 a day, target 0.95, 20 seeds)', () => {
  it('the plan reaches the target within the limit, readies as many cards as cramming, for at most 80% of its ratings', () => {
    const { strategies } = runAll(20);
    const { plan, cram, fsrs } = strategies as Record<'plan' | 'cram' | 'fsrs', ReturnType<typeof simulate>>;
    expect(plan.recall_on_day).toBeGreaterThanOrEqual(0.95);
    expect(plan.share_ready).toBeGreaterThanOrEqual(0.9);
    expect(plan.max_reviews_per_day).toBeLessThanOrEqual(80);
    expect(plan.share_ready).toBeGreaterThanOrEqual(cram.share_ready - 0.01);
    expect(plan.reviews_total).toBeLessThanOrEqual(0.8 * cram.reviews_total);
    // Plain FSRS leaves many cards under the target on the day.
    expect(fsrs.share_ready).toBeLessThan(0.8);
  });
});
