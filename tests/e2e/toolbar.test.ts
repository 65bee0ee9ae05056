import { describe, expect, it } from 'vitest';
import {
  badgeText,
  browserAvailable,
  browserPerSuite,
  openExtensionPage,
  openNewTab,
  revealAndRate,
  serviceWorker,
} from './harness';

/** The toolbar button's tooltip now. */
async function toolbarTitle(context: Parameters<typeof serviceWorker>[0]): Promise<string> {
  const worker = await serviceWorker(context);
  return worker.evaluate(() => chrome.action.getTitle({}));
}

describe.runIf(browserAvailable())('the toolbar button', () => {
  const suite = browserPerSuite();

  it('says in its tooltip what is due and how many new cards are left today, as ratings change them', async () => {
    const context = suite.browser.context;
    await expect
      .poll(() => toolbarTitle(context), { timeout: 10_000 })
      .toBe('LLM Interview Cards — 0 due · 10 new left today');
    const tab = await openNewTab(context);
    // Again: the card is in a learning step, due again in minutes (not yet due).
    await revealAndRate(tab, '1');
    await revealAndRate(tab, '3');
    await expect
      .poll(() => toolbarTitle(context), { timeout: 10_000 })
      .toBe('LLM Interview Cards — 0 due · 8 new left today');
    expect(await badgeText(context)).toBe('');
    await tab.close();
  });

  it('follows the interface language', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    await options.locator('select[name="uiLang"]').selectOption('zh');
    await expect
      .poll(() => toolbarTitle(suite.browser.context), { timeout: 10_000 })
      .toBe('大模型面试卡片 — 到期 0 张 · 今天还剩 8 张新卡');
    await options.close();
  });
});
