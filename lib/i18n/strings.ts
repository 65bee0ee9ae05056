import type { Lang } from '../settings';
import type { IntervalUnits } from '../srs/format';

/**
 * The study pages' strings (new tab, popup), in both languages; the options page has its
 * own catalog (options-strings.ts) so the new tab does not carry it. A key missing from
 * either language fails the type check.
 */
const en = {
  appName: 'LLM Interview Cards',
  reveal: 'Show answer',
  revealHint: 'Space / Enter',
  again: 'Again',
  hard: 'Hard',
  good: 'Good',
  easy: 'Easy',
  keysHint: 'Keys 1-4 rate',
  focusHint: 'Click the page (or press Tab) so the keys work here, not in the address bar.',
  new: 'New',
  review: 'Review',
  learning: 'Learning',
  relearning: 'Relearning',
  dueNow: 'Due now',
  newLeft: 'New today',
  reviewedToday: 'Reviewed today',
  caughtUp: 'All caught up',
  caughtUpBody: 'Nothing is due in the topics you chose.',
  nextDueAt: 'Next card due {when}',
  nothingScheduled: 'No card is scheduled yet.',
  studyMore: 'Raise the new-card limit or choose more topics in Options to study more.',
  options: 'Options',
  references: 'References',
  loading: 'Loading…',
  loadError: 'This question could not be loaded.',
  saveError: 'The rating was not saved: {message}',
  retry: 'Try again',
  startReview: 'Review now',
  popupNothing: 'Nothing due right now.',
  difficulty: 'Difficulty',
};

export type StringKey = keyof typeof en;
type Catalog = Record<StringKey, string>;

const zh: Catalog = {
  appName: '大模型面试卡片',
  reveal: '显示答案',
  revealHint: '空格 / 回车',
  again: '重来',
  hard: '困难',
  good: '良好',
  easy: '简单',
  keysHint: '按 1-4 评分',
  focusHint: '先点击页面(或按 Tab),快捷键才会作用在这里而不是地址栏。',
  new: '新卡',
  review: '复习',
  learning: '学习中',
  relearning: '重新学习',
  dueNow: '待复习',
  newLeft: '今日新卡',
  reviewedToday: '今日已复习',
  caughtUp: '全部完成',
  caughtUpBody: '所选主题里暂时没有到期的卡片。',
  nextDueAt: '下一张卡片 {when} 到期',
  nothingScheduled: '还没有安排任何卡片。',
  studyMore: '想多学一些,可以在设置里提高每日新卡数或选择更多主题。',
  options: '设置',
  references: '参考资料',
  loading: '加载中…',
  loadError: '这道题加载失败。',
  saveError: '评分没有保存:{message}',
  retry: '重试',
  startReview: '开始复习',
  popupNothing: '现在没有要复习的卡片。',
  difficulty: '难度',
};

const catalogs: Record<Lang, Catalog> = { en, zh };

export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

/**
 * @example
 * translator('zh')('nextDueAt', { when: '明天 09:00' })
 */
export function translator(lang: Lang): Translate {
  const cat = catalogs[lang];
  return (key, params) =>
    cat[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params?.[name] ?? `{${name}}`));
}

export const INTERVAL_UNITS: Record<Lang, IntervalUnits> = {
  en: { m: 'm', h: 'h', d: 'd', mo: 'mo', y: 'y' },
  zh: { m: '分钟', h: '小时', d: '天', mo: '个月', y: '年' },
};

/** "today 14:05", "tomorrow 09:00", or a date, in the page's language. */
export function formatWhen(at: number, now: number, lang: Lang): string {
  const d = new Date(at);
  const locale = lang === 'zh' ? 'zh-CN' : 'en';
  const time = d.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', hour12: false });
  const dayDiff = Math.round(
    (new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime() -
      new Date(new Date(now).getFullYear(), new Date(now).getMonth(), new Date(now).getDate()).getTime()) /
      86_400_000,
  );
  if (dayDiff === 0) return lang === 'zh' ? `今天 ${time}` : `today at ${time}`;
  if (dayDiff === 1) return lang === 'zh' ? `明天 ${time}` : `tomorrow at ${time}`;
  const date = d.toLocaleDateString(locale, { month: 'short', day: 'numeric' });
  return lang === 'zh' ? `${date} ${time}` : `${date} at ${time}`;
}
