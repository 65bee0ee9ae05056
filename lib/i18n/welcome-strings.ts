import type { Lang } from '../settings/model';

/** The welcome page's strings (the first run), in both languages. A key missing from either fails the type check. */
const en = {
  appName: 'LLM Interview Cards',
  title: 'Welcome',
  heading: 'Welcome to LLM Interview Cards',
  intro:
    'Every new tab now shows one interview question. Answer it in your head, show the answer, then say how well you knew it. The scheduler (FSRS) uses that to decide when you see the card again.',
  ratingsTitle: 'The four ratings',
  again: 'Again',
  againMeans: 'You forgot it. The card comes back soon, within minutes.',
  hard: 'Hard',
  hardMeans: 'You recalled it, with real effort. It comes back sooner than after Good.',
  good: 'Good',
  goodMeans: 'You recalled it. The usual next interval.',
  easy: 'Easy',
  easyMeans: 'It took no effort. A longer interval: you see it later.',
  ratingsHint:
    'Each button shows the interval it would give. Rate honestly: that is what makes the schedule fit you.',
  keysTitle: 'Keys',
  keyReveal: 'Show the answer',
  keyRate: 'Again, Hard, Good, Easy',
  keyUndo: 'Undo the last step: a rating, skip, bury, suspend or reset',
  keySkip: 'Skip to the next card',
  keyBury: 'Bury until tomorrow',
  keyNote: 'Write a note on the card',
  keysHint:
    'On a new tab the browser puts the focus in the address bar: click the page (or press Tab) first, then the keys work.',
  optionsTitle: 'Topics and pacing',
  optionsBody:
    'Choose the sections and topics, how many new cards a day, and whether every new tab studies, in the options.',
  openOptions: 'Open the options',
  dataTitle: 'Your data stays yours',
  dataBody:
    'No account and no server of ours: your cards and reviews live in this browser, and travel to your other browsers only through the browser’s own sync (Chrome Sync, Firefox Sync) when you are signed in to it; Options → Sync turns that off. Uninstalling the extension deletes what is here, so back it up now and then: Options → Backup and repair → Export backup.',
  start: 'Start studying',
  close: 'Close',
  switchLang: '中文',
  switchLangTag: 'zh-CN',
  switchLangLabel: '切换到中文界面',
};

export type WelcomeKey = keyof typeof en;

const zh: Record<WelcomeKey, string> = {
  appName: '大模型面试卡片',
  title: '欢迎',
  heading: '欢迎使用大模型面试卡片',
  intro:
    '现在每个新标签页都会显示一道面试题。先在心里作答，再显示答案，然后评价自己掌握得如何。调度算法（FSRS）据此决定这张卡片下次什么时候出现。',
  ratingsTitle: '四个评分',
  again: '重来',
  againMeans: '没想起来。卡片很快会再出现，通常在几分钟内。',
  hard: '困难',
  hardMeans: '想起来了，但很吃力。下次出现得比“良好”更早。',
  good: '良好',
  goodMeans: '想起来了。按正常间隔再出现。',
  easy: '简单',
  easyMeans: '毫不费力。间隔更长，过更久才会再见到它。',
  ratingsHint: '每个按钮都标出了选它之后的间隔。如实评分，复习计划才会贴合你。',
  keysTitle: '快捷键',
  keyReveal: '显示答案',
  keyRate: '重来、困难、良好、简单',
  keyUndo: '撤销上一步：评分、跳过、搁置、暂停或重置',
  keySkip: '跳过，看下一张',
  keyBury: '搁置到明天',
  keyNote: '给卡片写笔记',
  keysHint: '打开新标签页时，浏览器会把焦点放在地址栏：先点一下页面（或按 Tab），快捷键才会生效。',
  optionsTitle: '主题和节奏',
  optionsBody: '在设置里选择要学的分区和主题、每天的新卡数量，以及是否每个新标签页都学习。',
  openOptions: '打开设置',
  dataTitle: '数据归你所有',
  dataBody:
    '不需要账号，也没有我们的服务器：卡片和复习记录保存在这个浏览器里；只有在你登录了浏览器账号时，才会通过浏览器自带的同步（Chrome 同步、Firefox Sync）传到你的其他浏览器，可在设置 → 同步中关闭。卸载扩展会删除这里的数据，所以请不时备份：设置 → 备份与修复 → 导出备份。',
  start: '开始学习',
  close: '关闭',
  switchLang: 'English',
  switchLangTag: 'en',
  switchLangLabel: 'Switch the interface to English',
};

export type WelcomeTranslate = (key: WelcomeKey) => string;

export function welcomeTranslator(lang: Lang): WelcomeTranslate {
  const cat = lang === 'zh' ? zh : en;
  return (key) => cat[key];
}

/** Both catalogs, for the test that checks the Chinese punctuation. */
export const welcomeCatalogs = { en, zh };
