import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderInline, renderMarkdown } from '../../build/bank/render';
import { DB_VERSION } from '../../lib/db/schema';
import { filesUnder } from '../../scripts/package-bytes';
import {
  EXTENSION_DIR,
  badgeText,
  browserAvailable,
  countRows,
  launch,
  newProfile,
  openExtensionPage,
  openNewTab,
  revealAndRate,
  serviceWorker,
  browserPerSuite,
  type Launched,
  developerMode,
  reloadExtension,
} from './harness';

describe('the built bundle', () => {
  it('has no eval, no new Function, no remote script, and the default CSP', () => {
    const code = filesUnder(EXTENSION_DIR)
      .filter((f) => f.endsWith('.js') || f.endsWith('.html'))
      .map((f) => [f, readFileSync(f, 'utf8')] as const);
    expect(code.length).toBeGreaterThan(3);
    for (const [file, text] of code) {
      expect(text, file).not.toMatch(/\beval\s*\(/);
      expect(text, file).not.toMatch(/new\s+Function\s*\(/);
      expect(text, file).not.toMatch(/<script[^>]+src=["']https?:/i);
      expect(text, file).not.toMatch(/importScripts\s*\(\s*["']https?:/);
    }
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.content_security_policy).toBeUndefined();
    expect(manifest.permissions).toEqual(['storage', 'alarms']);
    expect(manifest.host_permissions).toBeUndefined();
  });
});

describe.runIf(browserAvailable())('reliability in Chromium', () => {
  const suite = browserPerSuite();

  it('loses no rating when the service worker is stopped mid-session; badge and alarm come back', async () => {
    const tab = await openNewTab(suite.browser.context);
    await revealAndRate(tab, '3');
    const cdp = await suite.browser.context.newCDPSession(tab);
    await cdp.send('ServiceWorker.enable');
    await cdp.send('ServiceWorker.stopAllWorkers');
    // The next rating wakes the worker up.
    await revealAndRate(tab, '3');
    await revealAndRate(tab, '1');
    expect(await countRows(tab, 'reviews')).toBe(3);
    const worker = await serviceWorker(suite.browser.context);
    // The worker sleeps until the badge can change: the card rated Again falls due in minutes.
    const nextDue = await tab.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('llm-cards');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const cards = await new Promise<{ reviewDue?: number }[]>((res) => {
        const q = db.transaction('cards').objectStore('cards').getAll();
        q.onsuccess = () => res(q.result);
      });
      db.close();
      return Math.min(...cards.map((c) => c.reviewDue ?? Infinity).filter((d) => d > Date.now()));
    });
    await expect
      .poll(() =>
        worker.evaluate(() =>
          (
            globalThis as unknown as {
              chrome: {
                alarms: {
                  get(n: string): Promise<{ periodInMinutes?: number; scheduledTime: number } | undefined>;
                };
              };
            }
          ).chrome.alarms.get('refresh-badge'),
        ),
      )
      .toMatchObject({ scheduledTime: nextDue });
    const alarm = await worker.evaluate(() =>
      (
        globalThis as unknown as { chrome: { alarms: { get(n: string): Promise<object> } } }
      ).chrome.alarms.get('refresh-badge'),
    );
    expect(alarm).not.toHaveProperty('periodInMinutes');
    expect(nextDue - Date.now()).toBeLessThan(15 * 60_000);
    expect(await badgeText(suite.browser.context)).toBe('');
    await tab.close();
  });

  it('renders <script>, onerror and javascript: links from Markdown inert', async () => {
    const hostile =
      'x <script>window.__pwned = 1</script> <img src=x onerror="window.__pwned = 2"> [click](javascript:window.__pwned=3) <svg onload="window.__pwned=4">';
    const html = renderMarkdown(hostile);
    const page = await openExtensionPage(suite.browser, 'blank.html');
    // Put a question with the compiled hostile HTML where the next new tab paints from.
    await page.evaluate(
      ({ answer, question }) => {
        const card = {
          id: 'hostile',
          section: 'basics',
          topics: ['attention'],
          order: 0,
          inBank: true,
          due: Date.now(),
          stability: 0,
          difficulty: 0,
          elapsed_days: 0,
          scheduled_days: 0,
          learning_steps: 0,
          reps: 0,
          lapses: 0,
          state: 0,
          last_review: null,
        };
        const q = {
          id: 'hostile',
          section: 'basics',
          topics: ['attention'],
          difficulty: 1,
          refs: [],
          checked: '2026-11',
          hasMath: false,
          zh: { question, answer },
          en: { question, answer },
        };
        const labels = {
          ui: 'en',
          content: 'en',
          section: 'Basics',
          topics: 'Attention',
          reveal: 'Show answer',
          revealHint: 'Space',
          dueNow: 'Due',
          newLeft: 'New',
          reviewedToday: 'Reviewed',
        };
        localStorage.setItem(
          'llm-cards:prepared:next',
          JSON.stringify({
            v: 2,
            card,
            question: q,
            counts: { due: 0, newLeft: 1, nextDue: null, reviewedToday: 0 },
            at: Date.now(),
            labels,
          }),
        );
      },
      { answer: html, question: renderInline(hostile) },
    );
    await page.close();
    const dialogs: string[] = [];
    suite.browser.context.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const tab = await suite.browser.context.newPage();
    await tab.goto('chrome://newtab/');
    await tab.locator('.question').first().waitFor();
    await tab.waitForTimeout(500);
    expect(await tab.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await tab.locator('script:not([src])').count()).toBe(0);
    expect(await tab.locator('[onerror], [onload]').count()).toBe(0);
    expect(await tab.locator('a[href^="javascript:"]').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await tab.close();
  });

  it('says so clearly when the disk is full, writes nothing half, and export still works', async () => {
    const tab = await openNewTab(suite.browser.context);
    const reviews = await countRows(tab, 'reviews');
    // Chromium does not enforce a quota override on extension origins, so the worker's
    // IndexedDB is made to fail the way a full disk does: the write transaction aborts
    // with a QuotaExceededError.
    const worker = await serviceWorker(suite.browser.context);
    await worker.evaluate(() => {
      const g = globalThis as unknown as { __diskFull?: boolean; IDBObjectStore: typeof IDBObjectStore };
      g.__diskFull = true;
      const add = g.IDBObjectStore.prototype.add;
      g.IDBObjectStore.prototype.add = function (
        this: IDBObjectStore,
        ...args: Parameters<IDBObjectStore['add']>
      ) {
        const request = add.apply(this, args);
        if (g.__diskFull) {
          const tx = this.transaction;
          Object.defineProperty(tx, 'error', {
            value: new DOMException('The quota has been exceeded.', 'QuotaExceededError'),
          });
          tx.abort();
        }
        return request;
      };
    });
    await tab.keyboard.press('Space');
    await tab.keyboard.press('3');
    await expect
      .poll(() => tab.locator('.error').textContent(), { timeout: 10_000 })
      .toMatch(/disk is full|not saved/i);
    expect(await countRows(tab, 'reviews')).toBe(reviews);
    const options = await openExtensionPage(suite.browser, 'options.html');
    const [download] = await Promise.all([
      options.waitForEvent('download'),
      options.locator('button[name="export"]').click(),
    ]);
    const backup = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(backup.reviews).toHaveLength(reviews);
    await worker.evaluate(() => ((globalThis as unknown as { __diskFull?: boolean }).__diskFull = false));
    // With space again, "try again" stores the same rating once.
    await tab.keyboard.press('3');
    await expect.poll(() => countRows(tab, 'reviews'), { timeout: 10_000 }).toBe(reviews + 1);
    await Promise.all([tab.close(), options.close()]);
  });
});

describe.runIf(browserAvailable())('an extension update', () => {
  it('keeps all data and settings when the next version loads over the same profile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-cards-ext-'));
    const profile = newProfile();
    try {
      cpSync(EXTENSION_DIR, dir, { recursive: true });
      let browser = await launch(profile.dir, dir);
      const tab = await openNewTab(browser.context);
      await revealAndRate(tab, '3');
      await revealAndRate(tab, '4');
      const options = await openExtensionPage(browser, 'options.html');
      await options.locator('input[name="section-llm"]').uncheck();
      await options.locator('select[name="theme"]').selectOption('dark');
      await expect.poll(() => options.locator('.saved-note', { hasText: /\S/ }).count()).toBe(1);
      const before = { reviews: await countRows(tab, 'reviews'), cards: await countRows(tab, 'cards') };
      await browser.close();
      // The next version: same place on disk, a higher version number.
      const manifestPath = join(dir, 'manifest.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
      writeFileSync(manifestPath, JSON.stringify({ ...manifest, version: '99.0.0' }));
      browser = await launch(profile.dir, dir);
      const version = await browser.worker.evaluate(
        () =>
          (
            globalThis as unknown as { chrome: { runtime: { getManifest(): { version: string } } } }
          ).chrome.runtime.getManifest().version,
      );
      expect(version).toBe('99.0.0');
      const after = await openNewTab(browser.context);
      expect({ reviews: await countRows(after, 'reviews'), cards: await countRows(after, 'cards') }).toEqual(
        before,
      );
      expect(await after.locator('.study-card').getAttribute('data-section')).not.toBe('llm');
      expect(await after.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
      await browser.close();
    } finally {
      profile.remove();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.runIf(browserAvailable())('a schema upgrade', () => {
  it('turns a version 3 database into the current version in Chromium, keeping every card and review', async () => {
    const profile = newProfile();
    try {
      let browser = await launch(profile.dir);
      const tab = await openNewTab(browser.context);
      await revealAndRate(tab, '3');
      await revealAndRate(tab, '1');
      // Rebuild the database exactly as version 3 left it (its stores and indexes), with this
      // profile's data and one card made a review that fell due an hour ago.
      const before = await tab.evaluate(async () => {
        const req = <T>(r: IDBRequest<T>) =>
          new Promise<T>((res, rej) => {
            r.onsuccess = () => res(r.result);
            r.onerror = () => rej(r.error);
          });
        const open = (version?: number, upgrade?: (db: IDBDatabase) => void) =>
          new Promise<IDBDatabase>((res, rej) => {
            const r =
              version === undefined ? indexedDB.open('llm-cards') : indexedDB.open('llm-cards', version);
            if (upgrade) r.onupgradeneeded = () => upgrade(r.result);
            r.onsuccess = () => res(r.result);
            r.onerror = () => rej(r.error);
          });
        const db = await open();
        const tx = db.transaction(['cards', 'reviews', 'meta']);
        const cards = await req(tx.objectStore('cards').getAll());
        const reviews = await req(tx.objectStore('reviews').getAll());
        const metaKeys = await req(tx.objectStore('meta').getAllKeys());
        const meta = await req(tx.objectStore('meta').getAll());
        db.close();
        const due = cards.find((c) => c.state === 0 && c.newOrder !== undefined)!;
        const hourAgo = Date.now() - 3_600_000;
        Object.assign(due, {
          state: 2,
          due: hourAgo,
          reviewDue: hourAgo,
          stability: 5,
          reps: 2,
          last_review: Date.now() - 6 * 86_400_000,
        });
        delete due.newOrder;
        await new Promise<void>((res, rej) => {
          const r = indexedDB.deleteDatabase('llm-cards');
          r.onsuccess = () => res();
          r.onerror = () => rej(r.error);
        });
        const v3 = await open(3, (d) => {
          const c = d.createObjectStore('cards', { keyPath: 'id' });
          c.createIndex('due', 'due');
          c.createIndex('reviewDue', 'reviewDue');
          c.createIndex('newOrder', 'newOrder');
          const r = d.createObjectStore('reviews', { keyPath: 'id' });
          r.createIndex('review', 'review');
          r.createIndex('cardId', 'cardId');
          d.createObjectStore('meta');
          d.createObjectStore('logPages');
        });
        const w = v3.transaction(['cards', 'reviews', 'meta'], 'readwrite');
        for (const c of cards) w.objectStore('cards').put(c);
        for (const r of reviews) w.objectStore('reviews').put(r);
        metaKeys.forEach((k, i) => w.objectStore('meta').put(meta[i], k));
        await new Promise((res) => (w.oncomplete = res));
        v3.close();
        return { cards, reviews, dueId: due.id as string };
      });
      expect(before.reviews).toHaveLength(2);
      await browser.close();

      browser = await launch(profile.dir);
      const popup = await openExtensionPage(browser, 'popup.html');
      // The queue reads the upgraded database by its new indexes: one review is due.
      await expect.poll(() => popup.locator('[data-count="due"]').textContent()).toBe('1');
      await expect
        .poll(() => popup.locator('.study-card[data-confirmed="true"]').getAttribute('data-card-id'))
        .toBe(before.dueId);
      const after = await popup.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((res, rej) => {
          const r = indexedDB.open('llm-cards');
          r.onsuccess = () => res(r.result);
          r.onerror = () => rej(r.error);
        });
        const get = <T>(r: IDBRequest<T>) => new Promise<T>((res) => (r.onsuccess = () => res(r.result)));
        const tx = db.transaction(['cards', 'reviews']);
        const out = {
          version: db.version,
          cards: await get(tx.objectStore('cards').getAll()),
          reviews: await get(tx.objectStore('reviews').getAll()),
          indexes: [...tx.objectStore('cards').indexNames, ...tx.objectStore('reviews').indexNames].sort(),
          stores: [...db.objectStoreNames].sort(),
        };
        db.close();
        return out;
      });
      expect(after.version).toBe(DB_VERSION);
      // Version 3's cache of the log is gone; every card and review is as it was.
      expect(after.stores).toEqual(['cards', 'meta', 'reviews']);
      expect(after.indexes).toEqual([
        'cardId',
        'due',
        'newOrder',
        'review',
        'reviewDue',
        'stateDue',
        'stateReview',
      ]);
      expect(after.reviews).toEqual(before.reviews);
      expect(after.cards).toEqual(before.cards);
      await browser.close();
    } finally {
      profile.remove();
    }
  });
});

describe.runIf(browserAvailable())('an update that keeps studying', () => {
  /** The files of the build, as a version `version` installed at `dir`. */
  const install = (dir: string, version: string) => {
    cpSync(EXTENSION_DIR, dir, { recursive: true });
    const path = join(dir, 'manifest.json');
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, 'utf8')), version }));
  };
  const manifestVersion = (w: Launched['worker']) => w.evaluate(() => chrome.runtime.getManifest().version);

  it('goes on storing ratings after the extension reloads onto a new version, as Chrome updates it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'llm-cards-ext-'));
    const profile = newProfile();
    let browser: Launched | undefined;
    try {
      install(dir, '0.0.1');
      browser = await launch(profile.dir, dir);
      const tab = await openNewTab(browser.context);
      await revealAndRate(tab, '3');
      await revealAndRate(tab, '4');
      const before = await countRows(tab, 'reviews');
      // The new version's files land in place; the extension is reloaded from disk, which is
      // what chrome://extensions' Reload does and what an installed update triggers.
      install(dir, '99.0.0');
      const worker = await reloadExtension(browser);
      expect(await manifestVersion(worker)).toBe('99.0.0');
      const after = await openNewTab(browser.context);
      expect(await countRows(after, 'reviews')).toBe(before);
      await revealAndRate(after, '3');
      await expect.poll(() => countRows(after, 'reviews')).toBe(before + 1);
      // The statistics count every rating, before and after the update.
      const stats = await openExtensionPage(browser, 'stats.html');
      await expect.poll(() => stats.locator('[data-stat="total"]').textContent()).toBe(String(before + 1));
    } finally {
      await browser?.close();
      profile.remove();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says so, instead of failing each rating, when the database is newer than the running code', async () => {
    const profile = newProfile();
    let browser: Launched | undefined;
    try {
      browser = await launch(profile.dir);
      // Unpacked, as in a developer's browser: a restart must not disable it.
      await developerMode(browser);
      const tab = await openNewTab(browser.context);
      await revealAndRate(tab, '3');
      // The next version's pages upgrade the database while this version still runs.
      await tab.evaluate(
        (version) =>
          new Promise<void>((res, rej) => {
            const r = indexedDB.open('llm-cards', version);
            r.onsuccess = () => (r.result.close(), res());
            r.onerror = () => rej(r.error);
          }),
        DB_VERSION + 1,
      );
      // A page of this version says what happened and what to do.
      const page = await browser.context.newPage();
      await page.goto('chrome://newtab/');
      await expect(page.locator('[role="alert"]').textContent()).resolves.toMatch(/updated.*Reload the page/);
      // So does the worker, when asked to store a rating: in words, with "!" on the toolbar,
      // and it restarts itself once to run the new code.
      const reply = await tab.evaluate(() =>
        chrome.runtime.sendMessage({
          type: 'grade',
          reviewId: 'r-x',
          cardId: 'x',
          rating: 3,
          reviewedAt: Date.now(),
        }),
      );
      expect(reply).toMatchObject({ ok: false, message: expect.stringMatching(/just updated/) });
      // Read from an extension page: the restart closes the ones open before it.
      await expect
        .poll(async () => {
          const page = await openExtensionPage(browser!, 'blank.html').catch(() => null);
          const stored = await page
            ?.evaluate(() => chrome.storage.local.get('restarted-for-newer-database'))
            .catch(() => ({}));
          await page?.close().catch(() => {});
          return stored ?? {};
        })
        .toHaveProperty('restarted-for-newer-database');
    } finally {
      await browser?.close();
      profile.remove();
    }
  });
});
