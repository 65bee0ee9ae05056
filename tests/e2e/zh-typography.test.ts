import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { REVIEW_COLUMNS } from '../../lib/backup/format';
import {
  browserAvailable,
  browserPerSuite,
  openExtensionPage,
  openNewTab,
  shownCardId,
  waitForOtherCard,
} from './harness';

/**
 * Every piece of text a person can see or hear on a page (text, titles, labels, placeholders),
 * outside code, math and key caps, and each place where a half-width , : ; ? ! ( ) touches a
 * Chinese character.
 */
async function halfWidthMarks(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skip = 'code, pre, kbd, .katex, script, style';
    const texts: string[] = [document.title];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode())
      if (!n.parentElement?.closest(skip)) texts.push(n.textContent ?? '');
    for (const el of document.querySelectorAll('[title], [aria-label], [placeholder], [alt]'))
      if (!el.closest(skip))
        for (const a of ['title', 'aria-label', 'placeholder', 'alt']) texts.push(el.getAttribute(a) ?? '');
    const han = '[\\u4e00-\\u9fff]';
    const mark = new RegExp(`${han}[,:;?!(]|[,:;?!)]${han}`);
    return texts.filter((t) => mark.test(t));
  });
}

// The Chinese interface: full-width punctuation in Chinese text, half-width kept in code,
// numbers and Latin words.
describe.runIf(browserAvailable())('the interface in Chinese, page by page, in Chromium', () => {
  const suite = browserPerSuite();

  it('has no half-width comma, colon, semicolon, question or exclamation mark next to a Chinese character', async () => {
    const found: Record<string, string[]> = {};
    const look = async (name: string, page: Page) => {
      const marks = await halfWidthMarks(page);
      if (marks.length) found[name] = marks;
    };
    const options = await openExtensionPage(suite.browser, 'options.html');
    await options.locator('select[name="uiLang"]').selectOption('zh');
    await options.locator('select[name="contentLang"]').selectOption('zh');
    await expect.poll(() => options.locator('html').getAttribute('lang')).toBe('zh-CN');
    await look('options', options);
    // An interview ahead and one past.
    await options.evaluate(() =>
      chrome.storage.local.get('settings').then((s) =>
        chrome.storage.local.set({
          settings: {
            ...(s.settings as object),
            interviews: [{ id: 'old', name: '去年', date: '2025-01-10', sections: [], target: 0.9 }],
          },
        }),
      ),
    );
    await options.locator('fieldset.interview.past').waitFor();
    await options.getByRole('button', { name: '添加面试' }).click();
    await options.locator('fieldset.interview:not(.past)').waitFor();
    await options.locator('fieldset.interview:not(.past) input[name="interviewTarget"]').fill('120');
    await options.locator('.field-error').waitFor();
    await look('options, interviews', options);
    await options.locator('fieldset.interview:not(.past) input[name="interviewTarget"]').fill('95');
    const removeButtons = options.getByRole('button', { name: '删除这场面试' });
    while ((await removeButtons.count()) > 0) await removeButtons.first().click();
    await options.locator('.no-interviews').waitFor();
    await options.locator('input[name="newPerDay"]').fill('-5');
    await options.locator('.field-error').waitFor();
    await look('options, a number refused', options);
    await options.locator('input[name="newPerDay"]').fill('10');
    const file = {
      format: 'llm-interview-cards-backup',
      version: 2,
      exportedAt: new Date().toISOString(),
      settings: { newPerDay: 7 },
      cards: [],
      reviewColumns: [...REVIEW_COLUMNS],
      reviews: [],
    };
    await options.locator('input[name="import"]').setInputFiles({
      name: 'other.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    await options.locator('.import-preview').waitFor();
    await look('options, an import to confirm', options);
    await options.locator('button[name="cancelImport"]').click();

    const tab = await openNewTab(suite.browser.context);
    await expect.poll(() => tab.locator('.reveal').textContent()).toContain('显示答案');
    await look('new tab, question', tab);
    const id = await shownCardId(tab);
    await tab.keyboard.press(' ');
    await tab.locator('.rating-bar').waitFor();
    await tab.keyboard.press('n');
    await tab.locator('.note-editor').waitFor();
    await look('new tab, answer and note editor', tab);
    await tab.keyboard.press('Escape');
    await tab.keyboard.press('3');
    await waitForOtherCard(tab, id);
    await look('new tab, after a rating', tab);
    await tab.keyboard.press('s');
    await look('new tab, skipped', tab);
    await tab.getByRole('button', { name: '休息 1 小时' }).click();
    await tab.locator('.calm .reviewed-today').waitFor();
    await look('new tab, the calm page', tab);
    await tab.getByRole('button', { name: '继续学习' }).click();

    const popup = await openExtensionPage(suite.browser, 'popup.html');
    await popup.locator('.study-card[data-confirmed="true"], .caught-up').first().waitFor();
    await look('popup', popup);

    for (const section of ['basics', 'advanced', 'llm', 'distributed', 'inference'])
      await options.locator(`input[name="section-${section}"]`).uncheck();
    const none = await openNewTab(suite.browser.context);
    await expect.poll(() => none.locator('.caught-up h1').textContent()).toBe('没有可学的主题');
    await look('new tab, nothing chosen', none);
    for (const section of ['basics', 'advanced', 'llm', 'distributed', 'inference'])
      await options.locator(`input[name="section-${section}"]`).check();

    const stats = await openExtensionPage(suite.browser, 'stats.html');
    await stats.locator('.heatmap, .stats-empty').first().waitFor();
    await look('statistics', stats);

    const browse = await openExtensionPage(suite.browser, 'browse.html');
    await browse.locator('.result-list .result').first().waitFor();
    await look('browse', browse);
    await browse.locator(`.result-list .result[data-card-id="${id}"]`).click();
    await browse.locator('.card-detail').waitFor();
    await look('browse, a studied card open', browse);

    const welcome = await openExtensionPage(suite.browser, 'welcome.html');
    await welcome.locator('.welcome-ratings').waitFor();
    await look('welcome', welcome);

    expect(found).toEqual({});
  });
});
