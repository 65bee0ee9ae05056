/** The bounds of one numeric setting and the step its field moves by (1: a whole number). */
export interface NumberLimits {
  min: number;
  max: number;
  step?: number;
}

export type NumberCheck =
  { ok: true; value: number } | { ok: false; problem: 'notNumber' | 'notWhole' | 'outOfRange' };

const whole = (l: NumberLimits) => (l.step ?? 1) >= 1;

/**
 * What a person typed into a numeric setting, checked against its limits: the value to
 * save, or why it cannot be saved. Nothing is clamped or rounded: a value outside the
 * limits is refused, not changed.
 *
 * @example
 * checkNumberText('-5', { min: 0, max: 200 }) // { ok: false, problem: 'outOfRange' }
 */
export function checkNumberText(text: string, limits: NumberLimits): NumberCheck {
  const trimmed = text.trim();
  const value = trimmed === '' ? Number.NaN : Number(trimmed);
  if (!Number.isFinite(value)) return { ok: false, problem: 'notNumber' };
  if (whole(limits) && !Number.isInteger(value)) return { ok: false, problem: 'notWhole' };
  if (value < limits.min || value > limits.max) return { ok: false, problem: 'outOfRange' };
  return { ok: true, value };
}

/**
 * The limits as a person reads them, with as many decimals as the step has.
 *
 * @example
 * formatRange({ min: 0.7, max: 0.97, step: 0.01 }) // '0.70–0.97'
 */
export function formatRange(limits: NumberLimits): string {
  const decimals = whole(limits) ? 0 : Math.max(0, -Math.floor(Math.log10(limits.step ?? 1)));
  return `${limits.min.toFixed(decimals)}–${limits.max.toFixed(decimals)}`;
}
