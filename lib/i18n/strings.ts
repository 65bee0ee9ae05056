import type { Lang } from '../settings/model';
import { formatInterval, type IntervalUnits } from '../srs/format';
import type { en } from './study-en';

/**
 * The study pages' strings (new tab, popup): study-en.ts and study-zh.ts, one chunk each;
 * the options page has its own catalog (options-strings.ts) so the new tab does not carry it.
 * A key missing from either language fails the type check.
 */
export type StringKey = keyof typeof en;
export type Catalog = Record<StringKey, string>;

const catalogs: Partial<Record<Lang, Catalog>> = {};

/**
 * Loads a language's strings. Each language is a chunk of its own, so a page carries only the
 * language it shows; a page calls this before it first renders and when its language changes.
 */
export async function loadStrings(lang: Lang): Promise<void> {
  catalogs[lang] ??= lang === 'zh' ? (await import('./study-zh')).zh : (await import('./study-en')).en;
}

export type Translate = (key: StringKey, params?: Record<string, string | number>) => string;

/**
 * @example
 * translator('zh')('nextDueAt', { when: '明天 09:00' })
 */
export function translator(lang: Lang): Translate {
  const cat = catalogs[lang];
  if (!cat) throw new Error(`The ${lang} strings are not loaded: await loadStrings('${lang}') first.`);
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
