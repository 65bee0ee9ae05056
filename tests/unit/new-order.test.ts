import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBank, readBank } from '@/build/bank/compile';
import { sensibleOrder, shuffledOrder, STARTER_IDS, type OrderEntry } from '@/lib/bank/new-order';
import { ensureBankSynced, placeBank, SHUFFLE_SEED_KEY } from '@/lib/background/bank-sync';
import { openStudyDb, recordRating, type StudyDatabase } from '@/lib/db';
import { DEFAULT_SETTINGS, type NewOrder } from '@/lib/settings/model';
import { State } from '@/lib/srs/card-state';
import { makeScheduler } from '@/lib/srs/schedule';
import { pickNextCard } from '@/lib/study/queue-read';
import { T0 } from './helpers';

const { entries: BANK } = readBank(resolve(__dirname, '../../questions'));

const e = (id: string, section: string, difficulty: number, buildsOn: string[] = []): OrderEntry => ({
  id,
  section,
  difficulty,
  buildsOn,
});

/** Whether every entry comes after everything it builds on. */
function foundationsFirst(order: readonly string[], entries: readonly OrderEntry[]): string[] {
  const at = new Map(order.map((id, i) => [id, i]));
  return entries.flatMap((x) =>
    x.buildsOn.filter((d) => at.get(d)! > at.get(x.id)!).map((d) => `${x.id} before ${d}`),
  );
}

describe('sensibleOrder', () => {
  it('puts foundations first, easier first within a section, and interleaves sections', () => {
    const entries = [
      e('b-hard', 'basics', 3),
      e('b-mid', 'basics', 2),
      e('b-easy-on-hard', 'basics', 1, ['b-hard']),
      e('b-easy', 'basics', 1),
      e('i-easy', 'inference', 1),
      e('i-mid', 'inference', 2, ['b-easy']),
    ];
    expect(sensibleOrder(entries)).toEqual([
      'b-easy',
      'i-easy',
      'b-mid',
      'i-mid',
      'b-hard',
      'b-easy-on-hard',
    ]);
  });

  it('brings the starters, and what they build on, first', () => {
    const entries = [
      e('a', 'basics', 1),
      e('base', 'llm', 3),
      e('start', 'llm', 2, ['base']),
      e('z', 'llm', 1),
    ];
    expect(sensibleOrder(entries, ['start'])).toEqual(['base', 'start', 'a', 'z']);
  });

  it('ignores foundations no entry has', () => {
    expect(sensibleOrder([e('a', 'basics', 1, ['gone']), e('b', 'basics', 1)])).toEqual(['a', 'b']);
  });

  describe('on the bundled bank', () => {
    const order = sensibleOrder(BANK, STARTER_IDS);
    const byId = new Map(BANK.map((x) => [x.id, x]));

    it('holds every question once, and the same order on every run', () => {
      expect([...order].sort()).toEqual(BANK.map((x) => x.id).sort());
      expect(new Set(order).size).toBe(BANK.length);
      expect(sensibleOrder(BANK, STARTER_IDS)).toEqual(order);
    });

    it('puts every question after what it builds on', () => {
      expect(BANK.some((x) => x.buildsOn.length > 0)).toBe(true);
      expect(foundationsFirst(order, BANK)).toEqual([]);
    });

    it('shows at least three sections in the first ten cards, and no section three times in a row', () => {
      const sections = order.slice(0, 10).map((id) => byId.get(id)!.section);
      expect(new Set(sections).size).toBeGreaterThanOrEqual(3);
      const all = order.map((id) => byId.get(id)!.section);
      const runs = all.filter((s, i) => i >= 2 && s === all[i - 1] && s === all[i - 2]);
      expect(runs.length).toBeLessThan(order.length / 10);
    });

    it('brings the ten starting questions in the first twenty cards', () => {
      for (const id of STARTER_IDS) expect(order.indexOf(id), id).toBeLessThan(20);
    });

    it('goes from easier to harder within a section, after the starters', () => {
      const starters = order.findLastIndex((id) => STARTER_IDS.includes(id));
      for (const section of new Set(BANK.map((x) => x.section))) {
        const levels = order
          .slice(starters + 1)
          .map((id) => byId.get(id)!)
          .filter((x) => x.section === section && x.buildsOn.length === 0)
          .map((x) => x.difficulty);
        expect(levels, section).toEqual([...levels].sort((a, b) => a - b));
      }
      // Difficulty 1 first: the first twenty cards after the starters are all recall questions.
      expect(order.slice(starters + 1, starters + 21).map((id) => byId.get(id)!.difficulty)).toEqual(
        Array(20).fill(1),
      );
    });

    it('is what the build ships as each question’s rank', () => {
      const index = compileBank(resolve(__dirname, '../../questions')).index;
      const bySensible = [...index].sort((a, b) => a.sensible - b.sensible).map((x) => x.id);
      expect(bySensible).toEqual(order);
    });

    it('takes a few milliseconds', () => {
      const t = performance.now();
      sensibleOrder(BANK, STARTER_IDS);
      const ms = performance.now() - t;
      console.log(`sensibleOrder over ${BANK.length} questions: ${ms.toFixed(1)} ms`);
      expect(ms).toBeLessThan(500);
    });
  });
});

