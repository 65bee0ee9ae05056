import { useState } from 'preact/hooks';
import type { Lang } from '@/lib/settings/model';
import { sectionById } from '@/lib/bank/taxonomy';
import type { StatsTranslate } from '@/lib/i18n/stats-strings';
import { MIN_RETENTION_SAMPLE, retentionRate, type Retention, type RetentionCount } from '@/lib/stats/stats';
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
  const sections = data.sections.filter((s) => s.allTime.total > 0);
  // Topics are folded under their section until the person opens it.
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setOpen((o) => {
      const next = new Set(o);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  return (
    <>
      <p class="muted retention-hint">
        {t('retentionHint', { desired: percent(desired), min: MIN_RETENTION_SAMPLE })}
      </p>
      <table class="retention">
        <thead>
          <tr>
            <th scope="col">{t('section')}</th>
            <th scope="col">{t('recent')}</th>
            <th scope="col">{t('allTime')}</th>
          </tr>
        </thead>
        <tbody>
          <tr class="overall" data-key="all">
            <th scope="row">
              {t('overall')}{' '}
              <span class="muted n">
                ({t('desired')} {percent(desired)})
              </span>
            </th>
            <Cell c={data.overall.recent} t={t} />
            <Cell c={data.overall.allTime} t={t} />
          </tr>
        </tbody>
        {sections.map((s) => {
          const def = sectionById(s.key);
          return (
            <tbody key={s.key} id={`topics-${s.key}`}>
              <tr class="section-row" data-key={s.key}>
                <th scope="row">
                  <button
                    type="button"
                    class="fold"
                    aria-expanded={open.has(s.key)}
                    aria-controls={`topics-${s.key}`}
                    onClick={() => toggle(s.key)}
                  >
                    {def?.label[lang] ?? s.key}
                  </button>
                </th>
                <Cell c={s.recent} t={t} />
                <Cell c={s.allTime} t={t} />
              </tr>
              {open.has(s.key) &&
                s.topics.map((topic) => {
                  const id = topic.key.slice(s.key.length + 1);
                  return (
                    <tr class="topic-row" key={topic.key} data-key={topic.key}>
                      <th scope="row">{def?.topics[id]?.[lang] ?? id}</th>
                      <Cell c={topic.recent} t={t} />
                      <Cell c={topic.allTime} t={t} />
                    </tr>
                  );
                })}
            </tbody>
          );
        })}
      </table>
    </>
  );
}
