import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rating, State } from 'ts-fsrs';
import { restoreFromText } from '@/lib/backup-import';
import { makeBackup } from '@/lib/backup';
import { keyQueueInTurn } from '@/lib/background-core';
import {
  checkDatabase,
  importHistory,
  keyQueueFor,
  openStudyDb,
  queueScopeOf,
  readHistory,
  recordRating,
  syncBank,
  writeHistory,
  type BankIndexEntry,
  type CardRecord,
  type StudyDatabase,
} from '@/lib/db';
import { changeCard, undoRating } from '@/lib/db/card-actions';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings';
import { makeScheduler } from '@/lib/srs/schedule';
import { availableAt, nextCard, queueCounts } from '@/lib/srs/queue';
import { EVERY_TOPIC, inScope } from '@/lib/srs/scope';
import { dueNow, pickFromSnapshot, pickNextCard, studySnapshot } from '@/lib/study';

const T0 = Date.UTC(2026, 4, 1, 8, 0, 0);
const HOUR = 3_600_000;
const f = makeScheduler({ retention: 0.9, fuzz: false });
const freshDb = () => openStudyDb(`scope-${Math.random()}`);

const BANK: BankIndexEntry[] = [
  { id: 'a', section: 'basics', topics: ['attention'], order: 0 },
  { id: 'b', section: 'basics', topics: ['attention', 'rope'], order: 1 },
  { id: 'c', section: 'basics', topics: ['rope'], order: 2 },
  { id: 'd', section: 'inference', topics: ['kv-cache'], order: 3 },
];
/** Inference off, and the RoPE topic of basics. */
const FILTER = { disabledSections: ['inference'], disabledTopics: ['basics/rope'] };

/** The ids the queue can read by index (new cards and scheduled ones). */
async function indexed(db: StudyDatabase): Promise<string[]> {
  const [fresh, scheduled] = await Promise.all([
    db.getAllKeysFromIndex('cards', 'newOrder'),
    db.getAllKeysFromIndex('cards', 'reviewDue'),
  ]);
  return [...fresh, ...scheduled].sort();
}

/** A card without its derived fields: what the person's history says about it. */
const plain = ({ reviewDue: _r, newOrder: _n, outOfScope: _o, ...c }: CardRecord) => c;

