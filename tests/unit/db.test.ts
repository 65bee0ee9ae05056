import { describe, expect, it } from 'vitest';
import { Rating, State } from 'ts-fsrs';
import {
  markViewed,
  openStudyDb,
  recentViews,
  recordRating,
  reviewsOf,
  syncBank,
  tallySince,
  type BankIndexEntry,
} from '@/lib/db';
import { clearViewed } from '@/lib/db/views';
import { makeScheduler } from '@/lib/srs/schedule';
import { ensureBankSynced } from '@/lib/background/bank-sync';

const T0 = Date.UTC(2026, 4, 1, 8, 0, 0);
const f = makeScheduler({ retention: 0.9, fuzz: false });
const freshDb = () => openStudyDb(`test-${Math.random()}`);

const BANK: BankIndexEntry[] = [
  { id: 'a', section: 'basics', topics: ['attention'], order: 0 },
  { id: 'b', section: 'inference', topics: ['kv-cache'], order: 1 },
];

describe('syncBank', () => {
  it('turns every question into a new card on install', async () => {
    const db = await freshDb();
    expect(await syncBank(db, BANK, T0)).toEqual({ added: 2, updated: 0, retired: 0 });
    const cards = await db.getAll('cards');
    expect(cards.map((c) => [c.id, c.state, c.inBank])).toEqual([
      ['a', State.New, true],
      ['b', State.New, true],
    ]);
  });

  it('keeps history on update: new questions are added, moved ones keep their schedule, removed ones are kept but hidden', async () => {
    const db = await freshDb();
    await syncBank(db, BANK, T0);
    await recordRating(db, f, { reviewId: 'r1', cardId: 'a', rating: Rating.Good, reviewedAt: T0 });
    const before = (await db.get('cards', 'a'))!;
    const update: BankIndexEntry[] = [
      { id: 'c', section: 'llm', topics: ['rag'], order: 0 },
      { id: 'a', section: 'basics', topics: ['attention', 'mha-mqa-gqa'], order: 1 },
    ];
    expect(await syncBank(db, update, T0 + 1000)).toEqual({ added: 1, updated: 1, retired: 1 });
    const a = (await db.get('cards', 'a'))!;
    expect(a).toEqual({ ...before, topics: ['attention', 'mha-mqa-gqa'], order: 1 });
    expect((await db.get('cards', 'b'))!.inBank).toBe(false);
    expect((await db.get('cards', 'c'))!.state).toBe(State.New);
    expect(await reviewsOf(db, 'a')).toHaveLength(1);
  });

  it('runs again only when the bundled bank changed', async () => {
    const db = await freshDb();
    expect(await ensureBankSynced(db, BANK, T0)).toBe(true);
    expect(await ensureBankSynced(db, BANK, T0)).toBe(false);
    expect(await ensureBankSynced(db, BANK.slice(0, 1), T0)).toBe(true);
  });
});

describe('recordRating', () => {
  it('writes the card and its log together, and stores the same review id once', async () => {
    const db = await freshDb();
    await syncBank(db, BANK, T0);
    const input = { reviewId: 'same', cardId: 'a', rating: Rating.Good as const, reviewedAt: T0 };
    const first = await recordRating(db, f, input);
    const again = await recordRating(db, f, { ...input, reviewedAt: T0 + 5000 });
    expect(first.status).toBe('stored');
    expect(again.status).toBe('duplicate');
    expect(await db.count('reviews')).toBe(1);
    expect((await db.get('cards', 'a'))!.reps).toBe(1);
  });

  it('refuses a rating for a card it does not know, writing nothing', async () => {
    const db = await freshDb();
    const out = await recordRating(db, f, { reviewId: 'x', cardId: 'nope', rating: 3, reviewedAt: T0 });
    expect(out.status).toBe('unknown-card');
    expect(await db.count('reviews')).toBe(0);
  });
});

