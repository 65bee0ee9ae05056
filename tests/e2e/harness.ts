import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page, type Worker } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

export const EXTENSION_DIR = resolve(import.meta.dirname, '../../.output/chrome-mv3');

const CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter((p): p is string => Boolean(p));

/** Debian's chromium (or $CHROMIUM_PATH). Tools that download their own browser do not work here. */
export function findChromium(): string | undefined {
  return CANDIDATES.find((p) => existsSync(p));
}

/**
 * Whether a browser's tests can run: its executable is among `candidates` and its build is in
 * `buildDir`. Without the browser they are skipped on a developer's machine, but under
 * CI=true a missing browser is a failure, never a skip; a missing build always fails.
 */
export function browserReady(
  name: string,
  candidates: readonly string[],
  buildDir: string,
  buildCommand: string,
): boolean {
  const found = candidates.find((p) => existsSync(p));
  if (!found && process.env.CI === 'true') {
    throw new Error(`No ${name} found (looked at ${candidates.join(', ')}). CI must run the browser tests.`);
  }
  if (!existsSync(join(buildDir, 'manifest.json'))) {
    throw new Error(`No ${name} build at ${buildDir}: run \`${buildCommand}\` first.`);
  }
  return Boolean(found);
}

/** Whether the Chromium tests can run (see `browserReady`). */
export function browserAvailable(): boolean {
  return browserReady('Chromium', CANDIDATES, EXTENSION_DIR, 'npm run build');
}

export interface Profile {
  dir: string;
  remove: () => void;
}

export function newProfile(): Profile {
  const dir = mkdtempSync(join(tmpdir(), 'llm-cards-profile-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * For a test suite: Chromium with the built extension on a fresh profile, started before
 * its tests and closed after them. A test may relaunch on the same profile by assigning
 * `suite.browser`.
 */
export function browserPerSuite(): { browser: Launched; profile: Profile } {
  const suite = {} as { browser: Launched; profile: Profile };
  beforeAll(async () => {
    suite.profile = newProfile();
    suite.browser = await launch(suite.profile.dir);
  });
  afterAll(async () => {
    await suite.browser?.close();
    suite.profile?.remove();
  });
  return suite;
}

export interface Launched {
  context: BrowserContext;
  worker: Worker;
  extensionId: string;
  close: () => Promise<void>;
}

export interface LaunchOptions {
  /**
   * On a fresh profile the extension opens its welcome page once, as for any new user. The
   * harness closes it so that a test starts with no tab of the extension's open; a test of
   * the welcome page itself keeps it.
   */
  keepWelcome?: boolean;
}

/**
 * Starts Chromium with the built extension on a persistent profile, headless. On a fresh
 * profile it waits for the welcome page the extension opens on install and closes it
 * (unless `keepWelcome`).
 */
export async function launch(
  profileDir: string,
  extensionDir = EXTENSION_DIR,
  { keepWelcome = false }: LaunchOptions = {},
): Promise<Launched> {
  const fresh = !existsSync(join(profileDir, 'Default'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: findChromium()!,
    headless: true,
    locale: 'en-US',
    viewport: { width: 1100, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--lang=en-US',
    ],
  });
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
  const extensionId = new URL(worker.url()).host;
  if (fresh && !keepWelcome) await (await welcomePage(context)).close();
  return { context, worker, extensionId, close: () => context.close() };
}

/** The welcome page the extension opens on install, once it is there (10 s at most). */
export async function welcomePage(context: BrowserContext): Promise<Page> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const page = context.pages().find((p) => p.url().endsWith('/welcome.html'));
    if (page) return page;
    if (Date.now() > deadline) throw new Error('The welcome page did not open on a fresh install.');
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Turns on chrome://extensions' developer mode, as a person who loads an unpacked extension
 * does: Chromium otherwise disables an unpacked extension the moment it is reloaded.
 */
export async function developerMode(l: Launched): Promise<void> {
  const page = await l.context.newPage();
  await page.goto('chrome://extensions/');
  await page.evaluate(
    () =>
      new Promise((res) =>
        chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, () => res(null)),
      ),
  );
  await page.close();
}

/**
 * Reloads the extension from its folder the way chrome://extensions' Reload button does
 * (the path an installed update takes too: the old worker stops, the new code loads), and
 * returns the new service worker.
 */
export async function reloadExtension(l: Launched): Promise<Worker> {
  await developerMode(l);
  const page = await l.context.newPage();
  await page.goto('chrome://extensions/');
  const next = l.context.waitForEvent('serviceworker');
  const error = await page.evaluate(
    (id) =>
      new Promise<string | null>((res) =>
        chrome.developerPrivate.reload(id, { failQuietly: false }, () =>
          res(chrome.runtime.lastError?.message ?? null),
        ),
      ),
    l.extensionId,
  );
  if (error) throw new Error(`reload failed: ${error}`);
  const worker = await next;
  await page.close();
  return worker;
}

/** The service worker of the extension, waiting for it to come back if Chromium stopped it. */
export async function serviceWorker(context: BrowserContext): Promise<Worker> {
  return context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
}

/** What the toolbar badge shows now. */
export async function badgeText(context: BrowserContext): Promise<string> {
  const worker = await serviceWorker(context);
  return worker.evaluate(() => chrome.action.getBadgeText({}));
}

/**
 * Opens a new tab the way a person does and waits until it shows a question, "all caught
 * up", or (when pacing says this tab does not study) the calm page.
 */
export async function openNewTab(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.goto('chrome://newtab/');
  // A tab may paint a prepared card first; wait until the queue has confirmed what is shown.
  await page.locator('.study-card[data-confirmed="true"], .caught-up, .calm').first().waitFor();
  return page;
}

export async function openExtensionPage(l: Launched, path: string): Promise<Page> {
  const page = await l.context.newPage();
  await page.goto(`chrome-extension://${l.extensionId}/${path}`);
  return page;
}

/** The card on screen once the queue has confirmed it. */
export async function shownCardId(page: Page): Promise<string | null> {
  return page.locator('.study-card[data-confirmed="true"]').getAttribute('data-card-id');
}

/** Waits until the page shows something other than card `id` (the next card or "all caught up"). */
export async function waitForOtherCard(page: Page, id: string | null): Promise<void> {
  await page.waitForFunction((shown) => {
    if (document.querySelector('.caught-up')) return true;
    const card = document.querySelector('.study-card[data-confirmed="true"]');
    return card !== null && card.getAttribute('data-card-id') !== shown;
  }, id);
}

/** Reveals the card on screen, rates it with `key`, and waits for what comes next. */
export async function revealAndRate(page: Page, key: string): Promise<void> {
  const id = await shownCardId(page);
  await page.keyboard.press('Space');
  await page.keyboard.press(key);
  await waitForOtherCard(page, id);
}

/**
 * Before a test edits schedules by hand (`letTimePass`, `makeDue`): turns sync off in this
 * profile. A sync round rebuilds each card from its review log, so it would undo a schedule
 * no rating gave (which only a test makes).
 */
async function stopSyncForTimeTravel(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const { settings } = await chrome.storage.local.get('settings');
    const current = (settings ?? {}) as Record<string, unknown>;
    if (current.sync !== false) await chrome.storage.local.set({ settings: { ...current, sync: false } });
  });
}

