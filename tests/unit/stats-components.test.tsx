import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { StatsView } from '@/components/StatsView';
import { heatLevel } from '@/components/Heatmap';
import { statsTranslator } from '@/lib/i18n/stats-strings';
import { State } from '@/lib/srs/schedule';
import { computeStats, type StatsCard, type StatsReview } from '@/lib/stats/stats';

// TZ=Asia/Shanghai (vitest.config.ts); times carry their offset.
const at = (local: string) => Date.parse(`${local}:00+08:00`);
const NOW = at('2026-03-10T12:00');

function card(id: string, over: Partial<StatsCard> = {}): StatsCard {
  return {
    id,
    state: State.Review,
    due: NOW + 86_400_000,
    section: 'basics',
    topics: ['attention'],
    inBank: true,
    ...over,
  };
}

/** `n` ratings of review cards on 9 March, `fails` of them Again, all of card `a`. */
function reviewsOfA(n: number, fails: number): StatsReview[] {
  return Array.from({ length: n }, (_, i) => ({
    cardId: 'a',
    rating: i < fails ? 1 : 3,
    state: State.Review,
    review: at('2026-03-09T20:00') + i * 60_000,
  }));
}

function view(cards: StatsCard[], reviews: StatsReview[], lang: 'en' | 'zh' = 'en') {
  const stats = computeStats(cards, reviews, { now: NOW, dayStartHour: 4 });
  return render(
    <StatsView stats={stats} desired={0.9} dayStartHour={4} t={statsTranslator(lang)} lang={lang} />,
  );
}

describe('the statistics view', () => {
  it('welcomes a person with no reviews and still counts the cards', () => {
    view([card('a', { state: State.New }), card('b', { state: State.New })], []);
    expect(screen.getByRole('heading', { name: 'No reviews yet' })).toBeTruthy();
    expect(document.querySelector('[data-state="new"]')!.textContent).toBe('2');
    expect(document.querySelector('.heatmap')).toBeNull();
  });

  it('shows 80% true retention for 20 ratings with 4 lapses, and "—" with fewer', () => {
    view([card('a')], reviewsOfA(20, 4));
    const overall = document.querySelectorAll('.retention tr[data-key="all"] td');
    expect(overall[0]!.textContent).toBe('80% 20 ratings');
    expect(overall[1]!.textContent).toBe('80% 20 ratings');
    expect(screen.getByText(/Your desired retention is 90%/)).toBeTruthy();
  });

  it('says "—" under 20 ratings rather than a percentage', () => {
    view([card('a')], reviewsOfA(19, 0));
    const overall = document.querySelectorAll('.retention tr[data-key="all"] td');
    expect(overall[1]!.textContent).toBe('— 19 ratings');
  });

  it('folds topics under their section until it is opened', () => {
    view([card('a', { topics: ['attention', 'ffn'] })], reviewsOfA(20, 2));
    expect(document.querySelector('tr[data-key="basics/attention"]')).toBeNull();
    const basics = screen.getByRole('button', { name: 'Basics' });
    expect(basics.getAttribute('aria-expanded')).toBe('false');
    fireEvent.click(basics);
    expect(basics.getAttribute('aria-expanded')).toBe('true');
    expect(document.querySelector('tr[data-key="basics/attention"] th')!.textContent).toBe('Attention');
    // The card has both topics: its ratings count for each.
    expect(document.querySelector('tr[data-key="basics/ffn"] td')!.textContent).toBe('90% 20 ratings');
  });

  it('describes each chart in words and gives its numbers as text', () => {
    view([card('a', { due: at('2026-03-12T09:00') })], reviewsOfA(3, 1));
    const heat = document.querySelector('.heatmap svg[role="img"]')!;
    expect(heat.getAttribute('aria-label')).toBe(
      'In the last year: 3 reviews; days with reviews: 1; most in one day: 3.',
    );
    expect(document.querySelector('rect[data-date="2026-03-09"] title')!.textContent).toBe(
      'Mar 9, 2026 · reviews: 3',
    );
    const forecast = document.querySelector('.forecast svg[role="img"]')!;
    expect(forecast.getAttribute('aria-label')).toBe(
      'Cards due in the next 30 days: 1; today: 0 (overdue included).',
    );
    // 12 March 09:00 is in the study day that began on 12 March at 4:00: the third day.
    const rows = [...document.querySelectorAll('.forecast tbody tr')].map((r) => r.textContent);
    expect(rows[2]).toBe('Mar 12, 20261');
    expect(document.querySelector('[data-stat="streak"]')!.textContent).toBe('1');
  });

  it('speaks Chinese', () => {
    view([card('a')], reviewsOfA(3, 0), 'zh');
    expect(screen.getByRole('heading', { name: '近一年的复习' })).toBeTruthy();
    expect(document.querySelector('rect[data-date="2026-03-09"] title')!.textContent).toBe(
      '2026年3月9日:复习 3 次',
    );
  });
});

describe('heat levels', () => {
  it('are 0 for an empty day and 1-4 by the share of the busiest day', () => {
    expect([0, 1, 25, 26, 50, 75, 100].map((c) => heatLevel(c, 100))).toEqual([0, 1, 1, 2, 2, 3, 4]);
    expect(heatLevel(0, 0)).toBe(0);
  });
});
