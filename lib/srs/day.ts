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

export { HOUR, DAY };
