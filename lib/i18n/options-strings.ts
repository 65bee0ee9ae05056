import type { Lang } from '../settings';

/** The options page's strings, in both languages (kept apart from the new tab's). */
const en = {
  optionsTitle: 'Options',
  topics: 'Topics',
  topicsHint: 'Untick what you do not want to study. Counts are questions in the bank.',
  pacing: 'Pacing',
  newPerDay: 'New cards per day',
  maxReviewsPerDay: 'Maximum reviews per day',
  retention: 'Desired retention',
  retentionHint: 'Higher means more reviews and fewer lapses. 0.90 suits most people.',
  dayStartHour: 'A study day starts at (hour)',
  display: 'Language and look',
  uiLang: 'Interface language',
  contentLang: 'Question language',
  auto: 'Browser default',
  theme: 'Theme',
  themeSystem: 'System',
  themeLight: 'Light',
  themeDark: 'Dark',
  saved: 'Saved',
  selectAll: 'All',
  selectNone: 'None',
  questionsCount: '{n} questions',
};

export type OptionsKey = keyof typeof en;

const zh: Record<OptionsKey, string> = {
  optionsTitle: '设置',
  topics: '主题',
  topicsHint: '取消勾选不想学习的内容。数字是题库中的题目数。',
  pacing: '学习节奏',
  newPerDay: '每日新卡数',
  maxReviewsPerDay: '每日最多复习数',
  retention: '目标记忆保持率',
  retentionHint: '越高复习越多、遗忘越少。大多数人用 0.90 即可。',
  dayStartHour: '每个学习日开始于(点)',
  display: '语言与外观',
  uiLang: '界面语言',
  contentLang: '题目语言',
  auto: '跟随浏览器',
  theme: '主题',
  themeSystem: '跟随系统',
  themeLight: '浅色',
  themeDark: '深色',
  saved: '已保存',
  selectAll: '全选',
  selectNone: '全不选',
  questionsCount: '{n} 题',
};

export type OptionsTranslate = (
  key: OptionsKey | 'appName',
  params?: Record<string, string | number>,
) => string;

const appName = { en: 'LLM Interview Cards', zh: '大模型面试卡片' };

export function optionsTranslator(lang: Lang): OptionsTranslate {
  const cat: Record<string, string> = { ...(lang === 'zh' ? zh : en), appName: appName[lang] };
  return (key, params) =>
    cat[key]!.replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
}
