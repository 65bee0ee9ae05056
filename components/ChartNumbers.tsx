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
