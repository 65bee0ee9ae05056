import { describe, expect, it } from 'vitest';
import { Rating, State as FsrsState, type Grade } from 'ts-fsrs';
import { handleGrade } from '@/lib/background/handlers';
import { checkDatabase } from '@/lib/db/repair';
import {
  GRADES,
  isLeech,
  LEECH_LAPSES,
  NOTE_MAX_LENGTH,
  Rating as OurRating,
  State,
} from '@/lib/srs/card-state';
import { gradeCard, makeScheduler, newSchedulingState, rollbackRating } from '@/lib/srs/schedule';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import type { StudySession } from '@/lib/study/session';
import { sessionFixture, T0 } from './helpers';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;

describe('card-state constants', () => {
  it('are the numbers ts-fsrs uses', () => {
    expect(State).toEqual({
      New: FsrsState.New,
      Learning: FsrsState.Learning,
      Review: FsrsState.Review,
      Relearning: FsrsState.Relearning,
    });
    expect(OurRating).toEqual({
      Again: Rating.Again,
      Hard: Rating.Hard,
      Good: Rating.Good,
      Easy: Rating.Easy,
    });
    expect(GRADES).toEqual([1, 2, 3, 4]);
  });

  it('flags a card forgotten 8 times as a leech', () => {
    expect(LEECH_LAPSES).toBe(8);
    expect(isLeech({ lapses: 7 })).toBe(false);
    expect(isLeech({ lapses: 8 })).toBe(true);
  });
});

describe('rollbackRating', () => {
  it('restores the card exactly, field for field, after every rating of a sequence crossing every state', () => {
    for (const fuzz of [false, true]) {
      const f = makeScheduler({ retention: 0.9, fuzz });
      const steps: [Grade, number][] = [
        [3, 0],
        [1, 10 * MIN],
        [3, 5 * MIN],
        [3, DAY],
        [2, 4 * DAY],
        [1, 9 * DAY],
        [3, 30 * MIN],
        [4, 2 * DAY],
        [3, 20 * DAY],
      ];
      let card = newSchedulingState(T0);
      let now = T0;
      const seen = new Set<number>();
      for (const [rating, gap] of steps) {
        now += gap;
        const { state, log } = gradeCard(f, card, rating, now);
        seen.add(card.state);
        expect(rollbackRating(f, state, log, card.due)).toEqual(card);
        card = state;
      }
      expect([...seen].sort()).toEqual([0, 1, 2, 3]);
    }
  });
});

describe('undo in a study session', () => {
  it('takes back the last rating: the card is exactly as before and the log has no trace of it', async () => {
    const { session, db, tick } = await sessionFixture(['q1', 'q2']);
    await session.start();
    const before = await db.get('cards', 'q1');
    session.reveal();
    await session.rate(Rating.Good);
    // Rate it a second time later, so the undone rating is not the card's first.
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q2');
    expect(session.state.canUndo).toBe(true);
    await session.undo();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
    expect(session.state.kind === 'card' && session.state.revealed).toBe(false);
    expect(session.state.notice).toBe('undone');
    expect(session.state.canUndo).toBe(false);
    expect(await db.get('cards', 'q1')).toEqual(before);
    expect(await db.count('reviews')).toBe(0);
    // Rated again, then twice more: each undo walks one step back.
    session.reveal();
    await session.rate(Rating.Again);
    const afterAgain = await db.get('cards', 'q1');
    tick(11 * MIN);
    await session.queueChanged();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q2');
    session.reveal();
    await session.rate(Rating.Good);
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
    session.reveal();
    await session.rate(Rating.Good);
    await session.undo();
    expect(await db.get('cards', 'q1')).toEqual(afterAgain);
    await session.undo();
    await session.undo();
    expect(await db.get('cards', 'q1')).toEqual(before);
    expect(await db.count('reviews')).toBe(0);
  });

  it('refuses to undo a rating the card has been rated past elsewhere, and says so', async () => {
    const { session, db, tick } = await sessionFixture(['q1', 'q2']);
    await session.start();
    session.reveal();
    await session.rate(Rating.Again);
    tick(MIN);
    await handleGrade(db, DEFAULT_SETTINGS, {
      type: 'grade',
      reviewId: 'popup-1',
      cardId: 'q1',
      rating: Rating.Good,
      reviewedAt: T0 + MIN,
    });
    const card = await db.get('cards', 'q1');
    await session.undo();
    expect(session.state.actionError).toMatch(/rated again/);
    expect(await db.get('cards', 'q1')).toEqual(card);
    expect(await db.count('reviews')).toBe(2);
  });
});

