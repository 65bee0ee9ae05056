import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { BrowseList } from '@/components/BrowseList';
import { CardDetail } from '@/components/CardDetail';
import type { SearchEntry } from '@/lib/bank/search-index';
import { cardStatus, type BrowseCard, type HistoryReview } from '@/lib/browse/filter';
import { browseTranslator } from '@/lib/i18n/browse-strings';
import { Rating, State, type CardAction } from '@/lib/srs/card-state';
import { question, T0 } from './helpers';

const DAY = 86_400_000;
const t = browseTranslator('en');

const entry: SearchEntry = {
  id: 'q1',
  section: 'basics',
  topics: ['attention'],
  difficulty: 2,
  order: 0,
  hasMath: false,
  zh: { q: '问题 q1', html: '问题 q1' },
  en: { q: 'Question q1', html: 'Question q1' },
};

function card(over: Partial<BrowseCard> = {}): BrowseCard {
  return {
    id: 'q1',
    due: T0 + 3 * DAY,
    stability: 3.2,
    difficulty: 5.1,
    elapsed_days: 0,
    scheduled_days: 3,
    learning_steps: 0,
    reps: 2,
    lapses: 0,
    state: State.Review,
    last_review: T0,
    ...over,
  };
}

const ONE_REVIEW: HistoryReview[] = [{ review: T0, rating: Rating.Good, state: State.Learning, prevDue: T0 }];

function detail(
  c: BrowseCard | undefined,
  onAction = vi.fn(async (_a: CardAction) => null as string | null),
  reviews = ONE_REVIEW,
  lang: 'en' | 'zh' = 'en',
) {
  render(
    <CardDetail
      entry={entry}
      question={question('q1')}
      card={c}
      reviews={reviews}
      contentLang="en"
      uiLang={lang}
      t={browseTranslator(lang)}
      now={T0}
      onAction={onAction}
      onClose={() => {}}
    />,
  );
  return onAction;
}

