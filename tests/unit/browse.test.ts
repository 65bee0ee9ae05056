import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileBank } from '@/build/bank/compile';
import { decodeEntities, htmlToText, searchEntry, type SearchEntry } from '@/lib/bank/search-index';
import {
  NO_FILTERS,
  cardIdFromHash,
  cardStatus,
  filterCards,
  historyRows,
  searchTerms,
  type BrowseCard,
} from '@/lib/browse/filter';
import { Rating, State } from '@/lib/srs/card-state';

const NOW = Date.UTC(2026, 5, 1, 2, 0, 0);
const DAY = 86_400_000;

function entry(
  id: string,
  order: number,
  section: string,
  topics: string[],
  zh: string,
  en: string,
): SearchEntry {
  return {
    id,
    section,
    topics,
    difficulty: 2,
    order,
    hasMath: false,
    zh: { q: zh, html: zh },
    en: { q: en, html: en },
  };
}

const ENTRIES: SearchEntry[] = [
  entry(
    'kv-cache-size',
    0,
    'inference',
    ['kv-cache'],
    'KV Cache 占用多少显存?',
    'How much memory does the KV cache take?',
  ),
  entry(
    'rope-basics',
    1,
    'basics',
    ['positional-encoding'],
    'RoPE 旋转位置编码是怎么工作的?',
    'How does rotary position embedding work?',
  ),
  entry(
    'lora-rank',
    2,
    'advanced',
    ['peft'],
    'LoRA 的秩 r 起什么作用?',
    'What does the LoRA rank r control?',
  ),
  entry(
    'zero-stages',
    3,
    'distributed',
    ['zero-fsdp'],
    'ZeRO 的三个阶段分别切分什么?',
    'What does each ZeRO stage partition?',
  ),
];

function card(id: string, over: Partial<BrowseCard> = {}): BrowseCard {
  return {
    id,
    due: NOW,
    stability: 0,
    difficulty: 0,
    elapsed_days: 0,
    scheduled_days: 0,
    learning_steps: 0,
    reps: 0,
    lapses: 0,
    state: State.New,
    last_review: null,
    ...over,
  };
}

const ids = (rows: { entry: SearchEntry }[]) => rows.map((r) => r.entry.id);

describe('filterCards: search', () => {
  const cards = ENTRIES.map((e) => card(e.id));

  it('finds a question by a Chinese phrase, without word splitting', () => {
    expect(ids(filterCards(ENTRIES, cards, '旋转位置', NO_FILTERS, NOW))).toEqual(['rope-basics']);
    expect(ids(filterCards(ENTRIES, cards, '显存', NO_FILTERS, NOW))).toEqual(['kv-cache-size']);
  });

  it('finds the same question by English words, in any case', () => {
    expect(ids(filterCards(ENTRIES, cards, 'ROTARY', NO_FILTERS, NOW))).toEqual(['rope-basics']);
    expect(ids(filterCards(ENTRIES, cards, 'kv cache', NO_FILTERS, NOW))).toEqual(['kv-cache-size']);
  });

  it('needs every space-separated term, in either language', () => {
    expect(ids(filterCards(ENTRIES, cards, 'lora 秩', NO_FILTERS, NOW))).toEqual(['lora-rank']);
    expect(ids(filterCards(ENTRIES, cards, 'lora zero', NO_FILTERS, NOW))).toEqual([]);
    expect(ids(filterCards(ENTRIES, cards, 'how does', NO_FILTERS, NOW))).toEqual([
      'kv-cache-size',
      'rope-basics',
    ]);
  });

  it('matches full-width letters and an ideographic space like their ASCII forms', () => {
    expect(searchTerms('  ＫＶ\u3000缓存 ')).toEqual(['kv', '缓存']);
    expect(ids(filterCards(ENTRIES, cards, 'ＬｏＲＡ', NO_FILTERS, NOW))).toEqual(['lora-rank']);
  });

  it('matches topic names in both languages', () => {
    expect(ids(filterCards(ENTRIES, cards, '参数高效', NO_FILTERS, NOW))).toEqual(['lora-rank']);
    expect(ids(filterCards(ENTRIES, cards, 'fsdp', NO_FILTERS, NOW))).toEqual(['zero-stages']);
  });

  it('searches answers once they are loaded', () => {
    const withAnswer = ENTRIES.map((e) =>
      e.id === 'zero-stages' ? { ...e, en: { ...e.en, a: 'Stage 3 shards the parameters too.' } } : e,
    );
    expect(ids(filterCards(ENTRIES, cards, 'shards', NO_FILTERS, NOW))).toEqual([]);
    expect(ids(filterCards(withAnswer, cards, 'shards', NO_FILTERS, NOW))).toEqual(['zero-stages']);
  });

  it('lists everything, in bank order, for an empty query', () => {
    expect(ids(filterCards(ENTRIES, cards, '   ', NO_FILTERS, NOW))).toEqual(ENTRIES.map((e) => e.id));
  });
});

