import type { Lang } from '@/lib/settings/model';
import type { StatsTranslate } from '@/lib/i18n/stats-strings';
import type { Heatmap as HeatmapData } from '@/lib/stats/stats';
import { ChartNumbers } from './ChartNumbers';
import { formatDay } from './stats-format';

const CELL = 11;
const PITCH = 13;
const LEFT = 30;
const TOP = 16;

/** 0 for no reviews, else 1-4 by the share of the busiest day. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.ceil((count / max) * 4));
}

/**
 * Reviews per study day over the last year, one column per week (Monday on top), as an SVG
 * with a summary for screen readers, a title per day, and the days with reviews as a table.
 */
export function Heatmap({ data, t, lang }: { data: HeatmapData; t: StatsTranslate; lang: Lang }) {
  const first = data.days[0];
  if (!first) return null;
  const offset = (first.weekday + 6) % 7;
  const weeks = Math.ceil((data.days.length + offset) / 7);
  const width = LEFT + weeks * PITCH;
  const height = TOP + 7 * PITCH;
  const monthFmt = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { month: 'short' });
  const weekdayFmt = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { weekday: 'short' });
  const summary = t('heatmapSummary', { total: data.total, days: data.activeDays, max: data.max });
  const months: { x: number; label: string }[] = [];
  const cells = data.days.map((d, i) => {
    const col = Math.floor((i + offset) / 7);
    const row = (i + offset) % 7;
    if (d.date.endsWith('-01') && col < weeks - 1) {
      months.push({ x: LEFT + col * PITCH, label: monthFmt.format(new Date(d.start)) });
    }
    const label = t('heatmapCell', { date: formatDay(d.date, lang), n: d.count });
    return (
      <rect
        key={d.date}
        class={`heat-${heatLevel(d.count, data.max)}`}
        x={LEFT + col * PITCH}
        y={TOP + row * PITCH}
        width={CELL}
        height={CELL}
        rx={2}
        data-date={d.date}
        data-count={d.count}
      >
        <title>{label}</title>
      </rect>
    );
  });
  // Monday, Wednesday, Friday on the left, named in the page's language.
  const weekdays = [0, 2, 4].map((row) => ({
    row,
    label: weekdayFmt.format(new Date(2026, 2, 2 + row)),
  }));
  const active = data.days.filter((d) => d.count > 0).reverse();
  return (
    <figure class="chart heatmap">
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} class="heatmap-svg">
        {months.map((m) => (
          <text key={`${m.x}`} x={m.x} y={10} class="axis-label">
            {m.label}
          </text>
        ))}
        {weekdays.map((w) => (
          <text key={w.row} x={0} y={TOP + w.row * PITCH + CELL - 1} class="axis-label">
            {w.label}
          </text>
        ))}
        {cells}
      </svg>
      <figcaption class="chart-caption">
        <span class="muted">{summary}</span>
        <span class="heat-legend" aria-hidden="true">
          {t('less')}
          {[0, 1, 2, 3, 4].map((l) => (
            <svg key={l} width={CELL} height={CELL} viewBox={`0 0 ${CELL} ${CELL}`}>
              <rect class={`heat-${l}`} width={CELL} height={CELL} rx={2} />
            </svg>
          ))}
          {t('more')}
        </span>
      </figcaption>
      {active.length > 0 && (
        <ChartNumbers
          t={t}
          valueLabel={t('reviews')}
          rows={active.map((d) => ({ key: d.date, date: formatDay(d.date, lang), value: d.count }))}
        />
      )}
    </figure>
  );
}