describe('undo of skip, bury, suspend and reset in a study session', () => {
  const onScreen = ({ state }: StudySession) => state.kind === 'card' && state.card.id;

  it('brings a skipped, buried or suspended card back on this page, stored as it was', async () => {
    const { session, db } = await sessionFixture(['q1', 'q2', 'q3'], { newPerDay: 3 });
    await session.start();
    const before = await db.get('cards', 'q1');
    await session.skip();
    expect(onScreen(session)).toBe('q2');
    await session.undo();
    expect(onScreen(session)).toBe('q1');
    expect(session.state.notice).toBe('undone');
    for (const kind of ['bury', 'suspend'] as const) {
      await session.act({ kind });
      expect(onScreen(session)).toBe('q2');
      expect(session.state.canUndo).toBe(true);
      await session.undo();
      expect(onScreen(session)).toBe('q1');
      // As it was, with when it was taken back: sync carries the undo as the latest change.
      const { suspendedAt, buriedAt, ...after } = (await db.get('cards', 'q1'))!;
      expect(after).toEqual(before);
      expect(kind === 'bury' ? buriedAt : suspendedAt).toBeGreaterThan(0);
    }
    expect(session.state.canUndo).toBe(false);
    expect(await db.count('reviews')).toBe(0);
  });

  it('takes a reset back: the schedule it replaced, field for field, with the log untouched', async () => {
    const { session, db, tick } = await sessionFixture(['q1']);
    await session.start();
    session.reveal();
    await session.rate(Rating.Good);
    tick(11 * MIN);
    await session.queueChanged();
    expect(onScreen(session)).toBe('q1');
    const before = await db.get('cards', 'q1');
    expect(before?.state).toBe(State.Learning);
    await session.act({ kind: 'reset' });
    expect((await db.get('cards', 'q1'))?.state).toBe(State.New);
    await session.undo();
    expect(onScreen(session)).toBe('q1');
    expect(await db.get('cards', 'q1')).toEqual(before);
    expect(await db.count('reviews')).toBe(1);
  });

  it('keeps a reset that the card has been rated past since, and says so', async () => {
    const { session, db, tick } = await sessionFixture(['q1']);
    await session.start();
    session.reveal();
    await session.rate(Rating.Good);
    tick(11 * MIN);
    await session.queueChanged();
    await session.act({ kind: 'reset' });
    await handleGrade(db, DEFAULT_SETTINGS, {
      type: 'grade',
      reviewId: 'popup-1',
      cardId: 'q1',
      rating: Rating.Easy,
      reviewedAt: T0 + 12 * MIN,
    });
    const card = await db.get('cards', 'q1');
    await session.undo();
    expect(session.state.actionError).toMatch(/rated or reset again since/);
    expect(await db.get('cards', 'q1')).toEqual(card);
  });
});

