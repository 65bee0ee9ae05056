import { afterEach, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  browserPerSuite,
  makeDue,
  openExtensionPage,
  openNewTab,
  readCard,
  setEverySection,
  shownCardId,
  waitForOtherCard,
} from './harness';

// The small things a new user meets on the new tab: what is offered, what stays in view,
// what is kept.
describe.runIf(browserAvailable())('the new tab, in detail, in Chromium', () => {
  const suite = browserPerSuite();

  afterEach(async () => {
    for (const p of suite.browser.context.pages()) await p.close();
  });

  it('offers Reset only on a card that has been studied', async () => {
    const page = await openNewTab(suite.browser.context);
    const id = (await shownCardId(page))!;
    expect(await page.getByRole('button', { name: /^Skip/ }).count()).toBe(1);
    expect(await page.getByRole('button', { name: /^Reset/ }).count()).toBe(0);
    await page.keyboard.press(' ');
    await page.keyboard.press('3');
    await waitForOtherCard(page, id);
    await makeDue(page, id);
    const again = await openNewTab(suite.browser.context);
    expect(await shownCardId(again)).toBe(id);
    await again.getByRole('button', { name: /^Reset/ }).click();
    await again.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(async () => (await readCard(again, id))?.state).toBe(0);
  });

  it('U takes back a skip, a bury, a suspend and a reset, and the card is stored as it was', async () => {
    const page = await openNewTab(suite.browser.context);
    const id = (await shownCardId(page))!;
    const before = await readCard(page, id);
    const back = async () => {
      await page.keyboard.press('u');
      await page.locator(`.study-card[data-card-id="${id}"][data-confirmed="true"]`).waitFor();
      await expect.poll(() => page.locator('.status').textContent()).toContain('Undone');
    };
    await page.keyboard.press('s');
    await waitForOtherCard(page, id);
    await back();
    await page.keyboard.press('b');
    await waitForOtherCard(page, id);
    expect((await readCard(page, id))?.buriedUntil).toBeGreaterThan(Date.now());
    await back();
    await page.getByRole('button', { name: 'Suspend' }).click();
    await waitForOtherCard(page, id);
    expect((await readCard(page, id))?.suspended).toBe(true);
    await back();
    // As it was, with when each was taken back: sync carries an undo as the latest change.
    const { suspendedAt, buriedAt, ...after } = (await readCard(page, id))!;
    expect(after).toEqual(before);
    expect([suspendedAt, buriedAt].every((t) => Number(t) > 0)).toBe(true);
    // Studied, due again, reset, and the reset taken back: the schedule as it was.
    await page.keyboard.press(' ');
    await page.keyboard.press('3');
    await waitForOtherCard(page, id);
    await makeDue(page, id);
    const again = await openNewTab(suite.browser.context);
    expect(await shownCardId(again)).toBe(id);
    const studied = await readCard(again, id);
    await again.getByRole('button', { name: /^Reset/ }).click();
    await again.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect.poll(() => again.locator('.status').textContent()).toContain('Reset to new');
    expect((await readCard(again, id))?.state).toBe(0);
    await again.keyboard.press('u');
    await expect.poll(() => again.locator('.status').textContent()).toContain('Undone');
    expect(await readCard(again, id)).toEqual(studied);
  });

  it('keeps the ratings in view under a long answer at 1280×800, without scrolling', async () => {
    const blank = await openExtensionPage(suite.browser, 'blank.html');
    await makeDue(blank, 'rope-rotary-position-embedding-formula');
    const page = await openNewTab(suite.browser.context);
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await shownCardId(page)).toBe('rope-rotary-position-embedding-formula');
    await page.keyboard.press(' ');
    await page.locator('.rating-bar').waitFor();
    const fits = await page.evaluate(() => ({
      longer: document.documentElement.scrollHeight > innerHeight,
      scrolled: scrollY,
      bottoms: [...document.querySelectorAll('.rate')].map((b) => b.getBoundingClientRect().bottom),
    }));
    // The answer is longer than the window; the buttons are on screen all the same.
    expect(fits.longer).toBe(true);
    expect(fits.scrolled).toBe(0);
    expect(fits.bottoms).toHaveLength(4);
    for (const bottom of fits.bottoms) expect(bottom).toBeLessThanOrEqual(800);
    await page.getByRole('button', { name: /Good/ }).click();
    await waitForOtherCard(page, 'rope-rotary-position-embedding-formula');
  });

  it('keeps a pasted note whole with a counter, and asks before throwing typed text away', async () => {
    const page = await openNewTab(suite.browser.context);
    const id = (await shownCardId(page))!;
    await page.keyboard.press('n');
    const area = page.getByLabel(/Your note/);
    const long = 'x'.repeat(600);
    await area.fill(long);
    expect(await area.inputValue()).toBe(long);
    await expect(page.locator('#note-count').textContent()).resolves.toBe('600 / 500');
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await area.fill('Keep this');
    expect(await page.getByRole('button', { name: 'Save' }).isDisabled()).toBe(false);
    // Esc: asked, and "Cancel" in the dialog keeps the editor and its text.
    const dialogs: string[] = [];
    page.once('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await area.press('Escape');
    expect(dialogs).toEqual(['Discard the note you typed?']);
    expect(await area.inputValue()).toBe('Keep this');
    page.once('dialog', (d) => void d.accept());
    await area.press('Escape');
    await page.locator('.note-editor').waitFor({ state: 'detached' });
    expect((await readCard(page, id))?.note).toBeUndefined();
  });

  it('shows the keys only while there is a card to use them on', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    await setEverySection(options, false);
    const page = await openNewTab(suite.browser.context);
    await page.locator('.caught-up').waitFor();
    expect(await page.locator('.page-footer').textContent()).not.toMatch(/Space|Keys/);
    await setEverySection(options, true);
    await page.locator('.study-card[data-confirmed="true"]').waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await expect.poll(() => page.locator('.page-footer').textContent()).toMatch(/Keys: Space reveal/);
  });

  it('the popup names its counts plainly, each label on one line, at its real size', async () => {
    for (const lang of ['en', 'zh'] as const) {
      const popup = await openExtensionPage(suite.browser, 'popup.html');
      await popup.evaluate(async (uiLang) => {
        const { settings } = await chrome.storage.local.get('settings');
        await chrome.storage.local.set({ settings: { ...(settings as object), uiLang } });
      }, lang);
      await popup.reload();
      await popup.setViewportSize({ width: 420, height: 600 });
      // The page starts from its mirror of the settings, then follows the stored ones.
      await expect
        .poll(() => popup.locator('.queue-header dt').first().textContent(), { timeout: 10_000 })
        .toBe(lang === 'en' ? 'Due now' : '待复习');
      const header = await popup.evaluate(() => ({
        labels: [...document.querySelectorAll('.queue-header dt')].map((dt) => ({
          text: dt.textContent,
          lines: Math.round(dt.getBoundingClientRect().height / parseFloat(getComputedStyle(dt).lineHeight)),
        })),
        sideways: document.documentElement.scrollWidth > document.documentElement.clientWidth,
      }));
      expect(header.labels.map((l) => l.text)).toEqual(
        lang === 'en'
          ? ['Due now', 'New left today', 'Reviewed today']
          : ['待复习', '今日剩余新卡', '今日已复习'],
      );
      for (const l of header.labels) expect(l.lines, l.text!).toBe(1);
      expect(header.sideways).toBe(false);
      await popup.close();
    }
  });
});
