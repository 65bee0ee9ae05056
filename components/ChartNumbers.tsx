import type { ComponentChildren } from 'preact';
import type { StatsTranslate } from '@/lib/i18n/stats-strings';

export interface ChartNumbersProps {
  t: StatsTranslate;
  /** The heading of the value column (the first column is the date). */
  valueLabel: string;
  rows: readonly { key: string; date: string; value: number | string }[];
}

/** A chart's numbers as a table, folded away under "Show the numbers". */
export function ChartNumbers({ t, valueLabel, rows }: ChartNumbersProps) {
  return (
    <details class="chart-numbers">
      <summary>{t('showNumbers')}</summary>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('date')}</th>
            <th scope="col">{valueLabel}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.date}</td>
              <td>{r.value}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

/**
 * What every chart of the statistics page is: a figure with its drawing as an SVG image
 * whose label is the summary (read by screen readers), the summary as a caption, and its
 * numbers as a table.
 */
export function ChartFigure({
  class: className,
  data,
  summary,
  width,
  height,
  svgClass,
  numbers,
  children,
}: {
  class: string;
  /** `data-*` attributes of the figure, for tests and tools. */
  data: Record<`data-${string}`, string | number>;
  summary: string;
  width: number;
  height: number;
  svgClass?: string;
  numbers: ChartNumbersProps;
  children: ComponentChildren;
}) {
  return (
    <figure class={`chart ${className}`} {...data}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-label={summary} class={svgClass}>
        {children}
      </svg>
      <figcaption class="chart-caption muted">{summary}</figcaption>
      <ChartNumbers {...numbers} />
    </figure>
  );
}
