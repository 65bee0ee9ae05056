import { useEffect, useState } from 'preact/hooks';
import type { Notice, SessionState, StudySession } from '@/lib/study/session';
import type { Lang } from '@/lib/settings/model';
import type { Translate } from '@/lib/i18n/strings';
import { isGrade, isLeech, State } from '@/lib/srs/card-state';
import { takeEarlyKeys } from '@/lib/study/early-keys';
import { CaughtUp } from './CaughtUp';
import { CardTools } from './CardTools';
import { StudyCard } from './StudyCard';

/** The string of a notice: `skipped` is `noticeSkipped` (the type checks every one exists). */
const noticeKey = (n: Notice) => `notice${n[0]!.toUpperCase()}${n.slice(1)}` as `notice${Capitalize<Notice>}`;

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

  /** Handles one study key; returns whether it did something (then the browser's default is not wanted). */
  const handleKey = (rawKey: string): boolean => {
    const s = session.state;
    const key = rawKey.toLowerCase();
    if (shortcuts && key === 'u' && s.canUndo) {
      void session.undo();
      return true;
    }
    if (s.kind !== 'card') return false;
    if (shortcuts && (key === 's' || key === 'b' || key === 'n')) {
      if (s.pending || !s.confirmed) return false;
      if (key === 's') void session.skip();
      else if (key === 'b') void session.act({ kind: 'bury' });
      else setEditingNote(true);
      return true;
    }
    if (!s.revealed && (rawKey === ' ' || rawKey === 'Enter')) {
      session.reveal();
      return true;
    }
    if (shortcuts && s.revealed && rawKey.length === 1 && isGrade(Number(rawKey))) {
      // Before the queue confirmed the card, the session holds the rating until it does.
      void session.rate(Number(rawKey) as 1 | 2 | 3 | 4);
      return true;
    }
    return false;
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      // Typing is not a study key; Space and Enter on a focused button or link press it.
      const field =
        e.target instanceof Element && e.target.closest('input,textarea,select,[contenteditable],button,a');
      if (field && (!field.matches('button,a') || e.key === ' ' || e.key === 'Enter')) return;
      if (handleKey(e.key)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session, shortcuts]);

  // Keys pressed before the app listened (prepaint.js held them): handled in order once a
  // card is on screen, as if pressed now.
  const hasCard = state.kind === 'card';
  useEffect(() => {
    if (hasCard) for (const key of takeEarlyKeys()) handleKey(key);
  }, [hasCard]);

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
            ? t(noticeKey(state.notice))
            : ''}
    </p>
  );
  const tools = (card: boolean) => (
    <CardTools
      t={t}
      hasCard={card}
      canReset={state.kind === 'card' && state.card.state !== State.New}
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
          {state.outdated ? t('outdatedPage') : `${t('loadError')} (${state.message})`}
        </p>
      );
    case 'done':
      return (
        <>
          <CaughtUp why={state.why} counts={state.counts} now={now()} lang={uiLang} t={t} />
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
