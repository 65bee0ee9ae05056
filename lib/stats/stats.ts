/**
 * The statistics page's figures, computed from the cards and the review log. Pure: no
 * database, no browser, no clock (`now` is a parameter). Study days begin at
 * `dayStartHour` local time, exactly as the queue counts them (`lib/srs/day.ts`).
 */
import { SECTIONS } from '../bank/taxonomy';
import { studyDayStart } from '../srs/day';
import { State } from '../srs/card-state';
import { topicKey } from '../srs/scope';

/** What the statistics need of a card (a `CardRecord` fits). */
export interface StatsCard {
  id: string;
  state: State;
  due: number;
  section: string;
  topics: readonly string[];
  inBank: boolean;
  suspended?: boolean;
  buriedUntil?: number;
}

/** What the statistics need of one rating (a `ReviewRecord` fits). */
export interface StatsReview {
  cardId: string;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy. */
  rating: number;
  /** The card's state before this rating. */
  state: State;
  /** When the rating was given (epoch ms). */
  review: number;
}

export interface StatsOptions {
  /** The study day begins at this local hour (0-23). */
  dayStartHour: number;
  /** Epoch ms of "now". */
  now: number;
  /** Days in the heatmap, today included. Default 365. */
  heatmapDays?: number;
  /** Days in the forecast, today included. Default 30. */
  forecastDays?: number;
  /** Days in the recent retention window, today included. Default 30. */
  recentDays?: number;
}

/** One study day: when it began, its local calendar date and a count. */
export interface DayCount {
  /** Epoch ms at which the study day began. */
  start: number;
  /** The local calendar date on which it began, `YYYY-MM-DD`. */
  date: string;
  /** Day of the week it began on, 0 Sunday .. 6 Saturday. */
  weekday: number;
  count: number;
}

export interface Heatmap {
  /** Oldest first; the last entry is today. */
  days: DayCount[];
  /** The most ratings on one day (0 when there are none): the top of the colour scale. */
  max: number;
  /** Ratings in the whole period. */
  total: number;
  /** Days with at least one rating. */
  activeDays: number;
}

export interface Forecast {
  /** Today first. Day 0 includes every card already overdue. */
  days: DayCount[];
  max: number;
  /** Cards due within the period. */
  total: number;
}

/** Ratings of review cards: how many there were and how many were not "Again". */
export interface RetentionCount {
  passed: number;
  total: number;
}

export interface RetentionRow {
  /** `all`, a section id, or a `section/topic` key. */
  key: string;
  recent: RetentionCount;
  allTime: RetentionCount;
}

export interface SectionRetention extends RetentionRow {
  topics: RetentionRow[];
}

export interface Retention {
  overall: RetentionRow;
  /** In bank order; topics in bank order, only those with any rating of a review card. */
  sections: SectionRetention[];
}

export interface StateCounts {
  new: number;
  learning: number;
  review: number;
  relearning: number;
  /** Suspended cards, counted here and not under their state. */
  suspended: number;
}

export interface Stats {
  heatmap: Heatmap;
  forecast: Forecast;
  retention: Retention;
  states: StateCounts;
  /** Ratings since the current study day began. */
  today: number;
  /** Consecutive study days with at least one rating, up to today (see `studyStreak`). */
  streak: number;
  /** Ratings ever given. */
  totalReviews: number;
}

/** Below this many ratings a retention figure is not shown: it would mislead. */
export const MIN_RETENTION_SAMPLE = 20;

/**
 * The share of ratings that were not "Again", or null when fewer than `min` ratings stand
 * behind it.
 *
 * @example
 * retentionRate({ passed: 8, total: 10 }, 10) // 0.8
 * retentionRate({ passed: 8, total: 10 })     // null (under 20 ratings)
 */
export function retentionRate(c: RetentionCount, min = MIN_RETENTION_SAMPLE): number | null {
  return c.total >= min && c.total > 0 ? c.passed / c.total : null;
}

function localDate(ms: number): { date: string; weekday: number } {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return { date: `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`, weekday: d.getDay() };
}

/** The study day `offset` days after the one starting at `start` (DST-safe: calendar days). */
function shiftDay(start: number, offset: number): number {
  const d = new Date(start);
  d.setDate(d.getDate() + offset);
  return d.getTime();
}

