import type { CompiledQuestion } from '@/lib/bank/types';
import { handleCardAction, handleGrade, handlePreview, handleUndo } from '@/lib/background/handlers';
import { openStudyDb, syncBank, type StudyDatabase } from '@/lib/db';
import type { GradeRequest, GradeResponse } from '@/lib/messaging';
import type { PreparedCard } from '@/lib/study/prepared';
import { paintedHtml } from '@/components/PaintedCard';
import { QueueHeader } from '@/components/QueueHeader';
import { translator } from '@/lib/i18n/strings';
import type { Lang } from '@/lib/settings/model';
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
    ...(section === 'basics' && topics.join() === 'attention'
      ? {
          labels: {
            section: { zh: '基础篇', en: 'Basics' },
            topics: [{ zh: '注意力机制', en: 'Attention' }],
          },
        }
      : {}),
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
    sendUndo: (reviewId) => handleUndo(db, settings, { type: 'undo', reviewId }, now),
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

/** A card prepared for the next page (the popup: `kind`), painted in English unless `langs` says otherwise. */
export function preparedCard(
  id: string,
  at: number,
  langs: { ui?: Lang; content?: Lang } = {},
  kind: 'newtab' | 'popup' = 'newtab',
): PreparedCard {
  const ui = langs.ui ?? 'en';
  const content = langs.content ?? 'en';
  const card = { id, state: 0, due: at, lapses: 0 } as PreparedCard['card'];
  const counts = { due: 3, newLeft: 7, nextDue: null, reviewedToday: 2 };
  const q = question(id);
  return {
    v: 3,
    at,
    card,
    question: q,
    counts,
    paint: {
      ui,
      content,
      html: paintedHtml({
        kind,
        card,
        question: q,
        counts,
        contentLang: content,
        uiLang: ui,
        t: translator(ui),
        ...(kind === 'popup' ? { header: <QueueHeader counts={counts} t={translator(ui)} /> } : {}),
      }),
    },
  };
}

/** A prepared slot kept in memory (a test's stand-in for localStorage). */
export function memorySlot() {
  let value: PreparedCard | null = null;
  return {
    read: () => value,
    write: (p: PreparedCard) => void (value = p),
    clear: () => void (value = null),
  };
}
