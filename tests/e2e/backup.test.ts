import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  browserPerSuite,
  countRows,
  openExtensionPage,
  openNewTab,
  revealAndRate,
} from './harness';

describe.runIf(browserAvailable())('backup, restore and repair from the options page', () => {
  const suite = browserPerSuite();

  beforeAll(async () => {
    // Study two cards the way a person does.
    const tab = await openNewTab(suite.browser.context);
    await revealAndRate(tab, '3');
    await revealAndRate(tab, '1');
    await tab.close();
  });

  it('exports the history as a versioned JSON file, imports it back without duplicates, and rejects a bad file', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.locator('button[name="export"]').click(),
    ]);
    const path = join(suite.profile.dir, 'backup.json');
    await download.saveAs(path);
    const backup = JSON.parse(readFileSync(path, 'utf8'));
    expect(backup.format).toBe('llm-interview-cards-backup');
    expect(backup.version).toBe(2);
    expect(backup.reviews).toHaveLength(2);
    await expect(options.locator('.backup-status').textContent()).resolves.toMatch(/reviews: 2\./);

    // A second export holds the same log and the rating made since.
    const tab = await openNewTab(suite.browser.context);
    await revealAndRate(tab, '3');
    await tab.close();
    const [second] = await Promise.all([
      options.waitForEvent('download'),
      options.locator('button[name="export"]').click(),
    ]);
    const secondPath = join(suite.profile.dir, 'backup-2.json');
    await second.saveAs(secondPath);
    const again = JSON.parse(readFileSync(secondPath, 'utf8'));
    expect(again.reviews).toHaveLength(3);
    const ids = (file: { reviews: string[][] }) => file.reviews.map((r) => r[0]).sort();
    expect(ids(again).filter((id) => ids(backup).includes(id))).toEqual(ids(backup));

    const reviews = await countRows(options, 'reviews');
    await options.locator('input[name="import"]').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(readFileSync(path, 'utf8').slice(0, 200)),
    });
    await expect
      .poll(() => options.locator('.backup-status').textContent())
      .toMatch(/Nothing was imported\. The file is not valid JSON/);
    expect(await countRows(options, 'reviews')).toBe(reviews);

    await options.locator('input[name="import"]').setInputFiles(path);
    await options.locator('button[name="confirmImport"]').click();
    await expect
      .poll(() => options.locator('.backup-status').textContent())
      .toMatch(/Imported\. New reviews: 0 \(2 were already here\)/);
    expect(await countRows(options, 'reviews')).toBe(reviews);

    await options.locator('button[name="check"]').click();
    await expect.poll(() => options.locator('.backup-status').textContent()).toMatch(/consistent/);
    await options.close();
  });

  it('shows what an import would change before applying it: Cancel changes nothing, the settings are kept unless the person ticks the box', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.locator('button[name="export"]').click(),
    ]);
    const path = join(suite.profile.dir, 'for-another-browser.json');
    await download.saveAs(path);
    // The same history made in another browser: one more rating there, other settings.
    const file = JSON.parse(readFileSync(path, 'utf8'));
    const last = file.reviews.at(-1);
    file.reviews.push(['elsewhere-1', last[1], 3, ...last.slice(3, -1), Date.now() - 1000]);
    file.settings = { ...file.settings, newPerDay: 7, theme: 'dark' };
    const other = {
      name: 'other-browser.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    };
    const settings = () =>
      options.evaluate(() =>
        chrome.storage.local
          .get('settings')
          .then((s) => s.settings as { newPerDay: number; theme: string } | undefined),
      );
    const status = () => options.locator('.backup-status').textContent();
    const preview = options.locator('.import-preview');
    const reviews = await countRows(options, 'reviews');
    const before = await settings();
    // A fresh profile has stored no settings yet: the defaults (10 new cards, system theme) apply.
    expect(await options.locator('input[name="newPerDay"]').inputValue()).toBe('10');

    // Chosen, the file is only described: reviews, cards and each setting that differs.
    await options.locator('input[name="import"]').setInputFiles(other);
    await preview.waitFor();
    expect(await preview.locator('h3').textContent()).toBe('Import other-browser.json?');
    expect(await preview.textContent()).toContain(`Reviews to add: 1 (${reviews} already here)`);
    expect(await preview.textContent()).toContain('Cards that will change: 1');
    expect(await preview.locator('.setting-changes li').allTextContents()).toEqual([
      'New cards per day: 10 → 7',
      'Theme: System → Dark',
    ]);
    expect(await countRows(options, 'reviews')).toBe(reviews);
    expect(await settings()).toEqual(before);

    // Cancel: nothing changed.
    await options.locator('button[name="cancelImport"]').click();
    await expect.poll(status).toBe('Import cancelled: nothing was changed.');
    expect(await preview.count()).toBe(0);
    expect(await countRows(options, 'reviews')).toBe(reviews);
    expect(await settings()).toEqual(before);

    // Import, the box left unticked: the review comes in, the settings stay.
    await options.locator('input[name="import"]').setInputFiles(other);
    await preview.waitFor();
    await options.locator('button[name="confirmImport"]').click();
    await expect.poll(status).toMatch(/^Imported\. New reviews: 1 .*Your settings were kept\.$/);
    expect(await countRows(options, 'reviews')).toBe(reviews + 1);
    expect(await settings()).toEqual(before);

    // Import again, ticking "Also replace my settings": now they change, and the message says which.
    await options.locator('input[name="import"]').setInputFiles(other);
    await preview.waitFor();
    expect(await preview.textContent()).toContain(`Reviews to add: 0 (${reviews + 1} already here)`);
    await options.locator('input[name="replaceSettings"]').check();
    await options.locator('button[name="confirmImport"]').click();
    await expect
      .poll(status)
      .toMatch(/Settings replaced with the file’s: New cards per day: 10 → 7; Theme: System → Dark\.$/);
    expect(await settings()).toMatchObject({ newPerDay: 7, theme: 'dark' });
    await expect.poll(() => options.locator('input[name="newPerDay"]').inputValue()).toBe('7');
    expect(await countRows(options, 'reviews')).toBe(reviews + 1);
    await options.close();
  });

  it('says in words which review of a refused file is wrong and how, in the page’s language, and imports nothing', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.locator('button[name="export"]').click(),
    ]);
    const path = join(suite.profile.dir, 'to-break.json');
    await download.saveAs(path);
    const file = JSON.parse(readFileSync(path, 'utf8'));
    const [, cardId, , , , , , , , , , reviewedAt] = file.reviews[0];
    file.reviews[0][2] = 7;
    const broken = {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    };
    const date = new Date(reviewedAt).toISOString().slice(0, 10);
    const card = String(cardId).slice(0, 12);
    const status = () => options.locator('.backup-status').textContent();
    const reviews = await countRows(options, 'reviews');

    await options.locator('input[name="import"]').setInputFiles(broken);
    await expect.poll(status).toMatch(/^Nothing was imported\. Review 1 /);
    expect(await status()).toMatch(
      new RegExp(
        `^Nothing was imported\\. Review 1 \\(card "${card}[^"]*", ${date}\\): rating must be a whole number 1–4, found 7\\.$`,
      ),
    );
    expect(await options.locator('.import-preview').count()).toBe(0);
    expect(await countRows(options, 'reviews')).toBe(reviews);

    // The same file, the page in Chinese: the same facts in Chinese.
    await options.locator('select[name="uiLang"]').selectOption('zh');
    await options.locator('h1').filter({ hasText: '设置' }).waitFor();
    await options.locator('input[name="import"]').setInputFiles(broken);
    await expect.poll(status).toMatch(/^没有导入任何内容。/);
    expect(await status()).toMatch(
      new RegExp(
        `^没有导入任何内容。第 1 条复习记录（卡片“${card}[^”]*”，${date}）：rating 应为 1–4 的整数，实际是 7。$`,
      ),
    );
    expect(await countRows(options, 'reviews')).toBe(reviews);
    await options.locator('select[name="uiLang"]').selectOption('auto');
    await options.close();
  });
});
