import { describe, expect, it } from 'vitest';
import { Rating, State } from 'ts-fsrs';
import { restoreFromText } from '@/lib/backup-import';
import { makeBackup } from '@/lib/backup';
import {
  keyQueueFor,
  openStudyDb,
  readHistory,
  recordRating,
  checkDatabase,
  syncBank,
  writeHistory,
  type BankIndexEntry,
  type CardRecord,
  type StudyDatabase,
} from '@/lib/db';
import { DEFAULT_SETTINGS } from '@/lib/settings';
import { makeScheduler } from '@/lib/srs/schedule';
import { EVERY_TOPIC } from '@/lib/srs/scope';
import { pickNextCard } from '@/lib/study';

const T0 = Date.UTC(2026, 4, 1, 8, 0, 0);
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
    // Already keyed for it (in any order): nothing to write.
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
    const history = await readHistory(source);
    source.close();
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
    const early = await pickNextCard(db, settings, T0);
    await keyQueueFor(db, FILTER);
    const keyed = await pickNextCard(db, settings, T0);
    db.close();
    for (const got of [early, keyed]) {
      expect(got.card?.id).toBe('a');
      expect(got.counts).toMatchObject({ due: 0, newLeft: 2 });
    }
  });
});
