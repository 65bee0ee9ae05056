import { describe, expect, it } from 'vitest';
import { forgetting_curve } from 'ts-fsrs';
import {
  interviewReadiness,
  interviewsPassed,
  readinessAhead,
  type ReadinessCard,
} from '@/lib/stats/readiness';
import { SCHEDULER_W } from '@/lib/stats/scheduler-w';
import { makeScheduler, State } from '@/lib/srs/schedule';
import type { Interview } from '@/lib/settings/model';

// TZ=Asia/Shanghai (vitest.config.ts); times carry their offset.
const at = (local: string) => Date.parse(`${local}:00+08:00`);
const DAY = 86_400_000;
const NOW = at('2027-01-10T12:00');
/** The interview's day begins at 4:00 on 15 January: five study days from now. */
const DAY_OF = at('2027-01-15T04:00');
const w = SCHEDULER_W;
const noFilter = { disabledSections: [], disabledTopics: [] };
const opts = { w, now: NOW, dayStartHour: 4, filter: noFilter };

const interview = (over: Partial<Interview> = {}): Interview => ({
  id: 'i1',
  name: 'Acme',
  date: '2027-01-15',
  sections: [],
  target: 0.9,
  ...over,
});

/** A card in review, last reviewed `daysBefore` days before the interview's day began. */
function card(
  id: string,
  stability: number,
  daysBefore: number,
  over: Partial<ReadinessCard> = {},
): ReadinessCard {
  return {
    id,
    section: 'basics',
    topics: ['attention'],
    state: State.Review,
    stability,
    last_review: DAY_OF - daysBefore * DAY,
    inBank: true,
    ...over,
  };
}

const fresh = (id: string, over: Partial<ReadinessCard> = {}): ReadinessCard => ({
  ...card(id, 0, 0, over),
  state: State.New,
  last_review: null,
  ...over,
});

