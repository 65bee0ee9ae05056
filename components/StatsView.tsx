import type { Lang } from '@/lib/settings/model';
import type { StatsTranslate } from '@/lib/i18n/stats-strings';
import type { Stats } from '@/lib/stats/stats';
import { ForecastChart } from './ForecastChart';
import { Heatmap } from './Heatmap';
import { InterviewsReadiness, type InterviewsData } from './Readiness';
import { RetentionTable } from './RetentionTable';
import { StateCounts } from './StateCounts';

export interface StatsViewProps {
  stats: Stats;
  /** Desired retention from the settings, shown next to the true retention. */
  desired: number;
  dayStartHour: number;
  /** Readiness for the interviews set in the options (issue 14); none: the section is left out. */
  interviews?: InterviewsData;
  t: StatsTranslate;
  lang: Lang;
}

/**
 * The statistics page's body: today and the streak, readiness for the interviews ahead, then
 * each chart; a welcome before any review.
 */
export function StatsView({ stats, desired, dayStartHour, interviews, t, lang }: StatsViewProps) {
  const empty = stats.totalReviews === 0;
  return (
    <>
      {empty ? (
        <section class="stats-empty" data-empty="true">
          <h2>{t('emptyTitle')}</h2>
          <p>{t('emptyBody')}</p>
        </section>
      ) : (
        <dl class="stat-numbers headline">
          <div>
            <dt>{t('today')}</dt>
            <dd data-stat="today">{stats.today}</dd>
          </div>
          <div title={t('streakHint')}>
            <dt>{t('streak')}</dt>
            <dd data-stat="streak">{stats.streak}</dd>
          </div>
          <div>
            <dt>{t('totalReviews')}</dt>
            <dd data-stat="total">{stats.totalReviews}</dd>
          </div>
        </dl>
      )}
      {interviews && <InterviewsReadiness data={interviews} t={t} lang={lang} />}
      {!empty && (
        <>
          <section aria-labelledby="h-heatmap">
            <h2 id="h-heatmap">{t('heatmapTitle')}</h2>
            <Heatmap data={stats.heatmap} t={t} lang={lang} />
            <p class="muted small">
              {t('streakHint')} {t('dayStart', { hour: dayStartHour })}
            </p>
          </section>
          <section aria-labelledby="h-forecast">
            <h2 id="h-forecast">{t('forecastTitle')}</h2>
            <ForecastChart data={stats.forecast} t={t} lang={lang} />
          </section>
          <section aria-labelledby="h-retention">
            <h2 id="h-retention">{t('retentionTitle')}</h2>
            <RetentionTable data={stats.retention} desired={desired} t={t} lang={lang} />
          </section>
        </>
      )}
      <section aria-labelledby="h-states">
        <h2 id="h-states">{t('statesTitle')}</h2>
        <StateCounts counts={stats.states} t={t} />
      </section>
    </>
  );
}
