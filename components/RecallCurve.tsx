import type { Lang } from '@/lib/settings/model';
import type { StatsTranslate } from '@/lib/i18n/stats-strings';
import type { RecallPoint } from '@/lib/stats/readiness';
import { ChartFigure } from './ChartNumbers';
import { formatDay, percent } from './stats-format';

const W = 600;
const H = 160;
const LEFT = 34;
const RIGHT = 12;
const BOTTOM = 18;
const TOP = 8;

/** About this many day names under the axis, whatever the number of days. */
const LABELS = 6;

/**
 * Predicted overall recall from today to the interview's day if nothing more were studied,
 * as an SVG line over a 0-100% axis with the target dashed across it; a summary for screen
 * readers, a title per day and the numbers as a table.
 */
export function RecallCurve({
  points,
  target,
  t,
  lang,
}: {
  points: readonly RecallPoint[];
  target: number;
  t: StatsTranslate;
  lang: Lang;
}) {
  const last = points.length - 1;
  const plot = H - BOTTOM - TOP;
  const x = (i: number) => LEFT + (last > 0 ? (i / last) * (W - LEFT - RIGHT) : (W - LEFT - RIGHT) / 2);
  const y = (r: number) => TOP + (1 - r) * plot;
  const every = Math.max(1, Math.ceil(last / LABELS));
  const summary = t('curveSummary', {
    first: percent(points[0]?.recall ?? 0),
    last: percent(points[last]?.recall ?? 0),
    target: percent(target),
  });
  const dayName = (p: RecallPoint) =>
    p.day === 0 ? t('todayLabel') : p.day === last ? t('interviewDay') : t('inDays', { n: p.day });
  return (
    <ChartFigure
      class="recall-curve"
      data={{ 'data-days': last }}
      summary={summary}
      width={W}
      height={H}
      numbers={{
        t,
        valueLabel: t('predictedRecall'),
        rows: points.map((p) => ({
          key: p.date,
          date: `${dayName(p)} · ${formatDay(p.date, lang)}`,
          value: percent(p.recall),
        })),
      }}
    >
      <line x1={LEFT} x2={W - RIGHT} y1={y(0)} y2={y(0)} class="axis" />
      <line x1={LEFT} x2={W - RIGHT} y1={y(1)} y2={y(1)} class="grid" />
      <line x1={LEFT} x2={W - RIGHT} y1={y(target)} y2={y(target)} class="target-line" />
      <text x={W - RIGHT} y={y(target) - 3} class="axis-label" text-anchor="end">
        {t('targetLabel', { pct: percent(target) })}
      </text>
      {[1, 0.5, 0].map((r) => (
        <text key={r} x={LEFT - 4} y={y(r) + 3} class="axis-label" text-anchor="end">
          {percent(r)}
        </text>
      ))}
      <polyline class="curve" points={points.map((p, i) => `${x(i)},${y(p.recall)}`).join(' ')} />
      {points.map((p, i) => (
        <g key={p.date}>
          <circle
            class="curve-point"
            cx={x(i)}
            cy={y(p.recall)}
            r={3}
            data-day={p.day}
            data-recall={p.recall}
          >
            <title>{t('curvePoint', { date: formatDay(p.date, lang), pct: percent(p.recall) })}</title>
          </circle>
          {(i === last || (i % every === 0 && last - i >= every / 2)) && (
            <text
              x={x(i)}
              y={H - 4}
              class="axis-label"
              text-anchor={i === 0 && last > 0 ? 'start' : i === last && last > 0 ? 'end' : 'middle'}
            >
              {dayName(p)}
            </text>
          )}
        </g>
      ))}
    </ChartFigure>
  );
}
