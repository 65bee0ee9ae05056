import type { CompiledQuestion } from '../bank/types';
import type { CardRecord } from '../db/schema';
import type { CardActionResponse, GradeResponse, UndoResponse } from '../messaging';
import type { Settings } from '../settings/model';
import type { CardAction, Grade } from '../srs/card-state';
import { everyTopicOn } from '../srs/scope';
import type { PreparedCard } from './prepared';
import type { StudyCounts } from './queue-read';

// The study session as pure transitions: `step(model, event)` returns the next model and
// the effects to run (reads, messages to the background, the prepared slots). No timers,
// no DOM, no database here: `session.ts` runs the effects and feeds their results back as
// events, so every race is a sequence of events a test can replay.

/**
 * Why there is nothing to study: cards skipped on this page, today's limit on reviews or on
 * new cards, no card in the topics chosen, or nothing due until later (`nextDue`, if any).
 */
export type DoneReason = 'skipped' | 'reviews' | 'new' | 'scope' | 'later';

/** What the page says after an action, until the next one. */
export type Notice =
  | 'skipped'
  | 'buried'
  | 'suspended'
  | 'reset'
  | 'undone'
  | 'noteSaved'
  /** A rating pressed before the card was confirmed, and the queue then showed another card. */
  | 'ratingDropped';

interface Shared {
  /** Something done on this page (a rating, skip, bury, suspend or reset) can be taken back. */
  canUndo?: boolean;
  notice?: Notice | undefined;
  /** Why the last action (undo, bury...) failed: a known reason, or the background's words. */
  actionError?: string | undefined;
  actionErrorKey?: 'undoNotLatest' | 'undoNotFound' | undefined;
}

export interface CardView extends Shared {
  kind: 'card';
  card: CardRecord;
  question: CompiledQuestion;
  revealed: boolean;
  /** When each rating would make the card due again; null until the background says. */
  previews: Record<Grade, number> | null;
  counts: StudyCounts;
  /** A rating, action or undo is on its way, or a rating is held until the card is confirmed. */
  pending: boolean;
  /** False while the card on screen is a prepared one the queue has not confirmed yet. */
  confirmed: boolean;
  error?: string | undefined;
}

export type SessionState =
  | ({ kind: 'loading' } & Shared)
  | CardView
  | ({ kind: 'done'; counts: StudyCounts; why: DoneReason } & Shared)
  | ({
      kind: 'error';
      message: string;
      /** The database is newer than this page: a newer version of the extension is running. */
      outdated?: boolean;
    } & Shared);

/** One thing done on this page that undo can take back. */
export type Done =
  | { kind: 'rate'; reviewId: string }
  /** Nothing was stored: the card, as it was, comes back on this page. */
  | { kind: 'skip'; card: CardRecord }
  /** A bury, suspend or reset, and the action that takes it back. */
  | { kind: 'act'; cardId: string; undo: CardAction };

/**
 * The action that takes a bury, suspend or reset back (`after`: the card as stored by it).
 * A reset is taken back to the schedule the background kept when it made it.
 */
function inverse(action: CardAction, after: CardRecord): CardAction | null {
  if (action.kind === 'bury') return { kind: 'unbury' };
  if (action.kind === 'suspend') return { kind: 'unsuspend' };
  if (action.kind !== 'reset' || after.resetAt === undefined) return null;
  return { kind: 'unreset', resetAt: after.resetAt };
}

/** One review id per card put on screen, whatever rating is pressed and however often. */
export interface Attempt {
  cardId: string;
  reviewId: string;
  reviewedAt: number;
}

export interface Model {
  view: SessionState;
  settings: Settings;
  /** A calm new tab's session exists but does not study (or follow the queue) until started. */
  started: boolean;
  startedOnce: boolean;
  /** The one thing on its way to the background; every other action waits for it. */
  busy: 'rate' | 'act' | 'undo' | null;
  /** The settings changed while busy: read the queue once the action is done. */
  stale: boolean;
  attempt: Attempt | null;
  /** A rating pressed before the card on screen was confirmed: sent once it is. */
  held: { grade: Grade; reviewId: string; at: number } | null;
  /** The card after the one on screen, prepared in memory. */
  upNext: PreparedCard | null;
  /** What this page did, latest last: what undo takes back. */
  undoable: readonly Done[];
  /** Cards this page put on screen: rotation is about other pages' views. */
  ownViews: ReadonlySet<string>;
  /** Cards skipped on this page: not shown here again. */
  skipped: ReadonlySet<string>;
  /** The queue read whose answer counts; older answers are dropped. */
  read: number;
  /** The preparation whose result counts; bumped whenever the prepared cards must be forgotten. */
  prep: number;
  /** Whether the last card action was stored (what `act` resolves to). */
  lastActOk: boolean;
  /** The card painted from the previous page's prepared slot, kept if the queue agrees. */
  initialId: string | null;
}

