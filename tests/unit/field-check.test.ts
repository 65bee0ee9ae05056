import { describe, expect, it } from 'vitest';
import { checkNumberText, formatRange } from '@/lib/settings/field-check';
import { LIMITS } from '@/lib/settings/model';

describe('a number typed in Options', () => {
  it('is saved only when it is a number inside its limits, never clamped or rounded', () => {
    expect(checkNumberText('7', LIMITS.newPerDay)).toEqual({ ok: true, value: 7 });
    expect(checkNumberText('-5', LIMITS.newPerDay)).toEqual({ ok: false, problem: 'outOfRange' });
    expect(checkNumberText('201', LIMITS.newPerDay)).toEqual({ ok: false, problem: 'outOfRange' });
    expect(checkNumberText('30', LIMITS.dayStartHour)).toEqual({ ok: false, problem: 'outOfRange' });
    expect(checkNumberText('7.5', LIMITS.newPerDay)).toEqual({ ok: false, problem: 'notWhole' });
    expect(checkNumberText('', LIMITS.newPerDay)).toEqual({ ok: false, problem: 'notNumber' });
    expect(checkNumberText('abc', LIMITS.newPerDay)).toEqual({ ok: false, problem: 'notNumber' });
    const retention = { ...LIMITS.retention, step: 0.01 };
    expect(checkNumberText('0.5', retention)).toEqual({ ok: false, problem: 'outOfRange' });
    expect(checkNumberText('0.85', retention)).toEqual({ ok: true, value: 0.85 });
    expect(checkNumberText('0.97', retention)).toEqual({ ok: true, value: 0.97 });
  });

  it('has its limits written as a person reads them', () => {
    expect(formatRange(LIMITS.newPerDay)).toBe('0–200');
    expect(formatRange(LIMITS.maxReviewsPerDay)).toBe('0–9999');
    expect(formatRange(LIMITS.dayStartHour)).toBe('0–23');
    expect(formatRange({ ...LIMITS.retention, step: 0.01 })).toBe('0.70–0.97');
  });
});
