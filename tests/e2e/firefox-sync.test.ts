import type { Browser, KeyInput, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  firefoxAvailable,
  launchFirefox,
  openFirefoxNewTab,
  openFirefoxPage,
  shownCard,
  waitForOtherCard,
} from './firefox-harness';
import { studiedIn } from './harness';

interface Side {
  browser: Browser;
  /** An options page, open all along: where the test reads and writes the extension's storage. */
  page: Page;
}

/** Opens the options page and waits until it shows its sync section. */
async function openOptions(browser: Browser): Promise<Page> {
  const page = await openFirefoxPage(browser, 'options.html');
  await page.waitForSelector('section.sync');
  return page;
}

const text = (page: Page, selector: string) => page.$eval(selector, (e) => e.textContent ?? '');

/** Reveals the card shown with Space, rates it with `key` and waits for the next one. */
async function revealAndRate(tab: Page, key: KeyInput): Promise<void> {
  const id = (await shownCard(tab))?.id ?? null;
  await tab.keyboard.press(' ');
  await tab.waitForSelector('.answer');
  await tab.keyboard.press(key);
  await waitForOtherCard(tab, id);
}

/**
 * The Firefox side of sync.test.ts. Two Firefox instances, each on its own fresh profile,
 * stand for two computers signed in to one Firefox account. The test plays Firefox Sync: it
 * copies what one instance's extension wrote to `storage.sync` into the other's.
 *
 * Nothing is set up for `storage.sync` here, as for a real user: Firefox refuses it only to a
 * temporary add-on without an explicit id (ours has browser_specific_settings.gecko.id), the
 * pref webextensions.storage.sync.enabled defaults to true, and the default (non-Kinto)
 * store enforces Chrome's quotas: 8,192 bytes an item, 512 items, 102,400 bytes in all.
 * Without a Firefox account it keeps the data in the profile, and writes from an extension
 * page fire `storage.onChanged` in the background page, as Firefox Sync's do.
 */
