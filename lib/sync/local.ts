import type { Grade, SchedulingState } from '../srs/card-state';
import { fsrsDue } from '../srs/plan';
import { newSchedulingState } from '../srs/schedule';
import type { MergedCard, MergeResult, MergedReview } from './merge';
import type { CardSettings, DeviceLog, SyncEvent } from './types';

/**
 * The bridge between this browser's database and sync, both ways: this device's log as
 * events (from its reviews, the times it set things on cards, and its undos), and what a
 * merge changes in the database. Pure: the records come in, the changes go out.
 */

/** What sync reads of a card record. */
export interface LocalCard extends SchedulingState, Partial<CardSettings> {
  id: string;
  /** When the person here last suspended or unsuspended it (absent: before sync, or set by sync). */
  suspendedAt?: number;
  /** When the person here last buried or unburied it. */
  buriedAt?: number;
  /** When the person here last wrote or cleared its note. */
  noteAt?: number;
}

/** What sync reads of a review record. */
export interface LocalReview {
  id: string;
  cardId: string;
  rating: Grade;
  review: number;
  /** The device it came from through sync; absent: rated in this browser. */
  from?: string;
}

/** A rating taken back in this browser: the undo travels so the rating leaves every device. */
export interface LocalUndo {
  reviewId: string;
  at: number;
}

/**
 * Everything this browser holds as one device log, and which of its events it made itself
 * (a rating that came through sync travels in its own device's items, not again in ours).
 * A setting made before sync was on here, or brought by sync, has no time of its own: it
 * counts from `since` (when sync began on this device), so any change made anywhere after wins.
 *
 * @example
 * localLog('k3Xa9', since, await db.getAll('reviews'), await db.getAll('cards'), undos)
 */
export function localLog(
  deviceId: string,
  since: number,
  reviews: readonly LocalReview[],
  cards: readonly LocalCard[],
  undos: readonly LocalUndo[],
): { log: DeviceLog; isMine: (e: SyncEvent) => boolean } {
  const received = new Set(reviews.flatMap((r) => (r.from ? [r.id] : [])));
  const events: SyncEvent[] = reviews.map((r) => ({
    kind: 'rating',
    id: r.id,
    cardId: r.cardId,
    rating: r.rating,
    at: r.review,
  }));
  for (const u of undos) events.push({ kind: 'undo', reviewId: u.reviewId, at: u.at });
  for (const c of cards) events.push(...settingEvents(c, since));
  return {
    log: { deviceId, events, checkpoints: [] },
    isMine: (e) => !(e.kind === 'rating' && received.has(e.id)),
  };
}

/** The events that say what is set on a card now. A card with nothing ever set has none. */
function settingEvents(c: LocalCard, since: number): SyncEvent[] {
  const out: SyncEvent[] = [];
  const cardId = c.id;
  if (c.suspendedAt !== undefined || c.suspended)
    out.push({ kind: c.suspended ? 'suspend' : 'unsuspend', cardId, at: c.suspendedAt ?? since });
  if (c.buriedAt !== undefined || c.buriedUntil !== undefined) {
    const at = c.buriedAt ?? Math.min(since, c.buriedUntil ?? since);
    const until = c.buriedUntil !== undefined && c.buriedUntil > at ? c.buriedUntil : undefined;
    out.push({ kind: 'bury', cardId, at, ...(until !== undefined ? { until } : {}) });
  }
  if (c.noteAt !== undefined || c.note)
    out.push({ kind: 'note', cardId, at: c.noteAt ?? since, text: c.note ?? '' });
  if (c.resetAt !== undefined) out.push({ kind: 'reset', cardId, at: c.resetAt });
  return out;
}

/** One card the merge changes here: its new schedule (FSRS's due time) and settings. */
export interface CardChange {
  id: string;
  /** The schedule to store (the interview plan then sets its due time); absent: unchanged. */
  state?: SchedulingState;
  settings: CardSettings;
  /** Which settings sync changed: their times here are cleared (see `localLog`). */
  changed: ('suspended' | 'buriedUntil' | 'note' | 'resetAt')[];
}

export interface LocalChanges {
  cards: CardChange[];
  /** Ratings another device made that this browser does not hold yet. */
  add: MergedReview[];
  /** Ratings held here that an undo on another device took back. */
  remove: string[];
}

/**
 * What a merge of everything changes in this browser: the cards whose schedule or settings
 * differ, the ratings to add (`held`: the ids of those held here) and the ratings undone elsewhere. A card the merge knows
 * nothing of, or gives no schedule, keeps its own: sync never takes a schedule away.
 * A schedule is compared by FSRS's own due time, since the interview plan may have moved it here.
 */
export function localChanges(
  cards: readonly LocalCard[],
  held: ReadonlySet<string>,
  /** The ratings held here that an undo anywhere took back. */
  removed: readonly LocalReview[],
  merged: MergeResult,
): LocalChanges {
  const out: LocalChanges = { cards: [], add: [], remove: [] };
  out.add = merged.reviews.filter((r) => !held.has(r.id));
  out.remove = removed.map((r) => r.id);
  // A card whose every rating was taken back is new again (sync knows nothing else of it).
  const firstUndone = new Map<string, number>();
  for (const r of removed)
    firstUndone.set(r.cardId, Math.min(r.review, firstUndone.get(r.cardId) ?? Infinity));
  for (const c of cards) {
    const m = merged.cards.get(c.id);
    const undoneFrom = firstUndone.get(c.id);
    const change = m?.state
      ? cardChange(c, m)
      : undoneFrom !== undefined
        ? cardChange(c, { ...settingsOf(c), ...m, state: newSchedulingState(undoneFrom) })
        : m && cardChange(c, m);
    if (change) out.cards.push(change);
  }
  return out;
}

function settingsOf(c: LocalCard): MergedCard {
  return {
    suspended: Boolean(c.suspended),
    ...(c.buriedUntil !== undefined ? { buriedUntil: c.buriedUntil } : {}),
    ...(c.note ? { note: c.note } : {}),
    ...(c.resetAt !== undefined ? { resetAt: c.resetAt } : {}),
  };
}

const SETTINGS = ['suspended', 'buriedUntil', 'note', 'resetAt'] as const;

function cardChange(c: LocalCard, m: MergedCard): CardChange | null {
  const here: CardSettings = {
    suspended: Boolean(c.suspended),
    buriedUntil: c.buriedUntil,
    note: c.note || undefined,
    resetAt: c.resetAt,
  };
  const there: CardSettings = {
    suspended: m.suspended,
    buriedUntil: m.buriedUntil,
    note: m.note,
    resetAt: m.resetAt,
  };
  const changed = SETTINGS.filter((k) => here[k] !== there[k]);
  const state = m.state && !sameSchedule(c, m.state) ? m.state : undefined;
  if (!state && changed.length === 0) return null;
  return { id: c.id, ...(state ? { state } : {}), settings: there, changed };
}

function sameSchedule(c: SchedulingState, s: SchedulingState): boolean {
  return (
    fsrsDue(c) === s.due &&
    c.stability === s.stability &&
    c.difficulty === s.difficulty &&
    c.elapsed_days === s.elapsed_days &&
    c.scheduled_days === s.scheduled_days &&
    c.learning_steps === s.learning_steps &&
    c.reps === s.reps &&
    c.lapses === s.lapses &&
    c.state === s.state &&
    c.last_review === s.last_review
  );
}
