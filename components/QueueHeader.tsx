import type { Translate } from '@/lib/i18n/strings';
import type { StudyCounts } from '@/lib/study/queue-read';
import { InterviewLine } from './InterviewLine';

/** Due now and new cards left today, as the popup shows them, and the interview ahead. */
export function QueueHeader({ counts, t }: { counts: StudyCounts | null; t: Translate }) {
  return (
    <>
      <dl class="queue-header">
        <div>
          <dt>{t('dueNow')}</dt>
          <dd data-count="due" elementtiming="due-count">
            {counts ? counts.due : '–'}
          </dd>
        </div>
        <div>
          <dt>{t('newLeft')}</dt>
          <dd data-count="new">{counts ? counts.newLeft : '–'}</dd>
        </div>
        <div>
          <dt>{t('reviewedToday')}</dt>
          <dd data-count="reviewed">{counts ? counts.reviewedToday : '–'}</dd>
        </div>
      </dl>
      <InterviewLine counts={counts} t={t} />
    </>
  );
}
