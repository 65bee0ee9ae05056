/**
 * Readiness for an interview (issue 14): each card's predicted recall on the interview's
 * day, from FSRS's forgetting curve with the card's stability and last review
 * (`recallAt` in `lib/srs/plan.ts`, ts-fsrs' own `forgetting_curve`), as if nothing more
 * were studied until then. Pure: no database, no browser, no clock (`now` is a parameter).
 */
import { SECTIONS } from '../bank/taxonomy';
import { State } from '../srs/card-state';
import { studyDayStart } from '../srs/day';
import { interviewStart, recallAt } from '../srs/plan';
import { inScope, topicKey, type TopicFilter } from '../srs/scope';
import type { Interview } from '../settings/model';

/** What readiness needs of a card (a `CardRecord` fits). */
export interface ReadinessCard {
  id: string;
  section: string;
  topics: readonly string[];
  state: State;
  stability: number;
  last_review: number | null;
  inBank: boolean;
  suspended?: boolean;
}

export interface ReadinessOptions {
  /** The scheduler's parameters (`scheduler.parameters.w`): the forgetting curve's decay. */
  w: readonly number[];
  /** Epoch ms of "now". */
  now: number;
  /** The study day begins at this local hour: so does the interview's day. */
  dayStartHour: number;
  /** The topics chosen for study: the scope of an interview that names no section. */
  filter: TopicFilter;
  /** How many of the seen cards with the lowest recall to list. Default 10. */
  atRisk?: number;
}

/** Figures over a set of cards: overall, one section or one topic. */
export interface ReadinessRow {
  /** `all`, a section id, or a `section/topic` key. */
  key: string;
  /** Cards in scope. */
  cards: number;
  /** Of them, cards ever reviewed (the others count 0 in `recall`). */
  seen: number;
  /** Cards predicted at or above the target on the day. */
  ready: number;
  /** Mean predicted recall on the day over all `cards`, never-seen cards counting 0; 0 with no card. */
  recall: number;
}

export interface SectionReadiness extends ReadinessRow {
  /** Topics in bank order, only those with a card in scope. */
  topics: ReadinessRow[];
}

export interface AtRiskCard {
  id: string;
  section: string;
  recall: number;
}

/** Overall predicted recall at one moment before the interview. */
export interface RecallPoint {
  /** Epoch ms: now for today, then the start of each study day, the last one the interview's. */
  at: number;
  /** Days from today (0) to the interview's day. */
  day: number;
  /** The local date of that study day, `YYYY-MM-DD`. */
  date: string;
  recall: number;
}

export interface Readiness {
  interview: Interview;
  /** When the interview's day begins (`interviewStart`). */
  at: number;
  /** Study days from today to the interview's day (1: tomorrow). */
  daysLeft: number;
  overall: ReadinessRow;
  /** `overall.ready / overall.cards`, 0 with no card. */
  shareReady: number;
  /** Cards in scope never reviewed: `overall.cards - overall.seen`. */
  neverSeen: number;
  /** Suspended cards the interview's scope would hold, left out of every figure. */
  suspended: number;
  /** In bank order, only sections with a card in scope. */
  sections: SectionReadiness[];
  /** Seen cards with the lowest predicted recall on the day, lowest first (ties by id). */
  atRisk: AtRiskCard[];
  /** Predicted overall recall on each day from today to the interview's, if nothing more were studied. */
  curve: RecallPoint[];
}

const seen = (c: ReadinessCard) => c.state !== State.New && c.last_review !== null && c.stability > 0;

function localDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

/** The study day `offset` days after the one starting at `start` (DST-safe: calendar days). */
function shiftDay(start: number, offset: number): number {
  const d = new Date(start);
  d.setDate(d.getDate() + offset);
  return d.getTime();
}

/**
 * The cards an interview covers: in the bank, not suspended, and in its sections, or, when
 * it names none, in the topics chosen for study (`inScope`).
 *
 * Suspended cards are left out: suspending says "never show me this", so no schedule will
 * ever raise them and counting them would hold every figure down by an amount no study can
 * change. The page says how many were left out (`Readiness.suspended`).
 */
function scopeOf(
  interview: Interview,
  cards: readonly ReadinessCard[],
  filter: TopicFilter,
): { inScope: ReadinessCard[]; suspended: number } {
  const covers =
    interview.sections.length > 0
      ? (c: ReadinessCard) => interview.sections.includes(c.section)
      : (c: ReadinessCard) => inScope(c, filter);
  const out: ReadinessCard[] = [];
  let suspended = 0;
  for (const c of cards) {
    if (!c.inBank || !covers(c)) continue;
    if (c.suspended === true) suspended++;
    else out.push(c);
  }
  return { inScope: out, suspended };
}

/** The topics of a card a topic row counts it under: all of them, or only those chosen for study. */
function topicsOf(c: ReadinessCard, interview: Interview, filter: TopicFilter): readonly string[] {
  if (interview.sections.length > 0) return c.topics;
  return c.topics.filter((t) => !filter.disabledTopics.includes(topicKey(c.section, t)));
}

function meanRecall(w: readonly number[], cards: readonly ReadinessCard[], at: number): number {
  if (cards.length === 0) return 0;
  let sum = 0;
  for (const c of cards) sum += recallAt(w, c, at);
  return sum / cards.length;
}

interface Tally {
  cards: number;
  seen: number;
  ready: number;
  sum: number;
}

