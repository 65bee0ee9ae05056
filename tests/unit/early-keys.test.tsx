import { render, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { StudyView } from '@/components/StudyView';
import { handleGrade } from '@/lib/background/handlers';
import { translator } from '@/lib/i18n/strings';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import { holdEarlyKeys, takeEarlyKeys } from '@/lib/study/early-keys';
import { createStudySession } from '@/lib/study/session';
import { preparedCard, sessionFixture, T0 } from './helpers';

describe('no key press is lost', () => {
  it('holds a rating pressed on a painted card until the queue confirms it, then stores it', async () => {
    const { deps, db } = await sessionFixture(['q1', 'q2']);
    const session = createStudySession({ ...deps, initial: preparedCard('q1', T0) });
    session.reveal();
    const rated = session.rate(Rating.Good); // before the queue has been read
    expect(session.state.kind === 'card' && session.state.pending).toBe(true);
    await Promise.all([session.start(), rated]);
    expect(await db.count('reviews')).toBe(1);
    expect((await db.getAll('reviews'))[0]!.cardId).toBe('q1');
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q2');
    expect(session.state.canUndo).toBe(true);
  });

  it('says so, and stores nothing, when the queue puts another card in place of the painted one', async () => {
    const { deps, db } = await sessionFixture(['q1', 'q2']);
    // q1 was rated on another page after this tab's card was prepared.
    await handleGrade(db, DEFAULT_SETTINGS, {
      type: 'grade',
      reviewId: 'elsewhere',
      cardId: 'q1',
      rating: Rating.Easy,
      reviewedAt: T0,
    });
    const session = createStudySession({ ...deps, initial: preparedCard('q1', T0) });
    session.reveal();
    const rated = session.rate(Rating.Again);
    await Promise.all([session.start(), rated]);
    expect(await db.count('reviews')).toBe(1);
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q2');
    expect(session.state.notice).toBe('ratingDropped');
  });

  it('handles keys pressed before the app listened, in order, once the card is on screen', async () => {
    const { deps, db } = await sessionFixture(['q1', 'q2']);
    holdEarlyKeys(window);
    // Pressed while only the painted card was on screen.
    window.dispatchEvent(new KeyboardEvent('keydown', { key: ' ' }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: '3' }));
    const session = createStudySession({ ...deps, initial: preparedCard('q1', T0) });
    render(<StudyView session={session} contentLang="en" uiLang="en" t={translator('en')} now={() => T0} />);
    await session.start();
    await waitFor(async () => expect(await db.count('reviews')).toBe(1));
    await session.settled();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q2');
    // Taken once: nothing is held any more.
    expect(takeEarlyKeys(window)).toEqual([]);
  });

  it('holds no key typed into a field, nor a shortcut with a modifier', () => {
    holdEarlyKeys(window);
    const input = document.createElement('input');
    document.body.append(input);
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'b', bubbles: true }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 't', ctrlKey: true }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(takeEarlyKeys(window)).toEqual(['Enter']);
    input.remove();
  });
});
