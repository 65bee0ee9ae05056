import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  launch,
  newProfile,
  openExtensionPage,
  openNewTab,
  revealAndRate,
  shownCardId,
  studiedIn,
  type Launched,
  type Profile,
} from './harness';

/**
 * Two Chromium profiles stand for two computers signed in to one browser account. The test
 * plays the browser's sync service: it copies what one profile's extension wrote to
 * `storage.sync` into the other's, the way Chrome Sync delivers it.
 */
describe.runIf(browserAvailable())('sync between two browsers through storage.sync', () => {
  let a: { browser: Launched; profile: Profile; page: Page };
  let b: { browser: Launched; profile: Profile; page: Page };

  beforeAll(async () => {
    const start = async () => {
      const profile = newProfile();
      const browser = await launch(profile.dir);
      // An extension page to read and write its storage from, as the sync service would.
      const page = await openExtensionPage(browser, 'options.html');
      return { browser, profile, page };
    };
    a = await start();
    b = await start();
  });
  afterAll(async () => {
    for (const side of [a, b]) {
      await side?.browser.close();
      side?.profile.remove();
    }
  });

  const syncItems = (p: Page) => p.evaluate(() => chrome.storage.sync.get(null));
  const status = (p: Page) =>
    p.evaluate(
      async () => (await chrome.storage.local.get('sync-status'))['sync-status'] as Record<string, unknown>,
    );

  /**
   * Waits until the extension in `from` has written to sync in a round that began after
   * `changedAt` (so what it wrote holds that change: an earlier round, e.g. the one at
   * install, may write later than a test began), then delivers its items to `to`.
   */
  async function deliver(from: typeof a, to: typeof a, changedAt: number): Promise<number> {
    await expect
      .poll(async () => Number((await status(from.page))?.sentAt ?? 0), { timeout: 30_000 })
      .toBeGreaterThan(changedAt);
    const items = await syncItems(from.page);
    const there = await syncItems(to.page);
    const changed = Object.fromEntries(
      Object.entries(items).filter(([k, v]) => JSON.stringify(there[k]) !== JSON.stringify(v)),
    );
    const at = Date.now();
    await to.page.evaluate((x) => chrome.storage.sync.set(x), changed);
    return at;
  }

  /** Every studied card's schedule and settings, and every rating's id, as stored. */
  const studied = (p: Page) => p.evaluate(studiedIn);

  /** "New left today" in the popup, as the person reads it. */
  const newLeft = (p: Page) => p.locator('[data-count="new"]').innerText();

  it('ratings on A arrive on B and open pages follow; ratings on B arrive back on A; the same schedules, no rating twice', async () => {
    const tab = await openNewTab(a.browser.context);
    const first = await shownCardId(tab);
    await revealAndRate(tab, '3');
    await revealAndRate(tab, '1');
    const ratedOnA = Date.now();
    const popup = await openExtensionPage(b.browser, 'popup.html');
    // The header is drawn before the counts are in: wait for the number.
    await expect.poll(() => newLeft(popup)).toMatch(/^\d+$/);
    const before = await newLeft(popup);

    const deliveredAt = await deliver(a, b, ratedOnA);
    // B's popup, open all along, shows the ratings A made: two new cards fewer left today.
    await expect.poll(() => newLeft(popup), { timeout: 15_000 }).toBe(String(Number(before) - 2));
    console.log(`a rating reached B's open popup ${Date.now() - deliveredAt} ms after sync delivered it`);
    expect((await studied(b.page)).reviews).toEqual((await studied(a.page)).reviews);
    expect((await studied(b.page)).cards.map((c) => c.id)).toContain(first);

    const bTab = await openNewTab(b.browser.context);
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
    const tab = await openNewTab(a.browser.context);
    await revealAndRate(tab, '3');
    await deliver(a, b, Date.now());
    const rated = await studied(a.page);
    await expect
      .poll(async () => (await studied(b.page)).reviews, { timeout: 15_000 })
      .toEqual(rated.reviews);

    await tab.keyboard.press('u');
    await tab
      .getByRole('status')
      .getByText(/Undone/)
      .waitFor();
    await deliver(a, b, Date.now());
    await expect
      .poll(async () => (await studied(b.page)).reviews.length, { timeout: 15_000 })
      .toBe(rated.reviews.length - 1);
    expect(await studied(b.page)).toEqual(await studied(a.page));
    await tab.close();
  });

  it('refuses corrupt sync data with a message on the options page, and changes nothing', async () => {
    const before = await studied(b.page);
    await b.page.reload();
    await b.page.evaluate(() =>
      chrome.storage.sync.set({
        'd.mallory': { v: 1, n: 1, t: Date.now() },
        'd.mallory.0': { v: 1, b: Date.now(), e: ['r?????'], c: '', n: [] },
        s: { v: 1, t: Date.now(), d: 'mallory', s: { __proto__: null, constructor: 1 } },
      }),
    );
    const problems = b.page.locator('.sync-problems');
    await expect
      .poll(() => problems.innerText(), { timeout: 15_000 })
      .toMatch(/device mallory, part 0: event 1 is malformed/);
    expect(await problems.innerText()).toMatch(/constructor/);
    expect(await studied(b.page)).toEqual(before);
    await expect(b.page.locator('.sync-status').first().innerText()).resolves.toMatch(
      /Last sent: .* · Last received: /,
    );
  });

  it('deletes our data from sync with the button, turns sync off here, and keeps the progress', async () => {
    const before = await studied(b.page);
    await b.page.getByRole('button', { name: /Delete my data from sync/ }).click();
    await b.page.getByRole('button', { name: /^Delete$/ }).click();
    await b.page
      .getByText(/Deleted from sync/)
      .first()
      .waitFor();
    expect(await syncItems(b.page)).toEqual({});
    expect(await b.page.getByRole('checkbox', { name: /Sync through the browser/ }).isChecked()).toBe(false);
    expect(await studied(b.page)).toEqual(before);
  });
});
