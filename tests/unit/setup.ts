import 'fake-indexeddb/auto';
import { cleanup } from '@testing-library/preact';
import { afterEach, beforeEach } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { loadStrings } from '@/lib/i18n/strings';

// Pages load their language's strings before they render; tests use both.
await loadStrings('en');
await loadStrings('zh');

beforeEach(() => {
  fakeBrowser.reset();
});

afterEach(() => {
  cleanup();
});
