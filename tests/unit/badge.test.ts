import { describe, expect, it } from 'vitest';
import { halfWidthInChinese } from '@/build/bank/zh-punctuation';
import { badgeState, nextBadgeChange } from '@/lib/background/badge';
import { toolbarCatalogs, toolbarTitle } from '@/lib/i18n/toolbar-strings';
import { openStudyDb, recordRating, syncBank } from '@/lib/db';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import { makeScheduler } from '@/lib/srs/schedule';

// Local times: the study day starts at 04:00 local, whatever the machine's zone.
const at = (d: string) => new Date(d).getTime();
const MIN = 60_000;

describe('when the badge can next change by itself', () => {
  it('is the next study-day start when nothing falls due before it', () => {
    expect(nextBadgeChange(null, at('2026-03-02T10:00:00'), 4)).toBe(at('2026-03-03T04:00:00'));
    expect(nextBadgeChange(at('2026-03-05T09:00:00'), at('2026-03-02T10:00:00'), 4)).toBe(
      at('2026-03-03T04:00:00'),
    );
    // Between midnight and the day-start hour, the day that starts at 04:00 today.
    expect(nextBadgeChange(null, at('2026-03-02T02:00:00'), 4)).toBe(at('2026-03-02T04:00:00'));
  });

  it('is the moment the next card falls due when that comes first', () => {
    const due = at('2026-03-02T10:10:00');
    expect(nextBadgeChange(due, at('2026-03-02T10:00:00'), 4)).toBe(due);
  });
});

describe('badgeState', () => {
  it('counts due cards and wakes the worker when a card rated Again falls due, not every minute', async () => {
    const db = await openStudyDb(`badge-${Math.random()}`);
    const now = at('2026-03-02T10:00:00');
    await syncBank(db, [{ id: 'a', section: 'basics', topics: ['attention'], order: 0 }], now);
    expect(await badgeState(db, DEFAULT_SETTINGS, now)).toEqual({
      text: '',
      title: 'LLM Interview Cards — 0 due · 1 new left today',
      nextChange: at('2026-03-03T04:00:00'),
    });
    const f = makeScheduler({ retention: 0.9, fuzz: false });
    await recordRating(db, f, { reviewId: 'r', cardId: 'a', rating: 1, reviewedAt: now });
    const card = (await db.get('cards', 'a'))!;
    expect(card.due - now).toBeLessThan(15 * MIN);
    expect(await badgeState(db, DEFAULT_SETTINGS, now)).toEqual({
      text: '',
      title: 'LLM Interview Cards — 0 due · 0 new left today',
      nextChange: card.due,
    });
    expect(await badgeState(db, DEFAULT_SETTINGS, card.due)).toMatchObject({
      text: '1',
      title: 'LLM Interview Cards — 1 due · 0 new left today',
    });
    // The tooltip follows the interface language; "auto" follows the browser's.
    expect((await badgeState(db, { ...DEFAULT_SETTINGS, uiLang: 'zh' }, card.due)).title).toBe(
      '大模型面试卡片 — 到期 1 张 · 今天还剩 0 张新卡',
    );
    expect((await badgeState(db, DEFAULT_SETTINGS, card.due, 'zh-CN')).title).toMatch(/^大模型面试卡片/);
    db.close();
  });
});

describe('the toolbar tooltip', () => {
  it('names the extension, then what is due and the new cards left today, in the interface language', () => {
    expect(toolbarTitle('en', { due: 12, newLeft: 5 })).toBe(
      'LLM Interview Cards — 12 due · 5 new left today',
    );
    expect(toolbarTitle('zh', { due: 12, newLeft: 5 })).toBe(
      '大模型面试卡片 — 到期 12 张 · 今天还剩 5 张新卡',
    );
    expect(toolbarTitle('en', { due: 1234, newLeft: 0 })).toBe(
      'LLM Interview Cards — 1234 due · 0 new left today',
    );
  });

  it('writes the Chinese with full-width punctuation', () => {
    for (const text of Object.values(toolbarCatalogs.zh)) expect(halfWidthInChinese(text)).toEqual([]);
  });
});
