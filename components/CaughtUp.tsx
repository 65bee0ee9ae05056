import { formatWhen, type Translate } from '@/lib/i18n/strings';
import type { Lang } from '@/lib/settings/model';
import type { StudyCounts } from '@/lib/study/queue-read';

export interface CaughtUpProps {
  counts: StudyCounts;
  now: number;
  lang: Lang;
  t: Translate;
}

/** What a page shows when nothing is due: when the next card is, and today's tally. */
export function CaughtUp({ counts, now, lang, t }: CaughtUpProps) {
  return (
    <section class="caught-up" aria-live="polite">
      <h1>{t('caughtUp')}</h1>
      <p>{t('caughtUpBody')}</p>
      <p class="next-due">
        {counts.nextDue !== null
          ? t('nextDueAt', { when: formatWhen(counts.nextDue, now, lang) })
          : t('nothingScheduled')}
      </p>
      <p>
        {t('reviewedToday')}: <strong class="reviewed-today">{counts.reviewedToday}</strong>
      </p>
      <p class="muted">{t('studyMore')}</p>
    </section>
  );
}
