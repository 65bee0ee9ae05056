import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

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
    // lib/srs is pure: no browser, no database, no clock.
    files: ['lib/srs/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['wxt/*', 'idb', 'preact', 'preact/*', '../db/*'] }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass the time in.' },
      ],
    },
  },
  {
    // The statistics are pure like lib/srs: the page reads the data and passes the time in.
    files: ['lib/stats.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['wxt/*', 'idb', 'preact', 'preact/*', './db/*'] }],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'Pass the time in.' },
      ],
    },
  },
  {
    // Components take props: they do not open the database or call browser APIs.
    files: ['components/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['wxt/browser', 'idb', '@/lib/db', '@/lib/db/*'] }],
    },
  },
);
