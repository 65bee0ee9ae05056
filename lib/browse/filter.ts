/**
 * The browse page's logic, pure: search, filters, sorting, a card's status and its review
 * history as rows. No browser, no database, no clock (time is a parameter).
 */
import type { SearchEntry } from '../bank/search-index';
import { sectionById } from '../bank/taxonomy';
import { isLeech, State, type Grade, type SchedulingState } from '../srs/card-state';
import { topicKey } from '../srs/scope';

export const STATE_FILTERS = [
  'all',
  'new',
  'learning',
  'review',
  'relearning',
  'suspended',
  'buried',
  'leech',
] as const;
export type StateFilter = (typeof STATE_FILTERS)[number];

export const SORTS = ['bank', 'due'] as const;
export type BrowseSort = (typeof SORTS)[number];

export interface BrowseFilters {
  /** A section id, or '' for every section. */
  section: string;
  /** A `section/topic` key, or '' for every topic. */
  topic: string;
  state: StateFilter;
  sort: BrowseSort;
}

export const NO_FILTERS: BrowseFilters = { section: '', topic: '', state: 'all', sort: 'bank' };

/** What the browse page reads of a card. */
export interface BrowseCard extends SchedulingState {
  id: string;
  suspended?: boolean;
  buriedUntil?: number;
  note?: string;
  resetAt?: number;
}

export type LearningState = 'new' | 'learning' | 'review' | 'relearning';

export interface CardStatus {
  state: LearningState;
  suspended: boolean;
  /** Buried until a time still to come. */
  buried: boolean;
  leech: boolean;
}

const STATE_NAMES: Record<State, LearningState> = {
  [State.New]: 'new',
  [State.Learning]: 'learning',
  [State.Review]: 'review',
  [State.Relearning]: 'relearning',
};

/** A card's state and flags at `now`; a question with no card yet (bank not synced) is new. */
export function cardStatus(card: BrowseCard | undefined, now: number): CardStatus {
  if (!card) return { state: 'new', suspended: false, buried: false, leech: false };
  return {
    state: STATE_NAMES[card.state] ?? 'new',
    suspended: card.suspended === true,
    buried: (card.buriedUntil ?? 0) > now,
    leech: isLeech(card),
  };
}

/** Whether a status passes a state filter. Learning states and flags are independent: a suspended review card is both. */
export function matchesState(status: CardStatus, filter: StateFilter): boolean {
  switch (filter) {
    case 'all':
      return true;
    case 'suspended':
      return status.suspended;
    case 'buried':
      return status.buried;
    case 'leech':
      return status.leech;
    default:
      return status.state === filter;
  }
}

/** Text as the search compares it: compatibility-normalized (full-width → half-width) and lower case. */
export function normalizeForSearch(s: string): string {
  return s.normalize('NFKC').toLowerCase();
}

/**
 * The terms of a query: split on spaces (an ideographic space too). Chinese needs no word
 * splitting: each term is matched as a substring.
 *
 * @example
 * searchTerms('  KV\u3000缓存 ') // ['kv', '缓存']
 */
export function searchTerms(query: string): string[] {
  return normalizeForSearch(query)
    .split(/\s+/)
    .filter((t) => t.length > 0);
}

const haystacks = new WeakMap<SearchEntry, string>();

/** Everything a query may match in one entry: both languages' question (and answer, when loaded), the id and the topic names. */
function haystack(e: SearchEntry): string {
  let h = haystacks.get(e);
  if (h === undefined) {
    const section = sectionById(e.section);
    const labels = e.topics.flatMap((t) => {
      const l = section?.topics[t];
      return l ? [l.zh, l.en] : [t];
    });
    h = normalizeForSearch([e.zh.q, e.en.q, e.zh.a ?? '', e.en.a ?? '', e.id, ...labels].join('\n'));
    haystacks.set(e, h);
  }
  return h;
}

/** Whether every term occurs somewhere in the entry (in either language). */
export function matchesQuery(entry: SearchEntry, terms: readonly string[]): boolean {
  if (terms.length === 0) return true;
  const h = haystack(entry);
  return terms.every((t) => h.includes(t));
}

export interface BrowseRow<C extends BrowseCard = BrowseCard> {
  entry: SearchEntry;
  /** Undefined until the background has made the question's card. */
  card: C | undefined;
  status: CardStatus;
}