describe('readiness for an interview', () => {
  it('reads the scheduler the background rates with', () => {
    expect([...SCHEDULER_W]).toEqual([...makeScheduler({ retention: 0.9, fuzz: true }).parameters.w]);
    expect([...SCHEDULER_W]).toEqual([...makeScheduler({ retention: 0.97, fuzz: false }).parameters.w]);
  });

  it('counts a card never seen as 0 and as not seen', () => {
    const r = interviewReadiness(interview(), [card('a', 10, 10), fresh('b')], opts)!;
    expect(r.overall).toEqual({ key: 'all', cards: 2, seen: 1, ready: 1, recall: 0.45 });
    expect(r.neverSeen).toBe(1);
    expect(r.shareReady).toBe(0.5);
    // Only seen cards are "at risk": the new one is counted under never seen instead.
    expect(r.atRisk).toEqual([{ id: 'a', section: 'basics', recall: 0.9 }]);
  });

  it('counts a card exactly at the target as ready, and one a little weaker as not', () => {
    // Ten days after a review, a card of stability 10 is at 90% (FSRS's definition of stability).
    const exact = card('exact', 10, 10);
    const weaker = card('weaker', 9.99, 10);
    const r = interviewReadiness(interview({ target: 0.9 }), [exact, weaker], opts)!;
    expect(r.atRisk.map((c) => [c.id, c.recall])).toEqual([
      ['weaker', forgetting_curve([...w], 10, 9.99)],
      ['exact', 0.9],
    ]);
    expect(r.overall.ready).toBe(1);
    expect(r.interview.target).toBe(0.9);
    expect(interviewReadiness(interview({ target: 0.91 }), [exact], opts)!.overall.ready).toBe(0);
  });

  it('covers the interview’s sections, whatever topics are chosen for study', () => {
    const cards = [
      card('att', 10, 10),
      card('tok', 10, 10, { topics: ['tokenization'] }),
      card('rlhf', 5, 10, { section: 'advanced', topics: ['rlhf'] }),
      card('gone', 10, 10, { section: 'advanced', topics: ['rlhf'], inBank: false }),
      card('held', 10, 10, { section: 'advanced', topics: ['rlhf'], suspended: true }),
    ];
    const filter = { disabledSections: ['advanced'], disabledTopics: ['basics/tokenization'] };
    const r = interviewReadiness(interview({ sections: ['advanced'] }), cards, { ...opts, filter })!;
    expect(r.overall.cards).toBe(1);
    expect(r.sections.map((s) => s.key)).toEqual(['advanced']);
    expect(r.sections[0]!.topics.map((t) => t.key)).toEqual(['advanced/rlhf']);
    expect(r.overall.recall).toBe(forgetting_curve([...w], 10, 5));
    // The suspended card is left out of every figure, and counted apart.
    expect(r.suspended).toBe(1);
  });

  it('covers the topics chosen for study when it names no section', () => {
    const cards = [
      card('att', 10, 10),
      card('both', 10, 10, { topics: ['attention', 'tokenization'] }),
      card('tok', 10, 10, { topics: ['tokenization'] }),
      card('rlhf', 10, 10, { section: 'advanced', topics: ['rlhf'] }),
      fresh('new-att'),
    ];
    const filter = { disabledSections: ['advanced'], disabledTopics: ['basics/tokenization'] };
    const r = interviewReadiness(interview(), cards, { ...opts, filter })!;
    expect(r.overall).toMatchObject({ cards: 3, seen: 2, ready: 2 });
    expect(r.overall.recall).toBeCloseTo(0.6, 10);
    // Per section and per topic; a topic turned off is not a row of its own.
    expect(r.sections).toHaveLength(1);
    expect(r.sections[0]).toMatchObject({ key: 'basics', cards: 3, seen: 2, ready: 2 });
    expect(r.sections[0]!.topics).toEqual([
      { key: 'basics/attention', cards: 3, seen: 2, ready: 2, recall: expect.closeTo(0.6, 10) },
    ]);
  });

  it('gives every topic of a card a row, in bank order', () => {
    const cards = [
      card('a', 2, 10, { topics: ['tokenization', 'attention'] }),
      card('b', 100, 10, { topics: ['attention'] }),
    ];
    const r = interviewReadiness(interview(), cards, opts)!;
    const topics = r.sections[0]!.topics;
    expect(topics.map((t) => [t.key, t.cards])).toEqual([
      ['basics/attention', 2],
      ['basics/tokenization', 1],
    ]);
    expect(topics[1]!.recall).toBe(forgetting_curve([...w], 10, 2));
  });

  it('lists the seen cards with the lowest recall first, at most ten', () => {
    const cards = Array.from({ length: 15 }, (_, i) => card(`c${String(i).padStart(2, '0')}`, 1 + i, 10));
    const r = interviewReadiness(interview(), [...cards, fresh('n')], opts)!;
    expect(r.atRisk.map((c) => c.id)).toEqual(cards.slice(0, 10).map((c) => c.id));
    expect(interviewReadiness(interview(), cards, { ...opts, atRisk: 3 })!.atRisk).toHaveLength(3);
  });

  it('draws the curve from now through each day’s start to the interview’s, falling without study', () => {
    const r = interviewReadiness(interview(), [card('a', 3, 6), card('b', 30, 8), fresh('n')], opts)!;
    expect(r.daysLeft).toBe(5);
    expect(r.curve.map((p) => p.date)).toEqual([
      '2027-01-10',
      '2027-01-11',
      '2027-01-12',
      '2027-01-13',
      '2027-01-14',
      '2027-01-15',
    ]);
    expect(r.curve.map((p) => p.at)).toEqual([
      NOW,
      at('2027-01-11T04:00'),
      at('2027-01-12T04:00'),
      at('2027-01-13T04:00'),
      at('2027-01-14T04:00'),
      DAY_OF,
    ]);
    for (let i = 1; i < r.curve.length; i++) expect(r.curve[i]!.recall).toBeLessThan(r.curve[i - 1]!.recall);
    expect(r.curve.at(-1)!.recall).toBe(r.overall.recall);
    // Card a, reviewed a day ago (6 days before the day): 1 day on its curve today.
    const a = forgetting_curve([...w], (NOW - (DAY_OF - 6 * DAY)) / DAY, 3);
    const b = forgetting_curve([...w], (NOW - (DAY_OF - 8 * DAY)) / DAY, 30);
    expect(r.curve[0]!.recall).toBeCloseTo((a + b) / 3, 12);
  });

  it('yields nothing for an interview whose day has begun, and says which have passed', () => {
    const past = interview({ id: 'p', date: '2027-01-09' });
    const today = interview({ id: 't', date: '2027-01-10' });
    const ahead = interview({ id: 'a', name: 'Later', date: '2027-02-01' });
    const cards = [card('a', 10, 10)];
    expect(interviewReadiness(past, cards, opts)).toBeNull();
    // Today's began at 4:00; at 2:00 it is still ahead, the next study day.
    expect(interviewReadiness(today, cards, opts)).toBeNull();
    expect(interviewReadiness(today, cards, { ...opts, now: at('2027-01-10T02:00') })!.daysLeft).toBe(1);
    const all = [ahead, past, today, interview()];
    expect(readinessAhead(all, cards, opts).map((r) => r.interview.id)).toEqual(['i1', 'a']);
    expect(interviewsPassed(all, opts).map((p) => [p.interview.id, p.today])).toEqual([
      ['p', false],
      ['t', true],
    ]);
    expect(readinessAhead([past], cards, opts)).toEqual([]);
  });

  it('has nothing to average with no card in scope', () => {
    const r = interviewReadiness(interview({ sections: ['advanced'] }), [card('a', 10, 10)], opts)!;
    expect(r.overall).toEqual({ key: 'all', cards: 0, seen: 0, ready: 0, recall: 0 });
    expect(r.shareReady).toBe(0);
    expect(r.sections).toEqual([]);
  });
});