/** A card read for the page: from the queue, or the one an undo brings back. */
export interface ReadResult {
  card: CardRecord | null;
  counts: StudyCounts;
  question: CompiledQuestion | null;
}

export type SessionEvent =
  | { type: 'start' }
  | { type: 'pause' }
  | { type: 'reveal' }
  | { type: 'rate'; grade: Grade; reviewId: string; at: number }
  | { type: 'graded'; attempt: Attempt; res: GradeResponse }
  | { type: 'skip' }
  | { type: 'act'; action: CardAction; at: number }
  | { type: 'acted'; cardId: string; action: CardAction; res: CardActionResponse; at: number }
  | { type: 'undo' }
  | { type: 'undone'; res: UndoResponse; at: number; rating: boolean }
  | { type: 'read'; gen: number; result: ReadResult; keep: string | undefined }
  | { type: 'readFailed'; gen: number; message: string; outdated: boolean }
  | { type: 'previews'; cardId: string; previews: Record<Grade, number> }
  | { type: 'prepared'; gen: number; upNext: PreparedCard | null }
  | { type: 'queueChanged'; cardId: string | undefined; synced?: readonly string[] }
  | { type: 'cardChecked'; cardId: string; fresh: CardRecord | undefined; at: number }
  | { type: 'settingsChanged'; settings: Settings };

export type Effect =
  /** Read the queue (or, with `show`, that very card) and answer with a `read` event. */
  | { kind: 'read'; gen: number; keep?: string; show?: CardRecord }
  | { kind: 'grade'; attempt: Attempt; grade: Grade }
  | { kind: 'act'; cardId: string; action: CardAction; at: number }
  | { kind: 'undo'; done: Exclude<Done, { kind: 'skip' }> }
  | { kind: 'previews'; cardId: string }
  /** Prepare the card after `view` (in memory and in the slots for the next pages). */
  | { kind: 'prepare'; gen: number; view: CardView }
  /** The slots must not offer a card that left the queue (rated, buried...); without one, nothing. */
  | { kind: 'forgetPrepared'; cardId?: string }
  | { kind: 'rated'; delta: 1 | -1 }
  | { kind: 'checkCard'; cardId: string };

export type Step = [Model, Effect[]];

/** A card just put on screen: not revealed, nothing on its way. */
function freshCard(
  card: CardRecord,
  question: CompiledQuestion,
  counts: StudyCounts,
  confirmed: boolean,
  notice?: Notice,
): CardView {
  return {
    kind: 'card',
    card,
    question,
    revealed: false,
    previews: null,
    counts,
    pending: false,
    confirmed,
    notice,
  };
}

export function initialModel(settings: Settings, initial: PreparedCard | null): Model {
  return {
    view: initial ? freshCard(initial.card, initial.question, initial.counts, false) : { kind: 'loading' },
    settings,
    started: false,
    startedOnce: false,
    busy: null,
    stale: false,
    attempt: null,
    held: null,
    upNext: null,
    undoable: [],
    ownViews: new Set(),
    skipped: new Set(),
    read: 0,
    prep: 0,
    lastActOk: false,
    initialId: initial?.card.id ?? null,
  };
}

/** The state the page shows: the view, and whether there is a rating to undo. */
export function shownState(m: Model): SessionState {
  return { ...m.view, canUndo: m.undoable.length > 0 };
}

/** The next model and the effects to run, for one event. */
export function step(m: Model, e: SessionEvent): Step {
  switch (e.type) {
    case 'start': {
      const keep = m.startedOnce ? undefined : (m.initialId ?? undefined);
      return readQueue({ ...m, started: true, startedOnce: true }, keep);
    }
    case 'pause':
      return [{ ...m, started: false }, []];
    case 'reveal':
      return m.view.kind === 'card' && !m.view.revealed
        ? [{ ...m, view: { ...m.view, revealed: true } }, []]
        : [m, []];
    case 'rate':
      return rate(m, e.grade, e.reviewId, e.at);
    case 'graded':
      return graded(m, e.attempt, e.res);
    case 'skip':
      return skip(m);
    case 'act':
      return act(m, e.action, e.at);
    case 'acted':
      return acted(m, e);
    case 'undo':
      return undo(m);
    case 'undone':
      return undone(m, e.res, e.at, e.rating);
    case 'read':
      return e.gen === m.read ? showRead(m, e.result, e.keep) : [m, []];
    case 'readFailed':
      return e.gen === m.read
        ? [{ ...m, view: { ...m.view, kind: 'error', message: e.message, outdated: e.outdated } }, []]
        : [m, []];
    case 'previews':
      return m.view.kind === 'card' && m.view.card.id === e.cardId
        ? [{ ...m, view: { ...m.view, previews: e.previews } }, []]
        : [m, []];
    case 'prepared':
      return e.gen === m.prep ? [{ ...m, upNext: e.upNext }, []] : [m, []];
    case 'queueChanged':
      return queueChanged(m, e.cardId, e.synced);
    case 'cardChecked':
      return cardChecked(m, e.cardId, e.fresh, e.at);
    case 'settingsChanged':
      return settingsChanged(m, e.settings);
  }
}

