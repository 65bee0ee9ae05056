import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { StatsView } from '@/components/StatsView';
import { statsTranslator } from '@/lib/i18n/stats-strings';
import { State } from '@/lib/srs/schedule';
import { computeStats } from '@/lib/stats/stats';
import { interviewReadiness, interviewsPassed, type ReadinessCard } from '@/lib/stats/readiness';
import { SCHEDULER_W } from '@/lib/stats/scheduler-w';
import type { Interview } from '@/lib/settings/model';

// TZ=Asia/Shanghai (vitest.config.ts); times carry their offset.
const at = (local: string) => Date.parse(`${local}:00+08:00`);
const DAY = 86_400_000;
const NOW = at('2027-01-10T12:00');
const opts = {
  w: SCHEDULER_W,
  now: NOW,
  dayStartHour: 4,
  filter: { disabledSections: [], disabledTopics: [] },
};

const acme: Interview = { id: 'acme', name: 'Acme', date: '2027-01-15', sections: [], target: 0.9 };

function card(id: string, over: Partial<ReadinessCard> = {}) {
  return {
    id,
    section: 'basics',
    topics: ['attention'],
    state: State.Review,
    stability: 10,
    last_review: at('2027-01-05T04:00'),
    inBank: true,
    due: NOW + DAY,
    order: 0,
    ...over,
  };
}

function view(interviews: Interview[], lang: 'en' | 'zh' = 'en') {
  const cards = [
    card('strong'),
    card('weak', { stability: 2, topics: ['tokenization'] }),
    card('fresh', { state: State.New, last_review: null, stability: 0 }),
  ];
  const stats = computeStats(cards, [], { now: NOW, dayStartHour: 4 });
  const ahead = interviews.map((i) => interviewReadiness(i, cards, opts)).filter((r) => r !== null);
  return render(
    <StatsView
      stats={stats}
      desired={0.9}
      dayStartHour={4}
      interviews={{ ahead, passed: interviewsPassed(interviews, opts), titles: { weak: 'What is BPE?' } }}
      t={statsTranslator(lang)}
      lang={lang}
    />,
  );
}

describe('readiness on the statistics page', () => {
  it('shows the figures, the table with topics folded, the cards at risk and the curve', () => {
    view([acme]);
    expect(
      screen.getByRole('heading', { level: 2, name: /^Readiness for Acme on Jan 15, 2027 in 5 days$/ }),
    ).toBeTruthy();
    // strong: 90% on the day (ready at a 90% target); weak: lower; fresh: 0, never seen.
    const recall = document.querySelector('[data-stat="recall"]')!;
    expect(Number(recall.getAttribute('data-value'))).toBeGreaterThan(0.3);
    expect(document.querySelector('[data-stat="ready"]')!.textContent).toBe('33%');
    expect(document.querySelector('[data-stat="never-seen"]')!.textContent).toBe('1');
    expect(screen.getByText(/Cards never seen count as 0%/)).toBeTruthy();
    // Topics fold under their section. Attention: strong (90%) and fresh (0%).
    expect(document.querySelector('.readiness-table tr[data-key="basics/attention"]')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Basics' }));
    expect(document.querySelector('.readiness-table tr[data-key="basics/attention"] td')!.textContent).toBe(
      '45%',
    );
    // At risk: lowest first, linking to the card in browse; the title once loaded, else the id.
    const links = [...document.querySelectorAll('.at-risk a')];
    expect(links.map((a) => [a.textContent, a.getAttribute('href')])).toEqual([
      ['What is BPE?', '/browse.html#weak'],
      ['strong', '/browse.html#strong'],
    ]);
    // The curve: today to the day, with a summary and the numbers.
    expect(document.querySelectorAll('.recall-curve circle')).toHaveLength(6);
    expect(
      screen.getByRole('img', {
        name: /^Predicted recall if you study nothing more: \d+% today, \d+% on the day \(target 90%\)\.$/,
      }),
    ).toBeTruthy();
    expect(document.querySelectorAll('.recall-curve .chart-numbers tbody tr')).toHaveLength(6);
    expect(document.querySelector('.no-interview')).toBeNull();
  });

  it('says where interviews are set when none is ahead, and which have passed', () => {
    view([
      { ...acme, date: '2027-01-02' },
      { ...acme, id: 'today', name: 'Globex', date: '2027-01-10' },
    ]);
    expect(screen.getByText('The interview Acme on Jan 2, 2027 has passed.')).toBeTruthy();
    expect(screen.getByText('The interview Globex is today. Good luck!')).toBeTruthy();
    const link = screen.getByRole('link', { name: 'Set an interview in Options' });
    expect(link.getAttribute('href')).toBe('/options.html');
    expect(link.parentElement!.textContent).toBe(
      'No interview ahead. Set an interview in Options and this page forecasts how ready you will be on the day.',
    );
    expect(document.querySelector('.readiness')).toBeNull();
  });

  it('speaks Chinese', () => {
    view([{ ...acme, name: '' }], 'zh');
    expect(
      screen.getByRole('heading', { level: 2, name: '2027年1月15日 面试的准备程度 还有 5 天' }),
    ).toBeTruthy();
    expect(screen.getByText('达标（不低于 90%）')).toBeTruthy();
    view([], 'zh');
    expect(document.querySelector('.no-interview')!.textContent).toBe(
      '没有即将到来的面试。在设置中添加面试后，这里会预测你在面试当天的准备程度。',
    );
  });
});
