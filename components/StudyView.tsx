import { useEffect, useState } from 'preact/hooks';
import type { SessionState, StudySession } from '@/lib/session';
import type { Lang } from '@/lib/settings';
import type { Translate } from '@/lib/i18n/strings';
import { isGrade } from '@/lib/srs/card-state';
import { CaughtUp } from './CaughtUp';
import { StudyCard } from './StudyCard';

export interface StudyViewProps {
  session: StudySession;
  contentLang: Lang;
  uiLang: Lang;
  t: Translate;
  now: () => number;
  onQuestionShown?: (hasMath: boolean) => void;
}

export function useSessionState(session: StudySession): SessionState {
  const [state, setState] = useState(session.state);
  useEffect(() => {
    setState(session.state);
    return session.subscribe(setState);
  }, [session]);
  return state;
}

/** The study surface shared by the new tab and the popup, with its keys. */
export function StudyView({ session, contentLang, uiLang, t, now, onQuestionShown }: StudyViewProps) {
  const state = useSessionState(session);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
      const target = e.target;
      if (target instanceof Element && target.closest('input, textarea, select, [contenteditable]')) return;
      const s = session.state;
      if (s.kind !== 'card') return;
      if (!s.revealed && (e.key === ' ' || e.key === 'Enter')) {
        e.preventDefault();
        session.reveal();
      } else if (s.revealed && isGrade(Number(e.key)) && e.key.length === 1) {
        e.preventDefault();
        void session.rate(Number(e.key) as 1 | 2 | 3 | 4);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [session]);

  useEffect(() => {
    if (state.kind === 'card') onQuestionShown?.(state.question.hasMath);
  }, [state.kind === 'card' ? state.question : null]);

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
      return <CaughtUp counts={state.counts} now={now()} lang={uiLang} t={t} />;
    case 'card':
      return (
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
          onReveal={() => session.reveal()}
          onRate={(g) => void session.rate(g)}
        />
      );
  }
}