/**
 * After an action that leaves the card on screen: if the settings changed meanwhile, read
 * the queue again, keeping the card (answer and all) if the queue still has it first.
 */
function settle(m: Model): Step {
  if (!m.stale) return [m, []];
  return readQueue(m, m.view.kind === 'card' ? m.view.card.id : undefined);
}

/** A new read of the queue; any read still on its way is superseded. */
function readQueue(m: Model, keep?: string, show?: CardRecord): Step {
  const gen = m.read + 1;
  return [
    { ...m, read: gen, stale: false },
    [{ kind: 'read', gen, ...(keep ? { keep } : {}), ...(show ? { show } : {}) }],
  ];
}

/** Shows what a read found; a card painted already (`keep`) stays as it is if the queue agrees. */
function showRead(m: Model, r: ReadResult, keep: string | undefined): Step {
  const notice = m.view.notice;
  if (!r.card || !r.question) {
    const view: SessionState = { kind: 'done', counts: r.counts, why: doneReason(m, r.counts), notice };
    return [{ ...m, view, upNext: null, held: null, prep: m.prep + 1 }, [{ kind: 'forgetPrepared' }]];
  }
  const ownViews = new Set(m.ownViews).add(r.card.id);
  const prev = m.view;
  if (keep === r.card.id && prev.kind === 'card' && prev.card.id === r.card.id) {
    // The painted text may predate an update of the bank: take the packaged one if it differs.
    const same = JSON.stringify(r.question) === JSON.stringify(prev.question);
    const view: CardView = {
      ...prev,
      card: r.card,
      counts: r.counts,
      question: same ? prev.question : r.question,
      confirmed: true,
      pending: m.held !== null || prev.pending,
    };
    const [next, effects] = withPreparation({ ...m, view, ownViews }, view);
    const shown: Step = [next, [...effects, { kind: 'previews', cardId: r.card.id }]];
    return m.held !== null ? sendHeld(shown) : shown;
  }
  // A card put on screen anew gets a new review id, even if this page rated it before.
  const view = freshCard(r.card, r.question, r.counts, true, m.held !== null ? 'ratingDropped' : notice);
  const [next, effects] = withPreparation({ ...m, view, ownViews, attempt: null, held: null }, view);
  return [next, [...effects, { kind: 'previews', cardId: r.card.id }]];
}

/** A rating held until its card was confirmed, now that it is. */
function sendHeld([m, effects]: Step): Step {
  const { grade, reviewId, at } = m.held!;
  const [after, more] = rate(
    { ...m, held: null, view: { ...m.view, pending: false } as CardView },
    grade,
    reviewId,
    at,
  );
  return [after, [...effects, ...more]];
}

/** Starts preparing the card after the one on screen. */
function withPreparation(m: Model, view: CardView): Step {
  const gen = m.prep + 1;
  return [{ ...m, prep: gen, upNext: null }, [{ kind: 'prepare', gen, view }]];
}

/** Whether a rating pressed now needs a new review id (the card on screen has none yet). */
export function needsReviewId(m: Model): boolean {
  const v = m.view;
  return m.busy === null && v.kind === 'card' && v.revealed && !v.pending && m.attempt?.cardId !== v.card.id;
}

function canAct(m: Model): m is Model & { view: CardView } {
  return m.busy === null && m.view.kind === 'card' && !m.view.pending && m.view.confirmed;
}