/**
 * Moves every schedule and log `ms` into the past, as if that much time had gone by.
 * Test set-up only: the extension itself never rewrites history.
 */
export async function letTimePass(page: Page, ms: number): Promise<void> {
  await stopSyncForTimeTravel(page);
  await page.evaluate(async (shift) => {
    // Cards prepared for the next tab were picked before this "time" passed.
    for (const k of Object.keys(localStorage))
      if (k.startsWith('llm-cards:prepared:')) localStorage.removeItem(k);
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('llm-cards');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    await new Promise<void>((res, rej) => {
      const tx = db.transaction(['cards', 'reviews', 'meta'], 'readwrite');
      const cards = tx.objectStore('cards');
      cards.openCursor().onsuccess = (e) => {
        const c = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
        if (!c) return;
        const v = c.value;
        v.due -= shift;
        if (v.reviewDue !== undefined) v.reviewDue -= shift;
        if (v.buriedUntil !== undefined) v.buriedUntil -= shift;
        if (v.resetAt !== undefined) v.resetAt -= shift;
        if (v.last_review !== null) v.last_review -= shift;
        c.update(v);
        c.continue();
      };
      const reviews = tx.objectStore('reviews');
      reviews.openCursor().onsuccess = (e) => {
        const c = (e.target as IDBRequest<IDBCursorWithValue | null>).result;
        if (!c) return;
        c.update({ ...c.value, review: c.value.review - shift, due: c.value.due - shift });
        c.continue();
      };
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
    db.close();
  }, ms);
}

/** One card record as stored, read from an extension page. */
export async function readCard(page: Page, id: string): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(async (cardId) => {
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('llm-cards');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    const card = await new Promise<Record<string, unknown> | undefined>((res) => {
      const req = db.transaction('cards').objectStore('cards').get(cardId);
      req.onsuccess = () => res(req.result as Record<string, unknown> | undefined);
    });
    db.close();
    return card;
  }, id);
}

/** Counts rows in one of the extension's stores, read from an extension page. */
export async function countRows(page: Page, store: 'cards' | 'reviews'): Promise<number> {
  return page.evaluate(countRowsIn, store);
}

/**
 * Runs inside an extension page (Chromium's or Firefox's): counts the rows of one store of
 * the `llm-cards` database. Self-contained, as the browser gets it as source text.
 */
export async function countRowsIn(name: 'cards' | 'reviews'): Promise<number> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const r = indexedDB.open('llm-cards');
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  const n = await new Promise<number>((res) => {
    const req = db.transaction(name).objectStore(name).count();
    req.onsuccess = () => res(req.result);
  });
  db.close();
  return n;
}

