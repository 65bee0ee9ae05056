// Only in the bench build (WXT_BENCH=1), where the service worker calls installBenchHooks():
// seeds a large history through the project's own data layer and times its operations
// inside Chromium. Production builds drop this module (the call is behind a constant).
import bankIndex from 'virtual:bank-index';
import { badgeState } from '@/lib/background/badge';
import { syncOnce, type SyncArea } from '@/lib/background/sync';
import { EMPTY_SYNC_STATUS } from '@/lib/sync/status';
import { readWholeLogNext } from '@/lib/db/sync';
import { isBankSynced, placeBank } from '@/lib/background/bank-sync';
import { makeBackup } from '@/lib/backup/format';
import {
  openStudyDb,
  readHistory,
  recordRating,
  writeHistory,
  type CardRecord,
  type ReviewRecord,
  type StudyDatabase,
} from '@/lib/db';
import { tallySince } from '@/lib/db/reviews';
import { readStatsData } from '@/lib/db/stats-read';
import { recentViews } from '@/lib/db/views';
import type { Settings } from '@/lib/settings/model';
import { loadSettings } from '@/lib/settings/store';
import { studyDayStart } from '@/lib/srs/day';
import { nextCard, queueCounts } from '@/lib/srs/queue';

import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import { gradeCard, makeScheduler, newSchedulingState, type Grade } from '@/lib/srs/schedule';
import { pickNextCard, queueContext } from '@/lib/study/queue-read';

const DAY = 86_400_000;

/** A deterministic pseudo-random stream, so every run seeds the same history. */
function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

