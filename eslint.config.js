import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Each block below sets the whole `no-restricted-imports` rule for its files (a later block
// replaces an earlier one), so every block repeats the polyfill ban.
const noPolyfill = { name: 'webextension-polyfill', message: 'Only entrypoints/background.ts loads it.' };
const pure = ['wxt/*', 'idb', 'preact', 'preact/*', '**/db/*', '**/db'];

const noClock = ['error', { object: 'Date', property: 'now', message: 'Pass the time in.' }];

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The polyfill is for the worker's messaging only: it stays off every page's bytes.
    files: ['lib/**', 'components/**', 'entrypoints/*/**', 'entrypoints/prepaint.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noPolyfill] }] },
  },
  {
    // lib/srs is pure: no browser, no database, no clock. The statistics too: the page
    // reads the data and passes the time in. And lib/sync: the worker reads storage.sync.
    files: ['lib/srs/**', 'lib/stats/**', 'lib/sync/**'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noPolyfill], patterns: pure }],
      'no-restricted-properties': noClock,
    },
  },
  {
    // Components take props: they do not open the database, call browser APIs or schedule.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noPolyfill, 'ts-fsrs'],
          patterns: ['wxt/browser', 'idb', '@/lib/db', '@/lib/db/*', '**/srs/schedule'],
        },
      ],
    },
  },
  {
    // The study pages stay small: no import, repair or scheduler code (the db barrel pulls
    // them in) and no ts-fsrs (the background computes the intervals).
    files: ['entrypoints/newtab/**', 'entrypoints/popup/**', 'entrypoints/prepaint.ts', 'lib/study/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            noPolyfill,
            { name: 'ts-fsrs', message: 'The background schedules; pages ask it for previews.' },
            { name: '@/lib/db', message: 'Import the db module you need, not the barrel.' },
          ],
          patterns: [
            { regex: '(^|/)db(/index)?$', message: 'Import the db module you need, not the barrel.' },
            { group: ['**/srs/schedule'], message: 'The background schedules; pages ask it for previews.' },
          ],
        },
      ],
    },
  },
);