/** Test set-up: makes one card a review that fell due an hour ago, so it is the next one shown. */
export async function makeDue(page: Page, cardId: string): Promise<void> {
  await stopSyncForTimeTravel(page);
  await page.evaluate(async (id) => {
    for (const k of Object.keys(localStorage))
      if (k.startsWith('llm-cards:prepared:')) localStorage.removeItem(k);
    const db = await new Promise<IDBDatabase>((res, rej) => {
      const r = indexedDB.open('llm-cards');
      r.onsuccess = () => res(r.result);
      r.onerror = () => rej(r.error);
    });
    await new Promise<void>((res, rej) => {
      const tx = db.transaction('cards', 'readwrite');
      const store = tx.objectStore('cards');
      const get = store.get(id);
      get.onsuccess = () => {
        const now = Date.now();
        // As lib/db/queue-keys.ts stores a scheduled card: indexed by reviewDue, not newOrder.
        const { newOrder: _, ...card } = get.result;
        store.put({
          ...card,
          reviewDue: now - 3_600_000,
          state: 2,
          due: now - 3_600_000,
          last_review: now - 3 * 86_400_000,
          stability: 3,
          difficulty: 5,
          reps: 2,
          scheduled_days: 3,
        });
      };
      tx.oncomplete = () => res();
      tx.onerror = () => rej(tx.error);
    });
    db.close();
  }, cardId);
}

const SECTION_IDS = ['basics', 'advanced', 'llm', 'distributed', 'inference'] as const;

/** Ticks or unticks every section in the options page, as a person does, and waits until it is stored. */
export async function setEverySection(options: Page, on: boolean): Promise<void> {
  for (const section of SECTION_IDS) {
    const box = options.locator(`input[name="section-${section}"]`);
    await (on ? box.check() : box.uncheck());
  }
  await expect
    .poll(() =>
      options.evaluate(() =>
        chrome.storage.local
          .get('settings')
          .then((s) => (s.settings as { disabledSections: string[] }).disabledSections.length),
      ),
    )
    .toBe(on ? 0 : SECTION_IDS.length);
}

/**
 * The date `days` after today's study day (which begins at 4:00), as the stored settings
 * hold it (`iso`) and as a person types it into Chromium's en-US date field (`typed`).
 */
export function studyDateIn(page: Page, days: number): Promise<{ iso: string; typed: string }> {
  return page.evaluate((n) => {
    const d = new Date(Date.now() - 4 * 3_600_000);
    d.setDate(d.getDate() + n);
    return {
      iso: d.toLocaleDateString('sv'),
      typed: d
        .toLocaleDateString('en-US', { month: '2-digit', day: '2-digit', year: 'numeric' })
        .replace(/\D/g, ''),
    };
  }, days);
}

/** Adds an interview in the options page and types its date over the default, as a person does. */
export async function addInterview(options: Page, typedDate: string): Promise<Locator> {
  await options.getByRole('button', { name: 'Add interview' }).click();
  const interview = options.locator('fieldset.interview').last();
  const date = interview.getByLabel('Date');
  await expect.poll(() => date.evaluate((e) => e === document.activeElement)).toBe(true);
  await date.press('ArrowLeft');
  await date.press('ArrowLeft');
  await options.keyboard.type(typedDate);
  return interview;
}

/**
 * Runs inside an extension page (Chromium's or Firefox's): every studied card's schedule
 * and settings, and every rating's id, as stored. Self-contained, like `countRowsIn`.
 */
export async function studiedIn(): Promise<{ cards: Record<string, unknown>[]; reviews: string[] }> {
  const db = await new Promise<IDBDatabase>((res, rej) => {
    const r = indexedDB.open('llm-cards');
    r.onsuccess = () => res(r.result);
    r.onerror = () => rej(r.error);
  });
  const all = <T>(store: string) =>
    new Promise<T[]>((res) => {
      const req = db.transaction(store).objectStore(store).getAll();
      req.onsuccess = () => res(req.result as T[]);
    });
  const cards = await all<Record<string, unknown>>('cards');
  const reviews = await all<{ id: string }>('reviews');
  db.close();
  const fields = [
    'id',
    'due',
    'stability',
    'difficulty',
    'state',
    'reps',
    'lapses',
    'last_review',
    'suspended',
  ];
  return {
    cards: cards
      .filter((c) => Number(c.reps) > 0 || c.suspended)
      .map((c) => Object.fromEntries(fields.map((f) => [f, c[f] ?? null]))),
    reviews: reviews.map((r) => r.id).sort(),
  };
}
