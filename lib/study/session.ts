import type { CompiledQuestion } from '../bank/types';
import type { StudyDatabase } from '../db/open';
import type { CardRecord } from '../db/schema';
import { markViewed } from '../db/views';
import type {
  CardActionResponse,
  GradeRequest,
  GradeResponse,
  PreviewResponse,
  UndoResponse,
} from '../messaging';
import type { PaintLabels, PreparedCard, PreparedStore } from './prepared';
import type { Settings } from '../settings/model';
import { State, type CardAction, type Grade } from '../srs/card-state';
import { pickFromSnapshot, pickNextCard, studySnapshot, type StudyCounts } from './queue-read';

/** What the page says after an action, until the next one. */
export type Notice = 'skipped' | 'buried' | 'suspended' | 'reset' | 'undone' | 'noteSaved';

interface Shared {
  /** A rating given on this page can be taken back. */
  canUndo?: boolean;
  notice?: Notice;
  /** Why the last action (undo, bury...) failed: a known reason, or the background's words. */
  actionError?: string;
  actionErrorKey?: 'undoNotLatest' | 'undoNotFound';
}

export type SessionState =
  | ({ kind: 'loading' } & Shared)
  | ({
      kind: 'card';
      card: CardRecord;
      question: CompiledQuestion;
      revealed: boolean;
      /** When each rating would make the card due again; null until the background says. */
      previews: Record<Grade, number> | null;
      counts: StudyCounts;
      pending: boolean;
      /** False while the card on screen is a prepared one the queue has not confirmed yet. */
      confirmed: boolean;
      error?: string;
    } & Shared)
  | ({ kind: 'done'; counts: StudyCounts } & Shared)
  | ({ kind: 'error'; message: string } & Shared);

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
  /** The words prepaint.js will need for a card, in this page's languages. */
  labels?: (question: CompiledQuestion) => PaintLabels;
}

/**
 * One page's study session, free of any UI framework: it picks the next card, reveals,
 * sends ratings to the background and moves on. Pages subscribe to its state.
 */
