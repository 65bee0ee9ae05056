import type { Lang } from '../settings/model';

/** What the toolbar button's tooltip says, in both languages. */
const catalogs = {
  en: { appName: 'LLM Interview Cards', counts: '{due} due · {newLeft} new left today' },
  zh: { appName: '大模型面试卡片', counts: '到期 {due} 张 · 今天还剩 {newLeft} 张新卡' },
} satisfies Record<Lang, { appName: string; counts: string }>;

/**
 * The toolbar button's tooltip: the extension's name and what is waiting.
 *
 * @example
 * toolbarTitle('en', { due: 12, newLeft: 5 }) // 'LLM Interview Cards — 12 due · 5 new left today'
 */
export function toolbarTitle(lang: Lang, { due, newLeft }: { due: number; newLeft: number }): string {
  const cat = catalogs[lang];
  const counts = cat.counts.replace('{due}', String(due)).replace('{newLeft}', String(newLeft));
  return `${cat.appName} — ${counts}`;
}

/** Both catalogs, for the test that checks the Chinese punctuation. */
export const toolbarCatalogs = catalogs;
