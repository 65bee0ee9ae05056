/**
 * A short interval label for a rating button: "1m", "10m", "3h", "4d", "2mo", "1.2y".
 * Units are the same in Chinese and English UIs (as in Anki's Chinese UI they are
 * localized; see `formatInterval`'s `units`).
 */
export interface IntervalUnits {
  m: string;
  h: string;
  d: string;
  mo: string;
  y: string;
}

export const EN_UNITS: IntervalUnits = { m: 'm', h: 'h', d: 'd', mo: 'mo', y: 'y' };

/**
 * @example
 * formatInterval(3 * 86_400_000, EN_UNITS) // "3d"
 */
export function formatInterval(ms: number, units: IntervalUnits = EN_UNITS): string {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes}${units.m}`;
  const hours = Math.round(minutes / 60);
  if (hours < 24) return `${hours}${units.h}`;
  const days = Math.round(hours / 24);
  if (days < 30) return `${days}${units.d}`;
  if (days < 365) return `${Math.round(days / 30)}${units.mo}`;
  const years = Math.round((days / 365) * 10) / 10;
  return `${years}${units.y}`;
}
