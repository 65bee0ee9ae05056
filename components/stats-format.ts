import type { Lang } from '@/lib/settings/model';

const dayFormats = new Map<Lang, Intl.DateTimeFormat>();

/** A `YYYY-MM-DD` local date as the page's language writes it ("Mar 10, 2026", "2026年3月10日"). */
export function formatDay(date: string, lang: Lang): string {
  let fmt = dayFormats.get(lang);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en', {
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    });
    dayFormats.set(lang, fmt);
  }
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return fmt.format(new Date(y, m - 1, d));
}

/** A share as a whole percentage: 0.874 → "87%". */
export function percent(x: number): string {
  return `${Math.round(x * 100)}%`;
}