/**
 * The starts of `count` consecutive study days beginning with the one that contains `from`,
 * plus the start of the day after the last one (so `starts.length === count + 1`).
 */
export function studyDayStarts(from: number, count: number, dayStartHour: number): number[] {
  const first = studyDayStart(from, dayStartHour);
  const starts: number[] = [];
  for (let i = 0; i <= count; i++) starts.push(shiftDay(first, i));
  return starts;
}

/** The index i with starts[i] <= t < starts[i + 1], or -1 when t is outside them all. */
function dayIndex(starts: readonly number[], t: number): number {
  if (t < starts[0]! || t >= starts[starts.length - 1]!) return -1;
  let lo = 0;
  let hi = starts.length - 2;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= t) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

function dayCounts(starts: readonly number[], counts: readonly number[]): DayCount[] {
  return counts.map((count, i) => ({ start: starts[i]!, ...localDate(starts[i]!), count }));
}

/**
 * Ratings per study day for the last `days` study days, today last. O(reviews × log days).
 */
export function reviewHeatmap(reviews: readonly StatsReview[], opts: StatsOptions): Heatmap {
  const n = opts.heatmapDays ?? 365;
  const starts = studyDayStarts(
    shiftDay(studyDayStart(opts.now, opts.dayStartHour), -(n - 1)),
    n,
    opts.dayStartHour,
  );
  const counts = new Array<number>(n).fill(0);
  for (const r of reviews) {
    const i = dayIndex(starts, r.review);
    if (i >= 0) counts[i]!++;
  }
  let max = 0;
  let total = 0;
  let activeDays = 0;
  for (const c of counts) {
    max = Math.max(max, c);
    total += c;
    if (c > 0) activeDays++;
  }
  return { days: dayCounts(starts, counts), max, total, activeDays };
}

/**
 * How many cards fall due on each of the next `forecastDays` study days (today first).
 * Counted: cards in the bank, not new, not suspended. Day 0 includes every card already
 * overdue. A buried card counts on the day it comes back (`buriedUntil`) if that is later
 * than its due time. Cards due after the period are not counted.
 */
export function dueForecast(cards: readonly StatsCard[], opts: StatsOptions): Forecast {
  const n = opts.forecastDays ?? 30;
  const starts = studyDayStarts(opts.now, n, opts.dayStartHour);
  const counts = new Array<number>(n).fill(0);
  const end = starts[n]!;
  for (const c of cards) {
    if (!c.inBank || c.suspended === true || c.state === State.New) continue;
    const due = Math.max(c.due, c.buriedUntil ?? -Infinity);
    if (due >= end) continue;
    const i = due < starts[0]! ? 0 : dayIndex(starts, due);
    counts[i]!++;
  }
  const max = Math.max(0, ...counts);
  const total = counts.reduce((a, b) => a + b, 0);
  return { days: dayCounts(starts, counts), max, total };
}

function emptyRow(key: string): RetentionRow {
  return { key, recent: { passed: 0, total: 0 }, allTime: { passed: 0, total: 0 } };
}

/**
 * "True retention": among ratings given to cards that were in the Review state before the
 * rating (learning steps and new cards are left out, as in Anki), the share that were Hard,
 * Good or Easy rather than Again. Counted over the last `recentDays` study days (today
 * included) and over all time, overall, per section and per topic. A card's section and
 * topics are those of its card record; a rating of a card with no record counts only
 * overall. Compare with the desired retention; see `retentionRate` for when a figure is
 * too thin to show.
 */
