import { afterEach, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  browserPerSuite,
  countRows,
  letTimePass,
  makeDue,
  openExtensionPage,
  openNewTab,
  readCard,
  revealAndRate,
  shownCardId,
  waitForOtherCard,
} from './harness';

const DAY = 24 * 3_600_000;

describe.runIf(browserAvailable())('review controls and pacing in Chromium', () => {
  const suite = browserPerSuite();

  afterEach(async () => {
    for (const p of suite.browser.context.pages()) await p.close();
  });

  it('undo (key U) brings the rated card back exactly as it was, and the log loses the rating', async () => {
    const page = await openNewTab(suite.browser.context);
    const id = (await shownCardId(page))!;
    const before = await readCard(page, id);
    const reviews = await countRows(page, 'reviews');
    await revealAndRate(page, '3');
    expect(await countRows(page, 'reviews')).toBe(reviews + 1);
    expect((await readCard(page, id))?.state).not.toBe(before?.state);
    await page.keyboard.press('u');
    await page.locator(`.study-card[data-card-id="${id}"][data-confirmed="true"]`).waitFor();
    await expect.poll(() => page.locator('.status').textContent()).toContain('Undone');
    expect(await readCard(page, id)).toEqual(before);
    expect(await countRows(page, 'reviews')).toBe(reviews);
    // Rated again from the button this time, then undone with the button.
    await page.getByRole('button', { name: /Show answer/ }).click();
    await page.getByRole('button', { name: /Again/ }).click();
    await waitForOtherCard(page, id);
    await page.getByRole('button', { name: /Undo/ }).click();
    await page.locator(`.study-card[data-card-id="${id}"][data-confirmed="true"]`).waitFor();
    expect(await readCard(page, id)).toEqual(before);
  });

  it('skip (key S) moves on without a rating, and this tab does not bring the card back', async () => {
    const page = await openNewTab(suite.browser.context);
    const id = (await shownCardId(page))!;
    const reviews = await countRows(page, 'reviews');
    await page.keyboard.press('s');
    await waitForOtherCard(page, id);
    await expect.poll(() => page.locator('.status').textContent()).toContain('Skipped');
    expect(await countRows(page, 'reviews')).toBe(reviews);
    for (let i = 0; i < 3; i++) {
      if (await page.locator('.caught-up').count()) break;
      const shown = await shownCardId(page);
      expect(shown).not.toBe(id);
      await revealAndRate(page, '4');
    }
  });

  it('Space or Enter on a focused button presses it: Skip skips and Bury buries, without revealing', async () => {
    const page = await openNewTab(suite.browser.context);
    const first = (await shownCardId(page))!;
    const reviews = await countRows(page, 'reviews');
    const skip = page.getByRole('button', { name: /^Skip/ });
    await skip.focus();
    await page.keyboard.press('Enter');
    await waitForOtherCard(page, first);
    const second = (await shownCardId(page))!;
    await expect.poll(() => page.locator('.status').textContent()).toContain('Skipped');
    expect(await page.locator('.answer').count()).toBe(0);
    await page.getByRole('button', { name: /^Bury/ }).focus();
    await page.keyboard.press(' ');
    await waitForOtherCard(page, second);
    await expect.poll(() => page.locator('.status').textContent()).toContain('Buried');
    expect((await readCard(page, second))?.buriedUntil).toBeGreaterThan(Date.now());
    expect(await countRows(page, 'reviews')).toBe(reviews);
    // Taken back (U works on a focused button), so the tests after this find nothing buried.
    await page.keyboard.press('u');
    await expect.poll(async () => (await readCard(page, second))?.buriedUntil).toBeUndefined();
    // With nothing focused, Space still reveals.
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(' ');
    await page.locator('.answer').waitFor();
  });

  it('keeps quiet hours: a new tab in them shows the calm page', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    const hour = new Date().getHours();
    await options.locator('input[name="quietHours"]').check();
    await options.locator('input[name="quietFrom"]').fill(String(hour));
    await options.locator('input[name="quietFrom"]').press('Tab');
    await options.locator('input[name="quietTo"]').fill(String((hour + 2) % 24));
    await options.locator('input[name="quietTo"]').press('Tab');
    await expect
      .poll(() => options.evaluate(() => localStorage.getItem('llm-cards:settings')))
      .toContain(`"quietTo":${(hour + 2) % 24}`);
    const tab = await openNewTab(suite.browser.context);
    expect(await tab.locator('html').getAttribute('data-pace')).toBe('quiet');
    await expect(tab.locator('.calm-why').textContent()).resolves.toMatch(
      /Quiet hours until (today|tomorrow) at/,
    );
    await options.locator('input[name="quietHours"]').uncheck();
    await expect
      .poll(() => options.evaluate(() => localStorage.getItem('llm-cards:settings')))
      .toContain('"quietHours":false');
    const after = await openNewTab(suite.browser.context);
    expect(await after.locator('html').getAttribute('data-pace')).toBe('study');
  });

  it('a buried card leaves the queue and comes back the next study day', async () => {
    // A card just rated (so no tab is rotating past it), then made due.
    const setup = await openNewTab(suite.browser.context);
    const id = (await shownCardId(setup))!;
    await revealAndRate(setup, '3');
    await setup.close();
    const blank = await openExtensionPage(suite.browser, 'blank.html');
    await makeDue(blank, id);
    const page = await openNewTab(suite.browser.context);
    expect(await shownCardId(page)).toBe(id);
    await page.keyboard.press('b');
    await waitForOtherCard(page, id);
    await expect.poll(() => page.locator('.status').textContent()).toContain('Buried until tomorrow');
    const buried = await readCard(page, id);
    expect(buried?.buriedUntil).toBeGreaterThan(Date.now());
    expect(buried?.buriedUntil).toBeLessThanOrEqual(Date.now() + DAY);
    // Other tabs today pass it over.
    for (let i = 0; i < 2; i++) {
      const other = await openNewTab(suite.browser.context);
      expect(await shownCardId(other)).not.toBe(id);
      await other.close();
    }
    // The browse page lists it, and only it, under "buried".
    const browse = await openExtensionPage(suite.browser, 'browse.html');
    await browse.locator('select[name="state"]').selectOption('buried');
    await browse.waitForFunction(
      (cardId) =>
        [...document.querySelectorAll('button.result')].map((b) => b.getAttribute('data-card-id')).join() ===
        cardId,
      id,
    );
    await browse.close();
    await letTimePass(blank, DAY);
    const tomorrow = await openNewTab(suite.browser.context);
    expect(await shownCardId(tomorrow)).toBe(id);
  });

  it('suspend takes a card out; a note shows under the answer; a leech says so', async () => {
    const page = await openNewTab(suite.browser.context);
    const first = (await shownCardId(page))!;
    await page.getByRole('button', { name: 'Suspend' }).click();
    await waitForOtherCard(page, first);
    expect((await readCard(page, first))?.suspended).toBe(true);
    // The statistics count it as suspended.
    const stats = await openExtensionPage(suite.browser, 'stats.html');
    await expect.poll(() => stats.locator('dd[data-state="suspended"]').textContent()).toBe('1');
    await stats.close();
    // A note, with the keyboard: N, type, Ctrl+Enter.
    const second = (await shownCardId(page))!;
    await page.keyboard.press('n');
    await page.getByLabel(/Your note/).fill('Scale by √d_k: 点积方差随维度增长');
    await page.keyboard.press('Control+Enter');
    await expect
      .poll(async () => (await readCard(page, second))?.note)
      .toBe('Scale by √d_k: 点积方差随维度增长');
    await page.locator('.note-editor').waitFor({ state: 'detached' });
    await page.keyboard.press('Space');
    await expect(page.locator('.note-text').textContent()).resolves.toBe('Scale by √d_k: 点积方差随维度增长');
    // A card forgotten 8 times is flagged before its answer is shown.
    await page.keyboard.press('3');
    await waitForOtherCard(page, second);
    const blank = await openExtensionPage(suite.browser, 'blank.html');
    await makeDue(blank, second);
    await blank.evaluate(async (id) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('llm-cards');
        r.onsuccess = () => res(r.result);
      });
      await new Promise<void>((res) => {
        const tx = db.transaction('cards', 'readwrite');
        const store = tx.objectStore('cards');
        const get = store.get(id);
        get.onsuccess = () => store.put({ ...get.result, lapses: 8 });
        tx.oncomplete = () => res();
      });
      db.close();
    }, second);
    const leech = await openNewTab(suite.browser.context);
    expect(await shownCardId(leech)).toBe(second);
    await expect(leech.locator('.leech').textContent()).resolves.toContain('forgotten this card 8 times');
    await expect(leech.locator('.reveal').textContent()).resolves.toContain('Read the answer again');
  });

  it('snoozed, a new tab shows the calm page (time, progress, next due) until resumed', async () => {
    const page = await openNewTab(suite.browser.context);
    await page.getByRole('button', { name: 'Snooze 1 hour' }).click();
    await page.locator('.calm').waitFor();
    const tab = await openNewTab(suite.browser.context);
    await tab.locator('.calm').waitFor();
    expect(await tab.locator('.study-card').count()).toBe(0);
    expect(await tab.locator('html').getAttribute('data-pace')).toBe('snoozed');
    await expect(tab.locator('.calm-why').textContent()).resolves.toMatch(/Snoozed until today at \d\d:\d\d/);
    await expect(tab.locator('.calm-time').textContent()).resolves.toMatch(/^\d\d:\d\d$/);
    await expect.poll(() => tab.locator('.reviewed-today').textContent()).toMatch(/^\d+$/);
    await tab.getByRole('button', { name: 'Resume studying' }).click();
    await tab.locator('.study-card[data-confirmed="true"]').waitFor();
    const next = await openNewTab(suite.browser.context);
    expect(await next.locator('.study-card').count()).toBe(1);
  });

  it('studies on every 2nd tab when the options say so, and "study a card now" still works', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    await options.locator('select[name="newTabMode"]').selectOption('nth');
    await options.locator('input[name="newTabEvery"]').fill('2');
    await options.locator('input[name="newTabEvery"]').press('Tab');
    await expect
      .poll(() => options.evaluate(() => localStorage.getItem('llm-cards:settings')))
      .toContain('"newTabEvery":2');
    const shown: string[] = [];
    for (let i = 0; i < 4; i++) {
      const tab = await openNewTab(suite.browser.context);
      const pace = (await tab.locator('html').getAttribute('data-pace'))!;
      shown.push(pace);
      if (pace === 'nth' && !shown.slice(0, -1).includes('nth')) {
        await expect(tab.locator('.calm-why').textContent()).resolves.toContain('one new tab in 2');
        expect(await tab.locator('.study-card').count()).toBe(0);
        await tab.getByRole('button', { name: 'Study a card now' }).click();
        await tab.locator('.study-card[data-confirmed="true"]').waitFor();
      }
      await tab.close();
    }
    // Which tab of the pair studies depends on the count so far; they alternate.
    expect(new Set([shown[0], shown[1]])).toEqual(new Set(['study', 'nth']));
    expect(shown[2]).toBe(shown[0]);
    expect(shown[3]).toBe(shown[1]);
    await options.locator('select[name="newTabMode"]').selectOption('every');
    await expect
      .poll(() => options.evaluate(() => localStorage.getItem('llm-cards:settings')))
      .toContain('"newTabMode":"every"');
  });

  it('stops at the daily new-tab cap, on the tab that reaches it and on the next ones', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    await options.locator('input[name="newTabDailyCap"]').fill('2');
    await options.locator('input[name="newTabDailyCap"]').press('Tab');
    await expect
      .poll(() => options.evaluate(() => localStorage.getItem('llm-cards:settings')))
      .toContain('"newTabDailyCap":2');
    // Start the count afresh: earlier tests studied from new tabs today too.
    await options.evaluate(() => localStorage.removeItem('llm-cards:pacing'));
    const tab = await openNewTab(suite.browser.context);
    await revealAndRate(tab, '3');
    expect(await tab.locator('.calm').count()).toBe(0);
    await tab.keyboard.press('Space');
    await tab.keyboard.press('3');
    await tab.locator('.calm').waitFor();
    await expect(tab.locator('.calm-why').textContent()).resolves.toContain('new-tab cards are done');
    const next = await openNewTab(suite.browser.context);
    expect(await next.locator('html').getAttribute('data-pace')).toBe('cap');
    // "Study a card now" past the cap: the tab goes on studying after each rating.
    await next.getByRole('button', { name: 'Study a card now' }).click();
    await next.locator('.study-card[data-confirmed="true"]').waitFor();
    await revealAndRate(next, '3');
    expect(await next.locator('.calm').count()).toBe(0);
    await options.locator('input[name="newTabDailyCap"]').fill('0');
    await options.locator('input[name="newTabDailyCap"]').press('Tab');
    await expect
      .poll(() => options.evaluate(() => localStorage.getItem('llm-cards:settings')))
      .toContain('"newTabDailyCap":0');
  });

  it('with single-key shortcuts off, 1-4 do not rate but the buttons do', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    await options.locator('input[name="keyShortcuts"]').uncheck();
    await expect
      .poll(() => options.evaluate(() => localStorage.getItem('llm-cards:settings')))
      .toContain('"keyShortcuts":false');
    const tab = await openNewTab(suite.browser.context);
    const id = await shownCardId(tab);
    const reviews = await countRows(tab, 'reviews');
    await tab.keyboard.press('Space');
    await tab.keyboard.press('3');
    await tab.waitForTimeout(300);
    expect(await countRows(tab, 'reviews')).toBe(reviews);
    await tab.getByRole('button', { name: /Good/ }).click();
    await waitForOtherCard(tab, id);
    expect(await countRows(tab, 'reviews')).toBe(reviews + 1);
    await options.locator('input[name="keyShortcuts"]').check();
    await expect
      .poll(() => options.evaluate(() => localStorage.getItem('llm-cards:settings')))
      .toContain('"keyShortcuts":true');
  });

  it('the popup has the same controls: rate, then U undoes it', async () => {
    const popup = await openExtensionPage(suite.browser, 'popup.html');
    await popup.locator('.study-card[data-confirmed="true"], .caught-up').first().waitFor();
    const id = await shownCardId(popup);
    if (id === null) throw new Error('the popup should have a card to review');
    const before = await readCard(popup, id);
    await revealAndRate(popup, '1');
    await popup.keyboard.press('u');
    await popup.locator(`.study-card[data-card-id="${id}"][data-confirmed="true"]`).waitFor();
    expect(await readCard(popup, id)).toEqual(before);
  });
});
