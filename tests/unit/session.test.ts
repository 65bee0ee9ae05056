import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { handleGrade } from '@/lib/background/handlers';
import { withQueueKeys } from '@/lib/db';
import { markViewed } from '@/lib/db/views';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import type { StudySession } from '@/lib/study/session';
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

  it('paints after a rating the card the queue then confirms, when other tabs showed the first new cards', async () => {
    // Today's ten new cards are q0..q9; other tabs showed q1..q9 a minute ago. Once q0 is
    // rated it counts as introduced, so q10 is not among today's new cards: the card painted
    // at once must not be q10, only for the queue to swap it a moment later.
    const ids = Array.from({ length: 12 }, (_, i) => `q${i}`);
    const { session, db } = await sessionFixture(ids, { newPerDay: 10 });
    for (const id of ids.slice(1, 10)) await markViewed(db, id, T0 - 60_000);
    await session.start();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q0');
    const painted = await cardsPaintedAfterRating(session);
    expect(new Set(painted).size).toBe(1);
    expect(painted[0]).not.toBe('q10');
  });

  it('paints after rating a review the card the queue then confirms, at the daily review limit', async () => {
    // Four reviews due, room for three today; other tabs showed r1 and r2. Once r0 is rated,
    // r3 is past today's limit.
    const ids = ['r0', 'r1', 'r2', 'r3'];
    const { session, db } = await sessionFixture(ids, { maxReviewsPerDay: 3, newPerDay: 0 });
    for (const [i, id] of ids.entries()) {
      const card = (await db.get('cards', id))!;
      const due = T0 - (10 - i) * 3_600_000;
      await db.put(
        'cards',
        withQueueKeys({ ...card, state: 2, due, reps: 3, last_review: due - 86_400_000 }),
      );
    }
    for (const id of ['r1', 'r2']) await markViewed(db, id, T0 - 60_000);
    await session.start();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('r0');
    const painted = await cardsPaintedAfterRating(session);
    expect(new Set(painted).size).toBe(1);
    expect(painted[0]).not.toBe('r3');
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

  it('says why nothing is left: the new-card limit, cards skipped here, no topic chosen, or later', async () => {
    const limited = await sessionFixture(['q1', 'q2', 'q3'], { newPerDay: 1 });
    await limited.session.start();
    limited.session.reveal();
    await limited.session.rate(Rating.Easy);
    expect(limited.session.state.kind === 'done' && limited.session.state.why).toBe('new');

    const skipping = await sessionFixture(['q1']);
    await skipping.session.start();
    await skipping.session.skip();
    expect(skipping.session.state.kind === 'done' && skipping.session.state.why).toBe('skipped');

    const none = await sessionFixture(['q1'], { disabledSections: ['basics'] });
    await none.session.start();
    expect(none.session.state.kind === 'done' && none.session.state.why).toBe('scope');

    const later = await sessionFixture(['q1']);
    await later.session.start();
    later.session.reveal();
    await later.session.rate(Rating.Easy);
    expect(later.session.state.kind === 'done' && later.session.state.why).toBe('later');
  });

  it('says the daily review limit holds due reviews back', async () => {
    const { session, db } = await sessionFixture(['r0', 'r1'], { maxReviewsPerDay: 1, newPerDay: 0 });
    for (const id of ['r0', 'r1']) {
      const card = (await db.get('cards', id))!;
      const due = T0 - 3_600_000;
      await db.put(
        'cards',
        withQueueKeys({
          ...card,
          state: 2,
          due,
          stability: 5,
          difficulty: 5,
          reps: 1,
          last_review: due - 86_400_000,
        }),
      );
    }
    await session.start();
    session.reveal();
    await session.rate(Rating.Good);
    await session.settled();
    expect(session.state.kind === 'done' && session.state.why).toBe('reviews');
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
      ...(await import('@/lib/settings/model')).DEFAULT_SETTINGS,
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

/**
 * Reveals the card on screen, lets the page prepare the one after it, rates Good, and
 * returns every card painted from then until the queue confirmed one.
 */
async function cardsPaintedAfterRating(session: StudySession): Promise<string[]> {
  session.reveal();
  // The card after this one is prepared by the time the start-up work has settled.
  await session.settled();
  const painted: string[] = [];
  session.subscribe((s) => {
    if (s.kind === 'card' && !s.pending) painted.push(s.card.id);
  });
  await session.rate(Rating.Good);
  expect(session.state.kind === 'card' && session.state.confirmed).toBe(true);
  return painted;
}