export function trueRetention(
  cards: readonly StatsCard[],
  reviews: readonly StatsReview[],
  opts: StatsOptions,
): Retention {
  const recentFrom = shiftDay(studyDayStart(opts.now, opts.dayStartHour), -((opts.recentDays ?? 30) - 1));
  const overall = emptyRow('all');
  const rows = new Map<string, RetentionRow>();
  const row = (key: string) => {
    let r = rows.get(key);
    if (!r) rows.set(key, (r = emptyRow(key)));
    return r;
  };
  // Each card's rows (its section and topics), looked up once per card, not per rating.
  const rowsOf = new Map<string, RetentionRow[]>();
  for (const c of cards) {
    const keys = new Set([c.section, ...c.topics.map((t) => topicKey(c.section, t))]);
    rowsOf.set(c.id, [...keys].map(row));
  }
  const add = (r: RetentionRow, passed: boolean, recent: boolean) => {
    r.allTime.total++;
    if (passed) r.allTime.passed++;
    if (recent) {
      r.recent.total++;
      if (passed) r.recent.passed++;
    }
  };
  for (const r of reviews) {
    if (r.state !== State.Review) continue;
    const passed = r.rating !== 1;
    const recent = r.review >= recentFrom && r.review <= opts.now;
    add(overall, passed, recent);
    for (const x of rowsOf.get(r.cardId) ?? []) add(x, passed, recent);
  }
  // Rows of cards never rated from a review state carry no figures: drop them.
  for (const [key, r] of rows) if (r.allTime.total === 0) rows.delete(key);
  const sections: SectionRetention[] = [];
  const known = new Set<string>();
  for (const s of SECTIONS) {
    known.add(s.id);
    const topics = Object.keys(s.topics)
      .map((t) => rows.get(topicKey(s.id, t)))
      .filter((r): r is RetentionRow => r !== undefined);
    sections.push({ ...(rows.get(s.id) ?? emptyRow(s.id)), topics });
  }
  // Sections no longer in the taxonomy (old cards) still show, after the known ones.
  for (const [key, r] of rows) {
    if (!key.includes('/') && !known.has(key)) {
      const topics = [...rows.values()].filter((t) => t.key.startsWith(`${key}/`));
      sections.push({ ...r, topics });
    }
  }
  return { overall, sections };
}

/**
 * Cards in the bank by state. Suspended cards are counted under `suspended` only, so the
 * five numbers add up to the cards in the bank. Cards no longer in the bank are left out.
 */
export function stateCounts(cards: readonly StatsCard[]): StateCounts {
  const counts: StateCounts = { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0 };
  for (const c of cards) {
    if (!c.inBank) continue;
    if (c.suspended === true) counts.suspended++;
    else if (c.state === State.New) counts.new++;
    else if (c.state === State.Learning) counts.learning++;
    else if (c.state === State.Review) counts.review++;
    else if (c.state === State.Relearning) counts.relearning++;
  }
  return counts;
}

/**
 * The current streak: consecutive study days with at least one rating, ending today. If
 * nothing has been rated yet today, the streak ending yesterday still counts as current
 * (the day is not over); it is 0 only when neither today nor yesterday has a rating.
 * Not limited to the heatmap's year.
 */
export function studyStreak(
  reviews: readonly StatsReview[],
  opts: Pick<StatsOptions, 'now' | 'dayStartHour'>,
): number {
  const days = new Set<number>();
  for (const r of reviews) if (r.review <= opts.now) days.add(studyDayStart(r.review, opts.dayStartHour));
  let day = studyDayStart(opts.now, opts.dayStartHour);
  if (!days.has(day)) day = shiftDay(day, -1);
  let streak = 0;
  while (days.has(day)) {
    streak++;
    day = shiftDay(day, -1);
  }
  return streak;
}

/**
 * The streak read from the heatmap's days (today last), or null when it runs back through
 * the whole heatmap and older ratings must be looked at.
 */
function streakFromDays(days: readonly DayCount[]): number | null {
  let i = days.length - 1;
  if (days[i]?.count === 0) i--;
  let streak = 0;
  for (; i >= 0 && days[i]!.count > 0; i--) streak++;
  return i < 0 ? null : streak;
}

/**
 * Everything the statistics page shows, in a few linear passes over each list (measured
 * in Node: under 100 ms for 10,000 cards and 100,000 ratings). Settings that narrow the
 * queue (topic filters, daily limits) do not apply: the statistics cover every card and
 * every rating.
 */
export function computeStats(
  cards: readonly StatsCard[],
  reviews: readonly StatsReview[],
  opts: StatsOptions,
): Stats {
  const todayStart = studyDayStart(opts.now, opts.dayStartHour);
  let today = 0;
  for (const r of reviews) if (r.review >= todayStart && r.review <= opts.now) today++;
  const heatmap = reviewHeatmap(reviews, opts);
  return {
    heatmap,
    forecast: dueForecast(cards, opts),
    retention: trueRetention(cards, reviews, opts),
    states: stateCounts(cards),
    today,
    streak: streakFromDays(heatmap.days) ?? studyStreak(reviews, opts),
    totalReviews: reviews.length,
  };
}
