import type { Translate } from '@/lib/i18n/strings';
import type { StudyCounts } from '@/lib/study/queue-read';

/**
 * "Interview (Acme) in 5 days · ready 82% · today: 24 cards": the nearest interview ahead,
 * the predicted recall on its day, and what is due today (reviews and new cards left).
 */
export function InterviewLine({ counts, t }: { counts: StudyCounts | null; t: Translate }) {
  const i = counts?.interview;
  if (!i || i.at <= Date.now()) return null;
  // Study days from today's (the pace is today's) to the interview's.
  const days = Math.round((i.at - i.day) / 86_400_000);
  const params = {
    name: i.name ? t('interviewName', { name: i.name }) : '',
    days,
    ready: Math.round(i.ready * 100),
    today: counts.due + counts.newLeft,
  };
  return (
    <p class="interview-line">
      {t(days > 1 ? 'interviewIn' : 'interviewTomorrow', params)}
      {i.short && t('planShort')}
    </p>
  );
}
