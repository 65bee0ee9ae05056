import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openStudyDb, withQueueKeys, type CardRecord, type StudyDatabase } from '@/lib/db';
import { markViewed, VIEWS_KEY } from '@/lib/db/views';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import { State } from '@/lib/srs/card-state';
import { nextCard, queueCounts, type QueueContext } from '@/lib/srs/queue';
import { studyDayStart } from '@/lib/srs/day';
import { badgeCounts, pickFromSnapshot, studySnapshot } from '@/lib/study/queue-read';
import { T0 } from './helpers';

const HOUR = 3_600_000;

/** Where a card sits: its section and topics (a card without topics follows its section). */
const PLACES = [
  { section: 'basics', topics: ['attention'] },
  { section: 'basics', topics: ['rope'] },
  { section: 'basics', topics: ['attention', 'rope'] },
  { section: 'basics', topics: [] },
  { section: 'inference', topics: ['kv-cache'] },
] as const;

/** A card in any state the queue can meet: overdue, due together, buried, suspended, retired. */
const cardArb = fc.record({
  state: fc.constantFrom(
    State.New,
    State.Learning,
    State.Review,
    State.Review,
    State.Review,
    State.Relearning,
  ),
  // Few distinct times, so several cards are often due at the very same moment.
  dueHours: fc.integer({ min: -6, max: 3 }),
  buried: fc.constantFrom(undefined, -2, 2),
  suspended: fc.constantFrom(false, false, true),
  inBank: fc.constantFrom(true, true, true, false),
  place: fc.constantFrom(...PLACES),
});

/** A topic filter over those places: sections and topics turned off. */
const filterArb = fc.record({
  disabledSections: fc.subarray(['basics', 'inference']),
  disabledTopics: fc.subarray(['basics/attention', 'basics/rope', 'inference/kv-cache']),
});

const scenarioArb = fc.record({
  cards: fc.array(cardArb, { maxLength: 30 }),
  window: fc.integer({ min: 1, max: 4 }),
  maxReviewsPerDay: fc.integer({ min: 0, max: 12 }),
  newPerDay: fc.integer({ min: 0, max: 4 }),
  viewed: fc.array(fc.tuple(fc.nat(29), fc.integer({ min: 0, max: 40 })), { maxLength: 24 }),
  excluded: fc.array(fc.nat(29), { maxLength: 4 }),
  filter: fc.oneof(fc.constant({ disabledSections: [], disabledTopics: [] }), filterArb),
});

/**
 * Queues whose head is what a page passes over: cards due one after another (some at the
 * same moment), views and exclusions on the first of them, views in the future and at the
 * very edge of the rotation window (minutes ago), the page's own views, ratings already
 * given today, and bank order unlike id order.
 */
const headArb = fc.record({
  cards: fc.array(
    fc.record({
      state: fc.constantFrom(
        State.Review,
        State.Review,
        State.Review,
        State.Review,
        State.Learning,
        State.New,
      ),
      tie: fc.boolean(),
      buried: fc.constantFrom(false, false, false, true),
      suspended: fc.constantFrom(false, false, false, false, false, true),
      inBank: fc.constantFrom(true, true, true, true, true, false),
      section: fc.constantFrom('basics', 'basics', 'basics', 'inference'),
    }),
    { minLength: 4, maxLength: 16 },
  ),
  window: fc.integer({ min: 1, max: 3 }),
  maxReviewsPerDay: fc.integer({ min: 0, max: 10 }),
  newPerDay: fc.integer({ min: 0, max: 3 }),
  reviewsToday: fc.integer({ min: 0, max: 3 }),
  newToday: fc.integer({ min: 0, max: 2 }),
  viewed: fc.array(fc.tuple(fc.nat(7), fc.constantFrom(-5, 0, 1, 10, 29, 30, 31)), { maxLength: 8 }),
  excluded: fc.array(fc.nat(7), { maxLength: 4 }),
  own: fc.array(fc.nat(7), { maxLength: 2 }),
  rotate: fc.boolean(),
  inferenceOff: fc.boolean(),
});

