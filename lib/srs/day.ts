/**
 * Study days begin at a chosen local hour (default 4:00), as in Anki, so that a late
 * night session counts towards the day it belongs to.
 */
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The epoch ms at which the study day containing `now` began, in the machine's local time.
 *
 * @example
 * studyDayStart(Date.parse('2026-03-02T02:00:00'), 4) // 2026-03-01T04:00 local
 */
export function studyDayStart(now: number, dayStartHour: number): number {
  const d = new Date(now);
  const start = new Date(d.getFullYear(), d.getMonth(), d.getDate(), dayStartHour, 0, 0, 0);
  if (start.getTime() > now) start.setDate(start.getDate() - 1);
  return start.getTime();
}

/** The epoch ms at which the next study day begins. */
export function nextStudyDayStart(now: number, dayStartHour: number): number {
  const start = new Date(studyDayStart(now, dayStartHour));
  start.setDate(start.getDate() + 1);
  return start.getTime();
}

/**
 * When "tomorrow" begins for a person who says "until tomorrow" (snooze for today, bury) at
 * `now`: the day-start hour of the calendar day after `now`'s date. In the evening that is
 * the next study day's start. Between midnight and the day-start hour the calendar day has
 * already turned for the person, though the study day has not: "until tomorrow" at 01:00
 * means the next morning but one at 04:00, never three hours later.
 *
 * @example
 * untilTomorrow(Date.parse('2026-03-02T01:00:00'), 4) // 2026-03-03T04:00 local
 */
export function untilTomorrow(now: number, dayStartHour: number): number {
  const d = new Date(now);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, dayStartHour).getTime();
}

export { HOUR, DAY };
