import { useEffect, useState } from 'preact/hooks';
import { formatWhen, type Translate } from '@/lib/i18n/strings';
import type { CalmReason } from '@/lib/study/pacing';
import type { Lang } from '@/lib/settings/model';
import type { StudyCounts } from '@/lib/study/queue-read';
import { InterviewLine } from './InterviewLine';

export interface CalmPageProps {
  reason: CalmReason;
  /** When the reason ends (snooze, quiet hours, the cap's day), if it does. */
  until?: number | undefined;
  /** Every Nth tab: N. */
  every: number;
  counts: StudyCounts | null;
  lang: Lang;
  t: Translate;
  now: () => number;
  onStudyNow: () => void;
  onResume: () => void;
}

/**
 * What a new tab shows when it does not study: the time, today's progress and when the
 * next card is due. One key (Enter) or click studies a card anyway.
 */
export function CalmPage(p: CalmPageProps) {
  const [now, setNow] = useState(p.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(p.now()), 10_000);
    return () => clearInterval(timer);
  }, []);
  const locale = p.lang === 'zh' ? 'zh-CN' : 'en';
  const date = new Date(now);
  const until = p.until ? formatWhen(p.until, now, p.lang) : '';
  // calmOff, calmSnoozed, calmQuiet, calmCap, calmNth (the type checks each exists).
  const key = `calm${p.reason[0]!.toUpperCase()}${p.reason.slice(1)}` as `calm${Capitalize<CalmReason>}`;
  const why = p.t(key, { when: until, n: p.every });
  const c = p.counts;
  return (
    <section class="calm" aria-labelledby="calm-time">
      <h1 id="calm-time" class="calm-time">
        <time dateTime={date.toISOString()}>
          {date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false })}
        </time>
      </h1>
      <p class="calm-date muted">
        {date.toLocaleDateString(locale, { weekday: 'long', month: 'long', day: 'numeric' })}
      </p>
      <p class="calm-why">{why}</p>
      {c && (
        <p class="calm-progress">
          {p.t('reviewedToday')}
          {p.t('colon')}
          <strong class="reviewed-today">{c.reviewedToday}</strong>
          <span aria-hidden="true"> · </span>
          {/* What is due now, or, with nothing due, when the next card is. */}
          {c.due ? (
            <span class="due-now">{p.t('dueNowCount', { n: c.due })}</span>
          ) : (
            <span class="next-due">
              {c.nextDue !== null
                ? p.t('nextDueAt', { when: formatWhen(c.nextDue, now, p.lang) })
                : p.t('nothingScheduled')}
            </span>
          )}
        </p>
      )}
      <InterviewLine counts={c} t={p.t} />
      <p class="calm-actions">
        {p.reason === 'snoozed' && (
          <button type="button" class="tool" onClick={p.onResume}>
            {p.t('resume')}
          </button>
        )}
        <button type="button" class="tool" onClick={p.onStudyNow}>
          {p.t('studyNow')}
        </button>
      </p>
    </section>
  );
}
