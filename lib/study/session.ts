import type { CompiledQuestion } from '../bank/types';
import { isNewerDatabase, type StudyDatabase } from '../db/open';
import type { CardRecord } from '../db/schema';
import { markViewed } from '../db/views';
import type {
  CardActionResponse,
  GradeRequest,
  GradeResponse,
  PreviewResponse,
  UndoResponse,
} from '../messaging';
import type { Settings } from '../settings/model';
import { State, type CardAction, type Grade } from '../srs/card-state';
import type { PaintedMarkup, PreparedCard, PreparedStore } from './prepared';
import { pickFromSnapshot, pickNextCard, studySnapshot, type StudyCounts } from './queue-read';
import {
  initialModel,
  needsReviewId,
  sameSchedule,
  shownState,
  step,
  type CardView,
  type Effect,
  type Model,
  type ReadResult,
  type SessionEvent,
  type SessionState,
} from './session-model';

export type { Notice, SessionState } from './session-model';

export interface SessionDeps {
  /**
   * The database connection, asked for on every use: a page may paint a prepared card
   * before it is open, and a connection closed for an upgrade is reopened.
   */
  db: () => Promise<StudyDatabase>;
  settings: Settings;
  now: () => number;
  loadQuestion: (id: string) => Promise<CompiledQuestion>;
  sendGrade: (req: Omit<GradeRequest, 'type'>) => Promise<GradeResponse>;
  /** The background computes the intervals: the page does not load the scheduler. */
  sendPreview: (cardId: string, at: number) => Promise<PreviewResponse>;
  sendUndo: (reviewId: string) => Promise<UndoResponse>;
  sendCardAction: (cardId: string, action: CardAction, at: number) => Promise<CardActionResponse>;
  newReviewId: () => string;
  /**
   * New tabs rotate: a card just put on screen elsewhere is passed over. The popup is an
   * explicit review session and takes the queue as it stands.
   */
  rotate?: boolean;
  /**
   * Where questions are kept ready for the next page: `next` for the next new tab (the
   * card after this one, rotating), `head` for the next popup (the head of the queue).
   */
  prepared?: { next: PreparedStore; head: PreparedStore };
  /** A card prepared by an earlier page, painted at once and then confirmed. */
  initial?: PreparedCard | null;
  /** Told after a rating is stored (+1) or undone (-1): new tabs count toward a daily cap. */
  onRated?: (delta: 1 | -1) => void;
  /**
   * The markup prepaint.js will paint for a card, in this page's languages, on the page
   * that reads the slot: the next new tab (`next`) or the next popup (`head`).
   */
  paint?: (
    page: 'newtab' | 'popup',
    card: CardRecord,
    question: CompiledQuestion,
    counts: StudyCounts,
  ) => PaintedMarkup;
}

/**
 * One page's study session, free of any UI framework: the pure transitions of
 * `session-model.ts` plus the effects they ask for. Pages subscribe to its state; every
 * command resolves once the work it started (and anything that followed) has settled.
 */