describe('filterCards: filters and order', () => {
  const cards = [
    card('kv-cache-size', { state: State.Review, due: NOW + 3 * DAY, reps: 3 }),
    card('rope-basics', { state: State.Review, due: NOW - DAY, suspended: true, lapses: 9 }),
    card('lora-rank', { state: State.Learning, due: NOW + 60_000, buriedUntil: NOW + 2 * 3_600_000 }),
    // zero-stages: no card yet (the bank was not synced): it counts as new.
  ];

  it('filters by section and by topic', () => {
    expect(ids(filterCards(ENTRIES, cards, '', { ...NO_FILTERS, section: 'basics' }, NOW))).toEqual([
      'rope-basics',
    ]);
    expect(ids(filterCards(ENTRIES, cards, '', { ...NO_FILTERS, topic: 'advanced/peft' }, NOW))).toEqual([
      'lora-rank',
    ]);
    // A topic key names its section: the same topic id under another section does not match.
    expect(ids(filterCards(ENTRIES, cards, '', { ...NO_FILTERS, topic: 'basics/peft' }, NOW))).toEqual([]);
  });

  it("'suspended' returns only suspended cards; 'buried' and 'leech' likewise", () => {
    expect(ids(filterCards(ENTRIES, cards, '', { ...NO_FILTERS, state: 'suspended' }, NOW))).toEqual([
      'rope-basics',
    ]);
    expect(ids(filterCards(ENTRIES, cards, '', { ...NO_FILTERS, state: 'buried' }, NOW))).toEqual([
      'lora-rank',
    ]);
    expect(ids(filterCards(ENTRIES, cards, '', { ...NO_FILTERS, state: 'leech' }, NOW))).toEqual([
      'rope-basics',
    ]);
    // Once the burial is over the card is no longer buried.
    expect(ids(filterCards(ENTRIES, cards, '', { ...NO_FILTERS, state: 'buried' }, NOW + DAY))).toEqual([]);
  });

  it('filters by learning state; a question without a card is new', () => {
    expect(ids(filterCards(ENTRIES, cards, '', { ...NO_FILTERS, state: 'review' }, NOW))).toEqual([
      'kv-cache-size',
      'rope-basics',
    ]);
    expect(ids(filterCards(ENTRIES, cards, '', { ...NO_FILTERS, state: 'new' }, NOW))).toEqual([
      'zero-stages',
    ]);
    expect(ids(filterCards(ENTRIES, cards, '', { ...NO_FILTERS, state: 'learning' }, NOW))).toEqual([
      'lora-rank',
    ]);
    expect(ids(filterCards(ENTRIES, cards, '', { ...NO_FILTERS, state: 'relearning' }, NOW))).toEqual([]);
  });

  it('combines the query with the filters', () => {
    expect(ids(filterCards(ENTRIES, cards, 'how', { ...NO_FILTERS, state: 'suspended' }, NOW))).toEqual([
      'rope-basics',
    ]);
    expect(ids(filterCards(ENTRIES, cards, 'lora', { ...NO_FILTERS, state: 'suspended' }, NOW))).toEqual([]);
  });

  it('sorts by due date: soonest scheduled first, new cards last in bank order', () => {
    expect(ids(filterCards(ENTRIES, cards, '', { ...NO_FILTERS, sort: 'due' }, NOW))).toEqual([
      'rope-basics',
      'lora-rank',
      'kv-cache-size',
      'zero-stages',
    ]);
  });

  it('reports state and flags for each row', () => {
    const [rope] = filterCards(ENTRIES, cards, 'rope', NO_FILTERS, NOW);
    expect(rope?.status).toEqual({ state: 'review', suspended: true, buried: false, leech: true });
    expect(cardStatus(undefined, NOW)).toEqual({
      state: 'new',
      suspended: false,
      buried: false,
      leech: false,
    });
  });
});

