import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { handleGrade } from '@/lib/background-core';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { sessionFixture, T0 } from './helpers';

describe('study session', () => {
  it('shows the first new card, reveals, rates through the background and moves on', async () => {
    const { session, sent, db } = await sessionFixture(['q1', 'q2']);
    await session.start();
    expect(session.state.kind).toBe('card');
    if (session.state.kind !== 'card') return;
    expect(session.state.card.id).toBe('q1');
    expect(session.state.revealed).toBe(false);
    await session.rate(Rating.Good); // ignored before reveal
    expect(sent).toHaveLength(0);
    session.reveal();
    await session.rate(Rating.Good);
    expect(sent.map((r) => [r.cardId, r.rating, r.reviewId])).toEqual([['q1', 3, 'review-1']]);
    expect(await db.count('reviews')).toBe(1);
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q2');
  });

  it('shows "all caught up" with the next due time once nothing is due', async () => {
    const { session } = await sessionFixture(['q1']);
    await session.start();
    session.reveal();
    await session.rate(Rating.Good);
    expect(session.state.kind).toBe('done');
    if (session.state.kind !== 'done') return;
    expect(session.state.counts.reviewedToday).toBe(1);
    expect(session.state.counts.nextDue).not.toBeNull();
  });

  it('keeps the card and its review id when saving fails, so a retry is stored once', async () => {
    const { session, sent, failNextGrade, db } = await sessionFixture(['q1', 'q2']);
    await session.start();
    session.reveal();
    failNextGrade('disk full');
    await session.rate(Rating.Hard);
    expect(session.state.kind === 'card' && session.state.error).toBe('disk full');
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
    await session.rate(Rating.Hard);
    expect(sent.map((r) => r.reviewId)).toEqual(['review-1', 'review-1']);
    expect(await db.count('reviews')).toBe(1);
  });

  it('moves on when another page rated the card on screen', async () => {
    const { session, deps } = await sessionFixture(['q1', 'q2']);
    await session.start();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
    await handleGrade(await deps.db(), DEFAULT_SETTINGS, {
      type: 'grade',
      reviewId: 'from-the-popup',
      cardId: 'q1',
      rating: Rating.Good,
      reviewedAt: T0,
    });
    await session.queueChanged('q1');
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q2');
  });

  it('follows a topic change at once', async () => {
    const { session } = await sessionFixture(['q1']);
    await session.start();
    expect(session.state.kind).toBe('card');
    await session.settingsChanged({
      ...(await import('@/lib/settings')).DEFAULT_SETTINGS,
      disabledSections: ['basics'],
    });
    expect(session.state.kind).toBe('done');
  });
});

describe('a rating whose answer was lost', () => {
  it('is stored once even when the person then presses another rating', async () => {
    let lose = true;
    const fixture = await sessionFixture(['q1', 'q2']);
    const { session, db, deps } = fixture;
    const send = deps.sendGrade;
    deps.sendGrade = async (req) => {
      const res = await send(req);
      if (!lose) return res;
      lose = false;
      // Stored, but the answer never reaches the page (e.g. the worker stopped).
      return { ok: false, error: 'storage', message: 'The message port closed.' };
    };
    await session.start();
    session.reveal();
    await session.rate(Rating.Good);
    expect(session.state.kind === 'card' && session.state.error).toMatch(/port closed/);
    await session.rate(Rating.Again);
    expect(await db.count('reviews')).toBe(1);
    expect((await db.getAll('reviews'))[0]!.rating).toBe(Rating.Good);
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q2');
  });
});