export function createStudySession(deps: SessionDeps) {
  let model: Model = initialModel(deps.settings, deps.initial ?? null);
  let shown = shownState(model);
  const listeners = new Set<(s: SessionState) => void>();
  const inFlight = new Set<Promise<unknown>>();

  function dispatch(event: SessionEvent): void {
    const [next, effects] = step(model, event);
    const changed = next.view !== model.view || next.undoable.length !== model.undoable.length;
    model = next;
    if (changed) {
      shown = shownState(model);
      for (const l of listeners) l(shown);
    }
    for (const effect of effects) track(run(effect));
  }

  function track(work: Promise<unknown>): void {
    const p = work.catch((e: unknown) => console.error(e));
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  /** Resolves once no effect is running (effects started meanwhile are waited for too). */
  async function settled(): Promise<void> {
    while (inFlight.size) await Promise.all(inFlight);
  }

  const effects = sessionEffects(deps, dispatch, () => model);
  const run = (effect: Effect) => effects[effect.kind](effect as never);

  const command = (event: SessionEvent) => {
    dispatch(event);
    return settled();
  };

  return {
    get state(): SessionState {
      return shown;
    },
    subscribe(listener: (s: SessionState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Reads the queue and follows it; a card painted from `initial` stays if the queue agrees. */
    start: () => command({ type: 'start' }),
    /** The page stopped studying (it shows the calm page): follow nothing until started again. */
    pause: () => void dispatch({ type: 'pause' }),
    reveal: () => void dispatch({ type: 'reveal' }),
    /** Rates the card on screen; before the queue confirmed it, the rating is held until it does. */
    rate: (grade: Grade) =>
      command({
        type: 'rate',
        grade,
        reviewId: needsReviewId(model) ? deps.newReviewId() : '',
        at: deps.now(),
      }),
    /** Moves on without a rating; this page will not show the card again. */
    skip: () => command({ type: 'skip' }),
    /** Suspend, bury, reset or annotate the card on screen; resolves to whether it was stored. */
    act: async (action: CardAction): Promise<boolean> => {
      await command({ type: 'act', action, at: deps.now() });
      return model.lastActOk;
    },
    /** Takes back the last rating, skip, bury, suspend or reset on this page and shows that card again. */
    undo: () => command({ type: 'undo' }),
    /** Another page rated a card or the queue changed: move on if our card was the one. */
    queueChanged: (cardId?: string, synced?: readonly string[]) =>
      command({ type: 'queueChanged', cardId, ...(synced ? { synced } : {}) }),
    settingsChanged: (settings: Settings) => command({ type: 'settingsChanged', settings }),
    /** Resolves once everything the session started has finished. */
    settled,
  };
}

export type StudySession = ReturnType<typeof createStudySession>;

type Runners = { [K in Effect['kind']]: (effect: Extract<Effect, { kind: K }>) => Promise<unknown> };

/** What each effect does, and the event its result comes back as. */
function sessionEffects(
  deps: SessionDeps,
  dispatch: (e: SessionEvent) => void,
  current: () => Model,
): Runners {
  const rotate = deps.rotate ?? true;
  const slots = deps.prepared;
  /** A message that never got its answer: the page says why, in the background's words. */
  const unanswered = (e: Error) => ({ ok: false as const, error: 'storage' as const, message: e.message });
  const forget = (cardId?: string) => {
    for (const slot of [slots?.next, slots?.head])
      if (!cardId || slot?.read()?.card.id === cardId) slot?.clear();
  };
  return {
    async read({ gen, keep, show }) {
      try {
        const result = await readCard(deps, current(), rotate, show);
        dispatch({ type: 'read', gen, result, keep });
      } catch (e) {
        dispatch({ type: 'readFailed', gen, message: (e as Error).message, outdated: isNewerDatabase(e) });
      }
    },
    async grade({ attempt, grade }) {
      const res = await deps.sendGrade({ ...attempt, rating: grade }).catch(unanswered);
      dispatch({ type: 'graded', attempt, res });
    },
    async act({ cardId, action, at }) {
      const res = await deps.sendCardAction(cardId, action, at).catch(unanswered);
      dispatch({ type: 'acted', cardId, action, res, at: deps.now() });
    },
    async undo({ done }) {
      const res: UndoResponse =
        done.kind === 'rate'
          ? await deps.sendUndo(done.reviewId).catch(unanswered)
          : await deps
              .sendCardAction(done.cardId, done.undo, deps.now())
              .then((r) => (r.ok ? r : unanswered(new Error(r.message))), unanswered);
      dispatch({ type: 'undone', res, at: deps.now(), rating: done.kind === 'rate' });
    },
    async previews({ cardId }) {
      const res = await deps.sendPreview(cardId, deps.now()).catch(() => null);
      if (res?.ok) dispatch({ type: 'previews', cardId, previews: res.previews });
    },
    async prepare({ gen, view }) {
      const isCurrent = () => current().prep === gen;
      try {
        const upNext = await prepare(deps, current(), view, rotate, isCurrent);
        if (isCurrent()) dispatch({ type: 'prepared', gen, upNext });
      } catch {
        if (isCurrent()) forget();
      }
    },
    async forgetPrepared({ cardId }) {
      forget(cardId);
    },
    async rated({ delta }) {
      deps.onRated?.(delta);
    },
    async checkCard({ cardId }) {
      const fresh = await (await deps.db()).get('cards', cardId);
      dispatch({ type: 'cardChecked', cardId, fresh, at: deps.now() });
    },
  };
}

/** The card to show (the queue's, or the one an undo brings back), its question, and the counts. */
async function readCard(
  deps: SessionDeps,
  m: Model,
  rotate: boolean,
  show: CardRecord | undefined,
): Promise<ReadResult> {
  const db = await deps.db();
  const now = deps.now();
  // As stored now: a card skipped a while ago may have been rated, suspended or buried on
  // another page since; then it is not brought back, and the queue decides.
  const stored = show && (await db.get('cards', show.id));
  if (show && stored && sameSchedule(stored, show, now)) {
    const [question, snap] = await Promise.all([
      deps.loadQuestion(show.id),
      studySnapshot(db, m.settings, now, { rotate: false }),
      markViewed(db, show.id, now),
    ]);
    return { card: stored, counts: snap.counts, question };
  }
  const { card, counts } = await pickNextCard(db, m.settings, now, {
    rotate,
    ownViews: m.ownViews,
    ...(m.skipped.size ? { exclude: m.skipped } : {}),
  });
  if (!card) return { card, counts, question: null };
  const [question] = await Promise.all([deps.loadQuestion(card.id), markViewed(db, card.id, now)]);
  return { card, counts, question };
}

/**
 * Off the start-up path: the card after the one on screen, kept in memory (so a rating can
 * paint it at once) and in the prepared slots for the next page. Every write first checks
 * that this preparation still counts: a rating or action since may have forgotten it.
 */
async function prepare(
  deps: SessionDeps,
  m: Model,
  current: CardView,
  rotate: boolean,
  isCurrent: () => boolean,
): Promise<PreparedCard | null> {
  const db = await deps.db();
  const now = deps.now();
  // One read serves both picks: the card after this one, and the head of the queue.
  const snap = await studySnapshot(db, m.settings, now, {
    rotate,
    exclude: new Set([...m.skipped, current.card.id]),
  });
  // As the queue will be once this card is rated: it then counts against today's limits
  // (left out, it would leave room for one more new card or review than there will be).
  const was = current.card.state;
  const next = pickFromSnapshot(
    snap,
    was === State.New
      ? { newToday: snap.ctx.newToday + 1 }
      : was === State.Review
        ? { reviewsToday: snap.ctx.reviewsToday + 1 }
        : {},
  );
  const make = (
    slot: 'next' | 'head',
    card: CardRecord,
    question: CompiledQuestion,
    counts: StudyCounts,
  ): PreparedCard => ({
    v: 3,
    card,
    question,
    counts,
    at: now,
    ...(deps.paint
      ? { paint: deps.paint(slot === 'next' ? 'newtab' : 'popup', card, question, counts) }
      : {}),
  });
  const upNext = next.card
    ? make('next', next.card, await deps.loadQuestion(next.card.id), next.counts)
    : null;
  const slots = deps.prepared;
  if (!slots || !isCurrent()) return upNext;
  if (!rotate) {
    slots.head.write(make('head', current.card, current.question, current.counts));
    return upNext;
  }
  if (upNext) slots.next.write(upNext);
  else slots.next.clear();
  const head = pickFromSnapshot(snap, { exclude: undefined, recentViews: {} });
  const question = !head.card
    ? null
    : head.card.id === current.card.id
      ? current.question
      : await deps.loadQuestion(head.card.id);
  if (!isCurrent()) return upNext;
  if (head.card && question) slots.head.write(make('head', head.card, question, head.counts));
  else slots.head.clear();
  return upNext;
}
