import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { StatsView } from '@/components/StatsView';
import { studyDb } from '@/lib/db/open';
import { readStatsData, type StatsData } from '@/lib/db/stats-read';
import { statsTranslator } from '@/lib/i18n/stats-strings';
import { onQueueChanged } from '@/lib/messaging';
import { applyDocumentLang, applyTheme, openOptions, pageLangs } from '@/lib/pages';
import type { Settings } from '@/lib/settings/model';
import { onSettingsChanged } from '@/lib/settings/store';
import { computeStats } from '@/lib/stats/stats';
import { interviewsPassed, readinessAhead } from '@/lib/stats/readiness';
import { SCHEDULER_W } from '@/lib/stats/scheduler-w';
import { loadQuestion } from '@/lib/bank/load';
import { htmlToText } from '@/lib/bank/search-index';

type Loaded =
  { kind: 'loading' } | { kind: 'ready'; data: StatsData; at: number } | { kind: 'error'; message: string };

export function App({ initial }: { initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [titles, setTitles] = useState<Record<string, string>>({});
  const { ui, content } = pageLangs(settings);
  const t = statsTranslator(ui);

  useEffect(() => {
    const load = () =>
      studyDb()
        .then(readStatsData)
        .then((data) => setLoaded({ kind: 'ready', data, at: Date.now() }))
        .catch((e: unknown) => setLoaded({ kind: 'error', message: String(e) }));
    void load();
    // A rating given in another tab or the popup shows up here at once.
    const offQueue = onQueueChanged(() => void load());
    const offSettings = onSettingsChanged(setSettings);
    // Coming back to the tab (perhaps on another day) reads again.
    const onVisible = () => document.visibilityState === 'visible' && void load();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      offQueue();
      offSettings();
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, []);
  useEffect(() => {
    applyDocumentLang(ui);
    document.title = `${t('title')} · ${t('appName')}`;
  }, [ui]);
  useEffect(() => applyTheme(settings.theme), [settings.theme]);

  const stats = useMemo(
    () =>
      loaded.kind === 'ready'
        ? computeStats(loaded.data.cards, loaded.data.reviews, {
            now: loaded.at,
            dayStartHour: settings.dayStartHour,
          })
        : null,
    [loaded, settings.dayStartHour],
  );

  const readiness = useMemo(() => {
    if (loaded.kind !== 'ready') return null;
    const opts = {
      w: SCHEDULER_W,
      now: loaded.at,
      dayStartHour: settings.dayStartHour,
      filter: settings,
    };
    return {
      ahead: readinessAhead(settings.interviews, loaded.data.cards, opts),
      passed: interviewsPassed(settings.interviews, opts),
    };
  }, [loaded, settings]);

  // The titles of the cards at risk: one small question file each, in the content language.
  const atRisk = readiness?.ahead.flatMap((r) => r.atRisk.map((c) => c.id)) ?? [];
  const requested = useRef(new Set<string>());
  const missing = [...new Set(atRisk)].filter((id) => !requested.current.has(`${content}:${id}`));
  useEffect(() => {
    for (const id of missing) {
      requested.current.add(`${content}:${id}`);
      void loadQuestion(id)
        .then((q) => setTitles((old) => ({ ...old, [`${content}:${id}`]: htmlToText(q[content].question) })))
        .catch(() => setTitles((old) => ({ ...old, [`${content}:${id}`]: id })));
    }
  }, [missing.join(' '), content]);
  const titlesShown = useMemo(() => {
    const out: Record<string, string> = {};
    for (const id of atRisk) {
      const title = titles[`${content}:${id}`];
      if (title !== undefined) out[id] = title;
    }
    return out;
  }, [titles, atRisk.join(' '), content]);

  return (
    <div class="page stats">
      <header class="stats-header">
        <h1>
          {t('appName')} · {t('title')}
        </h1>
        <button type="button" class="link" onClick={openOptions}>
          {t('options')}
        </button>
      </header>
      {loaded.kind === 'loading' && <p class="muted">{t('loading')}</p>}
      {loaded.kind === 'error' && <p class="error">{t('loadError', { message: loaded.message })}</p>}
      {stats && (
        <StatsView
          stats={stats}
          desired={settings.retention}
          dayStartHour={settings.dayStartHour}
          interviews={readiness ? { ...readiness, titles: titlesShown } : undefined}
          t={t}
          lang={ui}
        />
      )}
    </div>
  );
}