function rate(m: Model, grade: Grade, reviewId: string, at: number): Step {
  const v = m.view;
  if (m.busy !== null || v.kind !== 'card' || !v.revealed || v.pending) return [m, []];
  // A prepared card is rated once the queue has confirmed it is still the one to show.
  if (!v.confirmed) return [{ ...m, held: { grade, reviewId, at }, view: { ...v, pending: true } }, []];
  const attempt =
    m.attempt?.cardId === v.card.id ? m.attempt : { cardId: v.card.id, reviewId, reviewedAt: at };
  return [
    { ...m, busy: 'rate', attempt, view: { ...v, pending: true, error: undefined } },
    [{ kind: 'grade', attempt, grade }],
  ];
}

function graded(m: Model, attempt: Attempt, res: GradeResponse): Step {
  const done: Model = { ...m, busy: null };
  const v = done.view;
  if (!res.ok) {
    if (v.kind === 'card' && v.card.id === attempt.cardId)
      return settle({ ...done, view: { ...v, pending: false, error: res.message } });
    return settle(done);
  }
  // Stored: counted and undoable whatever is on screen now. A duplicate is this page's own
  // earlier press, stored but unanswered: counted once.
  const counted = m.undoable.some((d) => d.kind === 'rate' && d.reviewId === attempt.reviewId);
  const undoable = counted
    ? m.undoable
    : [...m.undoable, { kind: 'rate' as const, reviewId: attempt.reviewId }];
  const effects: Effect[] = [{ kind: 'forgetPrepared', cardId: attempt.cardId }];
  if (!counted) effects.push({ kind: 'rated', delta: 1 });
  const after: Model = { ...done, undoable, prep: done.prep + 1 };
  const cleared = clearMessages(after);
  const [next, more] = moveOn(cleared, attempt.cardId);
  return [next, [...effects, ...more]];
}

function clearMessages(m: Model): Model {
  return { ...m, view: { ...m.view, notice: undefined, actionError: undefined, actionErrorKey: undefined } };
}

/**
 * After the card on screen left the queue (rated, skipped, buried...): paints the card
 * prepared in memory at once, unconfirmed, and reads the queue to confirm it.
 */
function moveOn(m: Model, leftId: string): Step {
  const next = m.upNext;
  if (!next || next.card.id === leftId || m.view.kind !== 'card') return readQueue({ ...m, upNext: null });
  const view = freshCard(next.card, next.question, next.counts, false, m.view.notice);
  return readQueue({ ...m, view, upNext: null, attempt: null }, next.card.id);
}

function skip(m: Model): Step {
  if (!canAct(m)) return [m, []];
  const id = m.view.card.id;
  const skipped = new Set(m.skipped).add(id);
  const after = clearMessages({
    ...m,
    skipped,
    undoable: [...m.undoable, { kind: 'skip', card: m.view.card }],
  });
  return moveOn({ ...after, view: { ...after.view, notice: 'skipped' } }, id);
}

function act(m: Model, action: CardAction, at: number): Step {
  if (!canAct(m)) return [{ ...m, lastActOk: false }, []];
  const view: CardView = { ...m.view, pending: true, actionError: undefined, actionErrorKey: undefined };
  return [{ ...m, busy: 'act', view }, [{ kind: 'act', cardId: m.view.card.id, action, at }]];
}

const ACT_NOTICES: Partial<Record<CardAction['kind'], Notice>> = {
  bury: 'buried',
  suspend: 'suspended',
  reset: 'reset',
  note: 'noteSaved',
};

function acted(m: Model, e: Extract<SessionEvent, { type: 'acted' }>): Step {
  const done: Model = { ...m, busy: null, lastActOk: e.res.ok };
  const v = done.view;
  const onScreen = v.kind === 'card' && v.card.id === e.cardId;
  if (!e.res.ok) {
    if (onScreen) return settle({ ...done, view: { ...v, pending: false, actionError: e.res.message } });
    return settle(done);
  }
  if (!onScreen) return readQueue(done);
  // Rated elsewhere meanwhile (its broadcast was ignored while this was on its way): move on.
  const stays =
    sameSchedule(e.res.card, v.card, e.at) &&
    (e.action.kind === 'note' || e.action.kind === 'unsuspend' || e.action.kind === 'unbury');
  if (stays) {
    const notice = e.action.kind === 'note' ? 'noteSaved' : undefined;
    return settle({ ...done, view: { ...v, card: e.res.card, pending: false, notice } });
  }
  const undo = inverse(e.action, e.res.card);
  const after: Model = {
    ...done,
    prep: done.prep + 1,
    view: { ...v, notice: ACT_NOTICES[e.action.kind] },
    undoable: undo ? [...done.undoable, { kind: 'act', cardId: e.cardId, undo }] : done.undoable,
  };
  const [next, more] = moveOn(after, e.cardId);
  return [next, [{ kind: 'forgetPrepared', cardId: e.cardId }, ...more]];
}

