import { afterEach, describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import type { UndoResponse } from '@/lib/messaging';
import { EMPTY_PACING, openNewTab, snooze, DEFAULT_PACING } from '@/lib/study/pacing';
import { nextStudyDayStart } from '@/lib/srs/day';
import { handleGrade } from '@/lib/background/handlers';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import { markViewed } from '@/lib/db/views';
import { sessionFixture, T0, memorySlot } from './helpers';

const MIN = 60_000;

// Found by a review of the session: each of these failed before it was fixed.
describe('study session edge cases', () => {
  it('gives a card shown again on the same page a new review id, so its second rating is stored', async () => {
    const { session, db, tick } = await sessionFixture(['q1', 'q2'], { newPerDay: 2 });
    await session.start();
    session.reveal();
    await session.rate(Rating.Again);
    await session.skip(); // q2 skipped: nothing left but q1, in a minute
    tick(2 * MIN);
    await session.queueChanged();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
    session.reveal();
    await session.rate(Rating.Good);
    expect(await db.count('reviews')).toBe(2);
  });

  it('keeps the answer open when its own note broadcast comes back', async () => {
    const { session } = await sessionFixture(['q1', 'q2']);
    await session.start();
    session.reveal();
    expect(await session.act({ kind: 'note', text: 'remember softmax' })).toBe(true);
    await session.queueChanged('q1'); // the background tells every page, this one too
    expect(session.state.kind === 'card' && session.state.revealed).toBe(true);
    expect(session.state.kind === 'card' && session.state.card.note).toBe('remember softmax');
  });

  it('follows ratings that came through sync: the counts at once, the card only if it was rated there', async () => {
    const { session, db } = await sessionFixture(['q1', 'q2', 'q3'], { newPerDay: 3 });
    await session.start();
    session.reveal();
    const newLeft = () => (session.state.kind === 'card' ? session.state.counts.newLeft : null);
    expect(newLeft()).toBe(3);
    // Another browser rated q2 (sync stored it here): the answer stays open, the count drops.
    await handleGrade(db, DEFAULT_SETTINGS, {
      type: 'grade',
      reviewId: 'far',
      cardId: 'q2',
      rating: 3,
      reviewedAt: T0,
    });
    await session.queueChanged(undefined, ['q2']);
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
    expect(session.state.kind === 'card' && session.state.revealed).toBe(true);
    expect(newLeft()).toBe(2);
    // Then the card on screen itself: the page moves on.
    await handleGrade(db, DEFAULT_SETTINGS, {
      type: 'grade',
      reviewId: 'far2',
      cardId: 'q1',
      rating: 3,
      reviewedAt: T0,
    });
    await session.queueChanged(undefined, ['q1']);
    expect(session.state.kind === 'card' && session.state.card.id).not.toBe('q1');
  });

  it('undoes one rating per press even when U is pressed twice at once', async () => {
    const { session, db } = await sessionFixture(['q1', 'q2', 'q3'], { newPerDay: 3 });
    await session.start();
    session.reveal();
    await session.rate(Rating.Good);
    session.reveal();
    await session.rate(Rating.Good);
    await Promise.all([session.undo(), session.undo()]);
    expect(await db.count('reviews')).toBe(1);
    expect(session.state.canUndo).toBe(true);
    await session.undo();
    expect(await db.count('reviews')).toBe(0);
  });

  it('stores, counts and can undo a rating pressed while a queue change is being read', async () => {
    let counted = 0;
    const fx = await sessionFixture(['q1', 'q2'], { newPerDay: 2 }, { onRated: (d) => (counted += d) });
    const { session, db } = fx;
    await session.start();
    session.reveal();
    await handleGrade(db, DEFAULT_SETTINGS, {
      type: 'grade',
      reviewId: 'other',
      cardId: 'q1',
      rating: Rating.Good,
      reviewedAt: T0,
    });
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = fx.deps.sendGrade;
    fx.deps.sendGrade = async (req) => {
      await gate;
      return real(req);
    };
    const changed = session.queueChanged('q1');
    const rating = session.rate(Rating.Good);
    release();
    await Promise.all([changed, rating]);
    expect(counted).toBe(1);
    expect(session.state.canUndo).toBe(true);
  });

  it('keeps the answer open when its own note broadcast arrives before the answer to the action', async () => {
    const fx = await sessionFixture(['q1', 'q2']);
    const { session } = fx;
    await session.start();
    session.reveal();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = fx.deps.sendCardAction;
    fx.deps.sendCardAction = async (...args) => {
      const res = await real(...args);
      await gate;
      return res;
    };
    const saved = session.act({ kind: 'note', text: 'remember softmax' });
    const broadcast = session.queueChanged('q1'); // the background tells every page, this one too
    release();
    expect(await saved).toBe(true);
    await broadcast;
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
    expect(session.state.kind === 'card' && session.state.revealed).toBe(true);
    expect(session.state.kind === 'card' && session.state.card.note).toBe('remember softmax');
  });

  it('does nothing on a calm new tab until it is asked to study', async () => {
    const { session, db } = await sessionFixture(['q1', 'q2']);
    await session.queueChanged('elsewhere');
    await session.settingsChanged({
      ...(await import('@/lib/settings/model')).DEFAULT_SETTINGS,
      newPerDay: 5,
    });
    expect(await db.get('meta', 'recent-views')).toBeUndefined();
    expect(session.state.kind).toBe('loading');
  });

  it('ignores a rating pressed while an undo is on its way, and counts every stored rating', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let counted = 0;
    const fx = await sessionFixture(['q1', 'q2', 'q3'], { newPerDay: 3 }, { onRated: (d) => (counted += d) });
    const real = fx.deps.sendUndo;
    fx.deps.sendUndo = async (id): Promise<UndoResponse> => {
      const r = await real(id);
      await gate;
      return r;
    };
    const { session, db } = fx;
    await session.start();
    session.reveal();
    await session.rate(Rating.Good);
    session.reveal();
    const undo = session.undo();
    const rated = session.rate(Rating.Good); // refused: the undo is in flight
    release();
    await Promise.all([undo, rated]);
    expect(await db.count('reviews')).toBe(0);
    expect(counted).toBe(0);
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
  });
});

