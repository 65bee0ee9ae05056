import type { FSRS } from 'ts-fsrs';
import type { ReviewEntry } from '../srs/card-state';
import { gradeCard, newSchedulingState } from '../srs/schedule';
import type { CardChange, LocalChanges, LocalUndo } from '../sync/local';
import type { MergedReview } from '../sync/merge';
import type { DeviceLog } from '../sync/types';
import type { StudyDatabase } from './open';
import { withQueueKeys } from './queue-keys';
import { writeAllOrNothing } from './restore';
import type { CardRecord, ReviewRecord } from './schema';

/** The `meta` store inside another module's transaction. */
type MetaStore = { get(key: string): Promise<unknown>; put(value: unknown, key: string): Promise<unknown> };

/** This browser as a sync device: its id, and when sync began here. */
export interface SyncDevice {
  id: string;
  since: number;
}

const DEVICE_KEY = 'sync-device';
const UNDOS_KEY = 'sync-undos';
/** The log this device last compacted (everything it knew, checkpoints included): sync's memory here. */
const LAST_KEY = 'sync-last';
/** Set when the next round must read every rating (after an import or a repair). */
const WHOLE_KEY = 'sync-read-whole';
/** Undos older than this are dropped: every device has long compacted the rating away. */
const UNDO_KEEP_MS = 60 * 86_400_000;

/** This browser's device id, made once (`makeId`) the first time sync runs here. */
export async function syncDevice(db: StudyDatabase, now: number, makeId: () => string): Promise<SyncDevice> {
  const had = (await db.get('meta', DEVICE_KEY)) as SyncDevice | undefined;
  if (had) return had;
  const made: SyncDevice = { id: makeId(), since: now };
  await db.put('meta', made, DEVICE_KEY);
  return made;
}

/** What sync reads of this browser, in one transaction. */
export interface SyncView {
  cards: CardRecord[];
  /** The ratings after the last log's horizon (all of them when `whole`, or before the first round). */
  reviews: ReviewRecord[];
  /** The id of every rating held here. */
  reviewIds: Set<string>;
  /** Every rating was read. */
  whole: boolean;
  undos: LocalUndo[];
  /** The log this device last compacted: everything up to its horizon is in its checkpoints. */
  last?: DeviceLog;
}

/**
 * Everything sync reads of this browser in one transaction. The ratings up to the horizon
 * of the log it last compacted are in that log's checkpoints already, so only the later
 * ones are read (their ids all the same); `whole` reads every rating, as the first round
 * does and the one after `readWholeLogNext`.
 */
export async function readSyncView(db: StudyDatabase, { whole = false } = {}): Promise<SyncView> {
  const tx = db.transaction(['cards', 'reviews', 'meta'], 'readonly');
  const meta = tx.objectStore('meta');
  const reviewStore = tx.objectStore('reviews');
  const [cards, undos, last, wholeAsked] = await Promise.all([
    tx.objectStore('cards').getAll(),
    meta.get(UNDOS_KEY) as Promise<LocalUndo[] | undefined>,
    meta.get(LAST_KEY) as Promise<DeviceLog | undefined>,
    meta.get(WHOLE_KEY),
  ]);
  const horizon = whole || wholeAsked ? undefined : last?.horizon;
  const [reviews, ids] = await Promise.all([
    horizon === undefined
      ? reviewStore.getAll()
      : reviewStore.index('review').getAll(IDBKeyRange.lowerBound(horizon, true)),
    horizon === undefined ? undefined : reviewStore.getAllKeys(),
  ]);
  await tx.done;
  return {
    cards,
    reviews,
    whole: horizon === undefined,
    reviewIds: new Set(ids ?? reviews.map((r) => r.id)),
    undos: undos ?? [],
    ...(last ? { last } : {}),
  };
}

/** The ratings held here with these ids (the few another device's undo takes back). */
export async function readReviews(db: StudyDatabase, ids: Iterable<string>): Promise<ReviewRecord[]> {
  const tx = db.transaction('reviews');
  const found = await Promise.all([...ids].map((id) => tx.store.get(id)));
  await tx.done;
  return found.filter((r): r is ReviewRecord => r !== undefined);
}

/** The settings as this device last exchanged them with sync: what they were, and when they changed. */
export interface SyncedSettings {
  at: number;
  json: string;
}

const SETTINGS_KEY = 'sync-settings';

export const readSyncSettings = async (db: StudyDatabase) =>
  (await db.get('meta', SETTINGS_KEY)) as SyncedSettings | undefined;

export const saveSyncSettings = (db: StudyDatabase, s: SyncedSettings) => db.put('meta', s, SETTINGS_KEY);

export const saveLastLog = (db: StudyDatabase, log: DeviceLog) => db.put('meta', log, LAST_KEY);

/**
 * After schedules were rebuilt from the whole log (import, repair): the next round reads
 * every rating again, besides the log it last compacted (kept: it may hold what only
 * another browser knew), so ratings an import brought, however old, count.
 */
export function readWholeLogNext(db: StudyDatabase) {
  return async <R>(res: R): Promise<R> => {
    // A refused import changed nothing.
    if ((res as { ok?: boolean } | null)?.ok !== false) await db.put('meta', true, WHOLE_KEY);
    return res;
  };
}

/** After a round that read every rating. */
export const readWholeLogDone = (db: StudyDatabase) => db.delete('meta', WHOLE_KEY);