/**
 * The rows the browse page lists: entries matching every term of `query` (case-insensitive,
 * either language), inside the section, topic and state filters, in bank order or by due
 * date (scheduled cards soonest first, then new cards in bank order).
 *
 * @example
 * filterCards(entries, cards, '注意力 softmax', { ...NO_FILTERS, state: 'review' }, Date.now())
 */
export function filterCards<C extends BrowseCard>(
  entries: readonly SearchEntry[],
  cards: readonly C[],
  query: string,
  filters: BrowseFilters,
  now: number,
): BrowseRow<C>[] {
  const byId = new Map(cards.map((c) => [c.id, c]));
  const terms = searchTerms(query);
  const rows: BrowseRow<C>[] = [];
  for (const entry of entries) {
    if (filters.section && entry.section !== filters.section) continue;
    if (filters.topic && !entry.topics.some((t) => topicKey(entry.section, t) === filters.topic)) continue;
    const card = byId.get(entry.id);
    const status = cardStatus(card, now);
    if (!matchesState(status, filters.state)) continue;
    if (!matchesQuery(entry, terms)) continue;
    rows.push({ entry, card, status });
  }
  const byOrder = (a: BrowseRow<C>, b: BrowseRow<C>) => a.entry.order - b.entry.order;
  if (filters.sort === 'due') {
    const dueOf = (r: BrowseRow<C>) =>
      r.card && r.status.state !== 'new' ? r.card.due : Number.POSITIVE_INFINITY;
    rows.sort((a, b) => dueOf(a) - dueOf(b) || byOrder(a, b));
  } else {
    rows.sort(byOrder);
  }
  return rows;
}

/** One line of a card's history, newest first. */
export type HistoryRow =
  | {
      kind: 'review';
      at: number;
      rating: Grade;
      /** The card's state before the rating. */
      state: State;
      /** How long the rating scheduled the card for (ms), when it can still be known. */
      interval: number | null;
    }
  | { kind: 'reset'; at: number };

export interface HistoryReview {
  review: number;
  rating: Grade;
  state: State;
  /** The card's due time before this rating (older logs lack it). */
  prevDue?: number;
}

/**
 * A card's review log as rows, newest first, with a reset shown where it happened. The
 * interval a rating gave is when the card fell due after it (the next rating's `prevDue`,
 * or the card's due for the latest one) minus when it was given; a reset in between
 * replaced that due time, so the interval is unknown (null).
 */
export function historyRows(
  reviews: readonly HistoryReview[],
  card: Pick<BrowseCard, 'due' | 'resetAt'> | undefined,
): HistoryRow[] {
  const sorted = [...reviews].sort((a, b) => a.review - b.review);
  const resetAt = card?.resetAt;
  const rows: HistoryRow[] = sorted.map((r, i) => {
    const next = sorted[i + 1];
    const resetBetween = resetAt !== undefined && resetAt >= r.review && (!next || resetAt <= next.review);
    let dueAfter: number | undefined;
    if (!resetBetween) dueAfter = next ? next.prevDue : card?.due;
    return {
      kind: 'review',
      at: r.review,
      rating: r.rating,
      state: r.state,
      interval: dueAfter === undefined ? null : Math.max(0, dueAfter - r.review),
    };
  });
  if (resetAt !== undefined) rows.push({ kind: 'reset', at: resetAt });
  // Newest first; a reset sorts after (above) a rating given at the same moment.
  return rows.sort((a, b) => b.at - a.at || (a.kind === 'reset' ? -1 : 1) - (b.kind === 'reset' ? -1 : 1));
}

/**
 * Whether a reset would change anything: the card has been rated at least once (it is past
 * New, or it was reset and its ratings are in the log). A card never reviewed is already new.
 */
export function canReset(card: Pick<BrowseCard, 'state'>, reviews: readonly unknown[]): boolean {
  return card.state !== State.New || reviews.length > 0;
}

/** The card id a `browse.html#<id>` address asks for, or null. */
export function cardIdFromHash(hash: string): string | null {
  const raw = hash.replace(/^#/, '');
  if (!raw) return null;
  try {
    return decodeURIComponent(raw);
  } catch {
    return null;
  }
}