describe('pacing across a daylight-saving change', () => {
  const tz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = tz;
  });

  it('snoozes "for today" until the day-start hour, also on the night the clocks move', () => {
    process.env.TZ = 'America/New_York';
    const springEve = new Date(2026, 2, 7, 20, 0).getTime();
    expect(new Date(snooze(EMPTY_PACING, 'day', springEve, 4).snoozeUntil).getHours()).toBe(4);
    const fallEve = new Date(2026, 9, 31, 20, 0).getTime();
    expect(new Date(nextStudyDayStart(fallEve, 4)).getHours()).toBe(4);
    const capped = openNewTab(
      { ...DEFAULT_PACING, dayStartHour: 4, newTabDailyCap: 1 },
      { ...EMPTY_PACING, day: new Date(2026, 9, 31, 4).getTime(), studied: 1 },
      fallEve,
    ).decision;
    expect(!capped.study && new Date(capped.until!).getHours()).toBe(4);
  });
});

// The two races of the old session (issue 12): each test failed before the session became
// pure transitions plus effects.
describe('study session races', () => {
  it('counts and can undo a rating whose settings changed the queue while it was on its way', async () => {
    let counted = 0;
    const fx = await sessionFixture(['q1', 'q2'], { newPerDay: 2 }, { onRated: (d) => (counted += d) });
    const { session, db } = fx;
    await db.put('cards', { ...(await db.get('cards', 'q2'))!, section: 'inference', topics: ['kv-cache'] });
    await session.start();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
    session.reveal();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const real = fx.deps.sendGrade;
    fx.deps.sendGrade = async (req) => {
      const res = await real(req);
      await gate;
      return res;
    };
    const rating = session.rate(Rating.Good);
    // Basics turned off while the rating of q1 is on its way; the answer comes after the
    // page has had every chance to follow the new settings.
    const changed = session.settingsChanged({
      ...DEFAULT_SETTINGS,
      newPerDay: 2,
      disabledSections: ['basics'],
    });
    await turns(200);
    release();
    await Promise.all([rating, changed, turns(200)]);
    expect(counted).toBe(1);
    expect(session.state.canUndo).toBe(true);
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q2');
    await session.undo();
    expect(await db.count('reviews')).toBe(0);
    expect(counted).toBe(0);
  });

  it('writes no prepared slot from a preparation that a rating made stale', async () => {
    const store = { next: memorySlot(), head: memorySlot() };
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let gated = false;
    const fx = await sessionFixture(['q1', 'q2', 'q3'], { newPerDay: 3 }, { prepared: store });
    const load = fx.deps.loadQuestion;
    // The first preparation's read of the queue's head (q1) is slow.
    fx.deps.loadQuestion = async (id) => {
      if (id === 'q1' && !gated) {
        gated = true;
        await gate;
      }
      return load(id);
    };
    const { session, db } = fx;
    await markViewed(db, 'q1', T0 - MIN); // shown on another tab: this one starts at q2
    const started = session.start();
    await until(() => gated);
    session.reveal();
    const rated = session.rate(Rating.Good);
    await until(() => store.head.read()?.counts.reviewedToday === 1);
    release();
    await Promise.all([started, rated, turns(200)]);
    // The slot the next popup paints from counts the rating: the stale preparation wrote nothing.
    expect(store.head.read()?.card.id).toBe('q1');
    expect(store.head.read()?.counts.reviewedToday).toBe(1);
  });
});

/** Lets `n` turns of the event loop pass: whatever the session has in flight moves on (no timers). */
async function turns(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await new Promise<void>((r) => setImmediate(r));
}

/** Waits for the session's own promises to move, until `done` holds (no timers). */
async function until(done: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !done(); i++) await new Promise<void>((r) => setImmediate(r));
  expect(done()).toBe(true);
}