/**
 * Records an undo for sync, inside the transaction that takes the rating back, so the
 * rating leaves every device. Undos older than 60 days are dropped.
 */
export async function noteUndo(meta: MetaStore, undo: LocalUndo): Promise<void> {
  const undos = ((await meta.get(UNDOS_KEY)) as LocalUndo[] | undefined) ?? [];
  const kept = undos.filter((u) => u.at > undo.at - UNDO_KEEP_MS);
  await meta.put([...kept, undo], UNDOS_KEY);
}

/**
 * Takes a reset out of the log this device last compacted, inside the transaction that
 * takes the reset back. (Another browser that already received the reset keeps it: a reset
 * taken back is not an event of its own.)
 */
export async function forgetReset(meta: MetaStore, cardId: string, resetAt: number): Promise<void> {
  const last = (await meta.get(LAST_KEY)) as DeviceLog | undefined;
  if (!last) return;
  const events = last.events.filter((e) => !(e.kind === 'reset' && e.cardId === cardId && e.at === resetAt));
  if (events.length !== last.events.length) await meta.put({ ...last, events }, LAST_KEY);
}

/**
 * Writes what a merge changed, all or nothing: each changed card (its schedule, with the
 * interview plan's due time from `plan`, and its settings; the times here of a setting
 * sync changed are cleared), the ratings other devices made (with their log entries,
 * replayed like an import), and the ratings an undo elsewhere took back. Returns the
 * cards that changed.
 */
export async function applySyncChanges(
  db: StudyDatabase,
  changes: LocalChanges,
  scheduler: FSRS,
  plan: (card: CardRecord) => number,
  from: ReadonlyMap<string, string>,
  /** The cards as the round read them: one changed here since (a rating, an action) is left to the next round. */
  read: ReadonlyMap<string, CardRecord>,
): Promise<string[]> {
  if (changes.cards.length + changes.add.length + changes.remove.length === 0) return [];
  const tx = db.transaction(['cards', 'reviews'], 'readwrite');
  const cardStore = tx.objectStore('cards');
  const reviewStore = tx.objectStore('reviews');
  // Only the cards that change, and the ratings of the cards that gain some.
  const gaining = [...new Set(changes.add.map((r) => r.cardId))];
  const [cards, held] = await Promise.all([
    Promise.all(changes.cards.map((c) => cardStore.get(c.id))),
    Promise.all(gaining.map((id) => reviewStore.index('cardId').getAll(id))),
  ]);
  const byId = new Map(cards.flatMap((c) => (c ? [[c.id, c] as const] : [])));
  const next: CardRecord[] = [];
  for (const change of changes.cards) {
    const card = byId.get(change.id);
    if (!card || JSON.stringify(card) !== JSON.stringify(read.get(change.id))) continue;
    next.push(withQueueKeys(changed(card, change, plan)));
  }
  const added = withEntries(changes.add, held.flat(), scheduler, from);
  await writeAllOrNothing(tx, [
    ...next.map((c) => () => cardStore.put(c)),
    ...added.map((r) => () => reviewStore.put(r)),
    ...changes.remove.map((id) => () => reviewStore.delete(id)),
  ]);
  return next.map((c) => c.id);
}

const STAMPS = { suspended: 'suspendedAt', buriedUntil: 'buriedAt', note: 'noteAt' } as const;

/** A card with what the merge changed: its schedule, and only the settings sync changed (their times here cleared). */
function changed(card: CardRecord, change: CardChange, plan: (card: CardRecord) => number): CardRecord {
  const updated: CardRecord = { ...card, ...change.state };
  for (const k of change.changed) {
    delete updated[k];
    if (k !== 'resetAt') delete updated[STAMPS[k]];
    const value = change.settings[k];
    if (value !== undefined && value !== false) Object.assign(updated, { [k]: value });
  }
  return { ...updated, due: plan(updated) };
}

/**
 * Ratings from other devices as review records: each card's ratings, the ones held here and
 * the new ones, replayed in time order from new, give each new rating FSRS's log entry (the
 * card's state before it, for the statistics and today's counts).
 */
function withEntries(
  add: readonly MergedReview[],
  held: readonly ReviewRecord[],
  scheduler: FSRS,
  from: ReadonlyMap<string, string>,
): ReviewRecord[] {
  const byCard = new Map<string, (MergedReview | ReviewRecord)[]>();
  for (const r of add) byCard.set(r.cardId, [...(byCard.get(r.cardId) ?? []), r]);
  for (const r of held) byCard.get(r.cardId)?.push(r);
  const adding = new Set(add.map((r) => r.id));
  const out: ReviewRecord[] = [];
  for (const list of byCard.values()) {
    const all = list.sort((a, b) => a.review - b.review || (a.id < b.id ? -1 : 1));
    let state = newSchedulingState(all[0]!.review);
    for (const r of all) {
      const { state: after, log } = gradeCard(scheduler, state, r.rating, r.review);
      if (adding.has(r.id)) out.push(record(r, log, from.get(r.id)));
      state = after;
    }
  }
  return out;
}

function record(r: MergedReview, log: ReviewEntry, from: string | undefined): ReviewRecord {
  return {
    ...log,
    id: r.id,
    cardId: r.cardId,
    rating: r.rating,
    review: r.review,
    ...(from ? { from } : {}),
  };
}
