import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { pageAssets } from '../../scripts/package-bytes';
import {
  browserAvailable,
  browserPerSuite,
  countRows,
  EXTENSION_DIR,
  makeDue,
  openExtensionPage,
  openNewTab,
  revealAndRate,
  shownCardId,
} from './harness';

interface IndexEntry {
  id: string;
  section: string;
  difficulty: 1 | 2 | 3;
  en: { q: string };
  zh: { q: string };
}

const index = (): IndexEntry[] => JSON.parse(readFileSync(join(EXTENSION_DIR, 'bank-search.json'), 'utf8'));

/** One card as stored, read from an extension page. */
async function storedCard(page: Page, id: string): Promise<Record<string, unknown>> {
  return page.evaluate(async (cardId) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('llm-cards');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const card = await new Promise<Record<string, unknown>>((res) => {
      const req = db.transaction('cards').objectStore('cards').get(cardId);
      req.onsuccess = () => res(req.result);
    });
    db.close();
    return card;
  }, id);
}

const resultIds = (page: Page) =>
  page.locator('button.result').evaluateAll((els) => els.map((e) => e.getAttribute('data-card-id')));

async function search(page: Page, query: string): Promise<void> {
  await page.getByLabel('Search', { exact: true }).fill(query);
}

describe('the search index in the package', () => {
  it('ships as one file under 400 KB that the new tab and the popup never load', () => {
    const bytes = statSync(join(EXTENSION_DIR, 'bank-search.json')).size;
    console.info(`bank-search.json: ${bytes} B, ${index().length} questions`);
    expect(index().length).toBeGreaterThanOrEqual(200);
    expect(bytes).toBeLessThan(400_000);
    for (const page of ['newtab.html', 'popup.html']) {
      const js = pageAssets(EXTENSION_DIR, page)
        .js.map((f) => readFileSync(join(EXTENSION_DIR, f), 'utf8'))
        .join('\n');
      expect(js).not.toContain('bank-search');
    }
  });
});