export function createStudySession(deps: SessionDeps) {
  let settings = deps.settings;
  const initial = deps.initial;
  let state: SessionState = initial
    ? {
        kind: 'card',
        card: initial.card,
        question: initial.question,
        revealed: false,
        previews: null,
        counts: initial.counts,
        pending: false,
        confirmed: false,
      }
    : { kind: 'loading' };
  const listeners = new Set<(s: SessionState) => void>();
  /**
   * One review id per card put on screen, whatever rating is pressed and however often: if
   * a rating was stored but its answer got lost, a second press (even of another rating)
   * is recognised as the same review and stored once.
   */
  let attempt: { cardId: string; reviewId: string; reviewedAt: number } | null = null;
  let generation = 0;
  /** The card after the one on screen, prepared in memory. */
  let upNext: PreparedCard | null = null;
  /** Cards this page put on screen: rotation is about other pages' views. */
  const ownViews = new Set<string>();
  /** Cards skipped on this page: not shown here again. */
  const skipped = new Set<string>();
  /** Ratings given on this page, latest last: what undo takes back. */
  const given: string[] = [];
  /** A rating, action or undo is on its way to the background: nothing else starts meanwhile. */
  let busy = false;
  /** A calm new tab's session exists but does not study (or follow the queue) until started. */
  let started = false;
  let startedOnce = false;

  function set(next: SessionState) {
    state = { ...next, canUndo: given.length > 0 };
    for (const l of listeners) l(state);
  }

  /** Asks the background for the intervals of the card on screen (off the paint path). */
  async function loadPreviews(cardId: string): Promise<void> {
    const at = deps.now();
    const res = await deps.sendPreview(cardId, at).catch(() => null);
    if (res?.ok && state.kind === 'card' && state.card.id === cardId)
      set({ ...state, previews: res.previews });
  }

  /**
   * Shows the card the queue gives now. When `keep` is on screen already (painted from a
   * prepared card) and the queue agrees, it stays as it is, so nothing flickers.
   */
  async function advance(keep?: string): Promise<void> {
    const gen = ++generation;
    try {
      const db = await deps.db();
      const now = deps.now();
      const { card, counts } = await pickNextCard(db, settings, now, {
        rotate: deps.rotate ?? true,
        ownViews,
        ...(skipped.size ? { exclude: skipped } : {}),
      });
      const { notice } = state;
      if (gen !== generation) return;
      if (!card) {
        upNext = null;
        deps.prepared?.next.clear();
        deps.prepared?.head.clear();
        return set({ kind: 'done', counts, notice });
      }
      ownViews.add(card.id);
      if (keep === card.id && state.kind === 'card' && state.card.id === card.id) {
        // The painted text may predate an update of the bank: take the packaged one.
        const [question] = await Promise.all([deps.loadQuestion(card.id), markViewed(db, card.id, now)]);
        if (gen !== generation || state.kind !== 'card') return;
        const same = JSON.stringify(question) === JSON.stringify(state.question);
        set({
          ...state,
          card,
          counts,
          question: same ? state.question : question,
          confirmed: true,
        });
        void loadPreviews(card.id);
      } else {
        const [question] = await Promise.all([deps.loadQuestion(card.id), markViewed(db, card.id, now)]);
        if (gen !== generation) return;
        // A card put on screen anew gets a new review id, even if this page rated it before.
        attempt = null;
        set({
          kind: 'card',
          card,
          question,
          revealed: false,
          previews: null,
          counts,
          pending: false,
          confirmed: true,
          notice,
        });
        void loadPreviews(card.id);
      }
      void prepareNext(gen);
    } catch (e) {
      if (gen === generation) set({ kind: 'error', message: (e as Error).message });
    }
  }

  /**
   * Off the start-up path: keeps the card after the one on screen ready in memory (so a
   * rating can paint it at once) and in the prepared slots for the next page.
   */
  async function prepareNext(gen: number): Promise<void> {
    if (state.kind !== 'card') return;
    const current = state;
    const rotate = deps.rotate ?? true;
    try {
      const db = await deps.db();
      const now = deps.now();
      // One read serves both picks: the card after this one, and the head of the queue.
      const snap = await studySnapshot(db, settings, now, {
        rotate,
        exclude: new Set([...skipped, current.card.id]),
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
      if (gen !== generation) return;
      upNext = next.card
        ? prepared(next.card, await deps.loadQuestion(next.card.id), next.counts, now)
        : null;
      if (gen !== generation || !deps.prepared) return;
      if (rotate) {
        if (upNext) deps.prepared.next.write(upNext);
        else deps.prepared.next.clear();
        const head = pickFromSnapshot(snap, { exclude: undefined, recentViews: {} });
        if (!head.card) return deps.prepared.head.clear();
        const question =
          head.card.id === current.card.id ? current.question : await deps.loadQuestion(head.card.id);
        deps.prepared.head.write(prepared(head.card, question, head.counts, now));
      } else {
        deps.prepared.head.write(prepared(current.card, current.question, current.counts, now));
      }
    } catch {
      upNext = null;
      deps.prepared?.next.clear();
      deps.prepared?.head.clear();
    }
  }

  function prepared(
    card: CardRecord,
    question: CompiledQuestion,
    counts: StudyCounts,
    at: number,
  ): PreparedCard {
    return { v: 2, card, question, counts, at, ...(deps.labels ? { labels: deps.labels(question) } : {}) };
  }

  /** After a rating: paint the card prepared in memory at once, then confirm it. */
  function showUpNext(ratedId: string): string | undefined {
    const next = upNext;
    upNext = null;
    if (!next || next.card.id === ratedId || state.kind !== 'card') return undefined;
    attempt = null;
    set({
      kind: 'card',
      card: next.card,
      question: next.question,
      revealed: false,
      previews: null,
      counts: next.counts,
      pending: false,
      confirmed: false,
      notice: state.notice,
    });
    return next.card.id;
  }

  function reveal(): void {
    if (state.kind === 'card' && !state.revealed) set({ ...state, revealed: true });
  }

  async function rate(rating: Grade): Promise<void> {
    // A prepared card is rated only once the queue has confirmed it is still the one to show.
    if (busy || state.kind !== 'card' || !state.revealed || state.pending || !state.confirmed) return;
    const current = state;
    if (attempt?.cardId !== current.card.id) {
      attempt = { cardId: current.card.id, reviewId: deps.newReviewId(), reviewedAt: deps.now() };
    }
    const sent = attempt;
    busy = true;
    set({ ...current, pending: true, error: undefined });
    let res: GradeResponse;
    try {
      res = await deps.sendGrade({ ...sent, rating });
    } catch (e) {
      res = { ok: false, error: 'storage', message: (e as Error).message };
    } finally {
      busy = false;
    }
    if (state.kind !== 'card' || state.card.id !== current.card.id) return;
    if (!res.ok) return set({ ...state, pending: false, error: res.message });
    // A duplicate is this page's own earlier press, stored but unanswered: count it once.
    if (!given.includes(sent.reviewId)) {
      given.push(sent.reviewId);
      deps.onRated?.(1);
    }
    state = { ...state, notice: undefined, actionError: undefined, actionErrorKey: undefined };
    forgetPrepared(current.card.id);
    await advance(showUpNext(current.card.id));
  }

  /** The next page must not paint a card that left the queue (rated, buried, suspended). */
  function forgetPrepared(cardId: string): void {
    for (const slot of [deps.prepared?.next, deps.prepared?.head]) {
      if (slot?.read()?.card.id === cardId) slot.clear();
    }
  }

  /** Moves on without a rating; this page will not show the card again. */
  async function skip(): Promise<void> {
    if (busy || state.kind !== 'card' || state.pending || !state.confirmed) return;
    const id = state.card.id;
    skipped.add(id);
    state = { ...state, notice: 'skipped', actionError: undefined, actionErrorKey: undefined };
    await advance(showUpNext(id));
  }

  /** Suspend, bury, reset or annotate the card on screen. */
  async function act(action: CardAction): Promise<boolean> {
    if (busy || state.kind !== 'card' || state.pending || !state.confirmed) return false;
    const current = state;
    busy = true;
    set({ ...current, pending: true, actionError: undefined, actionErrorKey: undefined });
    const res = await deps
      .sendCardAction(current.card.id, action, deps.now())
      .catch((e: Error) => ({ ok: false as const, message: e.message }))
      .finally(() => (busy = false));
    if (state.kind !== 'card' || state.card.id !== current.card.id) return res.ok;
    if (!res.ok) {
      set({ ...state, pending: false, actionError: res.message });
      return false;
    }
    // Rated elsewhere meanwhile (its broadcast was ignored while this was on its way): move on.
    const stays = sameSchedule(res.card, current.card, deps.now());
    if (stays && (action.kind === 'note' || action.kind === 'unsuspend' || action.kind === 'unbury')) {
      set({
        ...state,
        card: res.card,
        pending: false,
        notice: action.kind === 'note' ? 'noteSaved' : undefined,
      });
      return true;
    }
    forgetPrepared(current.card.id);
    const notices: Partial<Record<CardAction['kind'], Notice>> = {
      bury: 'buried',
      suspend: 'suspended',
      reset: 'reset',
      note: 'noteSaved',
    };
    state = { ...state, notice: notices[action.kind] };
    await advance(showUpNext(current.card.id));
    return true;
  }

  /** Takes back the last rating given on this page and shows that card again. */
  async function undo(): Promise<void> {
    if (busy || given.length === 0 || (state.kind === 'card' && state.pending)) return;
    // Taken off the stack at once: whatever the answer, this rating cannot be undone twice.
    const reviewId = given.pop()!;
    busy = true;
    if (state.kind === 'card') set({ ...state, pending: true });
    const res = await deps
      .sendUndo(reviewId)
      .catch((e: Error) => ({ ok: false as const, error: 'storage' as const, message: e.message }))
      .finally(() => (busy = false));
    if (!res.ok) {
      const key =
        res.error === 'not-latest' ? 'undoNotLatest' : res.error === 'not-found' ? 'undoNotFound' : undefined;
      const after = state.kind === 'card' ? { ...state, pending: false } : state;
      return set({ ...after, actionError: res.message, actionErrorKey: key });
    }
    deps.onRated?.(-1);
    // Suspended or buried elsewhere meanwhile: the rating is undone, but the card stays away.
    if (res.card.suspended || (res.card.buriedUntil ?? 0) > deps.now()) {
      state = { ...state, notice: 'undone' };
      return advance();
    }
    const gen = ++generation;
    upNext = null;
    attempt = null;
    try {
      const db = await deps.db();
      const now = deps.now();
      const [question, snap] = await Promise.all([
        deps.loadQuestion(res.card.id),
        studySnapshot(db, settings, now, { rotate: false }),
        markViewed(db, res.card.id, now),
      ]);
      if (gen !== generation) return;
      ownViews.add(res.card.id);
      skipped.delete(res.card.id);
      set({
        kind: 'card',
        card: res.card,
        question,
        revealed: false,
        previews: null,
        counts: snap.counts,
        pending: false,
        confirmed: true,
        notice: 'undone',
      });
      void loadPreviews(res.card.id);
      void prepareNext(gen);
    } catch (e) {
      if (gen === generation) set({ kind: 'error', message: (e as Error).message });
    }
  }

  return {
    get state() {
      return state;
    },
    subscribe(listener: (s: SessionState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Reads the queue and follows it; a card painted from `initial` stays if the queue agrees. */
    start: () => {
      started = true;
      const first = !startedOnce;
      startedOnce = true;
      return advance(first ? initial?.card.id : undefined);
    },
    /** The page stopped studying (it shows the calm page): follow nothing until started again. */
    pause: () => {
      started = false;
    },
    reveal,
    rate,
    skip,
    act,
    undo,
    /** Another page rated a card or the queue changed: move on if our card was the one. */
    async queueChanged(cardId?: string): Promise<void> {
      // Not studying yet (a calm new tab), or our own change is on its way: nothing to follow.
      if (!started || busy) return;
      if (state.kind !== 'card') return advance();
      if (state.pending || cardId !== state.card.id) return;
      const shown = state.card;
      const fresh = await (await deps.db()).get('cards', shown.id);
      // A rating or action may have started while the card was read: it moves on by itself.
      if (busy || state.kind !== 'card' || state.pending || state.card.id !== shown.id) return;
      // Only its note changed (here or on the browse page): stay, answer and all.
      if (fresh && sameSchedule(fresh, shown, deps.now())) return set({ ...state, card: fresh });
      return advance();
    },
    async settingsChanged(next: Settings): Promise<void> {
      const scopeChanged = JSON.stringify(pickScope(next)) !== JSON.stringify(pickScope(settings));
      settings = next;
      if (!started) return;
      if (state.kind !== 'card' || scopeChanged) return advance();
    },
  };
}

/** Whether a card is still exactly where the queue had it: rated, reset, suspended or buried is not. */
function sameSchedule(a: CardRecord, b: CardRecord, now: number): boolean {
  return (
    a.reps === b.reps &&
    a.due === b.due &&
    a.state === b.state &&
    a.resetAt === b.resetAt &&
    !a.suspended &&
    !((a.buriedUntil ?? 0) > now)
  );
}

function pickScope(s: Settings) {
  return [s.disabledSections, s.disabledTopics, s.newPerDay, s.maxReviewsPerDay, s.dayStartHour];
}

export type StudySession = ReturnType<typeof createStudySession>;