describe('shuffledOrder', () => {
  const ids = BANK.map((x) => x.id);

  it('is the same for a seed, another for another seed, and holds every id once', () => {
    const a = shuffledOrder(ids, 7);
    expect(shuffledOrder(ids, 7)).toEqual(a);
    expect(shuffledOrder(ids, 8)).not.toEqual(a);
    expect([...a].sort()).toEqual([...ids].sort());
    expect(a).not.toEqual(ids);
  });

  it('keeps the others in place when a question joins the bank', () => {
    const before = shuffledOrder(ids.slice(1), 7);
    expect(shuffledOrder(ids, 7).filter((id) => id !== ids[0])).toEqual(before);
  });
});

describe('the order new cards come in, through the queue', () => {
  const index = compileBank(resolve(__dirname, '../../questions')).index;
  const f = makeScheduler({ retention: 0.9, fuzz: false });

  /** The first `n` new cards a page would show, one after another (each left out once shown). */
  async function firstNew(db: StudyDatabase, newOrder: NewOrder, n: number): Promise<string[]> {
    const settings = { ...DEFAULT_SETTINGS, newOrder, newPerDay: 50 };
    const shown = new Set<string>();
    for (let i = 0; i < n; i++) {
      const { card } = await pickNextCard(db, settings, T0, { exclude: shown });
      shown.add(card!.id);
    }
    return [...shown];
  }

  async function synced(newOrder: NewOrder, db?: StudyDatabase): Promise<StudyDatabase> {
    db ??= await openStudyDb(`order-${Math.random()}`);
    await ensureBankSynced(db, await placeBank(db, index, newOrder), T0);
    return db;
  }

  it('puts the sections of an interview ahead first, in the chosen order, and lets go after it', async () => {
    const db = await openStudyDb(`order-${Math.random()}`);
    await ensureBankSynced(db, await placeBank(db, index, 'sensible', ['inference']), T0);
    const first = await firstNew(db, 'sensible', 8);
    const inference = sensibleOrder(BANK, STARTER_IDS).filter(
      (id) => index.find((x) => x.id === id)!.section === 'inference',
    );
    expect(first).toEqual(inference.slice(0, 8));
    // The interview has begun: the order is the sensible one again.
    await ensureBankSynced(db, await placeBank(db, index, 'sensible', []), T0);
    expect(await firstNew(db, 'sensible', 8)).toEqual(sensibleOrder(BANK, STARTER_IDS).slice(0, 8));
  });

  it('follows each order: sensible, bank, and this install’s shuffle', async () => {
    const sensible = await synced('sensible');
    expect(await firstNew(sensible, 'sensible', 12)).toEqual(sensibleOrder(BANK, STARTER_IDS).slice(0, 12));
    const bank = await synced('bank');
    expect(await firstNew(bank, 'bank', 12)).toEqual(index.slice(0, 12).map((x) => x.id));
    const shuffled = await synced('shuffled');
    const seed = (await shuffled.get('meta', SHUFFLE_SEED_KEY)) as number;
    expect(typeof seed).toBe('number');
    const expected = shuffledOrder(
      index.map((x) => x.id),
      seed,
    ).slice(0, 12);
    expect(await firstNew(shuffled, 'shuffled', 12)).toEqual(expected);
    // Read again, synced again: the same shuffle.
    expect(await ensureBankSynced(shuffled, await placeBank(shuffled, index, 'shuffled'), T0)).toBe(false);
    expect(await firstNew(shuffled, 'shuffled', 12)).toEqual(expected);
    for (const db of [sensible, bank, shuffled]) db.close();
  });

  it('re-keys the new cards when the order changes, and keeps every schedule', async () => {
    const db = await synced('sensible');
    const first = (await firstNew(db, 'sensible', 1))[0]!;
    await recordRating(db, f, { reviewId: 'r1', cardId: first, rating: 3, reviewedAt: T0 });
    const rated = await db.get('cards', first);
    await synced('bank', db);
    const after = await db.get('cards', first);
    expect({ ...after, order: 0 }).toEqual({ ...rated, order: 0 });
    expect(after!.state).not.toBe(State.New);
    const bankOrder = index.map((x) => x.id).filter((id) => id !== first);
    expect(await firstNew(db, 'bank', 5)).toEqual(bankOrder.slice(0, 5));
    await synced('sensible', db);
    const sensible = sensibleOrder(BANK, STARTER_IDS).filter((id) => id !== first);
    expect(await firstNew(db, 'sensible', 5)).toEqual(sensible.slice(0, 5));
    db.close();
  });

  it('reads the next new card of 3,000 cards as fast in every order', async () => {
    const db = await openStudyDb(`order-heavy-${Math.random()}`);
    const many = Array.from({ length: 3000 }, (_, i) => ({
      ...index[i % index.length]!,
      id: `${index[i % index.length]!.id}~${i}`,
      sensible: index[i % index.length]!.sensible * 8 + Math.floor(i / index.length),
    }));
    for (const newOrder of ['bank', 'sensible', 'shuffled'] as const) {
      let t = performance.now();
      await ensureBankSynced(db, await placeBank(db, many, newOrder), T0);
      const sync = performance.now() - t;
      t = performance.now();
      const { card } = await pickNextCard(db, { ...DEFAULT_SETTINGS, newOrder }, T0);
      const read = performance.now() - t;
      console.log(`${newOrder}: re-key 3,000 cards ${sync.toFixed(0)} ms, next card ${read.toFixed(1)} ms`);
      expect(card).not.toBeNull();
    }
    db.close();
  });
});
