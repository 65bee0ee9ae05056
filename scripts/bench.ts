// npm run bench [-- --out FILE] [-- --runs N]
// Builds the extension and measures it in Chromium against a blank page of the same build,
// on a fresh install and on a large history (10,000 cards / 100,000 review logs).
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { findChromium, launch, newProfile } from '../tests/e2e/harness';
import { bytesOf, cssBytes, packageBytes, pageAssets, questionBytes, type Bytes } from './package-bytes';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const outFile = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 25;
const WARMUP = 5;
const BENCH_DIR = resolve(root, '.output/bench/chrome-mv3');
const PROD_DIR = resolve(root, '.output/chrome-mv3');

function run(cmd: string, argv: string[], env: Record<string, string> = {}) {
  const r = spawnSync(cmd, argv, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env },
  });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed`);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * A control page for the bench build only: blank.html, except that its one paragraph is
 * written by a one-line script file. It is the floor for any page whose text comes from a
 * script: an extension page cannot run inline script (MV3 CSP), and every file it loads
 * is served by the browser process, which is busy with its own tab strip right after a
 * navigation.
 */
function writeScriptFloor(dir: string) {
  const blank = readFileSync(resolve(dir, 'blank.html'), 'utf8');
  const paragraph = /<p>(.*?)<\/p>/.exec(blank)![1]!;
  writeFileSync(
    resolve(dir, 'script-floor.js'),
    `const p = document.createElement('p');\np.setAttribute('elementtiming', 'question');\n` +
      `p.textContent = ${JSON.stringify(paragraph)};\ndocument.body.append(p);\n`,
  );
  writeFileSync(
    resolve(dir, 'script-floor.html'),
    blank.replace(/<p>.*?<\/p>/, '<script src="/script-floor.js"></script>'),
  );
}

/** Opens `url` in a fresh tab and returns ms from navigation start until `identifiers` were all painted. */
async function paintTime(context: BrowserContext, url: string, identifiers: string[]): Promise<number> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    const t = await page.evaluate(
      (ids) =>
        new Promise<number>((resolve, reject) => {
          const found = new Map<string, number>();
          const done = () => {
            if (ids.every((id) => found.has(id))) resolve(Math.max(...found.values()));
          };
          const timer = setTimeout(() => reject(new Error(`not painted: ${ids.join(', ')}`)), 10_000);
          const record = (id: string, t: number) => {
            if (!found.has(id)) found.set(id, t);
            if (ids.every((i) => found.has(i))) clearTimeout(timer);
            done();
          };
          new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & {
              identifier?: string;
              renderTime?: number;
              loadTime?: number;
            })[]) {
              if (e.entryType === 'paint' && e.name === 'first-contentful-paint') record('fcp', e.startTime);
              if (e.entryType === 'element' && e.identifier)
                record(e.identifier, e.renderTime || e.loadTime || e.startTime);
            }
          }).observe({ type: ids.includes('fcp') ? 'paint' : 'element', buffered: true });
        }),
      identifiers,
    );
    // Stay open as a person would for a moment, so the page prepares what comes next.
    await page.waitForTimeout(300);
    return t;
  } finally {
    await page.close();
  }
}

/** Key press to the next question painted, in one new tab, `n` times. */
async function gradeToNext(context: BrowserContext, url: string, n: number): Promise<number[]> {
  const page = await context.newPage();
  await page.goto(url);
  const confirmed = page.locator('.study-card[data-confirmed="true"], .caught-up').first();
  await confirmed.waitFor();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    await confirmed.waitFor();
    if ((await page.locator('.study-card').count()) === 0) break;
    await page.keyboard.press('Space');
    await page.locator('.answer').waitFor();
    const measured = page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          setTimeout(() => reject(new Error('the next question was not painted')), 5000);
          let pressed = 0;
          addEventListener('keydown', (e) => (pressed = e.timeStamp), { once: true, capture: true });
          const po = new PerformanceObserver((list) => {
            for (const e of list.getEntries() as (PerformanceEntry & {
              identifier?: string;
              renderTime?: number;
            })[]) {
              if (e.identifier === 'question' && pressed && (e.renderTime ?? 0) > pressed) {
                po.disconnect();
                resolve((e.renderTime ?? e.startTime) - pressed);
              }
            }
          });
          po.observe({ type: 'element' });
        }),
    );
    await page.waitForTimeout(20);
    await page.keyboard.press('3');
    out.push(await measured);
    // Let the page confirm the card it painted before the next press.
    await page.waitForTimeout(100);
  }
  await page.close();
  return out;
}

async function heapAfterSettle(context: BrowserContext, url: string): Promise<number> {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator('.study-card, .caught-up').first().waitFor();
  await page.waitForTimeout(1000);
  const cdp = await context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  await page.close();
  return metrics.find((m) => m.name === 'JSHeapUsedSize')!.value;
}

interface ProfileFigures {
  newtab_ms: number;
  popup_ms: number;
  blank_ms: number;
  script_floor_ms: number;
  script_floor_ratio: number;
  newtab_ratio: number;
  newtab_over_floor: number;
  popup_ratio: number;
  grade_to_next_ms: number;
  newtab_heap_bytes: number;
  ops_ms: {
    next_card: number;
    due_count: number;
    /** The same two with one section turned off (the queue keyed for it). */
    next_card_filtered: number;
    due_count_filtered: number;
    /** Keying the queue for that filter, as the background does when it changes. */
    key_for_filter: number;
    grade: number;
    export: number;
    export_read: number;
    export_first: number;
  };
  history: { cards: number; reviews: number; due: number; hidden: number };
}

async function measureProfile(large: boolean): Promise<ProfileFigures> {
  const profile = newProfile();
  let browser = await launch(profile.dir, BENCH_DIR);
  try {
    if (large) {
      const seeded = await browser.worker.evaluate(() =>
        (globalThis as unknown as { bench: { seed(c: number, l: number): Promise<unknown> } }).bench.seed(
          10_000,
          100_000,
        ),
      );
      console.error(`  seeded ${JSON.stringify(seeded)}`);
      // Start again on the seeded profile, as a person would the next morning.
      await browser.close();
      browser = await launch(profile.dir, BENCH_DIR);
    }
    // tsx keeps function names with a __name helper that pages do not have.
    await browser.context.addInitScript('globalThis.__name = (f) => f;');
    const base = `chrome-extension://${browser.extensionId}`;
    const pages = {
      blank: () => paintTime(browser.context, `${base}/blank.html`, ['fcp']),
      floor: () => paintTime(browser.context, `${base}/script-floor.html`, ['question']),
      newtab: () => paintTime(browser.context, `${base}/newtab.html`, ['question']),
      popup: () => paintTime(browser.context, `${base}/popup.html`, ['question', 'due-count']),
    };
    const times: Record<keyof typeof pages, number[]> = { blank: [], floor: [], newtab: [], popup: [] };
    for (let i = 0; i < WARMUP + RUNS; i++) {
      for (const name of Object.keys(pages) as (keyof typeof pages)[]) {
        const t = await pages[name]();
        if (i >= WARMUP) times[name].push(t);
      }
    }
    // A fresh install has 10 new cards a day: 8 ratings stay within them.
    const grade = await gradeToNext(browser.context, `${base}/newtab.html`, 8);
    const ops = await browser.worker.evaluate(() =>
      (
        globalThis as unknown as { bench: { timeOps(n: number): Promise<Record<string, number>> } }
      ).bench.timeOps(30),
    );
    const history = await browser.worker.evaluate(() =>
      (
        globalThis as unknown as {
          bench: { counts(): Promise<{ cards: number; reviews: number; due: number; hidden: number }> };
        }
      ).bench.counts(),
    );
    // A card hidden from the queue (say, by a bank sync that ran after the seed) would
    // make every figure above describe a smaller history than the one reported.
    if (history.hidden > 0) throw new Error(`${history.hidden} cards were hidden from the queue`);
    const heap = await heapAfterSettle(browser.context, `${base}/newtab.html`);
    const blank = median(times.blank);
    return {
      newtab_ms: round(median(times.newtab)),
      popup_ms: round(median(times.popup)),
      blank_ms: round(blank),
      script_floor_ms: round(median(times.floor)),
      script_floor_ratio: round(median(times.floor) / blank, 3),
      newtab_ratio: round(median(times.newtab) / blank, 3),
      newtab_over_floor: round(median(times.newtab) / median(times.floor), 3),
      popup_ratio: round(median(times.popup) / blank, 3),
      grade_to_next_ms: round(median(grade)),
      newtab_heap_bytes: Math.round(heap),
      ops_ms: {
        next_card: round(ops.next_card!),
        due_count: round(ops.due_count!),
        next_card_filtered: round(ops.next_card_filtered!),
        due_count_filtered: round(ops.due_count_filtered!),
        key_for_filter: round(ops.key_for_filter!),
        grade: round(ops.grade!),
        export: round(ops.export!),
        export_read: round(ops.export_read!),
        export_first: round(ops.export_first!),
      },
      history: { cards: history.cards, reviews: history.reviews, due: history.due, hidden: history.hidden },
    };
  } finally {
    await browser.close();
    profile.remove();
  }
}

