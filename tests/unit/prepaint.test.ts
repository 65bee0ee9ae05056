import { beforeEach, describe, expect, it } from 'vitest';
import { paintedIsInitial, type StudyPage } from '@/lib/study/boot';
import { prepaint } from '@/lib/study/paint';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import { localPreparedStore } from '@/lib/study/prepared';
import { preparedCard, T0 } from './helpers';

const card = preparedCard('q1', T0, { ui: 'zh' });

describe('prepaint', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '<main id="app"></main>';
    delete document.documentElement.dataset.theme;
  });

  it('paints the prepared question, unconfirmed, in the chosen languages and theme', () => {
    localPreparedStore('next').write(card);
    localStorage.setItem('llm-cards:settings', JSON.stringify({ theme: 'dark' }));
    expect(prepaint('newtab', document, T0 + 1000)).toBe(true);
    const article = document.querySelector('.study-card') as HTMLElement;
    expect(article.dataset.cardId).toBe('q1');
    expect(article.dataset.confirmed).toBe('false');
    expect(document.querySelector('h1.question')?.textContent).toBe('Question q1');
    expect(document.querySelector('.card-meta')?.textContent).toBe('基础篇 · 注意力机制');
    expect(document.querySelector('.reveal')?.textContent).toBe('显示答案 空格 / 回车');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it("paints the popup's counts from the head slot", () => {
    localPreparedStore('head').write(preparedCard('q1', T0, { ui: 'zh' }, 'popup'));
    expect(prepaint('popup', document, T0 + 1000)).toBe(true);
    expect(document.querySelector('[data-count="due"]')?.textContent).toBe('3');
    expect(document.querySelector('[data-count="new"]')?.textContent).toBe('7');
  });

  it('paints nothing without a usable prepared card', () => {
    expect(prepaint('newtab', document, T0)).toBe(false);
    localPreparedStore('next').write(card);
    expect(prepaint('newtab', document, T0 + 13 * 3_600_000)).toBe(false);
    expect(document.getElementById('app')?.children).toHaveLength(0);
  });
});

describe('hydrating what prepaint.js painted', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '<main id="app"></main>';
    delete document.documentElement.dataset.painted;
  });

  const pageStartingWith = (id: string, contentLang: 'zh' | 'en') =>
    ({
      session: { state: { kind: 'card', card: { id } } },
      settings: { ...DEFAULT_SETTINGS, contentLang },
    }) as unknown as StudyPage;

  it('hydrates only the very card, in the very language, the page starts from', () => {
    localPreparedStore('next').write(card); // q1, content in English
    expect(prepaint('newtab', document, T0 + 1000)).toBe(true);
    expect(paintedIsInitial(pageStartingWith('q1', 'en'))).toBe(true);
    // Another page rewrote the slot between the paint and the app's start: replace, not hydrate.
    expect(paintedIsInitial(pageStartingWith('q2', 'en'))).toBe(false);
    expect(paintedIsInitial(pageStartingWith('q1', 'zh'))).toBe(false);
  });

  it('never hydrates when nothing was painted', () => {
    expect(prepaint('newtab', document, T0 + 1000)).toBe(false);
    expect(paintedIsInitial(pageStartingWith('q1', 'en'))).toBe(false);
  });
});
