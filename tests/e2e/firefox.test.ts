import type { Page } from 'puppeteer-core';
import { describe, expect, it } from 'vitest';
import {
  countRows,
  firefoxAvailable,
  firefoxPerSuite,
  openFirefoxNewTab,
  openFirefoxPage,
  pageUrl,
  shownCard,
  waitForOtherCard,
} from './firefox-harness';

const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? '');

describe.runIf(firefoxAvailable())('the Firefox build in firefox-esr', () => {
  const suite = firefoxPerSuite();

  it('overrides the new tab and asks for storage and alarms only', async () => {
    const page = await openFirefoxNewTab(suite.browser);
    const manifest = await page.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.permissions).toEqual(['storage', 'alarms']);
    // Firefox gives the override as a full URL: the page the tests open as the new tab.
    expect(manifest.chrome_url_overrides?.newtab).toBe(pageUrl('newtab.html'));
    await page.close();
  });

  it('shows a question on a new tab, reveals it with Space and stores a rating of 3', async () => {
    const page = await openFirefoxNewTab(suite.browser);
    const first = await shownCard(page);
    expect(first?.id).toBeTruthy();
    expect(await text(page, '.question')).toMatch(/\S{4,}/);
    expect(await page.$('.answer')).toBeNull();

    // Puppeteer's WebDriver BiDi keyboard takes key values: ' ' is the space bar.
    await page.keyboard.press(' ');
    await page.waitForSelector('.answer');
    const labels = await page.$$eval('.rate', (els) =>
      els.map((e) => (e as HTMLElement).innerText.split('\n')[0]),
    );
    expect(labels).toEqual(['Again', 'Hard', 'Good', 'Easy']);

    await page.keyboard.press('3');
    await waitForOtherCard(page, first!.id);
    const next = await shownCard(page);
    expect(next?.id).toBeTruthy();
    expect(next?.id).not.toBe(first!.id);
    expect(await countRows(page, 'reviews')).toBe(1);
    await page.close();
  });

  it('shows the due and new counts and a card in the popup', async () => {
    const popup = await openFirefoxPage(suite.browser, 'popup.html');
    await popup.waitForSelector('.study-card[data-confirmed="true"]');
    // The card rated Good is learning again in ten minutes: nothing is due yet.
    await popup.waitForFunction(() => document.querySelector('[data-count="due"]')?.textContent === '0');
    expect(await text(popup, '[data-count="new"]')).toMatch(/^\d+$/);
    expect(await text(popup, '[data-count="reviewed"]')).toBe('1');
    expect(await text(popup, '.study-card .question')).toMatch(/\S{4,}/);
    await popup.close();
  });

  it('saves an unticked section in the options, and the next new tab shows none of its cards', async () => {
    // The section of the card a new tab shows now: unticked, none of its cards comes next.
    const before = await openFirefoxNewTab(suite.browser);
    const section = (await shownCard(before))?.section;
    expect(section).toBeTruthy();
    await before.close();

    const options = await openFirefoxPage(suite.browser, 'options.html');
    const ticked = await options.waitForSelector(`input[name="section-${section}"]`);
    expect(await ticked!.evaluate((e) => (e as HTMLInputElement).checked)).toBe(true);
    await ticked!.click();
    // The page says "Saved" next to the box once the settings are written.
    await options.waitForFunction(() =>
      [...document.querySelectorAll('.saved-note')].some((note) => note.textContent),
    );
    await options.close();

    // Opened again, the options show the section unticked: the change was saved.
    const again = await openFirefoxPage(suite.browser, 'options.html');
    const box = await again.waitForSelector(`input[name="section-${section}"]`);
    expect(await box!.evaluate((e) => (e as HTMLInputElement).checked)).toBe(false);
    await again.close();

    for (let i = 0; i < 2; i++) {
      const tab = await openFirefoxNewTab(suite.browser);
      const card = await shownCard(tab);
      expect(card?.id).toBeTruthy();
      expect(card?.section).not.toBe(section);
      await tab.close();
    }
  });
});
