import { describe, expect, it } from 'vitest';
import { Rating } from 'ts-fsrs';
import {
  localPreparedStore,
  usablePrepared,
  type PreparedCard,
  type PreparedStore,
} from '@/lib/study/prepared';
import { createStudySession } from '@/lib/study/session';
import { handleGrade } from '@/lib/background/handlers';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import { question, sessionFixture, T0 } from './helpers';

function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, String(v)),
  };
}

describe('the prepared next card', () => {
  it('is written by a page after it shows a card, and is the card after it', async () => {
    const store = {
      next: localPreparedStore('next', memoryStorage()),
      head: localPreparedStore('head', memoryStorage()),
    };
    const { session } = await sessionFixture(['q1', 'q2', 'q3'], {}, { prepared: store });
    await session.start();
    expect(session.state.kind === 'card' && session.state.card.id).toBe('q1');
    expect(store.next.read()?.card.id).toBe('q2');
    expect(store.next.read()?.question.en.question).toBe('Question q2');
    // The popup's slot holds the head of the queue: the card on screen until it is rated.
    expect(store.head.read()?.card.id).toBe('q1');
  });

  it('lets a rating paint the next card at once, before the database confirms it', async () => {
    const { session } = await sessionFixture(['q1', 'q2', 'q3']);
    await session.start();
    session.reveal();
    const seen: string[] = [];
    session.subscribe((s) => {
      if (s.kind !== 'card') return;
      const now = `${s.card.id}${s.pending ? ' pending' : ''}${s.confirmed ? '' : ' unconfirmed'}`;
      if (seen.at(-1) !== now) seen.push(now);
    });
    await session.rate(Rating.Good);
    // q2 is on screen straight after the rating is stored, then the queue confirms it.
    expect(seen).toEqual(['q1 pending', 'q2 unconfirmed', 'q2']);
  });

  it('is painted at once by the next page and kept when the queue agrees', async () => {
    const store = {
      next: localPreparedStore('next', memoryStorage()),
      head: localPreparedStore('head', memoryStorage()),
    };
    const first = await sessionFixture(['q1', 'q2', 'q3'], {}, { prepared: store });
    await first.session.start();
    const initial = usablePrepared(store.next.read(), T0);
    const next = createStudySession({ ...first.deps, prepared: store, initial });
    // Painted before the database is read:
    expect(next.state.kind === 'card' && next.state.card.id).toBe('q2');
    const shown = next.state.kind === 'card' ? next.state.question : null;
    await next.start();
    expect(next.state.kind === 'card' && next.state.card.id).toBe('q2');
    expect(next.state.kind === 'card' && next.state.question).toBe(shown);
  });

  it('is replaced by what the queue says when it went stale', async () => {
    const store = {
      next: localPreparedStore('next', memoryStorage()),
      head: localPreparedStore('head', memoryStorage()),
    };
    const first = await sessionFixture(['q1', 'q2', 'q3'], {}, { prepared: store });
    await first.session.start();
    // q2 gets rated somewhere else before the next tab opens.
    await handleGrade(await first.deps.db(), DEFAULT_SETTINGS, {
      type: 'grade',
      reviewId: 'elsewhere',
      cardId: 'q2',
      rating: Rating.Easy,
      reviewedAt: T0,
    });
    const next = createStudySession({
      ...first.deps,
      prepared: store,
      initial: usablePrepared(store.next.read(), T0),
    });
    expect(next.state.kind === 'card' && next.state.card.id).toBe('q2');
    await next.start();
    expect(next.state.kind === 'card' && next.state.card.id).toBe('q3');
  });

  it('ignores corrupt, old and not-yet-due entries', () => {
    const storage = memoryStorage();
    const store: PreparedStore = localPreparedStore('next', storage);
    storage.setItem('llm-cards:prepared:next', '{not json');
    expect(store.read()).toBeNull();
    storage.setItem('llm-cards:prepared:next', JSON.stringify({ v: 1, at: T0 }));
    expect(store.read()).toBeNull();
    const p: PreparedCard = {
      v: 3,
      at: T0,
      card: { id: 'q1', state: 0, due: T0 } as PreparedCard['card'],
      question: question('q1'),
      counts: { due: 0, newLeft: 1, nextDue: null, reviewedToday: 0 },
    };
    // Cards prepared by the versions before the card carried its markup are not painted.
    for (const v of [1, 2]) {
      storage.setItem('llm-cards:prepared:next', JSON.stringify({ ...p, v }));
      expect(store.read()).toBeNull();
    }
    store.write(p);
    expect(usablePrepared(store.read(), T0 + 1000)?.card.id).toBe('q1');
    expect(usablePrepared(store.read(), T0 + 13 * 3_600_000)).toBeNull();
    const notDue = { ...p, card: { ...p.card, state: 2, due: T0 + 86_400_000 } };
    expect(usablePrepared(notDue as PreparedCard, T0 + 1000)).toBeNull();
  });
});
