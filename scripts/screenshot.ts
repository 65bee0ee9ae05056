// Screenshots for the README, in English with the light theme and in Chinese with the dark
// one: the new tab (an answer at 1280×800, and at 683 px), the popup at its real size, the
// options, browse at 683 px, the break page, the welcome page, and the statistics page
// (after a year of made-up study).
// Usage: npm run build && npx tsx scripts/screenshot.ts [light-card-id] [dark-card-id]
//        npx tsx scripts/screenshot.ts --stats   (the statistics page only)
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CardRecord, ReviewRecord } from '../lib/db/schema';
import { makeBackup } from '../lib/backup/format';
import { DEFAULT_SETTINGS } from '../lib/settings/model';
import { gradeCard, makeScheduler, newSchedulingState, State, type Grade } from '../lib/srs/schedule';
import type { Page } from 'playwright-core';
import { launch, makeDue, newProfile, openExtensionPage, openNewTab } from '../tests/e2e/harness';

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const CARD = args[0] ?? 'layernorm-vs-rmsnorm-formula';
const DARK_CARD = args[1] ?? 'swiglu-ffn-8-3-hidden-size';
mkdirSync('docs', { recursive: true });
if (!process.argv.includes('--stats')) await studyScreenshots();
await statsScreenshots();

async function studyScreenshots() {
  const profile = newProfile();
  const browser = await launch(profile.dir);
  const written: string[] = [];
  const shot = async (page: Page, name: string, fullPage = false) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: `docs/${name}.png`, fullPage });
    written.push(`docs/${name}.png`);
  };
  try {
    await (await openNewTab(browser.context)).close();
    const setup = await openExtensionPage(browser, 'blank.html');
    const options = await openExtensionPage(browser, 'options.html');
    const settings = async (lang: 'en' | 'zh', theme: 'light' | 'dark') => {
      await options.locator('select[name="uiLang"]').selectOption(lang);
      await options.locator('select[name="contentLang"]').selectOption(lang);
      await options.locator('select[name="theme"]').selectOption(theme);
      await options.waitForTimeout(300);
    };

    // English, light: the answer with its ratings in view (1280×800), the same card at 683 px.
    await settings('en', 'light');
    await shot(options, 'options');
    // A number out of range: kept as typed, said why, not saved.
    const perDay = options.locator('input[name="newPerDay"]');
    await perDay.scrollIntoViewIfNeeded();
    await options.evaluate(() => scrollBy(0, -120));
    await perDay.fill('-5');
    await options.locator('.field-error').waitFor();
    await shot(options, 'options-limits');
    await perDay.fill('10');
    await options.evaluate(() => scrollTo(0, 0));
    await makeDue(setup, CARD);
    const light = await openNewTab(browser.context);
    await light.setViewportSize({ width: 1280, height: 800 });
    await light.keyboard.press('Space');
    await light.locator('.answer .katex').first().waitFor();
    await shot(light, 'newtab');
    await light.setViewportSize({ width: 683, height: 800 });
    await shot(light, 'newtab-683');
    await light.keyboard.press('3');
    await light.close();
    const popup = await openExtensionPage(browser, 'popup.html');
    await popup.setViewportSize({ width: 420, height: 600 });
    await popup.locator('.study-card, .caught-up').first().waitFor();
    await shot(popup, 'popup');
    await popup.close();
    const browse = await openExtensionPage(browser, 'browse.html');
    await browse.setViewportSize({ width: 683, height: 900 });
    await browse.locator(`.result-list .result[data-card-id="${CARD}"]`).click();
    await browse.locator('.card-detail').waitFor();
    await shot(browse, 'browse-683');
    await browse.close();
    const welcome = await openExtensionPage(browser, 'welcome.html');
    await welcome.locator('.welcome-ratings').waitFor();
    await shot(welcome, 'welcome', true);
    await welcome.close();

    // Chinese, dark.
    await settings('zh', 'dark');
    await shot(options, 'options-zh-dark');
    await makeDue(setup, DARK_CARD);
    const dark = await openNewTab(browser.context);
    await dark.setViewportSize({ width: 1280, height: 800 });
    await dark.keyboard.press('Space');
    await dark.locator('.answer .katex').first().waitFor();
    await shot(dark, 'newtab-zh-dark');
    const popupZh = await openExtensionPage(browser, 'popup.html');
    await popupZh.setViewportSize({ width: 420, height: 600 });
    await popupZh.locator('.study-card, .caught-up').first().waitFor();
    await shot(popupZh, 'popup-zh-dark');
    await dark.getByRole('button', { name: '休息 1 小时' }).click();
    await dark.locator('.calm .reviewed-today').waitFor();
    await shot(dark, 'calm-zh-dark');
    const welcomeZh = await openExtensionPage(browser, 'welcome.html');
    await welcomeZh.locator('.welcome-ratings').waitFor();
    await shot(welcomeZh, 'welcome-zh-dark', true);
    console.log(`wrote ${written.join(', ')}`);
  } finally {
    await browser.close();
    profile.remove();
  }
}

