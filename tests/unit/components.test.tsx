import { InterviewLine } from '@/components/InterviewLine';
import { RatingBar } from '@/components/RatingBar';
import { CalmPage } from '@/components/CalmPage';
import { fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { StudyView } from '@/components/StudyView';
import { TopicFilters, countTopics } from '@/components/TopicFilters';
import { translator } from '@/lib/i18n/strings';
import { optionsTranslator } from '@/lib/i18n/options-strings';
import { sessionFixture, T0 } from './helpers';

describe('StudyView', () => {
  it('shows the question, reveals with Space, offers four intervals and rates with a key', async () => {
    const { session, sent } = await sessionFixture(['q1', 'q2']);
    await session.start();
    render(<StudyView session={session} contentLang="en" uiLang="en" t={translator('en')} now={() => T0} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Question q1');
    expect(screen.queryByText('Answer q1')).toBeNull();
    fireEvent.keyDown(window, { key: ' ' });
    await screen.findByText('Answer q1');
    const buttons = screen.getAllByRole('button').filter((b) => b.dataset.grade);
    expect(buttons.map((b) => b.querySelector('.rate-label')?.textContent)).toEqual([
      'Again',
      'Hard',
      'Good',
      'Easy',
    ]);
    // The intervals come from the background (here, its handler in-process).
    await waitFor(() =>
      expect(buttons.map((b) => b.querySelector('.rate-interval')?.textContent)).toEqual([
        '1m',
        '6m',
        '10m',
        expect.stringMatching(/d$/),
      ]),
    );
    fireEvent.keyDown(window, { key: '3' });
    await waitFor(() => expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Question q2'));
    expect(sent[0]?.rating).toBe(3);
  });

  it('shows the Chinese text and interface when asked', async () => {
    const { session } = await sessionFixture(['q1']);
    await session.start();
    render(<StudyView session={session} contentLang="zh" uiLang="zh" t={translator('zh')} now={() => T0} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('问题 q1');
    fireEvent.click(screen.getByRole('button', { name: /显示答案/ }));
    await screen.findByText('答案 q1');
    expect(screen.getByText('良好')).toBeTruthy();
    expect(await screen.findByText('10分钟')).toBeTruthy();
  });
});

describe('TopicFilters', () => {
  it('lists sections and topics with their counts and reports an unticked topic', () => {
    const onChange = vi.fn();
    const counts = countTopics([
      { section: 'basics', topics: ['attention'] },
      { section: 'basics', topics: ['attention', 'ffn'] },
    ]);
    render(
      <TopicFilters
        filter={{ disabledSections: [], disabledTopics: [] }}
        counts={counts}
        lang="en"
        t={optionsTranslator('en')}
        onChange={onChange}
      />,
    );
    expect(screen.getByText('2 questions')).toBeTruthy();
    const attention = screen.getByRole('checkbox', { name: 'Attention 2' });
    fireEvent.click(attention);
    expect(onChange).toHaveBeenCalledWith(
      { disabledSections: [], disabledTopics: ['basics/attention'] },
      'basics',
    );
    fireEvent.click(screen.getByRole('checkbox', { name: /^Basics/ }));
    expect(onChange).toHaveBeenLastCalledWith({ disabledSections: ['basics'], disabledTopics: [] }, 'basics');
  });
});

describe('FocusHint', () => {
  it('asks for a click while the address bar has the focus, and shows the keys once the page has it', async () => {
    const { FocusHint } = await import('@/components/FocusHint');
    const hasFocus = vi.spyOn(document, 'hasFocus').mockReturnValue(false);
    render(<FocusHint t={translator('en')} />);
    expect(screen.getByText(/Click the page \(or press Tab\)/)).toBeTruthy();
    hasFocus.mockReturnValue(true);
    fireEvent.focus(window);
    await screen.findByText(/^Keys: Space reveal · 1–4 rate · U undo/);
    expect(screen.queryByText(/Click the page/)).toBeNull();
    hasFocus.mockRestore();
  });
});

describe('CalmPage', () => {
  const props = {
    reason: 'snoozed' as const,
    until: T0 + 3_600_000,
    every: 3,
    lang: 'en' as const,
    t: translator('en'),
    now: () => T0,
    onStudyNow: () => {},
    onResume: () => {},
  };

  it('says what is due now, and when the next card is due only when nothing is', () => {
    const counts = { due: 1, newLeft: 0, nextDue: T0 + 600_000, reviewedToday: 4 };
    const { container, rerender } = render(<CalmPage {...props} counts={counts} />);
    expect(container.querySelector('.calm-progress')?.textContent).toBe('Reviewed today: 4 · Due now: 1');
    rerender(<CalmPage {...props} counts={{ ...counts, due: 0 }} />);
    expect(container.querySelector('.calm-progress')?.textContent).toMatch(
      /^Reviewed today: 4 · Next card due today at \d\d:\d\d$/,
    );
  });
});

describe('RatingBar', () => {
  it('does not offer two ratings that give the same due time (a relearned card: Good and Easy both 1 day)', () => {
    const day = 86_400_000;
    const previews = { 1: T0 + 60_000, 2: T0 + 360_000, 3: T0 + day, 4: T0 + day };
    const { container, rerender } = render(
      <RatingBar
        previews={previews}
        now={T0}
        disabled={false}
        lang="en"
        t={translator('en')}
        onRate={() => {}}
      />,
    );
    const shown = () => [...container.querySelectorAll('.rate')].map((b) => b.textContent);
    expect(shown()).toEqual(['Again1m1', 'Hard6m2', 'Good1d3']);
    rerender(
      <RatingBar
        previews={{ ...previews, 4: T0 + 3 * day }}
        now={T0}
        disabled={false}
        lang="en"
        t={translator('en')}
        onRate={() => {}}
      />,
    );
    expect(shown()).toEqual(['Again1m1', 'Hard6m2', 'Good1d3', 'Easy3d4']);
  });
});

describe('InterviewLine', () => {
  const counts = { due: 12, newLeft: 8, nextDue: null, reviewedToday: 3 };
  const pace = {
    ...{ day: Date.now() - 3_600_000, perDay: 8, short: false, newLeft: 40, daysLeft: 5, dueReviews: 12 },
    ...{ name: 'Acme', at: 0, ready: 0.823 },
  };

  it('counts down to the interview with the readiness and today’s cards, in both languages', () => {
    const at = pace.day + 5 * 86_400_000;
    const { container, rerender } = render(
      <InterviewLine counts={{ ...counts, interview: { ...pace, at } }} t={translator('en')} />,
    );
    expect(container.textContent).toBe('Interview (Acme) in 5 days · ready 82% · today: 20 cards');
    rerender(
      <InterviewLine
        counts={{ ...counts, interview: { ...pace, at, name: '', short: true } }}
        t={translator('zh')}
      />,
    );
    expect(container.textContent).toBe('面试还有 5 天 · 准备度 82% · 今天 20 张 · 每日预算不够学完所有新卡');
    rerender(
      <InterviewLine
        counts={{ ...counts, interview: { ...pace, at: pace.day + 86_400_000 } }}
        t={translator('en')}
      />,
    );
    expect(container.textContent).toBe('Interview (Acme) tomorrow · ready 82% · today: 20 cards');
    rerender(
      <InterviewLine
        counts={{ ...counts, interview: { ...pace, at: Date.now() - 1 } }}
        t={translator('en')}
      />,
    );
    expect(container.textContent).toBe('');
  });
});