describe('the queue read through a window of the most overdue reviews', () => {
  it('picks and counts exactly as the whole queue would, for the page and for the head of the queue, under any topic filter', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb, async (sc) => {
        const db = await openStudyDb(`window-${Math.random()}`);
        const cards: CardRecord[] = sc.cards.map((c, i) =>
          cardAt(i, {
            inBank: c.inBank,
            ...(c.suspended ? { suspended: true } : {}),
            ...(c.buried !== undefined ? { buriedUntil: T0 + c.buried * HOUR } : {}),
            state: c.state,
            due: T0 + c.dueHours * HOUR,
            ...(c.state === State.New ? { reps: 0, last_review: null } : {}),
            section: c.place.section,
            topics: [...c.place.topics],
          }),
        );
        const tx = db.transaction('cards', 'readwrite');
        await Promise.all([...cards.map((c) => tx.store.put(withQueueKeys(c))), tx.done]);
        // Views from other pages, some within the rotation window (30 minutes), some older.
        for (const [i, minutesAgo] of sc.viewed) {
          if (i < cards.length) await markViewed(db, `c${i}`, T0 - minutesAgo * 60_000);
        }
        const settings = {
          ...DEFAULT_SETTINGS,
          maxReviewsPerDay: sc.maxReviewsPerDay,
          newPerDay: sc.newPerDay,
          ...sc.filter,
        };
        const exclude = new Set(sc.excluded.filter((i) => i < cards.length).map((i) => `c${i}`));
        const snap = await studySnapshot(db, settings, T0, { exclude, window: sc.window });
        const all = await db.getAll('cards');
        const badge = (await badgeCounts(db, settings, T0)).due;
        db.close();
        // The badge: due cards with nothing left out, no reviews read.
        expect(badge).toBe(queueCounts(all, { ...snap.ctx, exclude: undefined }).due);

        const expectSame = (ctx: QueueContext, change: Partial<QueueContext>) => {
          const got = pickFromSnapshot(snap, change);
          const whole = { ...ctx, ...change };
          const want = queueCounts(all, whole);
          expect(got.card?.id ?? null).toBe(nextCard(all, whole)?.id ?? null);
          expect({ due: got.counts.due, newLeft: got.counts.newLeft }).toEqual({
            due: want.due,
            newLeft: want.newLeft,
          });
        };
        expectSame(snap.ctx, {});
        expectSame(snap.ctx, { exclude: undefined, recentViews: {} });
        expect(snap.counts.nextDue).toBe(queueCounts(all, snap.ctx).nextDue);
      }),
      { numRuns: 500 },
    );
    // Hundreds of databases: seconds on a quiet machine, more on a shared one.
  }, 60_000);

  it('reads just far enough past the cards it passes over: the same pick and counts as the whole queue', async () => {
    await fc.assert(
      fc.asyncProperty(headArb, async (sc) => {
        const db = await openStudyDb(`window-head-${Math.random()}`);
        let at = -20;
        const cards = sc.cards.map((c, i) => {
          if (!c.tie) at += 1;
          return cardAt(i, {
            section: c.section,
            topics: [],
            // Bank order unlike id order, so cards due together sit differently in the index.
            order: (i * 7) % 31,
            inBank: c.inBank,
            ...(c.suspended ? { suspended: true } : {}),
            ...(c.buried ? { buriedUntil: T0 + 2 * HOUR } : {}),
            state: c.state,
            due: T0 + (at / 4) * HOUR,
            ...(c.state === State.New ? { reps: 0, last_review: null } : {}),
          });
        });
        const views = Object.fromEntries(sc.viewed.map(([i, ago]) => [`c${i}`, T0 - ago * 60_000]));
        const day = studyDayStart(T0, DEFAULT_SETTINGS.dayStartHour);
        const rated = [
          ...Array.from({ length: sc.reviewsToday }, () => State.Review),
          ...Array.from({ length: sc.newToday }, () => State.New),
        ].map((state, k) => ({
          ...cardAt(100 + k),
          id: `rv${k}`,
          cardId: 'x',
          rating: 3,
          state,
          review: day + 1 + k,
        }));
        const tx = db.transaction(['cards', 'reviews', 'meta'], 'readwrite');
        await Promise.all([
          ...cards.map((c) => tx.objectStore('cards').put(withQueueKeys(c))),
          ...rated.map((r) => tx.objectStore('reviews').put(r as never)),
          tx.objectStore('meta').put(views, VIEWS_KEY),
          tx.done,
        ]);
        const filter = { disabledSections: sc.inferenceOff ? ['inference'] : [], disabledTopics: [] };
        const settings = {
          ...DEFAULT_SETTINGS,
          maxReviewsPerDay: sc.maxReviewsPerDay,
          newPerDay: sc.newPerDay,
          ...filter,
        };
        const exclude = new Set(sc.excluded.map((i) => `c${i}`));
        const ownViews = new Set(sc.own.map((i) => `c${i}`));
        const snap = await studySnapshot(db, settings, T0, {
          exclude,
          ownViews,
          rotate: sc.rotate,
          window: sc.window,
        });
        const all = await db.getAll('cards');
        db.close();
        expect(snap.reviews).toBeDefined();
        // The whole queue's context, built here rather than by the code under test.
        const others = Object.fromEntries(Object.entries(views).filter(([id]) => !ownViews.has(id)));
        const whole: QueueContext = {
          now: T0,
          filter,
          newPerDay: sc.newPerDay,
          maxReviewsPerDay: sc.maxReviewsPerDay,
          newToday: sc.newToday,
          reviewsToday: sc.reviewsToday,
          recentViews: sc.rotate ? others : {},
          exclude,
        };
        const head = { exclude: undefined, recentViews: {} };
        for (const [ctx, change] of [
          [whole, {}],
          [{ ...whole, ...head }, head],
        ] as const) {
          const got = pickFromSnapshot(snap, change);
          expect(got.card?.id ?? null).toBe(nextCard(all, ctx)?.id ?? null);
          const { due, newLeft, nextDue } = got.counts;
          expect({ due, newLeft, nextDue }).toEqual(queueCounts(all, ctx));
        }
      }),
      { numRuns: 400 },
    );
  }, 60_000);

  it('reads past the cards other pages showed lately, in the same read', async () => {
    const db = await openStudyDb(`window-rotate-${Math.random()}`);
    await putReviews(db, 9);
    for (const id of ['r0', 'r1', 'r2']) await markViewed(db, id, T0 - 60_000);
    // Shown longer ago than the rotation window: not passed over, not read past.
    await markViewed(db, 'r8', T0 - 60 * 60_000);
    const snap = await studySnapshot(db, { ...DEFAULT_SETTINGS, maxReviewsPerDay: 1000 }, T0, { window: 2 });
    db.close();
    expect(pickFromSnapshot(snap).card?.id).toBe('r3');
    expect(snap.cards.map((c) => c.id)).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
    expect(snap.counts.due).toBe(9);
  });

  it('reading on past cards shown lately, still keeps to the daily review limit', async () => {
    // Three reviews shown lately, then three not: with room for three reviews today, the
    // queue offers only the first three and, all shown lately, the one shown longest ago.
    const db = await openStudyDb(`window-jump-${Math.random()}`);
    await putReviews(db, 6);
    for (const [id, ago] of [
      ['r0', 5],
      ['r1', 10],
      ['r2', 1],
    ] as const) {
      await markViewed(db, id, T0 - ago * 60_000);
    }
    const settings = { ...DEFAULT_SETTINGS, maxReviewsPerDay: 3 };
    const snap = await studySnapshot(db, settings, T0, { window: 1 });
    expect(pickFromSnapshot(snap).card?.id).toBe('r1');
    // With room for six, it reads on and offers the first not shown lately.
    const roomy = await studySnapshot(db, { ...settings, maxReviewsPerDay: 6 }, T0, { window: 1 });
    expect(pickFromSnapshot(roomy).card?.id).toBe('r3');
    db.close();
  });

  it('reading on past cards shown lately, puts cards due at the same moment in bank order', async () => {
    // r0 shown lately; then two cards due together, "a2" before "b1" in the index (id
    // order), "b1" first in the bank.
    const db = await openStudyDb(`window-jump-ties-${Math.random()}`);
    await putReviews(db, 3, (i) => [{}, { id: 'b1', due: T0 - HOUR }, { id: 'a2', due: T0 - HOUR }][i]!);
    await markViewed(db, 'r0', T0 - 60_000);
    const snap = await studySnapshot(db, DEFAULT_SETTINGS, T0, { window: 1 });
    db.close();
    expect(pickFromSnapshot(snap).card?.id).toBe('b1');
  });

  it('reads every card due at the same moment as the last one in the window (bank order breaks the tie)', async () => {
    const db = await openStudyDb(`window-ties-${Math.random()}`);
    await putReviews(db, 3, (i) => ({ id: ['zeta', 'alpha', 'beta'][i]!, due: T0 - HOUR }));
    const snap = await studySnapshot(db, { ...DEFAULT_SETTINGS, maxReviewsPerDay: 1000 }, T0, { window: 1 });
    db.close();
    // The index holds ties in id order (alpha first); the queue in bank order (zeta first).
    expect(pickFromSnapshot(snap).card?.id).toBe('zeta');
  });

  it("reads on past buried new cards to offer today's new cards", async () => {
    const db = await openStudyDb(`window-buried-${Math.random()}`);
    await putReviews(db, 3, (i) => ({
      id: `n${i}`,
      state: State.New,
      ...(i === 0 ? { buriedUntil: T0 + HOUR } : {}),
    }));
    const snap = await studySnapshot(db, { ...DEFAULT_SETTINGS, newPerDay: 2 }, T0);
    db.close();
    expect(snap.counts.newLeft).toBe(2);
    expect(pickFromSnapshot(snap).card?.id).toBe('n1');
  });

  it('reads only the window, not the backlog, when many reviews are due', async () => {
    const db = await openStudyDb(`window-backlog-${Math.random()}`);
    await putReviews(db, 500);
    const snap = await studySnapshot(db, { ...DEFAULT_SETTINGS, maxReviewsPerDay: 1000 }, T0, { window: 8 });
    db.close();
    expect(snap.cards).toHaveLength(8);
    expect(snap.counts.due).toBe(500);
    expect(pickFromSnapshot(snap).card?.id).toBe('r0');
  });
});

/** `n` review cards r0..r(n-1), all due, r0 the most overdue (unless `over` says otherwise). */
async function putReviews(
  db: StudyDatabase,
  n: number,
  over: (i: number) => Partial<CardRecord> = () => ({}),
): Promise<void> {
  const tx = db.transaction('cards', 'readwrite');
  const puts = Array.from({ length: n }, (_, i) =>
    tx.store.put(withQueueKeys(cardAt(i, { id: `r${i}`, due: T0 - (n - i) * HOUR, ...over(i) }))),
  );
  await Promise.all([...puts, tx.done]);
}

/** Card number `i` (id `c<i>`, bank order `i`): a review, unless `over` says otherwise. */
function cardAt(i: number, over: Partial<CardRecord> = {}): CardRecord {
  return {
    id: `c${i}`,
    section: 'basics',
    topics: ['attention'],
    order: i,
    inBank: true,
    state: State.Review,
    due: T0,
    stability: 10,
    difficulty: 5,
    elapsed_days: 10,
    scheduled_days: 10,
    learning_steps: 0,
    reps: 3,
    lapses: 0,
    last_review: T0 - 24 * HOUR,
    ...over,
  };
}