async function seed(
  cardCount: number,
  logCount: number,
): Promise<{
  cards: number;
  reviews: number;
  ms: number;
  syncFirstRoundMs: number;
  syncFirstRoundChanged: number;
}> {
  const t0 = performance.now();
  const db = await openStudyDb();
  // The install's bank sync must have committed first: committed after the seed, it would
  // hide every synthetic card (their ids are not in the bank) and leave ~200 cards to measure.
  const placed = await placeBank(db, bankIndex, (await loadSettings()).newOrder);
  while (!(await isBankSynced(db, placed))) await new Promise((r) => setTimeout(r, 50));
  const f = makeScheduler({ retention: 0.9, fuzz: false });
  const rand = rng(42);
  const now = Date.now();
  const cards: CardRecord[] = [];
  const reviews: ReviewRecord[] = [];
  const reviewed = Math.round(cardCount * 0.7);
  const perCard = Math.floor(logCount / reviewed);
  let extra = logCount - perCard * reviewed;
  for (let i = 0; i < cardCount; i++) {
    const q = bankIndex[i % bankIndex.length]!;
    // Copies of real questions, so a page can load real content for any synthetic card.
    const id = i < bankIndex.length ? q.id : `${q.id}~${i}`;
    let state = newSchedulingState(now - 365 * DAY);
    const firstReview = reviews.length;
    if (i % 10 < 7) {
      const n = perCard + (extra-- > 0 ? 1 : 0);
      // n ratings spread over the past year (never in the future), early or late as people are.
      const first = now - 365 * DAY + rand() * 30 * DAY;
      const step = (now - DAY - first) / n;
      for (let k = 0; k < n; k++) {
        const rating = (rand() < 0.12 ? 1 : rand() < 0.2 ? 2 : rand() < 0.9 ? 3 : 4) as Grade;
        const t = first + step * (k + rand() * 0.9);
        const { state: next, log } = gradeCard(f, state, rating, t);
        reviews.push({ ...log, id: `seed-${i}-${k}`, cardId: id });
        state = next;
      }
      // A few ratings today, as on a day of study.
      if (rand() < 0.01) {
        const { state: next, log } = gradeCard(f, state, 3, now - rand() * 3_600_000);
        reviews.push({ ...log, id: `seed-${i}-today`, cardId: id });
        state = next;
      }
      // Spread due dates around today, some overdue, most in the future, by moving the
      // card's whole history in time (never past now): its schedule stays the one its log
      // gives, as in real use, so a sync round's replay finds nothing to change.
      // Whole days, so FSRS's day counts (elapsed, scheduled) stay what the log gives.
      const wanted = Math.round((state.due - (now + (rand() * 200 - 20) * DAY)) / DAY) * DAY;
      const shift = Math.max(wanted, Math.ceil((state.last_review! - (now - 60_000)) / DAY) * DAY);
      for (let r = firstReview; r < reviews.length; r++)
        reviews[r] = { ...reviews[r]!, review: reviews[r]!.review - shift, due: reviews[r]!.due - shift };
      state = { ...state, due: state.due - shift, last_review: state.last_review! - shift };
    }
    cards.push({ ...state, id, section: q.section, topics: q.topics, order: i, inBank: true });
  }
  await writeHistory(db, cards, reviews);
  // As after an import: sync's next round reads the whole history. Timed here, the first
  // round on a device; it must find every schedule already what the log gives.
  await readWholeLogNext(db)(null);
  const t1 = performance.now();
  const first = await syncRound(db, false);
  const firstRoundMs = performance.now() - t1;
  db.close();
  return {
    cards: cards.length,
    reviews: reviews.length,
    ms: performance.now() - t0,
    syncFirstRoundMs: Math.round(firstRoundMs),
    syncFirstRoundChanged: first.changedCards.length,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/**
 * The plain queue, for comparison: every card read whole and picked in memory. The
 * windowed read (`pickNextCard`) exists only for speed; this is what it is measured against.
 */
async function plainPick(db: StudyDatabase, settings: Settings, now: number) {
  const [tally, views, cards] = await Promise.all([
    tallySince(db, studyDayStart(now, settings.dayStartHour)),
    recentViews(db),
    db.getAll('cards'),
  ]);
  const ctx = queueContext(settings, now, tally, views, { rotate: true });
  return { card: nextCard(cards, ctx), counts: queueCounts(cards, ctx) };
}

async function timeOps(runs: number): Promise<Record<string, number>> {
  const db = await openStudyDb();
  const settings = DEFAULT_SETTINGS;
  // One section turned off: the queue reads every due review and drops those outside it.
  const filtered = { ...settings, disabledSections: ['distributed'] };
  const f = makeScheduler({ retention: settings.retention, fuzz: true });
  const out: Record<string, number[]> = {};
  const time = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const result = await work();
    (out[name] ??= []).push(performance.now() - t);
    return result;
  };
  for (let i = 0; i < runs; i++) {
    // Each measured against the plain version in the same round.
    const { card } = await time('next_card', () => pickNextCard(db, settings, Date.now()));
    await time('next_card_plain', () => plainPick(db, settings, Date.now()));
    await time('due_count', () => badgeState(db, settings, Date.now()));
    await time('next_card_filtered', () => pickNextCard(db, filtered, Date.now()));
    await time('due_count_filtered', () => badgeState(db, filtered, Date.now()));
    await time('next_card_filtered_plain', () => plainPick(db, filtered, Date.now()));
    if (card) {
      await time('grade', () =>
        recordRating(db, f, {
          reviewId: `bench-${Date.now()}-${i}`,
          cardId: card.id,
          rating: 3,
          reviewedAt: Date.now(),
        }),
      );
    }
    if (i < 5) {
      // A sync round against a storage.sync of its own: only the ratings after the last
      // horizon are read; `whole` is the plain version, every rating read, in the same round.
      await time('sync_round', () => syncRound(db, false));
      await time('sync_round_whole', () => syncRound(db, true));
      // As the options page exports, and as the statistics page reads.
      const text = await time('export', async () =>
        JSON.stringify(makeBackup(await readHistory(db), settings, Date.now())),
      );
      if (text.length < 2) throw new Error('empty export');
      await time('stats_read', () => readStatsData(db));
    }
  }
  db.close();
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, median(v)]));
}

const syncItems: Record<string, unknown> = {};
/** storage.sync as a plain object: the bench measures the round, not the browser's sync service. */
const memoryArea: SyncArea = {
  get: async () => structuredClone(syncItems),
  set: async (items) => void Object.assign(syncItems, structuredClone(items)),
  remove: async (keys) => keys.forEach((k) => delete syncItems[k]),
};

function syncRound(db: StudyDatabase, whole: boolean) {
  return syncOnce(db, DEFAULT_SETTINGS, {
    area: memoryArea,
    now: Date.now(),
    makeId: () => 'bench',
    previous: EMPTY_SYNC_STATUS,
    whole,
  });
}

async function counts(): Promise<{
  cards: number;
  reviews: number;
  due: number;
  hidden: number;
  state: Record<number, number>;
}> {
  const db = await openStudyDb();
  const all = await db.getAll('cards');
  const state: Record<number, number> = {};
  for (const c of all) state[c.state] = (state[c.state] ?? 0) + 1;
  // Due as the queue sees it: through the index, so hidden or suspended cards do not count.
  const due = await db.countFromIndex('cards', 'reviewDue', IDBKeyRange.upperBound(Date.now()));
  const reviews = await db.count('reviews');
  db.close();
  return { cards: all.length, reviews, due, hidden: all.filter((c) => !c.inBank).length, state };
}

export function installBenchHooks(): void {
  Object.assign(globalThis, { bench: { seed, timeOps, counts } });
}
