import type { StatsTranslate } from '@/lib/i18n/stats-strings';
import type { StateCounts as Counts } from '@/lib/stats/stats';

const KINDS = ['new', 'learning', 'review', 'relearning', 'suspended'] as const;

/** Cards in the bank by state: the numbers as text, and their shares as one stacked bar. */
export function StateCounts({ counts, t }: { counts: Counts; t: StatsTranslate }) {
  const total = KINDS.reduce((a, k) => a + counts[k], 0);
  const summary = t('statesSummary', { ...counts });
  let x = 0;
  return (
    <div class="state-counts">
      <svg viewBox="0 0 100 4" preserveAspectRatio="none" role="img" aria-label={summary} class="state-bar">
        {total > 0 &&
          KINDS.map((k) => {
            const w = (counts[k] / total) * 100;
            const rect = <rect key={k} class={`state-${k}`} x={x} y={0} width={w} height={4} />;
            x += w;
            return rect;
          })}
      </svg>
      <dl class="stat-numbers">
        {KINDS.map((k) => (
          <div key={k}>
            <dt>
              <span class={`swatch state-${k}`} aria-hidden="true" />
              {t(k)}
            </dt>
            <dd data-state={k}>{counts[k]}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
