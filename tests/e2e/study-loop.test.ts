import { describe, expect, it } from 'vitest';
import {
  badgeText,
  browserAvailable,
  countRows,
  launch,
  letTimePass,
  makeDue,
  openExtensionPage,
  openNewTab,
  readCard,
  shownCardId,
  waitForOtherCard,
  browserPerSuite,
} from './harness';

const HOUR = 3_600_000;

describe.runIf(browserAvailable())('the study loop in Chromium', () => {
  const suite = browserPerSuite();

  it('asks for storage and alarms only', async () => {
    const manifest = await suite.browser.worker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.permissions).toEqual(['storage', 'alarms']);
    expect(manifest.host_permissions ?? []).toEqual([]);
    expect(manifest.chrome_url_overrides?.newtab).toBe('newtab.html');
  });

  it('shows a question on a new tab, reveals with the keyboard and rates with a key', async () => {
    const page = await openNewTab(suite.browser.context);
    const first = await shownCardId(page);
    expect(first).toBeTruthy();
    await expect(page.locator('.question').textContent()).resolves.toMatch(/\S{4,}/);
    expect(await page.locator('.answer').count()).toBe(0);

    await page.keyboard.press('Space');
    await page.locator('.answer').waitFor();
    const labels = await page.locator('.rate').allInnerTexts();
    expect(labels.map((l) => l.split('\n')[0])).toEqual(['Again', 'Hard', 'Good', 'Easy']);
    expect(await page.locator('.rate-good .rate-interval').textContent()).toBe('10m');

    await page.keyboard.press('3');
    await waitForOtherCard(page, first);
    expect(await shownCardId(page)).not.toBe(first);
    expect(await countRows(page, 'reviews')).toBe(1);
    await page.close();
  });

  it('does not show the same unrated card on several tabs opened in a row, and leaving changes nothing', async () => {
    const a = await openNewTab(suite.browser.context);
    const b = await openNewTab(suite.browser.context);
    const c = await openNewTab(suite.browser.context);
    const ids = [await shownCardId(a), await shownCardId(b), await shownCardId(c)];
    expect(new Set(ids).size).toBe(3);
    // New cards come in the sensible order, sections interleaved: not one section's cards in a row.
    const sections = await Promise.all(
      [a, b, c].map((t) => t.locator('.study-card').getAttribute('data-section')),
    );
    expect(new Set(sections).size).toBeGreaterThan(1);
    const before = await countRows(a, 'reviews');
    await Promise.all([a.close(), b.close(), c.close()]);
    const d = await openNewTab(suite.browser.context);
    expect(await countRows(d, 'reviews')).toBe(before);
    await d.close();
  });

  it('puts due reviews on the badge and first on the new tab; rating one lowers the count', async () => {
    const page = await openNewTab(suite.browser.context);
    // Rate the card on screen "Again": it is due again in a minute.
    const forgotten = await shownCardId(page);
    await page.keyboard.press('Enter');
    await page.keyboard.press('1');
    await waitForOtherCard(page, forgotten);
    await letTimePass(page, 2 * HOUR);
    // Rate the next (new) card "Easy": the badge refreshes after every rating.
    const easy = await shownCardId(page);
    await page.keyboard.press('Space');
    await page.keyboard.press('4');
    await expect.poll(() => badgeText(suite.browser.context), { timeout: 10_000 }).toBe('2');
    // Due reviews come before new cards, the most overdue first.
    await waitForOtherCard(page, easy);
    expect(await shownCardId(page)).toBe(forgotten);
    await page.keyboard.press('Space');
    await page.keyboard.press('3');
    await expect.poll(() => badgeText(suite.browser.context), { timeout: 10_000 }).toBe('1');
    await page.close();
  });

  it('reviews a due card in the popup, with the counts shown', async () => {
    const popup = await openExtensionPage(suite.browser, 'popup.html');
    await popup.locator('.study-card[data-confirmed="true"]').waitFor();
    expect(await popup.locator('[data-count="due"]').textContent()).toBe('1');
    const id = await shownCardId(popup);
    await popup.keyboard.press('Space');
    await popup.keyboard.press('3');
    await waitForOtherCard(popup, id);
    await expect.poll(() => popup.locator('[data-count="due"]').textContent()).toBe('0');
    await expect.poll(() => badgeText(suite.browser.context), { timeout: 10_000 }).toBe('');
    await popup.close();
  });

  it('keeps a new tab and the popup side by side in agreement', async () => {
    // Set-up from a page that runs no study session of its own.
    const setup = await openExtensionPage(suite.browser, 'blank.html');
    await makeDue(setup, 'langchain-chain-agent-langgraph');
    await setup.close();
    const tab = await openNewTab(suite.browser.context);
    const onTab = await shownCardId(tab);
    expect(onTab).toBe('langchain-chain-agent-langgraph');
    const popup = await openExtensionPage(suite.browser, 'popup.html');
    await popup.locator('.study-card[data-confirmed="true"]').waitFor();
    // The popup reviews the queue as it stands, so it shows the card the tab shows.
    expect(await shownCardId(popup)).toBe(onTab);
    await popup.keyboard.press('Space');
    await popup.keyboard.press('3');
    // The tab hears that its card was rated elsewhere and moves on.
    await waitForOtherCard(tab, onTab);
    expect(await shownCardId(tab)).not.toBe(onTab);
    await Promise.all([tab.close(), popup.close()]);
  });

  it('obeys the options: with one section ticked, the next new tabs show only that section', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    for (const section of ['basics', 'advanced', 'llm', 'distributed']) {
      await options.locator(`input[name="section-${section}"]`).uncheck();
    }
    await expect.poll(() => options.locator('.saved-note', { hasText: /\S/ }).count()).toBe(1);
    for (let i = 0; i < 3; i++) {
      const tab = await openNewTab(suite.browser.context);
      expect(await tab.locator('.study-card').getAttribute('data-section')).toBe('inference');
      await tab.close();
    }
    await options.locator('select[name="uiLang"]').selectOption('zh');
    await options.locator('select[name="contentLang"]').selectOption('zh');
    const zh = await openNewTab(suite.browser.context);
    await expect(zh.locator('.reveal').textContent()).resolves.toMatch(/显示答案/);
    await expect(zh.locator('.question').textContent()).resolves.toMatch(/[\u4e00-\u9fff]/);
    await zh.close();
    await options.close();
  });

  it('keeps the history and settings when the suite.browser restarts on the same profile', async () => {
    const page = await openNewTab(suite.browser.context);
    const reviews = await countRows(page, 'reviews');
    expect(reviews).toBeGreaterThanOrEqual(5);
    await suite.browser.close();
    suite.browser = await launch(suite.profile.dir);
    const again = await openNewTab(suite.browser.context);
    expect(await countRows(again, 'reviews')).toBe(reviews);
    expect(await again.locator('.study-card').getAttribute('data-section')).toBe('inference');
    await expect(again.locator('.reveal').textContent()).resolves.toMatch(/显示答案/);
    await again.close();
  });

  it('puts the cards of sections ticked again back in the queue', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    for (const section of ['basics', 'advanced', 'llm', 'distributed']) {
      await options.locator(`input[name="section-${section}"]`).check();
    }
    await expect.poll(() => options.locator('.saved-note', { hasText: /\S/ }).count()).toBe(1);
    // In bank order (as the settings may choose), the new cards come Basics first.
    await options.evaluate(async () => {
      const current = ((await chrome.storage.local.get('settings')).settings ?? {}) as object;
      await chrome.storage.local.set({ settings: { ...current, newOrder: 'bank' } });
    });
    await expect
      .poll(async () => (await readCard(options, 'alibi-attention-linear-bias'))?.order, { timeout: 10_000 })
      .toBe(0);
    const tab = await openNewTab(suite.browser.context);
    expect(await tab.locator('.study-card').getAttribute('data-section')).toBe('basics');
    await Promise.all([tab.close(), options.close()]);
  });
});