/** A deterministic pseudo-random stream, so every run draws the same history. */
function rng(seed: number) {
  let x = seed >>> 0;
  return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

type BankCard = Pick<CardRecord, 'id' | 'section' | 'topics' | 'order'>;

/**
 * A plausible year of study through FSRS itself: most days a session in the evening (fewer
 * at weekends, a few weeks off), three new cards a day in bank order, every due card rated,
 * about one lapse in ten; the last two weeks every day, today included.
 */
function madeUpHistory(
  bank: readonly BankCard[],
  now: number,
): { cards: CardRecord[]; reviews: ReviewRecord[] } {
  const rand = rng(7);
  const f = makeScheduler({ retention: 0.9, fuzz: false });
  const DAY = 86_400_000;
  const cards = bank.map(
    (b) => ({ ...b, ...newSchedulingState(now - 330 * DAY), inBank: true }) as CardRecord,
  );
  const byOrder = [...cards].sort((a, b) => a.order - b.order);
  const reviews: ReviewRecord[] = [];
  const pick = (state: State): Grade => {
    const x = rand();
    if (state === State.New) return x < 0.2 ? 1 : x < 0.3 ? 2 : x < 0.9 ? 3 : 4;
    if (state === State.Review) return x < 0.09 ? 1 : x < 0.22 ? 2 : x < 0.92 ? 3 : 4;
    return x < 0.15 ? 1 : 3;
  };
  for (let d = 330; d >= 0; d--) {
    const day = new Date(now - d * DAY);
    const weekend = day.getDay() === 0 || day.getDay() === 6;
    const away = (d > 200 && d < 215) || (d > 90 && d < 97);
    if (d > 14 && (away || rand() < (weekend ? 0.45 : 0.12))) continue;
    // The evening session (today's ends a few minutes ago).
    let t =
      d === 0 ? now - 25 * 60_000 : new Date(day.getFullYear(), day.getMonth(), day.getDate(), 19).getTime();
    const end = d === 0 ? now - 60_000 : t + 45 * 60_000;
    let fresh = 0;
    for (let pass = 0; pass < 4 && t < end; pass++) {
      const due = cards.filter((c) => c.state !== State.New && c.due <= t);
      const next = byOrder.filter((c) => c.state === State.New).slice(0, 3 - fresh);
      for (const c of [...due, ...next]) {
        if (t >= end) break;
        if (c.state === State.New) fresh++;
        const { state, log } = gradeCard(f, c, pick(c.state), t);
        reviews.push({ ...log, id: `demo-${reviews.length}`, cardId: c.id });
        Object.assign(c, state);
        t += 20_000 + rand() * 40_000;
      }
      t += 10 * 60_000;
    }
  }
  return { cards, reviews };
}

async function statsScreenshots() {
  const profile = newProfile();
  const browser = await launch(profile.dir);
  const file = join(tmpdir(), `llm-cards-demo-${process.pid}.json`);
  try {
    const tab = await openNewTab(browser.context);
    const bank = await tab.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('llm-cards');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      const cards = await new Promise<BankCard[]>((res) => {
        const req = db.transaction('cards').objectStore('cards').getAll();
        req.onsuccess = () => res(req.result as BankCard[]);
      });
      db.close();
      return cards.map(({ id, section, topics, order }) => ({ id, section, topics, order }));
    });
    await tab.close();
    const now = Date.now();
    const history = madeUpHistory(bank, now);
    // An interview 12 days ahead over the LLM section, so the page shows its readiness first.
    const day = new Date(now + 12 * 86_400_000);
    const date = `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}-${String(day.getDate()).padStart(2, '0')}`;
    const settings = {
      ...DEFAULT_SETTINGS,
      uiLang: 'en' as const,
      contentLang: 'en' as const,
      theme: 'light' as const,
      interviews: [{ id: 'demo', name: 'Acme', date, sections: ['llm'], target: 0.95 }],
    };
    writeFileSync(file, JSON.stringify(makeBackup({ ...history, meta: {} }, settings, now)));

    const options = await openExtensionPage(browser, 'options.html');
    await options.locator('input[name="import"]').setInputFiles(file);
    // The made-up history's settings (English, light) are the point: replace the profile's.
    await options.locator('input[name="replaceSettings"]').check();
    await options.locator('button[name="confirmImport"]').click();
    await options
      .locator('.backup-status')
      .filter({ hasText: /Imported/ })
      .waitFor();

    const stats = await openExtensionPage(browser, 'stats.html');
    await stats.locator('[data-stat="today"]').waitFor();
    // One section opened to show its topics.
    await stats.locator('.retention .fold').first().click();
    await stats.waitForTimeout(300);
    await stats.screenshot({ path: 'docs/stats.png', fullPage: true });
    await stats.locator('section.readiness').screenshot({ path: 'docs/readiness.png' });
    await options.locator('section.interviews').screenshot({ path: 'docs/interviews-options.png' });

    await options.locator('select[name="uiLang"]').selectOption('zh');
    await options.locator('select[name="theme"]').selectOption('dark');
    await stats.locator('h1').filter({ hasText: '学习统计' }).waitFor();
    await stats.waitForTimeout(300);
    await stats.screenshot({ path: 'docs/stats-zh-dark.png', fullPage: true });
    console.log(
      `wrote docs/stats.png, docs/readiness.png, docs/interviews-options.png, docs/stats-zh-dark.png (${history.reviews.length} made-up reviews)`,
    );
  } finally {
    rmSync(file, { force: true });
    await browser.close();
    profile.remove();
  }
}
