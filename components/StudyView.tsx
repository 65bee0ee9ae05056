import { useEffect, useState } from 'preact/hooks';
import type { Notice, SessionState, StudySession } from '@/lib/study/session';
import type { Lang } from '@/lib/settings/model';
import type { StringKey, Translate } from '@/lib/i18n/strings';
import { isGrade, isLeech } from '@/lib/srs/card-state';
import { CaughtUp } from './CaughtUp';
import { CardTools } from './CardTools';
import { StudyCard } from './StudyCard';

const NOTICES: Record<Notice, StringKey> = {
  skipped: 'noticeSkipped',
  buried: 'noticeBuried',
  suspended: 'noticeSuspended',
  reset: 'noticeReset',
  undone: 'noticeUndone',
  noteSaved: 'noticeNoteSaved',
};

export interface StudyViewProps {
  session: StudySession;
  contentLang: Lang;
  uiLang: Lang;
  t: Translate;
  now: () => number;
  onQuestionShown?: (hasMath: boolean) => void;
  /** Single-key shortcuts (1-4, U, S, B, N); off, only Space/Enter and the buttons work. */
  shortcuts?: boolean;
}

export function useSessionState(session: StudySession): SessionState {
  const [state, setState] = useState(session.state);
  useEffect(() => {
    setState(session.state);
    return session.subscribe(setState);
  }, [session]);
  return state;
}

/**
 * The study surface shared by the new tab and the popup, with its keys: Space/Enter reveal,
 * 1-4 rate, U undo, S skip, B bury, N note.
 */
export function StudyView({
  session,
  contentLang,
  uiLang,
  t,
  now,
  onQuestionShown,
  shortcuts = true,
}: StudyViewProps) {
  const state = useSessionState(session);
  const [editingNote, setEditingNote] = useState(false);
  const cardId = state.kind === 'card' ? state.card.id : null;
  useEffect(() => setEditingNote(false), [cardId]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target;
      if (target instanceof Element && target.closest('input, textarea, select, [contenteditable]')) return;
      const s = session.state;
      const key = e.key.toLowerCase();
      if (shortcuts && key === 'u' && s.canUndo) {
        e.preventDefault();
        return void session.undo();
      }
      if (s.kind !== 'card') return;
      if (shortcuts && (key === 's' || key === 'b' || key === 'n')) {
        if (s.pending || !s.confirmed) return;
        e.preventDefault();
        if (key === 's') void session.skip();
        else if (key === 'b') void session.act({ kind: 'bury' });
        else setEditingNote(true);
      } else if (!s.revealed && (e.key === ' ' || e.key === 'Enter')) {
        e.preventDefault();
        session.reveal();
      } else if (shortcuts && s.revealed && isGrade(Number(e.key)) && e.key.length === 1) {
        e.preventDefault();
        void session.rate(Number(e.key) as 1 | 2 | 3 | 4);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, shortcuts]);

  useEffect(() => {
    if (state.kind === 'card') onQuestionShown?.(state.question.hasMath);
  }, [state.kind === 'card' ? state.question : null]);

  // Always in the page, so screen readers announce what is written into it.
  const status = (
    <p class={state.actionError ? 'status error' : 'status muted'} role="status">
      {state.actionErrorKey
        ? t(state.actionErrorKey)
        : state.actionError
          ? t('actionFailed', { message: state.actionError })
          : state.notice
            ? t(NOTICES[state.notice])
            : ''}
    </p>
  );
  const tools = (card: boolean) => (
    <CardTools
      t={t}
      hasCard={card}
      canUndo={Boolean(state.canUndo)}
      disabled={state.kind === 'card' && (state.pending || !state.confirmed)}
      note={state.kind === 'card' ? (state.card.note ?? '') : ''}
      editingNote={editingNote}
      onEditNote={setEditingNote}
      onUndo={() => void session.undo()}
      onSkip={() => void session.skip()}
      onBury={() => void session.act({ kind: 'bury' })}
      onSuspend={() => void session.act({ kind: 'suspend' })}
      onReset={() => void session.act({ kind: 'reset' })}
      onSaveNote={(text) => session.act({ kind: 'note', text })}
    />
  );

  switch (state.kind) {
    case 'loading':
      return <p class="muted loading">{t('loading')}</p>;
    case 'error':
      return (
        <p class="error" role="alert">
          {t('loadError')} ({state.message})
        </p>
      );
    case 'done':
      return (
        <>
          <CaughtUp counts={state.counts} now={now()} lang={uiLang} t={t} />
          {status}
          {state.canUndo && tools(false)}
        </>
      );
    case 'card':
      return (
        <>
          <StudyCard
            key={state.card.id}
            question={state.question}
            contentLang={contentLang}
            uiLang={uiLang}
            t={t}
            revealed={state.revealed}
            previews={state.previews}
            now={now()}
            pending={state.pending}
            confirmed={state.confirmed}
            error={state.error}
            lapses={isLeech(state.card) ? state.card.lapses : 0}
            note={state.card.note}
            onReveal={() => session.reveal()}
            onRate={(g) => void session.rate(g)}
          />
          {status}
          {tools(true)}
        </>
      );
  }
}
