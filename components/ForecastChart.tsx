import type { Lang } from '@/lib/settings/model';
import type { StatsTranslate } from '@/lib/i18n/stats-strings';
import type { Forecast } from '@/lib/stats/stats';
import { ChartFigure } from './ChartNumbers';
import { formatDay } from './stats-format';

const W = 600;
const H = 150;
const LEFT = 28;
const BOTTOM = 18;
const TOP = 6;

/**
 * Cards due on each of the next 30 study days (today includes the overdue ones), as an SVG
 * bar chart with a summary for screen readers, a title per bar and the numbers as a table.
 */
export function ForecastChart({ data, t, lang }: { data: Forecast; t: StatsTranslate; lang: Lang }) {
  const n = data.days.length;
  const pitch = (W - LEFT) / Math.max(1, n);
  const plot = H - BOTTOM - TOP;
  const top = Math.max(1, data.max);
  const summary = t('forecastSummary', { total: data.total, today: data.days[0]?.count ?? 0 });
  return (
    <ChartFigure
      class="forecast"
      data={{ 'data-total': data.total }}
      summary={summary}
      width={W}
      height={H}
      svgClass="forecast-svg"
      numbers={{
        t,
        valueLabel: t('cardsDue'),
        rows: data.days.map((d, i) => ({
          key: d.date,
          date: i === 0 ? `${t('todayLabel')} · ${formatDay(d.date, lang)}` : formatDay(d.date, lang),
          value: d.count,
        })),
      }}
    >
      <line x1={LEFT} x2={W} y1={TOP + plot} y2={TOP + plot} class="axis" />
      <line x1={LEFT} x2={W} y1={TOP} y2={TOP} class="grid" />
      <text x={LEFT - 4} y={TOP + 8} class="axis-label" text-anchor="end">
        {data.max}
      </text>
      <text x={LEFT - 4} y={TOP + plot} class="axis-label" text-anchor="end">
        0
      </text>
      {data.days.map((d, i) => {
        const h = (d.count / top) * plot;
        const x = LEFT + i * pitch + 1;
        return (
          <g key={d.date}>
            <rect
              class="bar"
              x={x}
              y={TOP + plot - h}
              width={pitch - 2}
              height={h}
              data-day={i}
              data-count={d.count}
            >
              <title>{t('forecastBar', { date: formatDay(d.date, lang), n: d.count })}</title>
            </rect>
            {i % 7 === 0 && (
              <text x={x + (pitch - 2) / 2} y={H - 4} class="axis-label" text-anchor="middle">
                {i === 0 ? t('todayLabel') : t('inDays', { n: i })}
              </text>
            )}
          </g>
        );
      })}
    </ChartFigure>
  );
}
