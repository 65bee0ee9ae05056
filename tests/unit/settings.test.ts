import { SECTIONS } from '@/lib/bank/taxonomy';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normalizeSettings, resolveLang } from '@/lib/settings/model';
import { loadSettings, saveSettings } from '@/lib/settings/store';

describe('normalizeSettings', () => {
  it('gives the defaults for nothing or garbage', () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings('oops')).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.retention).toBe(0.9);
    expect(DEFAULT_SETTINGS.dayStartHour).toBe(4);
    expect(DEFAULT_SETTINGS.theme).toBe('system');
  });

  it('clamps numbers to their range and drops unknown values', () => {
    const s = normalizeSettings({
      retention: 0.5,
      newPerDay: -3,
      dayStartHour: 30,
      maxReviewsPerDay: Number.NaN,
      theme: 'neon',
      disabledSections: ['inference', 'nonsense', 7],
      disabledTopics: ['basics/attention', 'nonsense/attention', 'basics/Not A Key', 3],
    });
    expect(s.retention).toBe(0.7);
    expect(s.newPerDay).toBe(0);
    expect(s.dayStartHour).toBe(23);
    expect(s.maxReviewsPerDay).toBe(DEFAULT_SETTINGS.maxReviewsPerDay);
    expect(s.theme).toBe('system');
    expect(s.disabledSections).toEqual(['inference']);
    expect(s.disabledTopics).toEqual(['basics/attention']);
    expect(normalizeSettings({ retention: 2 }).retention).toBe(0.97);
  });

  it('keeps a filter on any section or topic of the bank (topic keys are checked by their form)', () => {
    const sections = SECTIONS.map((s) => s.id);
    const topics = SECTIONS.flatMap((s) => Object.keys(s.topics).map((t) => `${s.id}/${t}`));
    const s = normalizeSettings({ disabledSections: sections, disabledTopics: topics });
    expect(s.disabledSections).toEqual(sections);
    expect(s.disabledTopics).toEqual(topics);
  });
});

describe('interviews in the settings', () => {
  it('keeps each interview whole or drops it, clamps its target, and keeps at most ten', () => {
    const good = { id: 'a', name: 'Acme', date: '2027-01-15', sections: ['llm', 'nope'], target: 0.995 };
    const s = normalizeSettings({
      interviews: [
        good,
        { id: 'b', date: '2027-13-45' },
        { id: '', date: '2027-01-15' },
        { date: '2027-01-15' },
        '__proto__',
        null,
        { id: 'c', date: '2027-02-01', name: 7 },
      ],
      planBudget: 5,
      newOrder: 'random',
    });
    expect(s.interviews).toEqual([
      { id: 'a', name: 'Acme', date: '2027-01-15', sections: ['llm'], target: 0.99 },
      { id: 'c', name: '', date: '2027-02-01', sections: [], target: 0.95 },
    ]);
    expect(s.planBudget).toBe(10);
    expect(s.newOrder).toBe('sensible');
    const many = Array.from({ length: 12 }, (_, i) => ({ ...good, id: `i${i}` }));
    expect(normalizeSettings({ interviews: many }).interviews).toHaveLength(10);
    expect(DEFAULT_SETTINGS.interviews).toEqual([]);
  });
});

describe('resolveLang', () => {
  it('follows the browser unless a language is chosen', () => {
    expect(resolveLang('auto', 'zh-CN')).toBe('zh');
    expect(resolveLang('auto', 'zh-TW')).toBe('zh');
    expect(resolveLang('auto', 'en-US')).toBe('en');
    expect(resolveLang('auto', 'de')).toBe('en');
    expect(resolveLang('zh', 'en-US')).toBe('zh');
  });
});

describe('settings store', () => {
  it('saves a change and reads it back, validated', async () => {
    expect(await loadSettings()).toEqual(DEFAULT_SETTINGS);
    await saveSettings({ newPerDay: 25, disabledSections: ['llm'] });
    const s = await loadSettings();
    expect(s.newPerDay).toBe(25);
    expect(s.disabledSections).toEqual(['llm']);
  });
});
