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
    await expect(options.locator('.backup-status').textContent()).resolves.toMatch(/2 reviews/);

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
    await expect
      .poll(() => options.locator('.backup-status').textContent())
      .toMatch(/Imported 0 new reviews \(2 were already here\)/);
    expect(await countRows(options, 'reviews')).toBe(reviews);

    await options.locator('button[name="check"]').click();
    await expect.poll(() => options.locator('.backup-status').textContent()).toMatch(/consistent/);
    await options.close();
  });
});
