import { changeCard } from '@/lib/db/card-actions';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import { BACKUP_FORMAT, makeBackup } from '@/lib/backup/format';
import { parseBackup, restoreFromText } from '@/lib/backup/import';
import { describeBackupProblem } from '@/lib/backup/problems';
import { optionsTranslator } from '@/lib/i18n/options-strings';
import {
  checkDatabase,
  openStudyDb,
  readHistory,
  recordRating,
  syncBank,
  type BankIndexEntry,
  type StudyDatabase,
} from '@/lib/db';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import { makeScheduler } from '@/lib/srs/schedule';

const T0 = Date.UTC(2026, 6, 1, 9);
const NOW = T0 + 30 * 86_400_000;
const BANK: BankIndexEntry[] = [
  { id: 'a', section: 'basics', topics: ['attention'], order: 0 },
  { id: 'b', section: 'inference', topics: ['kv-cache'], order: 1 },
  { id: 'c', section: 'llm', topics: ['rag'], order: 2 },
];
const f = makeScheduler({ retention: 0.9, fuzz: false });

async function studiedDb(): Promise<StudyDatabase> {
  const db = await openStudyDb(`backup-${Math.random()}`);
  await syncBank(db, BANK, T0);
  const plan: [string, 1 | 2 | 3 | 4, number][] = [
    ['a', Rating.Good, 0],
    ['a', Rating.Good, 1],
    ['a', Rating.Again, 4],
    ['b', Rating.Easy, 2],
    ['a', Rating.Good, 5],
  ];
  for (const [i, [id, rating, day]] of plan.entries()) {
    await recordRating(db, f, { reviewId: `r${i}`, cardId: id, rating, reviewedAt: T0 + day * 86_400_000 });
  }
  return db;
}

async function exportText(db: StudyDatabase): Promise<string> {
  return JSON.stringify(makeBackup(await readHistory(db), DEFAULT_SETTINGS, NOW));
}

const snapshot = async (db: StudyDatabase) => {
  const h = await readHistory(db);
  return JSON.stringify({
    cards: h.cards.sort((x, y) => x.id.localeCompare(y.id)),
    reviews: h.reviews.sort((x, y) => x.id.localeCompare(y.id)),
  });
};

type Node = unknown;

describe('export and import', () => {
  it('round-trips: a fresh profile restored from a backup has the same cards and log', async () => {
    const db = await studiedDb();
    const text = await exportText(db);
    const fresh = await openStudyDb(`restore-${Math.random()}`);
    await syncBank(fresh, BANK, T0);
    const out = await restoreFromText(fresh, text, BANK, NOW);
    expect(out).toMatchObject({ ok: true, added: 5, skipped: 0, rebuilt: 2 });
    const [before, after] = [await readHistory(db), await readHistory(fresh)];
    const byId = (h: typeof before) => Object.fromEntries(h.cards.map((c) => [c.id, c]));
    // Schedules are rebuilt from the log with ts-fsrs and equal what was exported.
    expect(byId(after)).toEqual(byId(before));
    // The log is the same, less `prevDue`: undo data, only for the page that gave the rating.
    const withoutUndoData = (text: string) => {
      const h = JSON.parse(text) as { reviews: Record<string, unknown>[] };
      for (const r of h.reviews) delete r.prevDue;
      return h;
    };
    expect(withoutUndoData(await snapshot(fresh))).toEqual(withoutUndoData(await snapshot(db)));
  });

  it('exports a reset card without its undo bookkeeping, and the file imports', async () => {
    const db = await studiedDb();
    await changeCard(db, 'b', { kind: 'reset' }, NOW - 1000, 4);
    expect((await db.get('cards', 'b'))?.resetFrom).toBeDefined();
    const text = await exportText(db);
    expect(text).not.toContain('resetFrom');
    const fresh = await openStudyDb(`restore-${Math.random()}`);
    await syncBank(fresh, BANK, T0);
    expect(await restoreFromText(fresh, text, BANK, NOW)).toMatchObject({ ok: true, added: 5 });
    expect((await fresh.get('cards', 'b'))?.resetAt).toBe(NOW - 1000);
  });

  it('still imports a version 1 file (made before card settings existed)', async () => {
    const db = await studiedDb();
    const v1 = { ...JSON.parse(await exportText(db)), version: 1 };
    const fresh = await openStudyDb(`restore-${Math.random()}`);
    await syncBank(fresh, BANK, T0);
    expect(await restoreFromText(fresh, JSON.stringify(v1), BANK, NOW)).toMatchObject({ ok: true, added: 5 });
    expect(await restoreFromText(fresh, JSON.stringify({ ...v1, version: 3 }), BANK, NOW)).toMatchObject({
      ok: false,
      message: expect.stringMatching(/newer version.*update the extension/),
    });
  });

  it('keeps what the person set on a card: suspended, buried, note, reset', async () => {
    const db = await studiedDb();
    const card = (await db.get('cards', 'c'))!;
    await db.put('cards', { ...card, suspended: true, note: 'my words 我的话', resetAt: T0 + 1 });
    const b = (await db.get('cards', 'b'))!;
    await db.put('cards', { ...b, buriedUntil: NOW + 3_600_000 });
    const text = await exportText(db);
    const fresh = await openStudyDb(`restore-${Math.random()}`);
    await syncBank(fresh, BANK, T0);
    expect(await restoreFromText(fresh, text, BANK, NOW)).toMatchObject({ ok: true });
    expect(await fresh.get('cards', 'c')).toMatchObject({
      suspended: true,
      note: 'my words 我的话',
      resetAt: T0 + 1,
    });
    expect((await fresh.get('cards', 'b'))?.buriedUntil).toBe(NOW + 3_600_000);
  });

  it('changes nothing when the same file is imported twice', async () => {
    const db = await studiedDb();
    const text = await exportText(db);
    const first = await snapshot(db);
    expect(await restoreFromText(db, text, BANK, NOW)).toMatchObject({ ok: true, added: 0, skipped: 5 });
    expect(await snapshot(db)).toBe(first);
  });

  it('merges by review id: reviews made elsewhere are added and the card rebuilt', async () => {
    const db = await studiedDb();
    const other = await studiedDb();
    await recordRating(other, f, {
      reviewId: 'phone-1',
      cardId: 'c',
      rating: 3,
      reviewedAt: T0 + 6 * 86_400_000,
    });
    const out = await restoreFromText(db, await exportText(other), BANK, NOW);
    expect(out).toMatchObject({ ok: true, added: 1, skipped: 5, rebuilt: 1 });
    expect((await db.get('cards', 'c'))!.reps).toBe(1);
  });
});