describe('historyRows', () => {
  const r = (review: number, rating: 1 | 2 | 3 | 4, state: State, prevDue?: number) => ({
    review,
    rating,
    state,
    ...(prevDue === undefined ? {} : { prevDue }),
  });

  it('lists ratings newest first with the interval each gave', () => {
    const reviews = [
      r(NOW, Rating.Good, State.New, NOW),
      r(NOW + 10 * 60_000, Rating.Good, State.Learning, NOW + 10 * 60_000),
    ];
    const rows = historyRows(reviews, { due: NOW + 10 * 60_000 + 3 * DAY });
    expect(rows).toEqual([
      {
        kind: 'review',
        at: NOW + 10 * 60_000,
        rating: Rating.Good,
        state: State.Learning,
        interval: 3 * DAY,
      },
      { kind: 'review', at: NOW, rating: Rating.Good, state: State.New, interval: 10 * 60_000 },
    ]);
  });

  it('shows a reset where it happened and does not guess the interval it replaced', () => {
    const reviews = [r(NOW, Rating.Easy, State.New, NOW)];
    const rows = historyRows(reviews, { due: NOW + 2 * DAY, resetAt: NOW + DAY });
    expect(rows).toEqual([
      { kind: 'reset', at: NOW + DAY },
      { kind: 'review', at: NOW, rating: Rating.Easy, state: State.New, interval: null },
    ]);
  });

  it('is empty for a card never rated', () => {
    expect(historyRows([], { due: NOW })).toEqual([]);
  });
});

describe('cardIdFromHash', () => {
  it('reads browse.html#<id>', () => {
    expect(cardIdFromHash('#kv-cache-size')).toBe('kv-cache-size');
    expect(cardIdFromHash('#a%20b')).toBe('a b');
    expect(cardIdFromHash('')).toBeNull();
    expect(cardIdFromHash('#%E0%A4%A')).toBeNull();
  });
});

describe('the search index', () => {
  it('turns compiled HTML into plain text', () => {
    expect(htmlToText('<p>A &amp; B &lt;b&gt;</p><p>C&#39;s&nbsp;&#x4e2d;</p>')).toBe("A & B <b> C's 中");
    expect(htmlToText('<ul><li>one</li><li>two</li></ul>')).toBe('one two');
    expect(decodeEntities('&bogus; &#0;')).toBe('&bogus; &#0;');
  });

  const bank = compileBank(resolve(import.meta.dirname, '../../questions'));
  const index = bank.questions.map(searchEntry);

  it('holds every question of the bank with text in both languages and no markup', () => {
    expect(index).toHaveLength(bank.questions.length);
    for (const e of index) {
      expect(e.zh.q.length).toBeGreaterThan(3);
      expect(e.en.q.length).toBeGreaterThan(3);
      expect(e.zh.q + e.en.q).not.toMatch(/<[a-z/]|&[a-z]+;/i);
    }
  });

  it('finds the same real question by Chinese and by English', () => {
    const cards: BrowseCard[] = [];
    expect(ids(filterCards(index, cards, '短训长测', NO_FILTERS, NOW))).toEqual([
      'alibi-attention-linear-bias',
    ]);
    expect(ids(filterCards(index, cards, 'train short alibi', NO_FILTERS, NOW))).toEqual([
      'alibi-attention-linear-bias',
    ]);
  });

  it('stays small: under 400 KB as shipped', () => {
    const bytes = Buffer.byteLength(JSON.stringify(index));
    console.info(`search index: ${bytes} B for ${index.length} questions`);
    expect(bytes).toBeLessThan(400_000);
  });
});

describe('withAnswers', () => {
  it('adds each answer as plain text from the question files; a file that fails leaves the question searchable', async () => {
    const { withAnswers } = await import('@/lib/browse/data');
    const { question } = await import('./helpers');
    const full = await withAnswers(ENTRIES, async (id) => {
      if (id === 'lora-rank') throw new Error('missing');
      return { ...question(id), en: { question: '', answer: `<p>Answer &amp; more for ${id}</p>` } };
    });
    expect(full.find((e) => e.id === 'kv-cache-size')?.en.a).toBe('Answer & more for kv-cache-size');
    expect(full.find((e) => e.id === 'lora-rank')?.en.a).toBeUndefined();
    expect(ids(filterCards(full, [], 'more for zero', NO_FILTERS, NOW))).toEqual(['zero-stages']);
    expect(ids(filterCards(full, [], '秩', NO_FILTERS, NOW))).toEqual(['lora-rank']);
  });
});
