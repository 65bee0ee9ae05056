import { describe, expect, it } from 'vitest';
import { simulate } from '@/bench/simulate';

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
