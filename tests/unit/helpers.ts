import type { CompiledQuestion } from '@/lib/bank/types';
import { handleCardAction, handleGrade, handlePreview, handleUndo } from '@/lib/background/handlers';
import { openStudyDb, syncBank, type StudyDatabase } from '@/lib/db';
import type { GradeRequest, GradeResponse } from '@/lib/messaging';
import type { PaintLabels, PreparedCard } from '@/lib/study/prepared';
import { createStudySession, type SessionDeps } from '@/lib/study/session';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/settings/model';

export const T0 = Date.UTC(2026, 5, 1, 2, 0, 0);

export function question(id: string, section = 'basics', topics = ['attention']): CompiledQuestion {
  return {
    id,
    section: section as CompiledQuestion['section'],
    topics,
    difficulty: 1,
    refs: [{ title: `Paper for ${id}`, url: `https://arxiv.org/abs/${id}` }],
    checked: '2026-11',
    hasMath: false,
    zh: { question: `问题 ${id}`, answer: `<p>答案 ${id}</p>` },
    en: { question: `Question ${id}`, answer: `<p>Answer ${id}</p>` },
  };
}

/** A session wired to a fresh fake-indexeddb database, with the background's grade handler in-process. */
export async function sessionFixture(
  ids: string[],
  over: Partial<Settings> = {},
  extra: Partial<SessionDeps> = {},
) {
  const db: StudyDatabase = await openStudyDb(`session-${Math.random()}`);
  await syncBank(
    db,
    ids.map((id, order) => ({ id, section: 'basics', topics: ['attention'], order })),
    T0,
  );
  const settings = { ...DEFAULT_SETTINGS, ...over };
  let now = T0;
  let ids_ = 0;
  const sent: GradeRequest[] = [];
  let failNext: string | null = null;
  const deps: SessionDeps = {
    db: () => Promise.resolve(db),
    settings,
    now: () => now,
    loadQuestion: async (id) => question(id),
    sendGrade: async (req): Promise<GradeResponse> => {
      sent.push({ type: 'grade', ...req });
      if (failNext) {
        const message = failNext;
        failNext = null;
        return { ok: false, error: 'storage', message };
      }
      return handleGrade(db, settings, { type: 'grade', ...req });
    },
    sendPreview: (cardId, at) => handlePreview(db, settings, { type: 'preview', cardId, at }),
    sendUndo: (reviewId) => handleUndo(db, settings, { type: 'undo', reviewId }),
    sendCardAction: (cardId, action, at) =>
      handleCardAction(db, settings, { type: 'card-action', cardId, action, at }),
    newReviewId: () => `review-${++ids_}`,
    ...extra,
  };
  const session = createStudySession(deps);
  return {
    db,
    deps,
    session,
    sent,
    tick: (ms: number) => (now += ms),
    failNextGrade: (message: string) => (failNext = message),
  };
}

/** A card prepared for the next page, painted in English unless `labels` says otherwise. */
export function preparedCard(id: string, at: number, labels: Partial<PaintLabels> = {}): PreparedCard {
  return {
    v: 2,
    at,
    card: { id, state: 0, due: at } as PreparedCard['card'],
    question: question(id),
    counts: { due: 3, newLeft: 7, nextDue: null, reviewedToday: 2 },
    labels: {
      ui: 'en',
      content: 'en',
      section: 'Basics',
      topics: 'Attention',
      reveal: 'Show answer',
      revealHint: 'Space / Enter',
      dueNow: 'Due now',
      newLeft: 'New today',
      reviewedToday: 'Reviewed today',
      ...labels,
    },
  };
}