describe.runIf(firefoxAvailable())('sync between two Firefox instances through storage.sync', () => {
  let a: Side;
  let b: Side;

  beforeAll(async () => {
    const start = async (): Promise<Side> => {
      const browser = await launchFirefox();
      return { browser, page: await openOptions(browser) };
    };
    a = await start();
    b = await start();
  });
  afterAll(async () => {
    for (const side of [a, b]) await side?.browser.close();
  });

  const syncItems = (p: Page) => p.evaluate(() => browser.storage.sync.get(null));
  /** When the extension there last wrote to sync (storage.local['sync-status'].sentAt), 0 if never. */
  const sentAt = (p: Page) =>
    p.evaluate(async () => {
      const status = (await browser.storage.local.get('sync-status'))['sync-status'] as
        { sentAt?: number } | undefined;
      return status?.sentAt ?? 0;
    });
  const studied = (p: Page) => p.evaluate(studiedIn);
  /** "New left today" in the popup, as the person reads it. */
  const newLeft = (p: Page) => text(p, '[data-count="new"]');

  /**
   * Waits until the extension in `from` has written to sync in a round that began after
   * `changedAt` (so what it wrote holds that change: an earlier round, e.g. the one at
   * install, may write later than a test began), then delivers its changed items to `to`.
   */
  async function deliver(from: Side, to: Side, changedAt: number): Promise<number> {
    await expect.poll(() => sentAt(from.page), { timeout: 30_000 }).toBeGreaterThan(changedAt);
    const items = await syncItems(from.page);
    const there = await syncItems(to.page);
    const changed = Object.fromEntries(
      Object.entries(items).filter(([k, v]) => JSON.stringify(there[k]) !== JSON.stringify(v)),
    );
    expect(Object.keys(changed).length).toBeGreaterThan(0);
    const at = Date.now();
    await to.page.evaluate((x) => browser.storage.sync.set(x), changed);
    return at;
  }

  it('ratings on A arrive on B and open pages follow; ratings on B arrive back on A; the same schedules, no rating twice', async () => {
    const tab = await openFirefoxNewTab(a.browser);
    const first = (await shownCard(tab))?.id;
    await revealAndRate(tab, '3');
    await revealAndRate(tab, '1');
    const ratedOnA = Date.now();
    const popup = await openFirefoxPage(b.browser, 'popup.html');
    // The header is drawn before the counts are in: wait for the number.
    await popup.waitForFunction(() =>
      /^\d+$/.test(document.querySelector('.queue-header [data-count="new"]')?.textContent ?? ''),
    );
    const before = Number(await newLeft(popup));

    const deliveredAt = await deliver(a, b, ratedOnA);
    // B's popup, open all along, shows the ratings A made: two new cards fewer left today.
    await expect.poll(() => newLeft(popup), { timeout: 15_000 }).toBe(String(before - 2));
    console.log(
      `Firefox: a rating reached B's open popup ${Date.now() - deliveredAt} ms after sync delivered it`,
    );
    expect((await studied(b.page)).reviews).toEqual((await studied(a.page)).reviews);
    expect((await studied(b.page)).cards.map((c) => c.id)).toContain(first);

    const bTab = await openFirefoxNewTab(b.browser);
    await revealAndRate(bTab, '4');
    await deliver(b, a, Date.now());
    await expect.poll(async () => (await studied(a.page)).reviews.length, { timeout: 15_000 }).toBe(3);
    const [onA, onB] = [await studied(a.page), await studied(b.page)];
    expect(onA.reviews).toEqual(onB.reviews);
    expect(onA.cards).toEqual(onB.cards);
    expect(onA.cards).toHaveLength(3);
    await Promise.all([tab.close(), bTab.close(), popup.close()]);
  });

  it('an undo on A takes the rating back on B as well', async () => {
    const tab = await openFirefoxNewTab(a.browser);
    await revealAndRate(tab, '3');
    await deliver(a, b, Date.now());
    const rated = await studied(a.page);
    await expect
      .poll(async () => (await studied(b.page)).reviews, { timeout: 15_000 })
      .toEqual(rated.reviews);

    await tab.keyboard.press('u');
    await tab.waitForFunction(() =>
      [...document.querySelectorAll('[role="status"]')].some((e) => /Undone/.test(e.textContent ?? '')),
    );
    await deliver(a, b, Date.now());
    await expect
      .poll(async () => (await studied(b.page)).reviews.length, { timeout: 15_000 })
      .toBe(rated.reviews.length - 1);
    expect(await studied(b.page)).toEqual(await studied(a.page));
    await tab.close();
  });

  it('refuses corrupt sync data with a message on the options page, and changes nothing', async () => {
    const before = await studied(b.page);
    const options = await openOptions(b.browser);
    await options.evaluate(() =>
      browser.storage.sync.set({
        'd.mallory': { v: 1, n: 1, t: Date.now() },
        'd.mallory.0': { v: 1, b: Date.now(), e: ['r?????'], c: '', n: [] },
        s: { v: 1, t: Date.now(), d: 'mallory', s: { __proto__: null, constructor: 1 } },
      }),
    );
    await expect
      .poll(() => text(options, '.sync-problems').catch(() => ''), { timeout: 15_000 })
      .toMatch(/device mallory, part 0: event 1 is malformed/);
    expect(await text(options, '.sync-problems')).toMatch(/constructor/);
    expect(await studied(b.page)).toEqual(before);
    expect(await text(options, '.sync-status')).toMatch(/Last sent: .* · Last received: /);
    await options.close();
  });

  it('deletes our data from sync with the button, turns sync off here, and keeps the progress', async () => {
    const before = await studied(b.page);
    const options = await openOptions(b.browser);
    expect(await text(options, 'button[name="syncDelete"]')).toBe('Delete my data from sync');
    await options.click('button[name="syncDelete"]');
    const confirm = await options.waitForSelector('button[name="confirmSyncDelete"]');
    expect(await confirm!.evaluate((e) => e.textContent)).toBe('Delete');
    await confirm!.click();
    await options.waitForFunction(() =>
      /Deleted from sync/.test(document.querySelector('.sync-result')?.textContent ?? ''),
    );
    expect(await syncItems(options)).toEqual({});
    expect(await options.$eval('input[name="sync"]', (e) => (e as HTMLInputElement).checked)).toBe(false);
    expect(await studied(b.page)).toEqual(before);
    await options.close();
  });
});
