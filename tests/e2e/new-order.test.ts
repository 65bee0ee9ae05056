import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readBank } from '../../build/bank/compile';
import { sensibleOrder, shuffledOrder, STARTER_IDS } from '../../lib/bank/new-order';
import type { Page } from 'playwright-core';
import {
  browserAvailable,
  browserPerSuite,
  openExtensionPage,
  openNewTab,
  readCard,
  shownCardId,
} from './harness';

const { entries } = readBank(resolve(import.meta.dirname, '../../questions'));
const sectionOf = new Map(entries.map((e) => [e.id, e.section]));

describe.runIf(browserAvailable())('the order new cards come in, in Chromium', () => {
  const suite = browserPerSuite();
  /** Cards the tabs showed (and left unrated): for half an hour the next tabs pass over them. */
  const shown = new Set<string>();

  /** The cards `n` new tabs opened in a row show (each passes over those the others show). */
  async function tabsInARow(n: number): Promise<string[]> {
    const tabs: Page[] = [];
    for (let i = 0; i < n; i++) tabs.push(await openNewTab(suite.browser.context));
    const ids = await Promise.all(tabs.map(async (t) => (await shownCardId(t))!));
    await Promise.all(tabs.map((t) => t.close()));
    ids.forEach((id) => shown.add(id));
    return ids;
  }

  /** Sets the order in the settings as the options page stores it, and waits until the worker has re-keyed the cards. */
  async function chooseOrder(newOrder: string, first: (page: Page) => Promise<string>): Promise<void> {
    const page = await openExtensionPage(suite.browser, 'blank.html');
    await page.evaluate(async (order) => {
      const current = ((await chrome.storage.local.get('settings')).settings ?? {}) as object;
      await chrome.storage.local.set({ settings: { ...current, newOrder: order } });
    }, newOrder);
    const id = await first(page);
    await expect.poll(async () => (await readCard(page, id))?.order, { timeout: 10_000 }).toBe(0);
    await page.close();
  }

  it('shows a fresh profile the starters first, from more than one section, foundations first', async () => {
    const ids = await tabsInARow(4);
    expect(ids).toEqual(sensibleOrder(entries, STARTER_IDS).slice(0, 4));
    expect(new Set(ids.map((id) => sectionOf.get(id))).size).toBeGreaterThan(1);
  });

  it('follows the bank order once the settings say so: Basics first, alphabetically', async () => {
    await chooseOrder('bank', async () => entries[0]!.id);
    const ids = await tabsInARow(3);
    expect(ids).toEqual(entries.slice(0, 3).map((e) => e.id));
    expect(ids.map((id) => sectionOf.get(id))).toEqual(['basics', 'basics', 'basics']);
  });

  it('follows this install’s shuffle, the same on every tab', async () => {
    let expected: string[] = [];
    await chooseOrder('shuffled', async (page) => {
      const seed = await page.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open('llm-cards');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        for (;;) {
          const got = await new Promise<unknown>((res) => {
            const req = db.transaction('meta').objectStore('meta').get('shuffle-seed');
            req.onsuccess = () => res(req.result);
          });
          if (typeof got === 'number') return (db.close(), got);
          await new Promise((r) => setTimeout(r, 50));
        }
      });
      expected = shuffledOrder(
        entries.map((e) => e.id),
        seed,
      );
      return expected[0]!;
    });
    // The first cards of the shuffle that earlier tabs did not just show (those are passed over).
    const next = expected.filter((id) => !shown.has(id)).slice(0, 3);
    expect(await tabsInARow(3)).toEqual(next);
  });
});
