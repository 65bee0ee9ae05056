import { useEffect, useState } from 'preact/hooks';
import { StudyView, useSessionState } from '@/components/StudyView';
import { QueueHeader } from '@/components/QueueHeader';
import { type StudyPage } from '@/lib/study/boot';
import {
  applyDocumentLang,
  openBrowse,
  openOptions,
  openStats,
  studyLangs,
  showMathStyles,
} from '@/lib/pages';

export function App({ page }: { page: StudyPage }) {
  const [settings, setSettings] = useState(page.settings);
  useEffect(() => page.onSettings(setSettings), [page]);
  const langs = studyLangs(settings);
  const state = useSessionState(page.session);
  useEffect(() => applyDocumentLang(langs.ui), [langs.ui]);
  const counts = state.kind === 'card' || state.kind === 'done' ? state.counts : null;
  return (
    <div class="page popup">
      <header class="popup-header">
        <QueueHeader counts={counts} t={langs.t} />
        <span class="popup-links">
          <button type="button" class="link" onClick={openStats}>
            {langs.t('statistics')}
          </button>
          <button type="button" class="link" onClick={openBrowse}>
            {langs.t('browse')}
          </button>
          <button type="button" class="link" onClick={openOptions}>
            {langs.t('options')}
          </button>
        </span>
      </header>
      <StudyView
        session={page.session}
        contentLang={langs.content}
        uiLang={langs.ui}
        t={langs.t}
        now={Date.now}
        onQuestionShown={showMathStyles}
        shortcuts={settings.keyShortcuts}
      />
    </div>
  );
}