describe('card actions in a study session', () => {
  it('skip moves on without a rating and this page does not bring the card back', async () => {
    const { session, db } = await sessionFixture(['q1', 'q2', 'q3'], { newPerDay: 3 });
    await session.start();
    await session.skip();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q2');
    expect(session.state.notice).toBe('skipped');
    session.reveal();
    await session.rate(Rating.Good);
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q3');
    expect(await db.count('reviews')).toBe(1);
    expect((await db.get('cards', 'q1'))?.state).toBe(State.New);
  });

  it('bury hides a due card until the next study day starts, then it comes back', async () => {
    // T0 is 02:00 UTC; the study day starts at 04:00 local time.
    const { session, db, tick, deps } = await sessionFixture(['q1', 'q2'], { newPerDay: 1 });
    await session.start();
    session.reveal();
    await session.rate(Rating.Again); // q1 in learning, due in a minute; q2 is over the new limit
    tick(2 * MIN);
    await session.queueChanged();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
    await session.act({ kind: 'bury' });
    expect(session.state.kind).toBe('done');
    expect(session.state.notice).toBe('buried');
    const buried = await db.get('cards', 'q1');
    const comeBack = new Date(T0 + 2 * MIN);
    comeBack.setHours(24 + 4 - (comeBack.getHours() < 4 ? 24 : 0), 0, 0, 0);
    expect(buried?.buriedUntil).toBe(comeBack.getTime());
    tick(comeBack.getTime() - deps.now() - MIN);
    await session.queueChanged();
    expect(session.state.kind).toBe('done');
    tick(2 * MIN);
    await session.queueChanged();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
  });

  it('suspend keeps a card out until it is unsuspended', async () => {
    const { session, db, deps } = await sessionFixture(['q1', 'q2']);
    await session.start();
    await session.act({ kind: 'suspend' });
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q2');
    expect((await db.get('cards', 'q1'))?.suspended).toBe(true);
    expect((await db.get('cards', 'q1'))?.newOrder).toBeUndefined();
    session.reveal();
    await session.rate(Rating.Easy);
    expect(session.state.kind).toBe('done');
    await deps.sendCardAction('q1', { kind: 'unsuspend' }, deps.now());
    await session.queueChanged();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
  });

  it('reset makes the card new again, keeps its reviews, and a rebuild from the log respects it', async () => {
    const { session, db, tick, deps } = await sessionFixture(['q1', 'q2']);
    await session.start();
    session.reveal();
    await session.rate(Rating.Good);
    tick(DAY);
    const [res] = await Promise.all([deps.sendCardAction('q1', { kind: 'reset' }, deps.now())]);
    expect(res.ok).toBe(true);
    const reset = await db.get('cards', 'q1');
    expect(reset).toMatchObject({ state: State.New, reps: 0, lapses: 0, resetAt: deps.now(), newOrder: 0 });
    expect(await db.count('reviews')).toBe(1);
    // The database check rebuilds this card from its log: it stays new.
    await db.put('cards', { ...reset!, stability: Number.NaN });
    await checkDatabase(
      db,
      [
        { id: 'q1', section: 'basics', topics: ['attention'], order: 0 },
        { id: 'q2', section: 'basics', topics: ['attention'], order: 1 },
      ],
      deps.now(),
      0.9,
    );
    expect((await db.get('cards', 'q1'))?.state).toBe(State.New);
  });

  it('saves a trimmed note of at most 500 characters on the card on screen; an empty note removes it', async () => {
    const { session, db } = await sessionFixture(['q1']);
    await session.start();
    expect(await session.act({ kind: 'note', text: '  softmax 先减最大值 ' })).toBe(true);
    expect(session.state.kind === 'card' && session.state.card.note).toBe('softmax 先减最大值');
    expect(session.state.notice).toBe('noteSaved');
    expect((await db.get('cards', 'q1'))?.note).toBe('softmax 先减最大值');
    await session.act({ kind: 'note', text: 'x'.repeat(900) });
    expect((await db.get('cards', 'q1'))?.note).toHaveLength(NOTE_MAX_LENGTH);
    await session.act({ kind: 'note', text: '   ' });
    expect((await db.get('cards', 'q1'))?.note).toBeUndefined();
  });
});

describe('undo of a skip, when the card changed elsewhere meanwhile', () => {
  it('does not bring back a card rated or suspended on another page since; the queue decides', async () => {
    const { session, db, deps } = await sessionFixture(['q1', 'q2', 'q3'], { newPerDay: 3 });
    await session.start();
    await session.skip();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q2');
    // Another page suspends q1.
    await deps.sendCardAction('q1', { kind: 'suspend' }, deps.now());
    await session.undo();
    expect(session.state.kind === 'card' && session.state.card.id).not.toBe('q1');
    expect((await db.get('cards', 'q1'))?.suspended).toBe(true);
  });
});