describe('keying the queue for a topic filter', () => {
  it('takes the cards outside the filter out of the indexes and puts them back, changing nothing else', async () => {
    const db = await freshDb();
    await syncBank(db, BANK, T0);
    await recordRating(db, f, { reviewId: 'r1', cardId: 'd', rating: Rating.Good, reviewedAt: T0 });
    const before = await db.getAll('cards');
    expect(await indexed(db)).toEqual(['a', 'b', 'c', 'd']);

    expect(await keyQueueFor(db, FILTER)).toBe(true);
    // b has one topic on, so it stays; c's only topic is off; d's section is off.
    expect(await indexed(db)).toEqual(['a', 'b']);
    const keyed = await db.getAll('cards');
    expect(keyed.filter((c) => c.outOfScope).map((c) => c.id)).toEqual(['c', 'd']);
    expect(keyed.map(plain)).toEqual(before.map(plain));
    expect(await db.get('meta', 'queue-scope')).toEqual(FILTER);
    // Already keyed for it: nothing to write.
    expect(await keyQueueFor(db, { disabledSections: ['inference'], disabledTopics: ['basics/rope'] })).toBe(
      false,
    );

    expect(await keyQueueFor(db, { ...DEFAULT_SETTINGS })).toBe(true);
    expect(await db.getAll('cards')).toEqual(before);
    db.close();
  });

  it('a rating keeps a card outside the filter out of the queue, and it comes back with its new schedule', async () => {
    const db = await freshDb();
    await syncBank(db, BANK, T0);
    await keyQueueFor(db, FILTER);
    const rated = await recordRating(db, f, {
      reviewId: 'r1',
      cardId: 'd',
      rating: Rating.Good,
      reviewedAt: T0,
    });
    expect(rated.status).toBe('stored');
    expect(await indexed(db)).toEqual(['a', 'b']);
    await keyQueueFor(db, EVERY_TOPIC);
    const d = await db.get('cards', 'd');
    expect(d?.state).not.toBe(State.New);
    expect(d?.reviewDue).toBe(d?.due);
    db.close();
  });

  it('a bank update keys a moved or new question for the filter the queue is keyed for', async () => {
    const db = await freshDb();
    await syncBank(db, BANK, T0);
    await keyQueueFor(db, FILTER);
    // a moves into inference (off); e arrives in inference; c's topics change to one that is on.
    await syncBank(
      db,
      [
        { id: 'a', section: 'inference', topics: ['kv-cache'], order: 0 },
        BANK[1]!,
        { id: 'c', section: 'basics', topics: ['attention'], order: 2 },
        BANK[3]!,
        { id: 'e', section: 'inference', topics: ['kv-cache'], order: 4 },
      ],
      T0,
    );
    expect(await indexed(db)).toEqual(['b', 'c']);
    const picked = await pickNextCard(db, { ...DEFAULT_SETTINGS, ...FILTER }, T0);
    expect(picked.card?.id).toBe('b');
    expect(picked.counts.newLeft).toBe(2);
    db.close();
  });

  it('an import, a written history and a repair key their cards for the filter the queue is keyed for', async () => {
    const source = await freshDb();
    await syncBank(source, BANK, T0);
    for (const id of ['a', 'c', 'd'])
      await recordRating(source, f, { reviewId: `r-${id}`, cardId: id, rating: Rating.Good, reviewedAt: T0 });
    await keyQueueFor(source, FILTER);
    const history = await readHistory(source);
    source.close();
    // The flag is the queue's, not the person's: a backup never carries it.
    expect(history.cards.filter((c) => c.outOfScope).map((c) => c.id)).toEqual(['c', 'd']);
    const text = JSON.stringify(makeBackup(history, DEFAULT_SETTINGS, T0 + 1000));
    expect(text).not.toContain('outOfScope');

    // Into a browser that has none of these cards yet: every card comes from the file.
    const imported = await freshDb();
    await keyQueueFor(imported, FILTER);
    const outcome = await restoreFromText(imported, text, BANK, T0 + 2000);
    expect(outcome.ok).toBe(true);
    expect(await indexed(imported)).toEqual(['a', 'b']);
    // A repair recreates the lost cards that have ratings (a, c, d), keyed the same way.
    await imported.clear('cards');
    await checkDatabase(imported, BANK, T0 + 3000, 0.9);
    expect((await imported.getAllKeys('cards')).sort()).toEqual(['a', 'c', 'd']);
    expect(await indexed(imported)).toEqual(['a']);
    imported.close();

    const written = await freshDb();
    await keyQueueFor(written, FILTER);
    await writeHistory(written, history.cards, history.reviews);
    expect(await indexed(written)).toEqual(['a', 'b']);
    written.close();
  });

  it('the new tab reads only cards in the filter once keyed, and every card until then', async () => {
    const db = await freshDb();
    await syncBank(db, BANK, T0);
    const settings = { ...DEFAULT_SETTINGS, ...FILTER, newPerDay: 10 };
    // Not keyed yet (the filter has just changed): still right, from every card.
    const early = await studySnapshot(db, settings, T0);
    await keyQueueFor(db, FILTER);
    const keyed = await studySnapshot(db, settings, T0);
    db.close();
    expect(early.cards.map((c) => c.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(early.reviews).toBeUndefined();
    // Keyed: the window, which holds only the cards inside the filter.
    expect(keyed.cards.map((c) => c.id)).toEqual(['a', 'b']);
    expect(keyed.reviews).toBeDefined();
    for (const snap of [early, keyed]) {
      const got = pickFromSnapshot(snap);
      expect(got.card?.id).toBe('a');
      expect(got.counts).toMatchObject({ due: 0, newLeft: 2 });
    }
  });
  it('a filter already keyed, given in another order, is not keyed again', async () => {
    const db = await freshDb();
    await syncBank(db, BANK, T0);
    const filter = {
      disabledSections: ['inference', 'llm'],
      disabledTopics: ['basics/rope', 'basics/norms'],
    };
    expect(await keyQueueFor(db, filter)).toBe(true);
    const reordered = {
      disabledSections: ['llm', 'inference'],
      disabledTopics: ['basics/norms', 'basics/rope'],
    };
    expect(await keyQueueFor(db, reordered)).toBe(false);
    db.close();
  });

  it('a database check writes stale keys afresh (say, written by an older version)', async () => {
    const db = await freshDb();
    await syncBank(db, BANK, T0);
    await keyQueueFor(db, FILTER);
    // An older version, knowing nothing of the flag, gave d its key back.
    const d = (await db.get('cards', 'd'))!;
    await db.put('cards', { ...d, newOrder: d.order });
    expect(await indexed(db)).toEqual(['a', 'b', 'd']);
    await checkDatabase(db, BANK, T0, 0.9);
    expect(await indexed(db)).toEqual(['a', 'b']);
    expect(await db.get('cards', 'd')).toEqual(d);
    db.close();
  });

  it('the worker keys one filter at a time, each with the settings of its turn, and a failed keying does not stop the event', async () => {
    const db = await freshDb();
    await syncBank(db, BANK, T0);
    const older = { ...DEFAULT_SETTINGS, ...FILTER };
    const newer = { ...DEFAULT_SETTINGS, disabledSections: ['basics'] };
    // An event that read the settings slowly, before they changed, and one that read them after.
    const slow = new Promise<Settings>((r) => setTimeout(() => r(older), 20));
    const first = keyQueueInTurn(db, () => slow);
    const second = keyQueueInTurn(db, async () => newer);
    expect(await Promise.all([first, second])).toEqual([older, newer]);
    expect(queueScopeOf(await db.get('meta', 'queue-scope'))).toEqual({
      disabledSections: ['basics'],
      disabledTopics: [],
    });
    expect(await indexed(db)).toEqual(['d']);
    // A keying that throws (here: on a closed connection) is skipped; the event gets its settings.
    const closed = await freshDb();
    closed.close();
    await expect(keyQueueInTurn(closed, async () => older)).resolves.toEqual(older);
    expect(await keyQueueInTurn(db, async () => older)).toEqual(older);
    expect(await indexed(db)).toEqual(['a', 'b']);
    db.close();
  });
});

/** Every card's flag and keys are what the stored scope makes of it. */
const PLACES = [
  { section: 'basics', topics: ['attention'] },
  { section: 'basics', topics: ['rope'] },
  { section: 'basics', topics: ['attention', 'rope'] },
  { section: 'inference', topics: ['kv-cache'] },
] as const;
const filterArb = fc.record({
  disabledSections: fc.subarray(['basics', 'inference']),
  disabledTopics: fc.subarray(['basics/attention', 'basics/rope', 'inference/kv-cache']),
});
const IDS = ['a', 'b', 'c', 'd', 'e'];
const bankArb = fc.array(fc.tuple(fc.constantFrom(...IDS), fc.nat(3)), { maxLength: 5 }).map((xs) => {
  const seen = new Map<string, number>();
  for (const [id, p] of xs) seen.set(id, p);
  return [...seen].map(([id, p], order) => ({ id, ...PLACES[p]!, topics: [...PLACES[p]!.topics], order }));
});
const opArb = fc.oneof(
  fc.record({ kind: fc.constant('key' as const), filter: filterArb }),
  fc.record({ kind: fc.constant('sync' as const), bank: bankArb }),
  fc.record({
    kind: fc.constant('rate' as const),
    id: fc.constantFrom(...IDS),
    rating: fc.integer({ min: 1, max: 4 }),
  }),
  fc.record({
    kind: fc.constant('act' as const),
    id: fc.constantFrom(...IDS),
    action: fc.constantFrom('suspend', 'unsuspend', 'bury', 'unbury', 'reset'),
  }),
  fc.record({ kind: fc.constant('undo' as const) }),
  fc.record({ kind: fc.constant('repair' as const), bank: bankArb }),
  fc.record({ kind: fc.constant('roundtrip' as const), bank: bankArb }),
  fc.record({ kind: fc.constant('write' as const), id: fc.constantFrom(...IDS), place: fc.nat(3) }),
  fc.record({ kind: fc.constant('hours' as const), h: fc.integer({ min: 1, max: 48 }) }),
);

async function expectKeyedForStoredScope(db: StudyDatabase) {
  const scope = queueScopeOf(await db.get('meta', 'queue-scope'));
  for (const c of await db.getAll('cards')) {
    const out = !inScope(c, scope);
    expect({ id: c.id, out: c.outOfScope === true }).toEqual({ id: c.id, out });
    const keyed = c.inBank && !c.suspended && !out;
    expect(c.newOrder).toBe(keyed && c.state === State.New ? c.order : undefined);
    expect(c.reviewDue).toBe(keyed && c.state !== State.New ? availableAt(c) : undefined);
  }
}

describe('the queue keys under every writer', () => {
  it('every writer, run in turn or at once, keeps the keys consistent with the stored scope, and the window equals the whole queue', async () => {
    await fc.assert(
      fc.asyncProperty(
        bankArb,
        fc.array(opArb, { maxLength: 14 }),
        fc.constantFrom(1, 3),
        async (bank0, ops, chunk) => {
          const db = await openStudyDb(`rs-${Math.random()}`);
          let now = T0;
          let n = 0;
          const reviewIds: string[] = [];
          await syncBank(db, bank0, now);
          let bank: BankIndexEntry[] = bank0;
          const runOp = async (op: (typeof ops)[number]) => {
            now += 60_000;
            if (op.kind === 'key') await keyQueueFor(db, op.filter);
            if (op.kind === 'sync') {
              bank = op.bank;
              await syncBank(db, bank, now);
            }
            if (op.kind === 'rate') {
              const id = `r${++n}`;
              const out = await recordRating(db, f, {
                reviewId: id,
                cardId: op.id,
                rating: op.rating as 1,
                reviewedAt: now,
              });
              if (out.status === 'stored') reviewIds.push(id);
            }
            if (op.kind === 'act') await changeCard(db, op.id, { kind: op.action } as never, now, 4);
            if (op.kind === 'undo') {
              const id = reviewIds.pop();
              if (id) await undoRating(db, f, id);
            }
            if (op.kind === 'repair') await checkDatabase(db, op.bank, now, 0.9);
            if (op.kind === 'roundtrip') {
              const h = await readHistory(db);
              const file = makeBackup(h, DEFAULT_SETTINGS, now);
              const reviews = h.reviews;
              await importHistory(db, { cards: file.cards, reviews }, op.bank, 0.9);
            }
            if (op.kind === 'write') {
              // A written history that moves one card (as the bench's seed writes cards).
              const h = await readHistory(db);
              const place = PLACES[op.place]!;
              const moved = h.cards.map((c) =>
                c.id === op.id ? { ...c, section: place.section, topics: [...place.topics] } : c,
              );
              await writeHistory(db, moved, h.reviews);
            }
            if (op.kind === 'hours') now += op.h * HOUR;
          };
          // One at a time, or three started at once (transactions race as events do).
          for (let i = 0; i < ops.length; i += chunk) {
            await Promise.all(ops.slice(i, i + chunk).map((op) => runOp(op)));
            await expectKeyedForStoredScope(db);
            // The queue through the window equals the whole queue for the stored scope.
            const scope = queueScopeOf(await db.get('meta', 'queue-scope'));
            const settings = { ...DEFAULT_SETTINGS, ...scope, newPerDay: 3, maxReviewsPerDay: 2 };
            const snap = await studySnapshot(db, settings, now, { window: 1 });
            const all = await db.getAll('cards');
            const got = pickFromSnapshot(snap);
            const want = queueCounts(all, snap.ctx);
            expect(got.card?.id ?? null).toBe(nextCard(all, snap.ctx)?.id ?? null);
            expect({
              due: got.counts.due,
              newLeft: got.counts.newLeft,
              nextDue: snap.counts.nextDue,
            }).toEqual(want);
            expect(await dueNow(db, settings, now)).toBe(want.due);
          }
          db.close();
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
