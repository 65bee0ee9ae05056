import { useEffect, useState } from 'preact/hooks';
import { StudyView } from '@/components/StudyView';
import { FocusHint } from '@/components/FocusHint';
import { applyDocumentLang, openOptions, pageLangs, showMathStyles, type StudyPage } from '@/lib/page';

export function App({ page }: { page: StudyPage }) {
  const [settings, setSettings] = useState(page.settings);
  useEffect(() => page.onSettings(setSettings), [page]);
  const langs = pageLangs(settings);
  useEffect(() => {
    applyDocumentLang(langs.ui);
    document.title = langs.t('appName');
  }, [langs.ui]);
  return (
    <div class="page newtab">
      <StudyView
        session={page.session}
        contentLang={langs.content}
        uiLang={langs.ui}
        t={langs.t}
        now={Date.now}
        onQuestionShown={showMathStyles}
      />
      <footer class="page-footer">
        <FocusHint t={langs.t} />
        <button type="button" class="link" onClick={openOptions}>
          {langs.t('options')}
        </button>
      </footer>
    </div>
  );
}
