import type { Lang } from '../settings/model';

/** The statistics page's strings, in both languages. A key missing from either fails the type check. */
const en = {
  appName: 'LLM Interview Cards',
  title: 'Statistics',
  options: 'Options',
  loading: 'Loading…',
  loadError: 'The statistics could not be read: {message}',
  emptyTitle: 'No reviews yet',
  emptyBody:
    'Open a new tab, reveal the answer and rate how well you knew it. Your review history, forecast and retention will appear here.',
  today: 'Reviewed today',
  streak: 'Day streak',
  streakHint: 'Study days in a row with at least one review. Today still counts until it ends.',
  totalReviews: 'Reviews in all',
  dayStart: 'A study day starts at {hour}:00.',
  heatmapTitle: 'Reviews in the last year',
  heatmapSummary: 'In the last year: {total} reviews; days with reviews: {days}; most in one day: {max}.',
  heatmapCell: '{date} · reviews: {n}',
  less: 'Less',
  more: 'More',
  forecastTitle: 'Due in the next 30 days',
  forecastSummary: 'Cards due in the next 30 days: {total}; today: {today} (overdue included).',
  forecastBar: '{date} · due: {n}',
  todayLabel: 'Today',
  inDays: '+{n}d',
  showNumbers: 'Show the numbers',
  date: 'Date',
  reviews: 'Reviews',
  cardsDue: 'Cards due',
  retentionTitle: 'True retention',
  retentionHint:
    'Of the ratings given to cards in review (not new cards, not learning steps), the share that were not “Again”. Your desired retention is {desired}. “—” means fewer than {min} ratings: too few to tell.',
  section: 'Section / topic',
  recent: 'Last 30 days',
  allTime: 'All time',
  overall: 'All cards',
  ratings: '{n} ratings',
  oneRating: '1 rating',
  desired: 'Desired',
  statesTitle: 'Cards by state',
  statesSummary:
    '{new} new, {learning} learning, {review} in review, {relearning} relearning, {suspended} suspended.',
  new: 'New',
  learning: 'Learning',
  review: 'Review',
  relearning: 'Relearning',
  suspended: 'Suspended',
};

export type StatsKey = keyof typeof en;

const zh: Record<StatsKey, string> = {
  appName: '大模型面试卡片',
  title: '学习统计',
  options: '设置',
  loading: '加载中…',
  loadError: '无法读取统计数据：{message}',
  emptyTitle: '还没有复习记录',
  emptyBody:
    '打开一个新标签页，显示答案，然后评价自己掌握得如何。复习记录、到期预测和记忆保持率会显示在这里。',
  today: '今日复习',
  streak: '连续学习天数',
  streakHint: '每天至少复习一次的连续学习日。今天结束前，今天仍算在内。',
  totalReviews: '累计复习',
  dayStart: '每个学习日从 {hour}:00 开始。',
  heatmapTitle: '近一年的复习',
  heatmapSummary: '近一年在 {days} 天里复习了 {total} 次，单日最多 {max} 次。',
  heatmapCell: '{date}：复习 {n} 次',
  less: '少',
  more: '多',
  forecastTitle: '未来 30 天到期',
  forecastSummary: '未来 30 天有 {total} 张卡片到期，其中今天 {today} 张（含已逾期）。',
  forecastBar: '{date}：{n} 张到期',
  todayLabel: '今天',
  inDays: '+{n} 天',
  showNumbers: '查看数据',
  date: '日期',
  reviews: '复习次数',
  cardsDue: '到期卡片',
  retentionTitle: '真实记忆保持率',
  retentionHint:
    '复习阶段的卡片（不含新卡和学习步骤）中，评价不是“重来”的比例。你设定的目标保持率是 {desired}。“—”表示评价少于 {min} 次，数据不足。',
  section: '分区 / 主题',
  recent: '近 30 天',
  allTime: '全部',
  overall: '全部卡片',
  ratings: '{n} 次',
  oneRating: '1 次',
  desired: '目标',
  statesTitle: '卡片状态',
  statesSummary:
    '新卡 {new} 张，学习中 {learning} 张，复习 {review} 张，重新学习 {relearning} 张，已暂停 {suspended} 张。',
  new: '新卡',
  learning: '学习中',
  review: '复习',
  relearning: '重新学习',
  suspended: '已暂停',
};

export type StatsTranslate = (key: StatsKey, params?: Record<string, string | number>) => string;

export function statsTranslator(lang: Lang): StatsTranslate {
  const cat = lang === 'zh' ? zh : en;
  return (key, params) =>
    cat[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
}
