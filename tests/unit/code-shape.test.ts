import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { longFunctions } from '../../scripts/function-lengths';

describe('the shape of the code', () => {
  it('has no function over 150 lines in lib/, components/ or entrypoints/', () => {
    const root = resolve(import.meta.dirname, '../..');
    expect(longFunctions(root, ['lib', 'components', 'entrypoints'], 150)).toEqual([]);
  });

  it('finds a function that is too long', () => {
    const root = resolve(import.meta.dirname, '../..');
    // The limit is measured, not assumed: at 20 lines the session model has several.
    expect(longFunctions(root, ['lib/study'], 20).length).toBeGreaterThan(0);
  });
});
