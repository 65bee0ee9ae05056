import type { Lang } from '../settings/model';

/** The options page's strings, in both languages (kept apart from the new tab's). */
const en = {
  backup: 'Backup and repair',
  backupHint:
    'Your schedules and review history live only in this browser. Uninstalling the extension deletes them: export a backup first.',
  exportButton: 'Export backup',
  importButton: 'Import backup…',
  checkButton: 'Check database',
  working: 'Working…',
  exported: 'Backup saved as {file}: {cards} cards, {reviews} reviews.',
  importDone:
    'Imported {added} new reviews ({skipped} were already here); {rebuilt} cards rebuilt from their logs.',
  importFailed: 'Nothing was imported. {message}',
  checkFailed: 'The check did not run; nothing was changed. {message}',
  checkClean: 'The database is consistent: nothing to repair.',
  checkDone:
    'Repaired: {retired} cards hidden (question no longer in the bank), {rebuilt} rebuilt, {recreated} recreated, {future} future-dated reviews moved to now; {orphans} reviews of removed questions kept.',
  failed: 'That did not work: {message}',

  optionsTitle: 'Options',
  browse: 'Browse all questions',
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
  allowedRange: 'Allowed: {range}',
  numberNotNumber: 'Not saved: enter a number from {range}.',
  numberNotWhole: 'Not saved: enter a whole number from {range}.',
  numberOutOfRange: 'Not saved: {value} is outside {range}.',
  selectAll: 'All',
  selectNone: 'None',
  questionsCount: '{n} questions',
  newTab: 'New tab',
  newTabMode: 'Study on new tabs',
  modeEvery: 'Every new tab',
  modeNth: 'Every Nth new tab',
  modeOff: 'Never (show the clock and progress)',
  newTabEvery: 'N (study on every Nth tab)',
  newTabDailyCap: 'Most cards from new tabs per day (0 = no limit)',
  quietHours: 'Quiet hours: no study on new tabs',
  quietFrom: 'Quiet from (hour)',
  quietTo: 'Quiet until (hour)',
  newTabHint:
    'When a new tab does not study, it shows a calm page with the time and your progress. The toolbar popup always reviews.',
  statistics: 'Statistics',
  keyShortcuts: 'Single-key shortcuts on the study pages (1–4 rate, U undo, S skip, B bury, N note)',
};

export type OptionsKey = keyof typeof en;

const zh: Record<OptionsKey, string> = {
  backup: '备份与修复',
  backupHint: '复习记录只保存在这个浏览器里。卸载扩展会把它们一并删除:请先导出备份。',
  exportButton: '导出备份',
  importButton: '导入备份…',
  checkButton: '检查数据库',
  working: '处理中…',
  exported: '备份已保存为 {file}:{cards} 张卡片,{reviews} 条复习记录。',
  importDone: '导入了 {added} 条新的复习记录({skipped} 条已存在);{rebuilt} 张卡片按记录重新计算了排程。',
  importFailed: '没有导入任何内容。{message}',
  checkFailed: '检查没有完成，数据未作任何改动。{message}',
  checkClean: '数据库一致,无需修复。',
  checkDone:
    '已修复:隐藏 {retired} 张题目已不在题库中的卡片,重算 {rebuilt} 张,重建 {recreated} 张,{future} 条未来日期的记录改为现在;保留 {orphans} 条已删除题目的记录。',
  failed: '操作失败:{message}',

  optionsTitle: '设置',
  browse: '浏览全部题目',
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
  allowedRange: '允许范围：{range}',
  numberNotNumber: '未保存：请输入 {range} 之间的数字。',
  numberNotWhole: '未保存：请输入 {range} 之间的整数。',
  numberOutOfRange: '未保存：{value} 不在 {range} 之内。',
  selectAll: '全选',
  selectNone: '全不选',
  questionsCount: '{n} 题',
  newTab: '新标签页',
  newTabMode: '在新标签页学习',
  modeEvery: '每个新标签页',
  modeNth: '每隔 N 个新标签页',
  modeOff: '从不(只显示时间和进度)',
  newTabEvery: 'N(每 N 个标签页学习一次)',
  newTabDailyCap: '每天新标签页最多学习卡片数(0 = 不限)',
  quietHours: '免打扰时段:新标签页不学习',
  quietFrom: '免打扰开始(点)',
  quietTo: '免打扰结束(点)',
  newTabHint: '新标签页不学习时,会显示一个安静的页面:时间和今日进度。工具栏弹窗随时可以复习。',
  statistics: '统计',
  keyShortcuts: '学习页面的单键快捷键(1–4 评分、U 撤销、S 跳过、B 搁置、N 笔记)',
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