function undo(m: Model): Step {
  const last = m.undoable.at(-1);
  if (m.busy !== null || !last || (m.view.kind === 'card' && m.view.pending)) return [m, []];
  // Taken off the stack at once: whatever the answer, this cannot be undone twice.
  const undoable = m.undoable.slice(0, -1);
  if (last.kind === 'skip') return showAgain({ ...m, undoable }, last.card);
  const view = m.view.kind === 'card' ? { ...m.view, pending: true } : m.view;
  return [{ ...m, busy: 'undo', undoable, view }, [{ kind: 'undo', done: last }]];
}

/** Puts a card taken back on screen again, in this page too if it was skipped here. */
function showAgain(m: Model, card: CardRecord): Step {
  const skipped = new Set(m.skipped);
  skipped.delete(card.id);
  const after: Model = {
    ...m,
    skipped,
    upNext: null,
    attempt: null,
    prep: m.prep + 1,
    view: { ...m.view, notice: 'undone', actionError: undefined, actionErrorKey: undefined },
  };
  return readQueue(after, undefined, card);
}

function undone(m: Model, res: UndoResponse, at: number, rating: boolean): Step {
  const done: Model = { ...m, busy: null };
  if (!res.ok) {
    const key =
      res.error === 'not-latest' ? 'undoNotLatest' : res.error === 'not-found' ? 'undoNotFound' : undefined;
    const view = done.view.kind === 'card' ? { ...done.view, pending: false } : done.view;
    return settle({ ...done, view: { ...view, actionError: res.message, actionErrorKey: key } });
  }
  const counted: Effect[] = rating ? [{ kind: 'rated', delta: -1 }] : [];
  // Suspended or buried elsewhere meanwhile: the rating is undone, but the card stays away.
  const [next, effects] =
    res.card.suspended || (res.card.buriedUntil ?? 0) > at
      ? readQueue({ ...done, view: { ...done.view, notice: 'undone' } })
      : showAgain(done, res.card);
  return [next, [...counted, ...effects]];
}

function queueChanged(m: Model, cardId: string | undefined, synced?: readonly string[]): Step {
  // Not studying yet (a calm new tab): nothing to follow. Our own action on its way: it
  // moves on by itself, and the background's answer says if the card changed elsewhere.
  if (!m.started || m.busy !== null) return [m, []];
  const v = m.view;
  if (v.kind !== 'card') return readQueue(m);
  // Another browser's ratings came in: the counts follow, and the card stays (answer and
  // all) while the queue still has it first, as after a settings change.
  if (synced) return readQueue(m, v.card.id);
  if (v.pending || cardId !== v.card.id) return [m, []];
  return [m, [{ kind: 'checkCard', cardId }]];
}

function cardChecked(m: Model, cardId: string, fresh: CardRecord | undefined, at: number): Step {
  const v = m.view;
  // An action may have started while the card was read: it moves on by itself.
  if (m.busy !== null || v.kind !== 'card' || v.pending || v.card.id !== cardId) return [m, []];
  // Only its note changed (here or on the browse page): stay, answer and all.
  if (fresh && sameSchedule(fresh, v.card, at)) return [{ ...m, view: { ...v, card: fresh } }, []];
  return readQueue(m);
}

function settingsChanged(m: Model, settings: Settings): Step {
  const scopeChanged = JSON.stringify(pickScope(settings)) !== JSON.stringify(pickScope(m.settings));
  const next = { ...m, settings };
  if (!next.started) return [next, []];
  if (next.busy !== null) return [{ ...next, stale: next.stale || scopeChanged }, []];
  if (next.view.kind !== 'card' || scopeChanged) return readQueue(next);
  return [next, []];
}

/** Whether a card is still exactly where the queue had it: rated, reset, suspended or buried is not. */
export function sameSchedule(a: CardRecord, b: CardRecord, now: number): boolean {
  return (
    a.reps === b.reps &&
    a.due === b.due &&
    a.state === b.state &&
    a.resetAt === b.resetAt &&
    !a.suspended &&
    !((a.buriedUntil ?? 0) > now)
  );
}

export function doneReason(m: Model, counts: StudyCounts): DoneReason {
  if (m.skipped.size) return 'skipped';
  if (counts.heldBack) return counts.heldBack;
  if (counts.nextDue === null && !everyTopicOn(m.settings)) return 'scope';
  return 'later';
}

function pickScope(s: Settings) {
  return [s.disabledSections, s.disabledTopics, s.newPerDay, s.maxReviewsPerDay, s.dayStartHour];
}
