import { describe, expect, it } from 'vitest';
import { dueCards, nextCard, queueCounts, type QueueCard, type QueueContext } from '@/lib/srs/queue';
import { newSchedulingState, State } from '@/lib/srs/schedule';
import { inScope } from '@/lib/srs/scope';
import { nextStudyDayStart, studyDayStart } from '@/lib/srs/day';
import { formatInterval } from '@/lib/srs/format';

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);
const MIN = 60_000;

function card(id: string, over: Partial<QueueCard> = {}): QueueCard {
  return {
    ...newSchedulingState(NOW - 100 * MIN),
    id,
    section: 'basics',
    topics: ['attention'],
    order: 0,
    inBank: true,
    ...over,
  };
}

function review(id: string, dueOffsetMin: number, over: Partial<QueueCard> = {}): QueueCard {
  return card(id, { state: State.Review, due: NOW + dueOffsetMin * MIN, reps: 3, ...over });
}

const ctx = (over: Partial<QueueContext> = {}): QueueContext => ({
  now: NOW,
  filter: { disabledSections: [], disabledTopics: [] },
  newPerDay: 10,
  maxReviewsPerDay: 100,
  newToday: 0,
  reviewsToday: 0,
  ...over,
});

describe('nextCard', () => {
  it('shows due reviews before new cards, most overdue first', () => {
    const cards = [card('new1', { order: 0 }), review('a', -5), review('b', -60), review('later', 30)];
    expect(nextCard(cards, ctx())?.id).toBe('b');
    expect(
      nextCard(
        cards.filter((c) => c.id !== 'b'),
        ctx(),
      )?.id,
    ).toBe('a');
    expect(nextCard([card('new1'), review('later', 30)], ctx())?.id).toBe('new1');
  });

  it('introduces new cards in bank order within the daily new-card limit', () => {
    const cards = [card('n2', { order: 2 }), card('n1', { order: 1 })];
    expect(nextCard(cards, ctx())?.id).toBe('n1');
    expect(nextCard(cards, ctx({ newPerDay: 3, newToday: 3 }))).toBeNull();
  });

  it('stops review cards at the daily review limit, but never cards in learning steps', () => {
    expect(nextCard([review('a', -5)], ctx({ maxReviewsPerDay: 2, reviewsToday: 2 }))).toBeNull();
    const forgotten = review('f', -1, { state: State.Relearning });
    expect(nextCard([review('a', -5), forgotten], ctx({ maxReviewsPerDay: 2, reviewsToday: 2 }))?.id).toBe(
      'f',
    );
    const cards = [
      review('a', -50),
      review('b', -40),
      review('c', -30),
      card('l', { state: State.Learning, due: NOW - 35 * MIN }),
    ];
    expect(dueCards(cards, ctx({ maxReviewsPerDay: 1 })).map((c) => c.id)).toEqual(['a', 'l']);
  });

  it('keeps to the chosen sections and topics and skips retired questions', () => {
    const cards = [
      review('inf', -50, { section: 'inference', topics: ['kv-cache'] }),
      review('gone', -90, { inBank: false }),
      review('basic', -10),
    ];
    const filter = { disabledSections: ['inference'], disabledTopics: [] };
    expect(nextCard(cards, ctx({ filter }))?.id).toBe('basic');
    const topicOff = { disabledSections: [], disabledTopics: ['basics/attention'] };
    expect(nextCard(cards, ctx({ filter: topicOff }))?.id).toBe('inf');
  });

  it('rotates: a card just shown on another tab is passed over while others wait', () => {
    const cards = [review('a', -30), review('b', -20), card('n', { order: 0 })];
    const views = { a: NOW - MIN };
    expect(nextCard(cards, ctx({ recentViews: views }))?.id).toBe('b');
    const allShown = { a: NOW - 3 * MIN, b: NOW - 2 * MIN, n: NOW - 1 * MIN };
    expect(nextCard(cards, ctx({ recentViews: allShown }))?.id).toBe('a');
    const longAgo = { a: NOW - 31 * MIN };
    expect(nextCard(cards, ctx({ recentViews: longAgo }))?.id).toBe('a');
  });
});

describe('queueCounts', () => {
  it('counts due reviews, new cards left today and when the next one is due', () => {
    const cards = [review('a', -5), review('b', 90), card('n1'), card('n2'), card('n3')];
    expect(queueCounts(cards, ctx({ newPerDay: 5, newToday: 3 }))).toEqual({
      due: 1,
      newLeft: 2,
      nextDue: NOW + 90 * MIN,
    });
  });
});

describe('inScope', () => {
  it('keeps a card while one of its topics is on', () => {
    const c = { section: 'basics', topics: ['attention', 'ffn'] };
    expect(inScope(c, { disabledSections: [], disabledTopics: ['basics/attention'] })).toBe(true);
    expect(inScope(c, { disabledSections: [], disabledTopics: ['basics/attention', 'basics/ffn'] })).toBe(
      false,
    );
  });
});

describe('study day', () => {
  it('starts at the chosen local hour, so 2 a.m. belongs to the day before', () => {
    // TZ is Asia/Shanghai (UTC+8) in vitest.config.ts.
    const twoAm = Date.parse('2026-03-02T02:00:00+08:00');
    expect(studyDayStart(twoAm, 4)).toBe(Date.parse('2026-03-01T04:00:00+08:00'));
    expect(nextStudyDayStart(twoAm, 4)).toBe(Date.parse('2026-03-02T04:00:00+08:00'));
    const fiveAm = Date.parse('2026-03-02T05:00:00+08:00');
    expect(studyDayStart(fiveAm, 4)).toBe(Date.parse('2026-03-02T04:00:00+08:00'));
  });
});

describe('formatInterval', () => {
  it('labels intervals as a person reads them', () => {
    expect(formatInterval(MIN)).toBe('1m');
    expect(formatInterval(10 * MIN)).toBe('10m');
    expect(formatInterval(3 * 60 * MIN)).toBe('3h');
    expect(formatInterval(3 * 24 * 60 * MIN)).toBe('3d');
    expect(formatInterval(90 * 24 * 60 * MIN)).toBe('3mo');
    expect(formatInterval(2 * 365 * 24 * 60 * MIN)).toBe('2y');
  });
});
