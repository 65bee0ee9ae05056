import type { Lang } from '@/lib/settings/model';
import type { StatsTranslate } from '@/lib/i18n/stats-strings';
import { MIN_RETENTION_SAMPLE, retentionRate, type Retention, type RetentionCount } from '@/lib/stats/stats';
import { FoldingTable } from './FoldingTable';
import { percent } from './stats-format';

function Cell({ c, t }: { c: RetentionCount; t: StatsTranslate }) {
  const rate = retentionRate(c);
  return (
    <td data-rate={rate === null ? '' : rate.toFixed(3)} data-n={c.total}>
      <span class="pct">{rate === null ? '—' : percent(rate)}</span>{' '}
      <span class="muted n">{c.total === 1 ? t('oneRating') : t('ratings', { n: c.total })}</span>
    </td>
  );
}

/**
 * True retention overall, per section and per topic, over the last 30 days and all time,
 * each with the number of ratings behind it; figures under the minimum sample show "—".
 */
export function RetentionTable({
  data,
  desired,
  t,
  lang,
}: {
  data: Retention;
  desired: number;
  t: StatsTranslate;
  lang: Lang;
}) {
  return (
    <>
      <p class="muted retention-hint">
        {t('retentionHint', { desired: percent(desired), min: MIN_RETENTION_SAMPLE })}
      </p>
      <FoldingTable
        class="retention"
        columns={[t('section'), t('recent'), t('allTime')]}
        overallLabel={
          <>
            {t('overall')}{' '}
            <span class="muted n">
              ({t('desired')} {percent(desired)})
            </span>
          </>
        }
        overall={data.overall}
        sections={data.sections.filter((s) => s.allTime.total > 0)}
        cells={(r) => (
          <>
            <Cell c={r.recent} t={t} />
            <Cell c={r.allTime} t={t} />
          </>
        )}
        idOf={(key) => `topics-${key}`}
        lang={lang}
      />
    </>
  );
}
