import { formatWhen, type StringKey, type Translate } from '@/lib/i18n/strings';
import type { Lang } from '@/lib/settings/model';
import type { StudyCounts } from '@/lib/study/queue-read';
import type { DoneReason } from '@/lib/study/session-model';

export interface CaughtUpProps {
  why: DoneReason;
  counts: StudyCounts;
  now: number;
  lang: Lang;
  t: Translate;
}

/** For each reason: the heading, what it means, and the one action that helps. */
const SAYS: Record<Exclude<DoneReason, 'later'>, [StringKey, StringKey, StringKey]> = {
  skipped: ['doneSkipped', 'doneSkippedBody', 'showSkipped'],
  reviews: ['doneReviews', 'doneReviewsBody', 'raiseLimit'],
  new: ['doneNew', 'doneNewBody', 'raiseLimit'],
  scope: ['doneScope', 'doneScopeBody', 'chooseTopics'],
};

/** What a page shows when there is nothing to study: why, what helps, and today's tally. */
export function CaughtUp({ why, counts, now, lang, t }: CaughtUpProps) {
  const says = why !== 'later' && SAYS[why];
  return (
    <section class="caught-up" aria-live="polite">
      <h1>{t(says ? says[0] : 'caughtUp')}</h1>
      {says ? (
        <p>
          {t(says[1])}{' '}
          {why === 'skipped' ? (
            <button type="button" class="link" onClick={() => location.reload()}>
              {t(says[2])}
            </button>
          ) : (
            <a href="/options.html" target="_blank">
              {t(says[2])}
            </a>
          )}
        </p>
      ) : (
        <p class="next-due">
          {counts.nextDue !== null
            ? t('nextDueAt', { when: formatWhen(counts.nextDue, now, lang) })
            : t('nothingScheduled')}
        </p>
      )}
      <p>
        {t('reviewedToday')}
        {t('colon')}
        <strong class="reviewed-today">{counts.reviewedToday}</strong>
      </p>
    </section>
  );
}
