import type { CompiledQuestion } from './bank/types';
import type { CardRecord, StudyDatabase } from './db';
import { markViewed } from './db/views';
import type { GradeRequest, GradeResponse } from './messaging';
import type { Settings } from './settings';
import { makeScheduler, previewDue, type Grade } from './srs/schedule';
import { pickNextCard, type StudyCounts } from './study';

export type SessionState =
  | { kind: 'loading' }
  | {
      kind: 'card';
      card: CardRecord;
      question: CompiledQuestion;
      revealed: boolean;
      /** When each rating would make the card due again. */
      previews: Record<Grade, number>;
      counts: StudyCounts;
      pending: boolean;
      error?: string;
    }
  | { kind: 'done'; counts: StudyCounts }
  | { kind: 'error'; message: string };

export interface SessionDeps {
  db: StudyDatabase;
  settings: Settings;
  now: () => number;
  loadQuestion: (id: string) => Promise<CompiledQuestion>;
  sendGrade: (req: Omit<GradeRequest, 'type'>) => Promise<GradeResponse>;
  newReviewId: () => string;
  /**
   * New tabs rotate: a card just put on screen elsewhere is passed over. The popup is an
   * explicit review session and takes the queue as it stands.
   */
  rotate?: boolean;
}

/**
 * One page's study session, free of any UI framework: it picks the next card, reveals,
 * sends ratings to the background and moves on. Pages subscribe to its state.
 */
export function createStudySession(deps: SessionDeps) {
  let state: SessionState = { kind: 'loading' };
  let settings = deps.settings;
  const listeners = new Set<(s: SessionState) => void>();
  /** A rating that failed keeps its id so "Try again" cannot store it twice. */
  let lastAttempt: { reviewId: string; rating: Grade; reviewedAt: number } | null = null;
  let generation = 0;

  function set(next: SessionState) {
    state = next;
    for (const l of listeners) l(state);
  }

  async function advance(): Promise<void> {
    const gen = ++generation;
    lastAttempt = null;
    try {
      const now = deps.now();
      const { card, counts } = await pickNextCard(deps.db, settings, now, { rotate: deps.rotate ?? true });
      if (gen !== generation) return;
      if (!card) return set({ kind: 'done', counts });
      const [question] = await Promise.all([deps.loadQuestion(card.id), markViewed(deps.db, card.id, now)]);
      if (gen !== generation) return;
      const previews = previewDue(makeScheduler({ retention: settings.retention, fuzz: false }), card, now);
      set({ kind: 'card', card, question, revealed: false, previews, counts, pending: false });
    } catch (e) {
      if (gen === generation) set({ kind: 'error', message: (e as Error).message });
    }
  }

  function reveal(): void {
    if (state.kind === 'card' && !state.revealed) {
      const now = deps.now();
      const previews = previewDue(
        makeScheduler({ retention: settings.retention, fuzz: false }),
        state.card,
        now,
      );
      set({ ...state, revealed: true, previews });
    }
  }

  async function rate(rating: Grade): Promise<void> {
    if (state.kind !== 'card' || !state.revealed || state.pending) return;
    const current = state;
    const attempt =
      lastAttempt && lastAttempt.rating === rating
        ? lastAttempt
        : { reviewId: deps.newReviewId(), rating, reviewedAt: deps.now() };
    lastAttempt = attempt;
    set({ ...current, pending: true, error: undefined });
    let res: GradeResponse;
    try {
      res = await deps.sendGrade({ cardId: current.card.id, ...attempt });
    } catch (e) {
      res = { ok: false, error: 'storage', message: (e as Error).message };
    }
    if (state.kind !== 'card' || state.card.id !== current.card.id) return;
    if (!res.ok) return set({ ...state, pending: false, error: res.message });
    await advance();
  }

  return {
    get state() {
      return state;
    },
    subscribe(listener: (s: SessionState) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    start: advance,
    reveal,
    rate,
    /** Another page rated a card or the queue changed: move on if our card was the one. */
    async queueChanged(cardId?: string): Promise<void> {
      if (state.kind !== 'card') return advance();
      if (state.kind === 'card' && !state.pending && cardId === state.card.id) return advance();
    },
    async settingsChanged(next: Settings): Promise<void> {
      const scopeChanged = JSON.stringify(pickScope(next)) !== JSON.stringify(pickScope(settings));
      settings = next;
      if (state.kind !== 'card' || scopeChanged) return advance();
    },
  };
}

function pickScope(s: Settings) {
  return [s.disabledSections, s.disabledTopics, s.newPerDay, s.maxReviewsPerDay, s.dayStartHour];
}

export type StudySession = ReturnType<typeof createStudySession>;