function pageBytes(page: string): { js: Bytes; css: Bytes } {
  const a = pageAssets(PROD_DIR, page);
  return { js: bytesOf(PROD_DIR, a.js), css: cssBytes(PROD_DIR, page) };
}

async function main() {
  if (!findChromium()) throw new Error('No Chromium found: apt-get install chromium, or set CHROMIUM_PATH.');
  console.error('building (production and bench builds) ...');
  run('npx', ['wxt', 'build']);
  run('npx', ['wxt', 'build'], { WXT_BENCH: '1' });
  writeScriptFloor(BENCH_DIR);
  console.error('fresh install ...');
  const fresh = await measureProfile(false);
  console.error('large history ...');
  const large = await measureProfile(true);
  const bytes = {
    newtab: pageBytes('newtab.html'),
    popup: pageBytes('popup.html'),
    options: pageBytes('options.html'),
    question: questionBytes(PROD_DIR),
    package_bytes: packageBytes(PROD_DIR),
  };
  const result = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      memory_gb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    },
    runs: RUNS,
    ...large,
    newtab_js_gzip_bytes: bytes.newtab.js.gzip,
    bytes,
    fresh,
  };
  const rows: [string, string, string, string][] = [
    ['metric', 'fresh', 'large history', 'target'],
    ['blank page FCP (ms)', `${fresh.blank_ms}`, `${large.blank_ms}`, ''],
    ['script floor: text painted (ms)', `${fresh.script_floor_ms}`, `${large.script_floor_ms}`, ''],
    ['script floor / blank', `${fresh.script_floor_ratio}`, `${large.script_floor_ratio}`, ''],
    ['new tab: question painted (ms)', `${fresh.newtab_ms}`, `${large.newtab_ms}`, ''],
    ['new tab / blank', `${fresh.newtab_ratio}`, `${large.newtab_ratio}`, '≤ 1.10'],
    ['new tab / script floor', `${fresh.newtab_over_floor}`, `${large.newtab_over_floor}`, ''],
    ['popup: count + card painted (ms)', `${fresh.popup_ms}`, `${large.popup_ms}`, ''],
    ['popup / blank', `${fresh.popup_ratio}`, `${large.popup_ratio}`, '≤ 1.25'],
    ['key press → next question (ms)', `${fresh.grade_to_next_ms}`, `${large.grade_to_next_ms}`, '≤ 50'],
    ['next card (ms)', `${fresh.ops_ms.next_card}`, `${large.ops_ms.next_card}`, '≤ 10'],
    ['due count (ms)', `${fresh.ops_ms.due_count}`, `${large.ops_ms.due_count}`, '≤ 10'],
    [
      'next card, one section off (ms)',
      `${fresh.ops_ms.next_card_filtered}`,
      `${large.ops_ms.next_card_filtered}`,
      '≤ 10',
    ],
    [
      'due count, one section off (ms)',
      `${fresh.ops_ms.due_count_filtered}`,
      `${large.ops_ms.due_count_filtered}`,
      '≤ 10',
    ],
    [
      '  keying the queue for that filter (ms)',
      `${fresh.ops_ms.key_for_filter}`,
      `${large.ops_ms.key_for_filter}`,
      '',
    ],
    ['one rating transaction (ms)', `${fresh.ops_ms.grade}`, `${large.ops_ms.grade}`, '≤ 10'],
    ['export whole history (ms)', `${fresh.ops_ms.export}`, `${large.ops_ms.export}`, '≤ 1000'],
    [
      '  first export, log read in full (ms)',
      `${fresh.ops_ms.export_first}`,
      `${large.ops_ms.export_first}`,
      '',
    ],
    ['new tab JS heap (bytes)', `${fresh.newtab_heap_bytes}`, `${large.newtab_heap_bytes}`, ''],
  ];
  const width = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(width[i]!)).join('  '));
  console.log(
    `\nbytes: new tab JS ${bytes.newtab.js.raw} raw / ${bytes.newtab.js.gzip} gzip, CSS ${bytes.newtab.css.raw} / ${bytes.newtab.css.gzip}; ` +
      `popup JS ${bytes.popup.js.gzip} gzip; options JS ${bytes.options.js.gzip} gzip; ` +
      `question JSON median ${bytes.question.median} / max ${bytes.question.max}; package ${bytes.package_bytes}`,
  );
  console.log(
    `history (large): ${large.history.cards} cards, ${large.history.reviews} logs, ${large.history.due} due`,
  );
  if (outFile) writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
}

await main();
