import type { Lang } from '@/lib/settings/model';
import type { StatsTranslate } from '@/lib/i18n/stats-strings';
import type { Heatmap as HeatmapData } from '@/lib/stats/stats';
import { ChartNumbers } from './ChartNumbers';
import { formatDay } from './stats-format';

const CELL = 11;
const PITCH = 13;
const LEFT = 30;
const TOP = 16;
/** Room on the right for the name of a month that begins in the last week shown. */
const RIGHT = 14;
/** The fewest week columns between two month names, so that names never overlap. */
const MIN_LABEL_GAP = 3;

/** 0 for no reviews, else 1-4 by the share of the busiest day. */
export function heatLevel(count: number, max: number): number {
  if (count <= 0 || max <= 0) return 0;
  return Math.min(4, Math.ceil((count / max) * 4));
}

export interface MonthLabel {
  /** The week column the name sits over. */
  col: number;
  /** The month named, `YYYY-MM`. */
  month: string;
}

/**
 * Where the month names go over the heatmap's week columns (`offset`: blank cells before
 * the first day in its column). Each month whose first day is shown is named over the
 * week that holds that day, the current month too, even when it began this week. The
 * oldest month, shown only in part, is named over the first column when its name leaves
 * `minGap` columns before the next one.
 *
 * @example
 * // Saturday 20 Dec 2025 to Thursday 8 Jan 2026 (offset 5): 1 January is in column 2, too
 * // close to name December over column 0.
 * monthLabels(days, 5); // [{ col: 2, month: '2026-01' }]
 */
export function monthLabels(
  days: readonly { date: string }[],
  offset: number,
  minGap = MIN_LABEL_GAP,
): MonthLabel[] {
  const labels: MonthLabel[] = [];
  days.forEach((d, i) => {
    if (d.date.endsWith('-01')) labels.push({ col: Math.floor((i + offset) / 7), month: d.date.slice(0, 7) });
  });
  const first = days[0];
  if (first && !first.date.endsWith('-01')) {
    const next = labels[0];
    if (!next || next.col >= minGap) labels.unshift({ col: 0, month: first.date.slice(0, 7) });
  }
  return labels;
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
  const width = LEFT + weeks * PITCH + RIGHT;
  const height = TOP + 7 * PITCH;
  const monthFmt = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { month: 'short' });
  const weekdayFmt = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', { weekday: 'short' });
  const summary = t('heatmapSummary', { total: data.total, days: data.activeDays, max: data.max });
  const months = monthLabels(data.days, offset).map(({ col, month }) => ({
    x: LEFT + col * PITCH,
    month,
    // Mid-month, so no time zone or study-day start can tip it into a neighbour.
    label: monthFmt.format(new Date(Number(month.slice(0, 4)), Number(month.slice(5)) - 1, 15)),
  }));
  const cells = data.days.map((d, i) => {
    const col = Math.floor((i + offset) / 7);
    const row = (i + offset) % 7;
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
          <text key={m.month} x={m.x} y={10} class="axis-label month-label" data-month={m.month}>
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
