import { studyDayStart } from '../srs/day';
import type { Interview } from './model';

// The options page's view of an interview: its default, when it is, and its target as a
// percent. Pure: the clock and the id are passed in.

/** A new interview is set this many days ahead. */
export const NEW_INTERVIEW_DAYS = 28;
/** A new interview's target recall on the day. */
export const NEW_INTERVIEW_TARGET = 0.95;

/** The `YYYY-MM-DD` of a moment's local calendar day. */
export function localDate(at: number): string {
  const d = new Date(at);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** A `YYYY-MM-DD` date `days` calendar days after another one. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return localDate(new Date(y!, m! - 1, d! + days, 12).getTime());
}

/** The date of the study day `now` belongs to (before the day-start hour: the day before). */
export function studyDate(now: number, dayStartHour: number): string {
  return localDate(studyDayStart(now, dayStartHour));
}

/**
 * A new interview: four weeks from today's study day, target 95%, covering the topics chosen.
 *
 * @example
 * newInterview('a1', Date.parse('2027-01-01T10:00'), 4).date // '2027-01-29'
 */
export function newInterview(id: string, now: number, dayStartHour: number): Interview {
  return {
    id,
    name: '',
    date: addDays(studyDate(now, dayStartHour), NEW_INTERVIEW_DAYS),
    sections: [],
    target: NEW_INTERVIEW_TARGET,
  };
}

/** Whole calendar days from one `YYYY-MM-DD` to another (daylight saving changes nothing). */
function daysBetween(from: string, to: string): number {
  const utc = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y!, m! - 1, d!);
  };
  return Math.round((utc(to) - utc(from)) / 86_400_000);
}

/** Where an interview stands: its day is ahead (in `days`), today, or past. */
export type InterviewWhen = { kind: 'ahead'; days: number } | { kind: 'today' } | { kind: 'past' };

/**
 * When an interview is, counted in study days (a day starts at `dayStartHour`): once its day
 * has ended it is past and no longer changes the schedule.
 *
 * @example
 * interviewWhen('2027-01-06', Date.parse('2027-01-01T10:00'), 4) // { kind: 'ahead', days: 5 }
 */
export function interviewWhen(date: string, now: number, dayStartHour: number): InterviewWhen {
  const days = daysBetween(studyDate(now, dayStartHour), date);
  if (days < 0) return { kind: 'past' };
  if (days === 0) return { kind: 'today' };
  return { kind: 'ahead', days };
}

/** A target recall (0.80-0.99) as the whole percent the page shows. */
export const targetToPercent = (target: number) => Math.round(target * 100);

/** A whole percent typed on the page as the target recall stored. */
export const percentToTarget = (percent: number) => Math.round(percent) / 100;