describe('tallySince', () => {
  it("counts today's new cards and reviews from the review log", async () => {
    const db = await freshDb();
    await syncBank(db, BANK, T0);
    await recordRating(db, f, { reviewId: '1', cardId: 'a', rating: 3, reviewedAt: T0 });
    await recordRating(db, f, { reviewId: '2', cardId: 'a', rating: 3, reviewedAt: T0 + 600_000 });
    await recordRating(db, f, { reviewId: '3', cardId: 'b', rating: 1, reviewedAt: T0 + 700_000 });
    // 'a' graduated to review with its second Good; this rating is a review.
    await recordRating(db, f, { reviewId: '4', cardId: 'a', rating: 3, reviewedAt: T0 + 800_000 });
    // Learning steps count as neither new nor review (the review limit does not apply to them).
    expect(await tallySince(db, T0)).toEqual({ newToday: 2, reviewsToday: 1, total: 4 });
    expect(await tallySince(db, T0 + 650_000)).toEqual({ newToday: 1, reviewsToday: 1, total: 2 });
  });
});

describe('recent views', () => {
  it('remembers which cards were put on screen, forgets rated ones and old ones', async () => {
    const db = await freshDb();
    await markViewed(db, 'a', T0);
    await markViewed(db, 'b', T0 + 1000);
    expect(await recentViews(db)).toEqual({ a: T0, b: T0 + 1000 });
    await clearViewed(db, 'a');
    expect(await recentViews(db)).toEqual({ b: T0 + 1000 });
    await markViewed(db, 'c', T0 + 25 * 3_600_000);
    expect(await recentViews(db)).toEqual({ c: T0 + 25 * 3_600_000 });
  });

  it('treats a corrupt record as no views instead of failing', async () => {
    const db = await freshDb();
    await db.put('meta', { a: 'not a time' }, 'recent-views');
    expect(await recentViews(db)).toEqual({});
  });
});

describe('readHistory', () => {
  it('reads every card, every review exactly once and the meta values', async () => {
    const { readHistory } = await import('@/lib/db');
    const db = await freshDb();
    await syncBank(db, BANK, T0);
    for (let i = 0; i < 40; i++) {
      await recordRating(db, f, {
        reviewId: `r${i}`,
        cardId: i % 2 ? 'a' : 'b',
        rating: 3,
        reviewedAt: T0 + i * 3_600_000,
      });
    }
    await db.put('meta', 'x', 'some-key');
    const h = await readHistory(db);
    expect(h.cards.map((c) => c.id).sort()).toEqual(['a', 'b']);
    expect(h.reviews.map((r) => r.id).sort()).toEqual(Array.from({ length: 40 }, (_, i) => `r${i}`).sort());
    expect(h.meta['some-key']).toBe('x');
    expect((await readHistory(await freshDb())).reviews).toEqual([]);
  });
});

describe('two pages rating the same card at the same moment', () => {
  it('stores both logs, and the card equals the two ratings applied in order', async () => {
    const { gradeCard } = await import('@/lib/srs/schedule');
    const db = await freshDb();
    await syncBank(db, BANK, T0);
    const start = (await db.get('cards', 'a'))!;
    const [first, second] = await Promise.all([
      recordRating(db, f, { reviewId: 'tab', cardId: 'a', rating: 3, reviewedAt: T0 + 1000 }),
      recordRating(db, f, { reviewId: 'popup', cardId: 'a', rating: 1, reviewedAt: T0 + 1000 }),
    ]);
    expect([first.status, second.status]).toEqual(['stored', 'stored']);
    expect(await db.count('reviews')).toBe(2);
    const once = gradeCard(f, start, 3, T0 + 1000).state;
    const twice = gradeCard(f, once, 1, T0 + 1000).state;
    const { reviewDue: _r, newOrder: _n, ...stored } = (await db.get('cards', 'a'))!;
    expect(stored).toEqual({ ...withoutKeys(start), ...twice });
  });
});

function withoutKeys<T extends { reviewDue?: number; newOrder?: number }>(c: T) {
  const { reviewDue: _r, newOrder: _n, ...rest } = c;
  return rest;
}
