import { makeScheduler, newSchedulingState } from '../srs/schedule';
import { replayRatings } from '../srs/replay';
import type { BankIndexEntry } from './cards';
import type { StudyDatabase } from './open';
import { sameQueueKeys, withQueueKeys } from './queue-keys';
import type { CardRecord, ReviewRecord } from './schema';
import { writeAllOrNothing } from './restore';

export interface RepairReport {
  /** Cards whose question is no longer in the bank, now hidden (history kept). */
  retired: number;
  /** Cards with impossible fields (non-numeric FSRS values, dates in the future), rebuilt from their log. */
  rebuilt: number;
  /** Cards that were missing although their question and reviews exist, recreated from the log. */
  recreated: number;
  /** Reviews dated in the future, moved to now (their rating is kept). */
  futureReviews: number;
  /** Reviews of questions the bank no longer has and no card: kept untouched. */
  orphansKept: number;
}

const FUTURE_SLACK_MS = 60_000;
const NUMERIC: (keyof CardRecord)[] = [
  'due',
  'stability',
  'difficulty',
  'elapsed_days',
  'scheduled_days',
  'learning_steps',
  'reps',
  'lapses',
];

function impossible(c: CardRecord, now: number): boolean {
  if (NUMERIC.some((k) => typeof c[k] !== 'number' || !Number.isFinite(c[k]))) return true;
  if (![0, 1, 2, 3].includes(c.state)) return true;
  // ts-fsrs refuses to rate a scheduled card with no memory state; it would block the queue.
  if (c.state !== 0 && (c.stability <= 0 || c.difficulty < 1 || c.difficulty > 10)) return true;
  if (c.last_review !== null && (typeof c.last_review !== 'number' || !Number.isFinite(c.last_review)))
    return true;
  return c.last_review !== null && c.last_review > now + FUTURE_SLACK_MS;
}

/**
 * Like Anki's "Check Database": finds impossible records and repairs them in one
 * transaction, deleting nothing, and says what it did.
 */
export async function checkDatabase(
  db: StudyDatabase,
  bank: readonly BankIndexEntry[],
  now: number,
  retention: number,
): Promise<RepairReport> {
  const scheduler = makeScheduler({ retention, fuzz: false });
  const report: RepairReport = { retired: 0, rebuilt: 0, recreated: 0, futureReviews: 0, orphansKept: 0 };
  const tx = db.transaction(['cards', 'reviews'], 'readwrite');
  const cardStore = tx.objectStore('cards');
  const reviewStore = tx.objectStore('reviews');
  const [cards, reviews] = await Promise.all([cardStore.getAll(), reviewStore.getAll()]);
  // Changes are computed first and written together at the end: all or nothing.
  const writes: (() => Promise<unknown>)[] = [];
  const rebuild = new Set<string>();
  for (const r of reviews) {
    if (typeof r.review !== 'number' || !Number.isFinite(r.review) || r.review > now + FUTURE_SLACK_MS) {
      r.review = now;
      writes.push(() => reviewStore.put(r));
      rebuild.add(r.cardId);
      report.futureReviews++;
    }
  }
  const logs = new Map<string, ReviewRecord[]>();
  for (const r of reviews) logs.set(r.cardId, [...(logs.get(r.cardId) ?? []), r]);
  const inBank = new Map(bank.map((e) => [e.id, e]));
  const byId = new Map(cards.map((c) => [c.id, c]));
  const rebuilt = (
    c: Omit<CardRecord, keyof ReturnType<typeof newSchedulingState>>,
    history: ReviewRecord[],
  ) => ({
    ...c,
    ...(history.length
      ? replayRatings(
          scheduler,
          history.filter((r) => [1, 2, 3, 4].includes(r.rating)),
          history[0]!.review,
          c.resetAt,
        )
      : newSchedulingState(now)),
  });
  for (const c of cards) {
    let next: CardRecord = c;
    if (c.inBank && !inBank.has(c.id)) {
      next = { ...next, inBank: false };
      report.retired++;
    }
    if (impossible(c, now) || rebuild.has(c.id)) {
      next = rebuilt(next, logs.get(c.id) ?? []);
      report.rebuilt++;
    }
    // Keys are written afresh too when only they are stale (say, written by an older version).
    const record = withQueueKeys(next);
    if (next !== c || !sameQueueKeys(record, c)) writes.push(() => cardStore.put(record));
  }
  for (const [cardId, history] of logs) {
    if (byId.has(cardId)) continue;
    const place = inBank.get(cardId);
    if (!place) {
      report.orphansKept += history.length;
      continue;
    }
    const card = rebuilt(
      { id: cardId, section: place.section, topics: [...place.topics], order: place.order, inBank: true },
      history,
    );
    const record = withQueueKeys(card);
    writes.push(() => cardStore.put(record));
    report.recreated++;
  }
  await writeAllOrNothing(tx, writes);
  return report;
}
