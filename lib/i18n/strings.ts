import type { Lang } from '../settings/model';
import { formatInterval, type IntervalUnits } from '../srs/format';

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
  keysHelp: 'Keys: Space reveal · 1–4 rate · U undo · S skip · B bury · N note',
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
  browse: 'Browse',
  statistics: 'Statistics',
  references: 'References',
  loading: 'Loading…',
  loadError: 'This question could not be loaded.',
  outdatedPage: 'The extension was updated while this page was open. Reload the page (F5) to go on.',
  saveError: 'The rating was not saved: {message}',
  retry: 'Try again',
  difficulty: 'Difficulty',
  undo: 'Undo',
  skip: 'Skip',
  bury: 'Bury until tomorrow',
  suspend: 'Suspend',
  reset: 'Reset',
  resetConfirm: 'Reset to new? (its history is kept)',
  note: 'Note',
  noteLabel: 'Your note (shown under the answer)',
  save: 'Save',
  cancel: 'Cancel',
  yourNote: 'Your note',
  cardActions: 'Card actions',
  leech: 'Leech: you have forgotten this card {n} times.',
  leechBody:
    'Drilling it again rarely helps. Read the answer slowly, write a note in your own words, or suspend it.',
  readAgain: 'Read the answer again',
  noticeSkipped: 'Skipped: it comes back later.',
  noticeBuried: 'Buried until tomorrow.',
  noticeSuspended: 'Suspended: unsuspend it in Browse.',
  noticeReset: 'Reset to new; its history is kept.',
  noticeUndone: 'Rating undone: the card is back as it was.',
  noticeNoteSaved: 'Note saved.',
  noticeRatingDropped: 'Another card came first, so that rating was not stored.',
  actionFailed: 'That did not work: {message}',
  snoozeHour: 'Snooze 1 hour',
  snoozeDay: 'Snooze for today',
  studyNow: 'Study a card now',
  resume: 'Resume studying',
  calmOff: 'Study on new tabs is off.',
  calmSnoozed: 'Snoozed until {when}.',
  calmQuiet: 'Quiet hours until {when}.',
  calmCap: 'Today’s new-tab cards are done.',
  calmNth: 'This tab takes a break: you study on one new tab in {n}.',
  dueNowCount: 'Due now: {n}',
  undoNotLatest: 'Cannot undo: the card was rated or reset again since.',
  undoNotFound: 'Cannot undo: that rating is no longer stored.',
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
  keysHelp: '快捷键:空格 显示答案 · 1–4 评分 · U 撤销 · S 跳过 · B 搁置 · N 笔记',
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
  browse: '浏览',
  statistics: '统计',
  references: '参考资料',
  loading: '加载中…',
  loadError: '这道题加载失败。',
  outdatedPage: '这个页面打开期间扩展已更新。请刷新页面（F5）后继续。',
  saveError: '评分没有保存:{message}',
  retry: '重试',
  difficulty: '难度',
  undo: '撤销',
  skip: '跳过',
  bury: '搁置到明天',
  suspend: '暂停',
  reset: '重置',
  resetConfirm: '重置为新卡?(复习记录会保留)',
  note: '笔记',
  noteLabel: '你的笔记(显示在答案下方)',
  save: '保存',
  cancel: '取消',
  yourNote: '我的笔记',
  cardActions: '卡片操作',
  leech: '难记卡:这张卡你已经忘了 {n} 次。',
  leechBody: '反复硬背收效不大。慢慢读一遍答案,用自己的话写条笔记,或者先暂停它。',
  readAgain: '再读一遍答案',
  noticeSkipped: '已跳过,稍后还会出现。',
  noticeBuried: '已搁置到明天。',
  noticeSuspended: '已暂停,可在“浏览”里恢复。',
  noticeReset: '已重置为新卡,复习记录仍保留。',
  noticeUndone: '已撤销评分,卡片恢复原状。',
  noticeNoteSaved: '笔记已保存。',
  noticeRatingDropped: '队列先换成了另一张卡片，刚才的评分没有保存。',
  actionFailed: '操作失败:{message}',
  snoozeHour: '休息 1 小时',
  snoozeDay: '今天先不学',
  studyNow: '现在学一张',
  resume: '继续学习',
  calmOff: '新标签页学习已关闭。',
  calmSnoozed: '休息中,{when} 恢复。',
  calmQuiet: '免打扰时段,到 {when} 结束。',
  calmCap: '今天新标签页的卡片已经学完。',
  calmNth: '这个标签页休息一下:每 {n} 个新标签页学习一次。',
  dueNowCount: '待复习:{n}',
  undoNotLatest: '无法撤销:这张卡之后又被评分或重置过。',
  undoNotFound: '无法撤销:这条评分记录已不存在。',
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

/** An interval as the rating buttons and a card's history show it: "10m", "3d"; "10分钟", "3天". */
export function intervalLabel(ms: number, lang: Lang): string {
  return formatInterval(ms, INTERVAL_UNITS[lang]);
}

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
