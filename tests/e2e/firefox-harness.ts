import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { afterAll, beforeAll } from 'vitest';
import { browserReady, countRowsIn } from './harness';

export const FIREFOX_EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/firefox-mv2');

/** The add-on id of the build (wxt.config.ts: browser_specific_settings.gecko.id). */
function addonId(): string {
  const manifest = JSON.parse(readFileSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'), 'utf8'));
  return manifest.browser_specific_settings.gecko.id;
}

/**
 * The extension's internal UUID in the test profile, fixed through the pref
 * `extensions.webextensions.uuids` so the tests know its page URLs. Firefox otherwise picks a
 * random one per profile.
 */
export const EXTENSION_UUID = '5c1d7a0e-3f52-4b8e-9a61-2d4c8e7f0b13';

const CANDIDATES = [process.env.FIREFOX_PATH, '/usr/bin/firefox-esr'].filter((p): p is string => Boolean(p));

/** Debian's firefox-esr (or $FIREFOX_PATH). Tools that download their own browser do not work here. */
export function findFirefox(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

/** Whether the Firefox tests can run (see `browserReady`). */
export function firefoxAvailable(): boolean {
  return browserReady('Firefox', CANDIDATES, FIREFOX_EXTENSION_DIR, 'npm run build:firefox');
}

/** The URL of one of the extension's pages, e.g. `newtab.html`. */
export function pageUrl(path: string): string {
  return `moz-extension://${EXTENSION_UUID}/${path}`;
}

/**
 * Starts firefox-esr headless over WebDriver BiDi on a fresh profile (puppeteer makes one in
 * the temp folder and removes it on close) and installs the built add-on.
 */
export async function launchFirefox(): Promise<Browser> {
  const id = addonId();
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: findFirefox()!,
    headless: true,
    // Lets WebDriver BiDi navigate to moz-extension:// pages; without it Firefox refuses them.
    args: ['--remote-allow-system-access'],
    defaultViewport: { width: 1100, height: 900 },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [id]: EXTENSION_UUID }),
      'intl.locale.requested': 'en-US',
      'intl.accept_languages': 'en-US',
    },
  });
  try {
    const installed = await browser.installExtension(FIREFOX_EXTENSION_DIR);
    if (installed !== id) throw new Error(`Installed add-on ${installed}, expected ${id}`);
  } catch (e) {
    await browser.close();
    throw e;
  }
  return browser;
}

/** For a test suite: Firefox with the built add-on on a fresh profile, closed after the suite. */
export function firefoxPerSuite(): { browser: Browser } {
  const suite = {} as { browser: Browser };
  beforeAll(async () => {
    suite.browser = await launchFirefox();
  });
  afterAll(async () => {
    await suite.browser?.close();
  });
  return suite;
}

/**
 * Opens one of the extension's pages in a new tab.
 *
 * Firefox's WebDriver BiDi leaves extension documents out of its per-document machinery
 * (BrowsingContextUtils.isBrowsingContextCompatible skips add-on principals, bug 1755014), so
 * it sends no `domContentLoaded` or `load` event for a moz-extension:// page and a `goto` that
 * waits for one never returns; page.url() also stays at about:blank. The navigation itself
 * works: callers wait for what the page shows instead.
 */
export async function openFirefoxPage(browser: Browser, path: string): Promise<Page> {
  const page = await browser.newPage();
  await page.goto(pageUrl(path), { waitUntil: [] });
  return page;
}

/**
 * Opens the new tab page and waits until it shows a question, "all caught up", or (when
 * pacing says this tab does not study) the calm page.
 *
 * Not through about:newtab: in Firefox an add-on's new-tab override is the URL the browser's
 * own UI opens for a new tab (AboutNewTab.newTabURL), while loading about:newtab itself always
 * gives Firefox's built-in page (AboutNewTabRedirector), and a tab that WebDriver BiDi creates
 * starts at about:blank. So the test opens moz-extension://<uuid>/newtab.html, the page that
 * the override points to (the manifest's chrome_url_overrides.newtab, checked in the test).
 */
export async function openFirefoxNewTab(browser: Browser): Promise<Page> {
  const page = await openFirefoxPage(browser, 'newtab.html');
  // A tab may paint a prepared card first; wait until the queue has confirmed what is shown.
  await page.waitForSelector('.study-card[data-confirmed="true"], .caught-up, .calm');
  return page;
}

/** The card on screen once the queue has confirmed it. */
export async function shownCard(page: Page): Promise<{ id: string | null; section: string | null } | null> {
  return page.evaluate(() => {
    const card = document.querySelector('.study-card[data-confirmed="true"]');
    return card && { id: card.getAttribute('data-card-id'), section: card.getAttribute('data-section') };
  });
}

/** Waits until the page shows something other than card `id` (the next card or "all caught up"). */
export async function waitForOtherCard(page: Page, id: string | null): Promise<void> {
  await page.waitForFunction(
    (shown) => {
      if (document.querySelector('.caught-up')) return true;
      const card = document.querySelector('.study-card[data-confirmed="true"]');
      return card !== null && card.getAttribute('data-card-id') !== shown;
    },
    {},
    id,
  );
}

/** Counts rows in one of the extension's IndexedDB stores, read from an extension page. */
export async function countRows(page: Page, store: 'cards' | 'reviews'): Promise<number> {
  return page.evaluate(countRowsIn, store);
}