const toRow = (key: string, t: Tally): ReadinessRow => ({
  key,
  cards: t.cards,
  seen: t.seen,
  ready: t.ready,
  recall: t.cards > 0 ? t.sum / t.cards : 0,
});

/** Sections in bank order, then any section the taxonomy no longer has; topics likewise. */
function sectionRows(tallies: Map<string, Tally>): SectionReadiness[] {
  const sections: SectionReadiness[] = [];
  const known = new Set<string>();
  const topicRows = (section: string, ids: readonly string[]) => {
    const rows: ReadinessRow[] = [];
    for (const id of ids) {
      const t = tallies.get(topicKey(section, id));
      if (t) rows.push(toRow(topicKey(section, id), t));
    }
    return rows;
  };
  const unknownTopics = (section: string, ids: readonly string[]) =>
    [...tallies.keys()]
      .filter((k) => k.startsWith(`${section}/`) && !ids.includes(k.slice(section.length + 1)))
      .map((k) => k.slice(section.length + 1));
  for (const s of SECTIONS) {
    known.add(s.id);
    const t = tallies.get(s.id);
    if (!t) continue;
    const ids = Object.keys(s.topics);
    sections.push({ ...toRow(s.id, t), topics: topicRows(s.id, [...ids, ...unknownTopics(s.id, ids)]) });
  }
  for (const [key, t] of tallies) {
    if (key.includes('/') || known.has(key)) continue;
    sections.push({ ...toRow(key, t), topics: topicRows(key, unknownTopics(key, [])) });
  }
  return sections;
}

/**
 * Readiness for one interview at `now`, or null when its day has begun (it has passed, or
 * is under way: like the plan, readiness looks only at interviews ahead).
 *
 * Every figure is the recall predicted at the moment the interview's day begins. A card
 * never reviewed counts 0 and is counted in `neverSeen`; a card is ready when its predicted
 * recall is at or above the interview's target (ts-fsrs rounds recall to 8 decimals, so a
 * card exactly at the target counts as ready). The curve runs from now (today) through the
 * start of each following study day to the interview's, with no further study.
 */
export function interviewReadiness(
  interview: Interview,
  cards: readonly ReadinessCard[],
  opts: ReadinessOptions,
): Readiness | null {
  const at = interviewStart(interview.date, opts.dayStartHour);
  if (at <= opts.now) return null;
  const { w } = opts;
  const { inScope: scope, suspended } = scopeOf(interview, cards, opts.filter);

  const overall: Tally = { cards: 0, seen: 0, ready: 0, sum: 0 };
  const tallies = new Map<string, Tally>();
  const tally = (key: string) => {
    let t = tallies.get(key);
    if (!t) tallies.set(key, (t = { cards: 0, seen: 0, ready: 0, sum: 0 }));
    return t;
  };
  const risk: AtRiskCard[] = [];
  for (const c of scope) {
    const r = recallAt(w, c, at);
    const wasSeen = seen(c);
    const topics = new Set(topicsOf(c, interview, opts.filter));
    const rows = [overall, tally(c.section), ...[...topics].map((t) => tally(topicKey(c.section, t)))];
    for (const t of rows) {
      t.cards++;
      t.sum += r;
      if (wasSeen) t.seen++;
      if (r >= interview.target) t.ready++;
    }
    if (wasSeen) risk.push({ id: c.id, section: c.section, recall: r });
  }
  risk.sort((a, b) => a.recall - b.recall || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

  const today = studyDayStart(opts.now, opts.dayStartHour);
  const daysLeft = Math.round((studyDayStart(at, opts.dayStartHour) - today) / 86_400_000);
  const curve: RecallPoint[] = [];
  for (let day = 0; day <= daysLeft; day++) {
    const start = day === 0 ? opts.now : day === daysLeft ? at : shiftDay(today, day);
    curve.push({
      at: start,
      day,
      date: localDate(shiftDay(today, day)),
      recall: meanRecall(w, scope, start),
    });
  }

  const row = toRow('all', overall);
  return {
    interview,
    at,
    daysLeft,
    overall: row,
    shareReady: row.cards > 0 ? row.ready / row.cards : 0,
    neverSeen: row.cards - row.seen,
    suspended,
    sections: sectionRows(tallies),
    atRisk: risk.slice(0, opts.atRisk ?? 10),
    curve,
  };
}

/** Readiness for every interview ahead, soonest first (ties by name); past ones are left out. */
export function readinessAhead(
  interviews: readonly Interview[],
  cards: readonly ReadinessCard[],
  opts: ReadinessOptions,
): Readiness[] {
  return interviews
    .map((i) => interviewReadiness(i, cards, opts))
    .filter((r): r is Readiness => r !== null)
    .sort((a, b) => a.at - b.at || a.interview.name.localeCompare(b.interview.name));
}

/** An interview whose day has begun: today's, or one passed. */
export interface PassedInterview {
  interview: Interview;
  /** Its day is the current study day. */
  today: boolean;
}

/** The interviews whose day has begun: the page says they are today or have passed. */
export function interviewsPassed(
  interviews: readonly Interview[],
  opts: Pick<ReadinessOptions, 'now' | 'dayStartHour'>,
): PassedInterview[] {
  const today = studyDayStart(opts.now, opts.dayStartHour);
  return interviews
    .filter((i) => interviewStart(i.date, opts.dayStartHour) <= opts.now)
    .map((interview) => ({ interview, today: interviewStart(interview.date, opts.dayStartHour) === today }));
}