describe('CardDetail', () => {
  it('shows the answer, the schedule and the history', () => {
    detail(card());
    expect(screen.getByText('Answer q1')).toBeTruthy();
    expect(document.querySelector('[data-field="reps"]')?.textContent).toBe('2');
    expect(document.querySelector('[data-field="stability"]')?.textContent).toBe('3.2 days');
    const row = document.querySelector('table.history tr[data-kind="review"]')!;
    expect(row.querySelectorAll('td')[1]?.textContent).toBe('Good');
    expect(row.querySelectorAll('td')[2]?.textContent).toBe('3d');
  });

  it('asks before resetting, and Cancel sends nothing', async () => {
    const onAction = detail(card());
    fireEvent.click(screen.getByRole('button', { name: 'Reset…' }));
    expect(screen.getByText(/its review history is kept/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onAction).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Reset…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reset to new' }));
    await screen.findByText('Reset to new. Its reviews stay in the history.');
    expect(onAction).toHaveBeenCalledWith({ kind: 'reset' });
  });

  it('offers Unbury only while the card is buried', async () => {
    const onAction = detail(card({ buriedUntil: T0 + DAY }));
    expect(screen.getByText(/Buried until/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Unbury' }));
    await screen.findByText('Unburied.');
    expect(onAction).toHaveBeenCalledWith({ kind: 'unbury' });
  });

  it('has no Unbury button for a card that is not buried, and Unsuspend for a suspended one', () => {
    detail(card({ suspended: true }));
    expect(screen.queryByRole('button', { name: 'Unbury' })).toBeNull();
    expect(screen.getByRole('button', { name: 'Unsuspend' })).toBeTruthy();
  });

  it('saves the note through the action and says so; a failure is shown', async () => {
    const onAction = vi.fn(async (a: CardAction) =>
      a.kind === 'note' && a.text === 'fail' ? 'disk full' : null,
    );
    detail(card({ note: 'old' }), onAction);
    const box = screen.getByLabelText('Note') as HTMLTextAreaElement;
    expect(box.value).toBe('old');
    fireEvent.input(box, { target: { value: 'new note' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await screen.findByText('Note saved.');
    expect(onAction).toHaveBeenCalledWith({ kind: 'note', text: 'new note' });
    fireEvent.input(box, { target: { value: 'fail' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save note' }));
    await screen.findByText('That did not work: disk full');
  });

  it("names the question's level and the memory difficulty apart, each with what it means", () => {
    detail(card({ difficulty: 10 }));
    const level = document.querySelector('.card-meta .bank-level')!;
    expect(level.textContent).toBe('Level: explain (2 of 3)');
    expect(level.getAttribute('title')).toMatch(/question bank.*1 recall, 2 explain, 3 derive or design/);
    const memory = document.querySelector('[data-field="difficulty"]')!;
    expect(memory.previousElementSibling?.textContent).toBe('Memory difficulty');
    expect(memory.textContent).toBe('10.0 of 10');
    expect(memory.parentElement!.getAttribute('title')).toMatch(
      /hard this card has been for you to remember.*FSRS/,
    );
  });

  it('names them apart in Chinese too', () => {
    detail(card({ difficulty: 4.26 }), undefined, ONE_REVIEW, 'zh');
    expect(document.querySelector('.card-meta .bank-level')!.textContent).toBe('题目难度：讲清原理（2/3）');
    const memory = document.querySelector('[data-field="difficulty"]')!;
    expect(memory.previousElementSibling?.textContent).toBe('记忆难度');
    expect(memory.textContent).toBe('4.3/10');
  });

  it('offers no Reset for a card never reviewed, and offers it once the card has a rating', () => {
    const fresh = card({ state: State.New, reps: 0, last_review: null, stability: 0, difficulty: 0 });
    detail(fresh, undefined, []);
    expect(screen.getByRole('button', { name: 'Suspend' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Reset/ })).toBeNull();
    cleanup();
    // New again after a reset: its ratings are in the log, so Reset stays.
    detail({ ...fresh, resetAt: T0 + 1 });
    expect(screen.getByRole('button', { name: 'Reset…' })).toBeTruthy();
    cleanup();
    detail(card({ state: State.Learning, reps: 1 }));
    expect(screen.getByRole('button', { name: 'Reset…' })).toBeTruthy();
  });

  it('flags a leech', () => {
    detail(card({ lapses: 8 }));
    expect(screen.getByText(/Leech: forgotten 8 times/)).toBeTruthy();
  });
});

describe('BrowseList', () => {
  it('shows "N of total", the state and due date, and moves with the arrow keys', async () => {
    const second: SearchEntry = {
      ...entry,
      id: 'q2',
      order: 1,
      en: { q: 'Question q2', html: 'Question q2' },
    };
    const c = card({ suspended: true });
    const onSelect = vi.fn();
    render(
      <BrowseList
        rows={[
          { entry, card: c, status: cardStatus(c, T0) },
          { entry: second, card: undefined, status: cardStatus(undefined, T0) },
        ]}
        total={209}
        selectedId="q1"
        contentLang="en"
        uiLang="en"
        t={t}
        now={T0}
        onSelect={onSelect}
      />,
    );
    expect(screen.getByRole('status').textContent).toBe('2 of 209');
    const [b1, b2] = screen.getAllByRole('button');
    expect(b1!.getAttribute('aria-current')).toBe('true');
    expect(b1!.textContent).toContain('Suspended');
    expect(b1!.textContent).toContain('due');
    expect(b2!.textContent).toContain('New');
    b1!.focus();
    fireEvent.keyDown(b1!, { key: 'ArrowDown' });
    await waitFor(() => expect(document.activeElement).toBe(b2));
    fireEvent.click(b2!);
    expect(onSelect).toHaveBeenCalledWith('q2');
  });
});
