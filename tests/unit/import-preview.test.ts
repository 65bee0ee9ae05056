import { describe, expect, it } from 'vitest';
import { halfWidthInChinese } from '@/build/bank/zh-punctuation';
import { describeImportDone, describeSettingChange } from '@/lib/backup/describe';
import type { BackupCard } from '@/lib/backup/format';
import { previewImport, settingsDiff } from '@/lib/backup/preview';
import type { ReviewRecord } from '@/lib/db/schema';
import { optionsTranslator } from '@/lib/i18n/options-strings';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';

const en = optionsTranslator('en');
const zh = optionsTranslator('zh');
const card = (id: string, extra: Partial<BackupCard> = {}) => ({ id, ...extra }) as BackupCard;
const review = (id: string, cardId: string) => ({ id, cardId }) as ReviewRecord;

describe('what an import would change, shown before it is applied', () => {
  it('counts the reviews it adds, the cards it writes and each setting that differs', () => {
    const here = {
      settings: DEFAULT_SETTINGS,
      reviewIds: new Set(['r0']),
      cards: new Map([
        ['a', {}],
        ['b', {}],
        ['c', {}],
      ]),
    };
    const file = {
      settings: { ...DEFAULT_SETTINGS, newPerDay: 7, theme: 'dark' as const, disabledSections: ['llm'] },
      // a: nothing new; b: a review made elsewhere; c: a note written elsewhere; d: new here.
      cards: [card('a'), card('b'), card('c', { note: 'mine' }), card('d')],
      reviews: [review('r0', 'a'), review('r1', 'b')],
    };
    expect(previewImport(here, file)).toEqual({
      reviewsAdded: 1,
      reviewsAlreadyHere: 1,
      cardsChanged: 3,
      settingsChanges: [
        { key: 'disabledSections', from: [], to: ['llm'] },
        { key: 'newPerDay', from: 10, to: 7 },
        { key: 'theme', from: 'system', to: 'dark' },
      ],
    });
  });

  it('finds no setting changed when the file holds the same ones, lists in any order', () => {
    const mine = { ...DEFAULT_SETTINGS, disabledTopics: ['basics/attention', 'llm/rag'] };
    expect(settingsDiff(mine, { ...mine, disabledTopics: ['llm/rag', 'basics/attention'] })).toEqual([]);
  });

  it('says each setting in words, current value then the file’s, in both languages', () => {
    expect(describeSettingChange({ key: 'newPerDay', from: 10, to: 7 }, en)).toBe(
      'New cards per day: 10 → 7',
    );
    expect(describeSettingChange({ key: 'theme', from: 'system', to: 'dark' }, en)).toBe(
      'Theme: System → Dark',
    );
    expect(describeSettingChange({ key: 'theme', from: 'system', to: 'dark' }, zh)).toBe(
      '主题：跟随系统 → 深色',
    );
    expect(describeSettingChange({ key: 'retention', from: 0.9, to: 0.85 }, en)).toBe(
      'Desired retention: 0.90 → 0.85',
    );
    expect(describeSettingChange({ key: 'keyShortcuts', from: true, to: false }, en)).toBe(
      'Single-key shortcuts: on → off',
    );
    expect(describeSettingChange({ key: 'uiLang', from: 'auto', to: 'zh' }, en)).toBe(
      'Interface language: Browser default → 中文',
    );
  });

  it('names the interviews a file would set, by name and date, so a moved date shows too', () => {
    const acme = { id: 'a', name: 'Acme', date: '2027-01-06', sections: [], target: 0.95 };
    const later = { ...acme, date: '2027-01-13' };
    const unnamed = { ...acme, id: 'b', name: '', date: '2027-02-01' };
    expect(describeSettingChange({ key: 'interviews', from: [], to: [acme] }, en)).toBe(
      'Interviews: none → Acme 2027-01-06',
    );
    expect(describeSettingChange({ key: 'interviews', from: [acme], to: [later] }, en)).toBe(
      'Interviews: Acme 2027-01-06 → Acme 2027-01-13',
    );
    expect(describeSettingChange({ key: 'interviews', from: [acme, unnamed], to: [] }, zh)).toBe(
      '面试：Acme 2027-01-06、2027-02-01 → 无',
    );
    const many = [1, 2, 3, 4, 5].map((d) => ({ ...acme, id: `i${d}`, date: `2027-03-0${d}` }));
    expect(describeSettingChange({ key: 'interviews', from: [], to: many }, en)).toBe(
      'Interviews: none → Acme 2027-03-01, Acme 2027-03-02, Acme 2027-03-03, +2',
    );
    expect(describeSettingChange({ key: 'planBudget', from: 80, to: 120 }, en)).toBe(
      'Most cards a day for the interview plan: 80 → 120',
    );
    expect(describeSettingChange({ key: 'newOrder', from: 'sensible', to: 'shuffled' }, zh)).toBe(
      '新卡顺序：先学基础，各分区交替 → 随机',
    );
  });

  it('says after an import whether the settings were kept or which changed', () => {
    const done = { added: 3, skipped: 2, rebuilt: 1 };
    expect(describeImportDone({ ...done, settingsChanged: [], settingsKept: true }, en)).toMatch(
      /^Imported\. New reviews: 3 .* Your settings were kept\.$/,
    );
    const changed = [
      { key: 'newPerDay' as const, from: 10, to: 7 },
      { key: 'theme' as const, from: 'system' as const, to: 'dark' as const },
    ];
    expect(describeImportDone({ ...done, settingsChanged: changed, settingsKept: false }, en)).toMatch(
      /Settings replaced with the file’s: New cards per day: 10 → 7; Theme: System → Dark\.$/,
    );
    expect(describeImportDone({ ...done, settingsChanged: changed, settingsKept: false }, zh)).toMatch(
      /设置已换成文件里的：每日新卡数：10 → 7；主题：跟随系统 → 深色。$/,
    );
  });

  it('writes the new Chinese messages (import preview, import problems, number fields) with full-width punctuation', () => {
    const keys = [
      'importPreviewTitle',
      'importPreviewReviews',
      'importPreviewCards',
      'importPreviewSettings',
      'importPreviewSameSettings',
      'importReplaceSettings',
      'importCancelled',
      'importSettingsChanged',
      'importSettingsKept',
      'importSettingsSame',
      'settingChange',
      'allowedRange',
      'numberNotNumber',
      'numberNotWhole',
      'numberOutOfRange',
      'problem_empty',
      'problem_tooLarge',
      'problem_notJson',
      'problem_notOurs',
      'problem_columns',
      'problem_forbiddenKey',
      'problem_newerVersion',
      'problem_unknownVersion',
      'problem_review',
      'reviewOfCard',
      'reviewOfCardOn',
      'problem_card',
      'cardWithId',
      'problem_file',
      'problem_tooMany',
      'problem_duplicateCard',
      'problem_duplicateReview',
      'problem_missingCard',
      'fieldMustBe',
      'fieldMissing',
      'fieldUnknown',
      'ruleWhole',
      'ruleNumber',
      'ruleText',
      'ruleDate',
      'ruleBool',
      'ruleSection',
      'ruleTopics',
      'ruleRow',
      'ruleList',
      'ruleObject',
      'ruleIsoDate',
      'comma',
    ] as const;
    for (const key of keys) expect(halfWidthInChinese(zh(key)), key).toEqual([]);
  });
});