describe('a bad file gets a clear message and changes nothing', () => {
  const cases: [string, (valid: Record<string, unknown>) => string, RegExp][] = [
    ['empty', () => '', /empty/],
    ['truncated', (v) => JSON.stringify(v).slice(0, 100), /not valid JSON/],
    ['not ours', () => JSON.stringify({ hello: 'world' }), /not a backup made by/],
    ['newer version', (v) => JSON.stringify({ ...v, version: 9 }), /newer version/],
    [
      '__proto__ key',
      (v) => JSON.stringify(v).replace('"settings":{', '"settings":{"__proto__":{"polluted":1},'),
      /forbidden key "__proto__"/,
    ],
    ['unknown field', (v) => JSON.stringify({ ...v, extra: 1 }), /not valid/],
    ['wrong type', (v) => JSON.stringify({ ...v, cards: 'many' }), /cards must be a list/],
    [
      'huge string',
      (v) => JSON.stringify({ ...v, cards: [{ ...(v.cards as object[])[0], id: 'x'.repeat(100_000) }] }),
      /^Card 1 \("x+…"\): id must be text of 1–200 characters, found "x+…"\.$/,
    ],
    [
      'date out of range',
      (v) => JSON.stringify({ ...v, cards: [{ ...(v.cards as object[])[0], due: 1e18 }] }),
      /^Card 1 \("a"\): due must be between 2000-01-01 and 20\d\d-\d\d-\d\d, found 1000000000000000000\.$/,
    ],
    [
      'review in the future',
      (v) => JSON.stringify(v).replace(/,(\d{13})\]\]/, `,${NOW + 5 * 86_400_000}]]`),
      /^Review 5 \(card "a", 2026-08-05\): review must be between 2000-01-01 and 2026-08-01, found 2026-08-05\.$/,
    ],
    ['review of a missing card', (v) => JSON.stringify({ ...v, cards: [] }), /does not contain/],
  ];
  for (const [name, make, message] of cases) {
    it(name, async () => {
      const db = await studiedDb();
      const valid = JSON.parse(await exportText(db)) as Record<string, unknown>;
      const before = await snapshot(db);
      const out = await restoreFromText(db, make(valid), BANK, NOW);
      expect(out.ok).toBe(false);
      expect(out.ok ? '' : out.message).toMatch(message);
      expect(await snapshot(db)).toBe(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  }

  it('names the review or card that is wrong and what is wrong with it, in both languages', async () => {
    const db = await studiedDb();
    const valid = JSON.parse(await exportText(db)) as { reviews: unknown[][]; cards: object[] };
    const rating7 = structuredClone(valid);
    rating7.reviews[2]![2] = 7;
    const out = parseBackup(JSON.stringify(rating7), NOW);
    expect(out.ok).toBe(false);
    if (out.ok) return;
    expect(out.message).toBe('Review 3 (card "b", 2026-07-03): rating must be a whole number 1–4, found 7.');
    expect(describeBackupProblem(out.problem, optionsTranslator('zh'))).toBe(
      '第 3 条复习记录（卡片“b”，2026-07-03）：rating 应为 1–4 的整数，实际是 7。',
    );
    const noSection = structuredClone(valid);
    noSection.cards[1] = { ...noSection.cards[1], section: 'cooking' };
    const card = parseBackup(JSON.stringify(noSection), NOW);
    expect(card.ok ? '' : card.message).toBe(
      'Card 2 ("b"): section must be one of basics, advanced, llm, distributed, inference, found "cooking".',
    );
    const missing = structuredClone(valid);
    delete (missing.cards[0] as Record<string, unknown>).state;
    expect(parseBackup(JSON.stringify(missing), NOW)).toMatchObject({
      message: 'Card 1 ("a"): state is missing.',
    });
  });

  it('rejects thousands of generated bad files, with a message each, touching nothing', async () => {
    const db = await studiedDb();
    const validText = await exportText(db);
    const valid = JSON.parse(validText) as Record<string, unknown>;
    const before = await snapshot(db);
    const paths = (o: unknown, prefix: (string | number)[] = []): (string | number)[][] =>
      typeof o === 'object' && o !== null
        ? Object.entries(o).flatMap(([k, v]) => [
            [...prefix, Array.isArray(o) ? Number(k) : k],
            ...paths(v, [...prefix, Array.isArray(o) ? Number(k) : k]),
          ])
        : [];
    const allPaths = paths(valid).filter(
      (p) => !['format', 'version'].includes(String(p[0])) || p.length > 1,
    );
    const setAt = (root: unknown, path: (string | number)[], value: unknown) => {
      const copy = structuredClone(root) as Record<string | number, unknown>;
      let node = copy;
      for (const k of path.slice(0, -1)) node = node[k] as Record<string | number, unknown>;
      node[path.at(-1)!] = value;
      return copy;
    };
    const wrongValue = fc.oneof(
      fc.constant(null),
      fc.constant('1e999'),
      fc.constant(-1),
      fc.constant(Number.MAX_SAFE_INTEGER),
      fc.constant({}),
      fc.constant([]),
      fc.constant(true),
      fc.string({ minLength: 201, maxLength: 300 }),
    );
    const badFile = fc.oneof(
      // Any prefix of the file: truncated.
      fc.integer({ min: 0, max: validText.length - 1 }).map((n) => validText.slice(0, n)),
      // A field of the wrong type or out of range (settings are taken leniently, each field
      // back to its default: they are not refused, so they are left out here).
      fc
        .tuple(fc.constantFrom(...allPaths.filter((p) => p[0] !== 'settings')), wrongValue)
        .map(([p, v]) => JSON.stringify(setAt(valid, p, v))),
      // An unknown field anywhere an object is.
      fc
        .tuple(
          fc.constantFrom(...allPaths.filter((p) => typeof p.at(-1) === 'string' && p[0] !== 'settings')),
          fc.string({ minLength: 1, maxLength: 8 }),
        )
        .filter(
          ([p, k]) =>
            !Object.prototype.hasOwnProperty.call(
              Object(
                p
                  .slice(0, -1)
                  .reduce((n: Node, key) => (n as Record<string | number, Node>)[key]!, valid as Node),
              ),
              `x${k}`,
            ),
        )
        .map(([p, k]) => {
          const parent = p.slice(0, -1);
          const obj = parent.reduce(
            (n: Node, key) => (n as Record<string | number, Node>)[key]!,
            valid as Node,
          ) as Record<string, unknown>;
          return JSON.stringify(
            parent.length ? setAt(valid, parent, { ...obj, [`x${k}`]: 1 }) : { ...valid, [`x${k}`]: 1 },
          );
        }),
      // A __proto__ / constructor key in any object of the file.
      fc
        .tuple(
          fc.integer({ min: 0, max: validText.split('{"').length - 2 }),
          fc.constantFrom('__proto__', 'constructor'),
        )
        .map(([n, key]) => {
          const parts = validText.split('{"');
          return (
            parts.slice(0, n + 1).join('{"') + `{"${key}":{"polluted":1},"` + parts.slice(n + 1).join('{"')
          );
        }),
      // Not JSON, or JSON that is not a backup.
      fc.string().filter((s) => !s.includes(BACKUP_FORMAT)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
    );
    const prototypeBefore = Object.getOwnPropertyNames(Object.prototype).sort();
    let checked = 0;
    let stillValid = 0;
    await fc.assert(
      fc.asyncProperty(badFile, async (text) => {
        const out = parseBackup(text, NOW);
        // A replacement that happens to stay valid (e.g. a long string where a topic was)
        // is not a bad file; counted below, so it cannot hide the rest.
        if (out.ok) {
          stillValid++;
          return true;
        }
        checked++;
        // In words in both languages, never a path into the file such as "reviews.0.2".
        const zhMessage = describeBackupProblem(out.problem, optionsTranslator('zh'));
        return (
          out.message.length > 10 &&
          !/\b(cards|reviews)\.\d/.test(out.message) &&
          zhMessage.length > 5 &&
          // Every placeholder filled (a generated field name may hold braces of its own).
          !/\{(n|what|where|field|rule|found|id|key|version|range|from|to|list|max|length|card|date)\}/.test(
            zhMessage,
          )
        );
      }),
      { numRuns: 3000 },
    );
    expect(checked).toBeGreaterThan(2500);
    expect(stillValid).toBeLessThan(300);
    expect(await snapshot(db)).toBe(before);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(prototypeBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('check the database', () => {
  it('repairs impossible records and says what it did, deleting nothing', async () => {
    const db = await studiedDb();
    const reviewsBefore = await db.count('reviews');
    const a = (await db.get('cards', 'a'))!;
    await db.put('cards', { ...a, stability: Number.NaN, difficulty: 'x' as unknown as number });
    const b = (await db.get('cards', 'b'))!;
    await db.put('cards', { ...b, last_review: NOW + 10 * 86_400_000 });
    await db.put('reviews', { ...(await db.get('reviews', 'r4'))!, review: NOW + 86_400_000 });
    await db.delete('cards', 'c');
    await db.put('reviews', { ...(await db.get('reviews', 'r3'))!, id: 'r-c', cardId: 'c' });
    await db.put('reviews', { ...(await db.get('reviews', 'r3'))!, id: 'r-gone', cardId: 'gone-question' });
    await db.put('cards', { ...b, id: 'gone-question', inBank: true });
    const report = await checkDatabase(db, BANK, NOW, 0.9);
    expect(report).toEqual({ retired: 1, rebuilt: 2, recreated: 1, futureReviews: 1, orphansKept: 0 });
    const fixedA = (await db.get('cards', 'a'))!;
    expect(Number.isFinite(fixedA.stability) && typeof fixedA.difficulty === 'number').toBe(true);
    expect((await db.get('cards', 'b'))!.last_review).toBeLessThanOrEqual(NOW);
    expect((await db.get('cards', 'c'))!.reps).toBe(1);
    expect((await db.get('cards', 'gone-question'))!.inBank).toBe(false);
    expect(await db.count('reviews')).toBe(reviewsBefore + 2);
    // A second check finds nothing more to do.
    expect(await checkDatabase(db, BANK, NOW, 0.9)).toEqual({
      retired: 0,
      rebuilt: 0,
      recreated: 0,
      futureReviews: 0,
      orphansKept: 0,
    });
  });
});

describe('check the database, cards FSRS cannot rate', () => {
  it('rebuilds a scheduled card with no memory state, so it cannot block the queue', async () => {
    const db = await studiedDb();
    const a = (await db.get('cards', 'a'))!;
    await db.put('cards', { ...a, stability: 0, difficulty: 0 });
    const report = await checkDatabase(db, BANK, NOW, 0.9);
    expect(report.rebuilt).toBe(1);
    const fixed = (await db.get('cards', 'a'))!;
    expect(fixed.stability).toBeGreaterThan(0);
    expect(fixed.difficulty).toBeGreaterThanOrEqual(1);
    await expect(
      recordRating(db, f, { reviewId: 'after', cardId: 'a', rating: 3, reviewedAt: NOW }),
    ).resolves.toMatchObject({
      status: 'stored',
    });
  });
});
