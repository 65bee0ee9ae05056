import { afterAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  launch,
  newProfile,
  openExtensionPage,
  reloadExtension,
  welcomePage,
  type Launched,
} from './harness';

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The welcome tabs open a few seconds after the browser (or the extension) started: time
 * enough for the worker's install handler, which opened the page within a second on a
 * fresh profile.
 */
async function welcomeTabs(l: Launched) {
  await pause(3000);
  return l.context.pages().filter((p) => p.url().endsWith('/welcome.html'));
}

describe.runIf(browserAvailable())('the welcome page on first run', () => {
  const profile = newProfile();
  let browser: Launched | undefined;
  afterAll(async () => {
    await browser?.close();
    profile.remove();
  });

  it('opens once on install, in the browser language, and says what the ratings and keys do', async () => {
    browser = await launch(profile.dir, undefined, { keepWelcome: true });
    const page = await welcomePage(browser.context);
    await page.locator('h1').waitFor();
    expect(await page.locator('h1').textContent()).toBe('Welcome to LLM Interview Cards');
    expect(await page.title()).toBe('Welcome · LLM Interview Cards');
    expect(await page.locator('.welcome-ratings').textContent()).toMatch(/Again.*forgot.*Hard.*effort.*Easy/);
    for (const key of ['Space', 'U', 'S', 'B', 'N'])
      expect(await page.locator('.welcome-keys kbd', { hasText: new RegExp(`^${key}$`) }).count()).toBe(1);
    expect(await welcomeTabs(browser)).toHaveLength(1);
  });

  it('follows the interface language: its own switch, and the options page', async () => {
    const page = await welcomePage(browser!.context);
    await page.getByRole('button', { name: /中文/ }).click();
    await expect.poll(() => page.locator('h1').textContent()).toBe('欢迎使用大模型面试卡片');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.getByRole('button', { name: '开始学习' }).count()).toBe(1);
    // Changed back in the options, the open welcome page follows at once.
    const options = await openExtensionPage(browser!, 'options.html');
    await options.locator('select[name="uiLang"]').selectOption('en');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Welcome to LLM Interview Cards');
    await options.close();
  });

  it('links to the options, and Close closes it', async () => {
    const page = await welcomePage(browser!.context);
    expect(await page.getByRole('link', { name: 'Open the options' }).getAttribute('href')).toBe(
      '/options.html',
    );
    await page.getByRole('button', { name: 'Close' }).click();
    await expect.poll(() => page.isClosed()).toBe(true);
  });

  it('does not open again when the browser restarts on the same profile, nor on an update', async () => {
    await browser!.close();
    browser = await launch(profile.dir, undefined, { keepWelcome: true });
    expect(await welcomeTabs(browser)).toHaveLength(0);
    // Reloaded from its folder as chrome://extensions does: the path an update takes.
    browser.worker = await reloadExtension(browser);
    expect(await welcomeTabs(browser)).toHaveLength(0);
  });

  it('Start studying shows a question in the same tab', async () => {
    const page = await openExtensionPage(browser!, 'welcome.html');
    await page.getByRole('button', { name: 'Start studying' }).click();
    await page.waitForURL(/\/newtab\.html$/);
    await page.locator('.study-card[data-confirmed="true"], .caught-up').first().waitFor();
    await page.close();
  });
});
