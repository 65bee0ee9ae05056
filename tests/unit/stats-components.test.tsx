import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { StatsView } from '@/components/StatsView';
import { Heatmap, heatLevel, monthLabels } from '@/components/Heatmap';
import { statsTranslator } from '@/lib/i18n/stats-strings';
import { State } from '@/lib/srs/schedule';
import { computeStats, reviewHeatmap, type StatsCard, type StatsReview } from '@/lib/stats/stats';

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
      '2026年3月9日：复习 3 次',
    );
  });
});

describe('heat levels', () => {
  it('are 0 for an empty day and 1-4 by the share of the busiest day', () => {
    expect([0, 1, 25, 26, 50, 75, 100].map((c) => heatLevel(c, 100))).toEqual([0, 1, 1, 2, 2, 3, 4]);
    expect(heatLevel(0, 0)).toBe(0);
  });
});

/** `n` calendar days from `first` (`YYYY-MM-DD`), and the blank cells before it in its week. */
function calendar(first: string, n: number): { days: { date: string }[]; offset: number } {
  const start = Date.parse(`${first}T00:00Z`);
  const days = Array.from({ length: n }, (_, i) => ({
    date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
  }));
  return { days, offset: (new Date(start).getUTCDay() + 6) % 7 };
}

/** The column of `date` in a heatmap that starts at `first`. */
const columnOf = (first: string, date: string) => {
  const { offset } = calendar(first, 1);
  return Math.floor(
    ((Date.parse(`${date}T00:00Z`) - Date.parse(`${first}T00:00Z`)) / 86_400_000 + offset) / 7,
  );
};

describe('month names over the heatmap', () => {
  it('names the current month when it began this very week, across the turn of the year', () => {
    // Saturday 2 January 2027 is today; 1 January was the day before, in the last column.
    const { days, offset } = calendar('2026-01-03', 365);
    const labels = monthLabels(days, offset);
    expect(labels.at(-1)).toEqual({ col: columnOf('2026-01-03', '2027-01-01'), month: '2027-01' });
    expect(labels.at(-1)!.col).toBe(Math.ceil((365 + offset) / 7) - 1);
    expect(labels.map((l) => l.month)).toEqual([
      '2026-01',
      '2026-02',
      '2026-03',
      '2026-04',
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
      '2026-12',
      '2027-01',
    ]);
  });

  it('puts a month that starts mid-week over the week holding its first day', () => {
    // 1 April 2026 is a Wednesday: its week starts on Monday 30 March.
    const { days, offset } = calendar('2025-07-01', 365);
    const april = monthLabels(days, offset).find((l) => l.month === '2026-04')!;
    expect(april.col).toBe(columnOf('2025-07-01', '2026-03-30'));
    expect(april.col).toBe(columnOf('2025-07-01', '2026-04-01'));
  });

  it('names the oldest month, shown in part, only where its name has room', () => {
    // From Saturday 20 December: 1 January is two columns on, too close to name December.
    const short = calendar('2025-12-20', 365);
    expect(monthLabels(short.days, short.offset)[0]).toEqual({
      col: columnOf('2025-12-20', '2026-01-01'),
      month: '2026-01',
    });
    // From 10 December: three weeks of December, named over the first column.
    const long = calendar('2025-12-10', 365);
    expect(monthLabels(long.days, long.offset).slice(0, 2)).toEqual([
      { col: 0, month: '2025-12' },
      { col: columnOf('2025-12-10', '2026-01-01'), month: '2026-01' },
    ]);
  });

  it("on every day of two years: names today's month and every month begun, names never crowd", () => {
    for (let i = 0; i < 730; i++) {
      const first = new Date(Date.UTC(2025, 0, 1 + i)).toISOString().slice(0, 10);
      const { days, offset } = calendar(first, 365);
      const labels = monthLabels(days, offset);
      const today = days.at(-1)!.date;
      expect(labels.at(-1)!.month, today).toBe(today.slice(0, 7));
      for (const d of days.filter((d) => d.date.endsWith('-01')))
        expect(
          labels.map((l) => l.month),
          today,
        ).toContain(d.date.slice(0, 7));
      for (let j = 1; j < labels.length; j++)
        expect(labels[j]!.col - labels[j - 1]!.col, today).toBeGreaterThanOrEqual(3);
    }
  });

  it("shows the current month's name on the page, in English and in Chinese", () => {
    // TZ=Asia/Shanghai: noon on Saturday 2 January 2027, one review the day before.
    const now = at('2027-01-02T12:00');
    const data = reviewHeatmap(
      [{ cardId: 'a', rating: 3, state: State.Review, review: at('2027-01-01T09:00') }],
      {
        now,
        dayStartHour: 4,
      },
    );
    // The names over the weeks: the text above the first row of days, left to right.
    const names = () =>
      [...document.querySelectorAll('.heatmap svg[role="img"] text')]
        .filter(
          (e) =>
            Number(e.getAttribute('y')) < Number(document.querySelector('.heatmap rect')!.getAttribute('y')),
        )
        .sort((a, b) => Number(a.getAttribute('x')) - Number(b.getAttribute('x')))
        .map((e) => e.textContent);
    const en = render(<Heatmap data={data} t={statsTranslator('en')} lang="en" />);
    expect(names().at(-1)).toBe('Jan');
    expect(names().at(-2)).toBe('Dec');
    en.unmount();
    render(<Heatmap data={data} t={statsTranslator('zh')} lang="zh" />);
    expect(names().at(-1)).toBe('1月');
    expect(names().at(-2)).toBe('12月');
  });
});