describe.runIf(browserAvailable())('browsing questions in Chromium', () => {
  const suite = browserPerSuite();
  let page: Page;
  let rated: string;

  it('fits narrow windows: a card with long formulas open at 683 px, the filters at 500 px', async () => {
    const page = await openExtensionPage(suite.browser, 'browse.html#rope-rotary-position-embedding-formula');
    await page.locator('.card-detail .answer .katex').first().waitFor();
    const overflow = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    for (const width of [683, 500]) {
      await page.setViewportSize({ width, height: 900 });
      // Long formulas and code scroll inside their own box; the page itself never goes sideways.
      await expect.poll(overflow).toBe(0);
    }
    await page.close();
  });

  it('opens from the options page and from the popup', async () => {
    for (const [path, name] of [
      ['options.html', 'Browse all questions'],
      ['popup.html', 'Browse'],
    ] as const) {
      const from = await openExtensionPage(suite.browser, path);
      const [opened] = await Promise.all([
        suite.browser.context.waitForEvent('page'),
        from.getByRole('button', { name, exact: true }).click(),
      ]);
      await opened.waitForURL(/\/browse\.html$/);
      await opened.locator('button.result').first().waitFor();
      await Promise.all([opened.close(), from.close()]);
    }
  });

  it('lists every question and finds one by a Chinese and by an English query', async () => {
    page = await openExtensionPage(suite.browser, 'browse.html');
    const total = index().length;
    await expect(page.locator('#results-heading .count').textContent()).resolves.toBe(`${total} of ${total}`);

    await search(page, '短训长测');
    await page.waitForFunction(() => document.querySelectorAll('button.result').length === 1);
    expect(await resultIds(page)).toEqual(['alibi-attention-linear-bias']);
    await expect(page.locator('#results-heading .count').textContent()).resolves.toBe(`1 of ${total}`);

    await search(page, 'train SHORT alibi');
    await page.waitForFunction(() => document.querySelectorAll('button.result').length === 1);
    expect(await resultIds(page)).toEqual(['alibi-attention-linear-bias']);

    await search(page, 'no question says zzqx');
    await page.getByText('No question matches.').waitFor();
  });

  it('searches the answers too when asked', async () => {
    await search(page, 'soft sliding window');
    await page.getByText('No question matches.').waitFor();
    await page.getByLabel('Search answers too').check();
    await page.waitForFunction(() => document.querySelectorAll('button.result').length > 0);
    expect(await resultIds(page)).toContain('alibi-attention-linear-bias');
    await search(page, '更接近一个软的滑动窗口');
    await page.waitForFunction(() => document.querySelectorAll('button.result').length === 1);
    expect(await resultIds(page)).toEqual(['alibi-attention-linear-bias']);
    await page.getByLabel('Search answers too').uncheck();
    await page.getByText('No question matches.').waitFor();
  });

  it('filters by section', async () => {
    await search(page, '');
    await page.getByLabel('Section').selectOption('inference');
    const expected = index()
      .filter((e) => e.section === 'inference')
      .map((e) => e.id);
    await page.waitForFunction(
      (n) => document.querySelectorAll('button.result').length === n,
      expected.length,
    );
    expect(await resultIds(page)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(10);
    await page.getByLabel('Section').selectOption('');
  });

  it('works with the keyboard: arrows from the search box into the list, Enter opens a card', async () => {
    const first = index()[0]!.id;
    const second = index()[1]!.id;
    await page.getByLabel('Search', { exact: true }).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-card-id'))).toBe(second);
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-card-id'))).toBe(first);
    await page.keyboard.press('Enter');
    await page.locator(`.card-detail[data-card-id="${first}"] .answer`).waitFor();
    // The focus moves to the card's heading; Escape goes back to the list.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-heading');
    await page.keyboard.press('Escape');
    await page.locator('.card-detail').waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-card-id'))).toBe(first);
  });

  it('shows a card rated on a new tab with its review in the history', async () => {
    const tab = await openNewTab(suite.browser.context);
    rated = (await shownCardId(tab))!;
    await revealAndRate(tab, '3');
    await tab.close();

    // Find it the way a person does: by words of its question.
    const words = index()
      .find((e) => e.id === rated)!
      .en.q.split(' ')
      .slice(0, 4)
      .join(' ');
    await search(page, words);
    await page.locator(`button.result[data-card-id="${rated}"]`).click();
    const detail = page.locator(`.card-detail[data-card-id="${rated}"]`);
    await detail.locator('.answer').waitFor();
    await detail.locator('table.history tr[data-kind="review"]').first().waitFor();
    expect(await detail.locator('table.history tr[data-kind="review"]').count()).toBe(1);
    expect(await detail.locator('table.history tr[data-kind="review"] td').nth(1).textContent()).toBe('Good');
    expect(await detail.locator('[data-field="reps"]').textContent()).toBe('1');
    expect(await detail.locator('[data-field="state"]').textContent()).toContain('Learning');
    expect(new URL(page.url()).hash).toBe(`#${rated}`);
  });

  it("names the question's level and the memory difficulty apart, in English and in Chinese", async () => {
    const detail = page.locator(`.card-detail[data-card-id="${rated}"]`);
    const level = index().find((e) => e.id === rated)!.difficulty;
    const memory = (name: string) =>
      detail.locator('.schedule > div', { has: page.locator('dt', { hasText: name }) });
    const levels = {
      en: ['recall', 'explain', 'derive or design'],
      zh: ['记住要点', '讲清原理', '推导或设计'],
    };

    // The bank's level of the question, by name and out of 3.
    expect(await detail.locator('.card-meta').textContent()).toContain(
      `Level: ${levels.en[level - 1]} (${level} of 3)`,
    );
    // The scheduler's difficulty under its own name, out of 10, and a tooltip saying what it is.
    expect(await memory('Memory difficulty').locator('dd').textContent()).toMatch(/^\d+\.\d of 10$/);
    expect(await memory('Memory difficulty').getAttribute('title')).toMatch(
      /for you to remember.*FSRS.*1.*10/,
    );
    expect(await detail.textContent()).not.toMatch(/difficulty \d\/3/i);

    const options = await openExtensionPage(suite.browser, 'options.html');
    await options.locator('select[name="uiLang"]').selectOption('zh');
    await expect
      .poll(() => detail.locator('.card-meta').textContent())
      .toContain(`题目难度：${levels.zh[level - 1]}（${level}/3）`);
    expect(await memory('记忆难度').locator('dd').textContent()).toMatch(/^\d+\.\d\/10$/);
    expect(await memory('记忆难度').getAttribute('title')).toMatch(/难记.*FSRS/);
    await options.locator('select[name="uiLang"]').selectOption('en');
    await detail.locator('dt', { hasText: 'Memory difficulty' }).waitFor();
    await options.close();
  });

  it('offers no Reset for a card never reviewed, and Reset for the card rated', async () => {
    const fresh = index().findLast((e) => e.id !== rated)!.id;
    const other = await openExtensionPage(suite.browser, `browse.html#${fresh}`);
    const detail = other.locator(`.card-detail[data-card-id="${fresh}"]`);
    await detail.locator('.answer').waitFor();
    expect(await storedCard(other, fresh)).toMatchObject({ state: 0, reps: 0 });
    expect(await detail.getByText('Not reviewed yet.').count()).toBe(1);
    // The card can be suspended, but there is nothing to reset.
    await detail.getByRole('button', { name: 'Suspend' }).waitFor();
    expect(await detail.getByRole('button', { name: /^Reset/ }).count()).toBe(0);
    await other.close();

    const reviewed = page.locator(`.card-detail[data-card-id="${rated}"]`);
    expect(await reviewed.getByRole('button', { name: 'Reset…' }).count()).toBe(1);
  });

  it('saves a note, and it is still there after a reload', async () => {
    const detail = page.locator(`.card-detail[data-card-id="${rated}"]`);
    await detail.getByLabel('Note').fill('  Think of the KV cache first.  ');
    await detail.getByRole('button', { name: 'Save note' }).click();
    await detail.getByText('Note saved.').waitFor();
    expect((await storedCard(page, rated)).note).toBe('Think of the KV cache first.');

    await page.reload();
    // browse.html#<id> opens the card directly.
    const again = page.locator(`.card-detail[data-card-id="${rated}"]`);
    await again.waitFor();
    await expect(again.getByLabel('Note').inputValue()).resolves.toBe('Think of the KV cache first.');
  });

  it('suspends the card: stored as suspended, new tabs skip it even when due, the filter lists it', async () => {
    const detail = page.locator(`.card-detail[data-card-id="${rated}"]`);
    await detail.getByRole('button', { name: 'Suspend' }).click();
    await detail.getByText('Suspended: new tabs will not show this card.').waitFor();
    expect((await storedCard(page, rated)).suspended).toBe(true);
    await detail.getByRole('button', { name: 'Unsuspend' }).waitFor();

    // Due an hour ago: unsuspended, it would be the first card a new tab shows.
    await makeDue(page, rated);
    for (let i = 0; i < 3; i++) {
      const tab = await openNewTab(suite.browser.context);
      expect(await shownCardId(tab)).not.toBe(rated);
      await tab.close();
    }

    await search(page, '');
    await page.getByLabel(/^State/).selectOption('suspended');
    await page.waitForFunction(() => document.querySelectorAll('button.result').length === 1);
    expect(await resultIds(page)).toEqual([rated]);
    await page.getByLabel(/^State/).selectOption('all');
  });

  it('unsuspends the card: the next new tab shows it again', async () => {
    const detail = page.locator(`.card-detail[data-card-id="${rated}"]`);
    await detail.getByRole('button', { name: 'Unsuspend' }).click();
    await detail.getByText('Unsuspended.').waitFor();
    expect((await storedCard(page, rated)).suspended).toBeUndefined();
    const tab = await openNewTab(suite.browser.context);
    expect(await shownCardId(tab)).toBe(rated);
    await tab.close();
  });

  it('resets the card after a confirm step: New again, its review log kept', async () => {
    const reviewsBefore = await countRows(page, 'reviews');
    const detail = page.locator(`.card-detail[data-card-id="${rated}"]`);
    await detail.getByRole('button', { name: 'Reset…' }).click();
    await detail.getByText('Its review history is kept', { exact: false }).waitFor();
    // Cancel changes nothing.
    await detail.getByRole('button', { name: 'Cancel' }).click();
    expect((await storedCard(page, rated)).state).toBe(2);

    await detail.getByRole('button', { name: 'Reset…' }).click();
    await detail.getByRole('button', { name: 'Reset to new' }).click();
    await detail.getByText('Reset to new. Its reviews stay in the history.').waitFor();
    const card = await storedCard(page, rated);
    expect(card.state).toBe(0);
    expect(card.reps).toBe(0);
    expect(typeof card.resetAt).toBe('number');
    expect(await countRows(page, 'reviews')).toBe(reviewsBefore);
    expect(reviewsBefore).toBeGreaterThanOrEqual(1);
    expect(await detail.locator('[data-field="state"]').textContent()).toContain('New');
    expect(await detail.locator('table.history tr[data-kind="review"]').count()).toBe(1);
    expect(await detail.locator('table.history tr[data-kind="reset"]').count()).toBe(1);
  });
});
