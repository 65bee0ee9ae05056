import { useEffect, useState } from 'preact/hooks';
import { StudyView, useSessionState } from '@/components/StudyView';
import { FocusHint } from '@/components/FocusHint';
import { CalmPage } from '@/components/CalmPage';
import type { PaceDecision } from '@/lib/study/pacing';
import type { StudyCounts } from '@/lib/study/queue-read';
import { resumeNewTabs, snoozeNewTabs, type StudyPage } from '@/lib/study/boot';
import { applyDocumentLang, openOptions, studyLangs, showMathStyles } from '@/lib/pages';

export function App({ page, pace: firstPace }: { page: StudyPage; pace: PaceDecision }) {
  const [settings, setSettings] = useState(page.settings);
  const [pace, setPace] = useState(firstPace);
  const [counts, setCounts] = useState<StudyCounts | null>(null);
  useEffect(() => page.onSettings(setSettings), [page]);
  // The daily cap reached on this very tab: it takes its break once the rating is stored.
  useEffect(
    () =>
      page.onCapReached((until) => {
        page.session.pause();
        setPace({ study: false, reason: 'cap', until });
      }),
    [page],
  );
  const langs = studyLangs(settings);
  // The keys help only while there is a card to use them on.
  const hasCard = useSessionState(page.session).kind === 'card';
  useEffect(() => {
    applyDocumentLang(langs.ui);
    document.title = langs.t('appName');
  }, [langs.ui]);
  useEffect(() => {
    if (!pace.study) void page.counts().then(setCounts);
  }, [pace]);
  const study = () => {
    setPace({ study: true });
    page.start();
  };
  const snoozeFor = (kind: 'hour' | 'day') => {
    page.session.pause();
    setPace({ study: false, reason: 'snoozed', until: snoozeNewTabs(kind, settings) });
  };
  return (
    <div class="page newtab">
      {pace.study ? (
        <StudyView
          session={page.session}
          contentLang={langs.content}
          uiLang={langs.ui}
          t={langs.t}
          now={Date.now}
          onQuestionShown={showMathStyles}
          shortcuts={settings.keyShortcuts}
        />
      ) : (
        <CalmPage
          reason={pace.reason}
          until={pace.until}
          every={settings.newTabEvery}
          counts={counts}
          lang={langs.ui}
          t={langs.t}
          now={Date.now}
          onStudyNow={study}
          onResume={() => {
            resumeNewTabs();
            study();
          }}
        />
      )}
      <footer class="page-footer">
        {pace.study && hasCard ? <FocusHint t={langs.t} shortcuts={settings.keyShortcuts} /> : <span />}
        <span class="snooze">
          {pace.study && (
            <>
              <button type="button" class="link" onClick={() => snoozeFor('hour')}>
                {langs.t('snoozeHour')}
              </button>
              <button type="button" class="link" onClick={() => snoozeFor('day')}>
                {langs.t('snoozeDay')}
              </button>
            </>
          )}
          <button type="button" class="link" onClick={openOptions}>
            {langs.t('options')}
          </button>
        </span>
      </footer>
    </div>
  );
}
