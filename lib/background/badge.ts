import type { StudyDatabase } from '../db/open';
import { toolbarTitle } from '../i18n/toolbar-strings';
import { resolveLang, type Settings } from '../settings/model';
import { nextStudyDayStart } from '../srs/day';
import { badgeCounts } from '../study/queue-read';

export interface BadgeState {
  /** Reviews due now in the chosen topics ('' when none, '999+' past 999). */
  text: string;
  /** The toolbar button's tooltip: the name, what is due and the new cards left today. */
  title: string;
  /** The next moment the count can change by itself: a card falls due, or a study day begins. */
  nextChange: number;
}

/**
 * What the toolbar badge and its tooltip show, and when the worker next needs to look again.
 * `browserLang` decides the tooltip's language when the interface language is automatic.
 */
export async function badgeState(
  db: StudyDatabase,
  settings: Settings,
  now: number,
  browserLang = 'en',
): Promise<BadgeState> {
  const { due, newLeft, nextDue } = await badgeCounts(db, settings, now);
  return {
    text: due === 0 ? '' : due > 999 ? '999+' : String(due),
    title: toolbarTitle(resolveLang(settings.uiLang, browserLang), { due, newLeft }),
    nextChange: nextBadgeChange(nextDue, now, settings.dayStartHour),
  };
}

/**
 * When the due count can next change with nobody acting: the next card falls due (or
 * comes back from being buried), or the next study day begins (today's review limit
 * starts afresh). Ratings and settings changes refresh the badge themselves.
 *
 * @example
 * nextBadgeChange(null, now, 4) // the next 04:00
 */
export function nextBadgeChange(nextDue: number | null, now: number, dayStartHour: number): number {
  return Math.min(nextDue ?? Infinity, nextStudyDayStart(now, dayStartHour));
}
