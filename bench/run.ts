// npm run bench [-- --out FILE] [-- --runs N]
// Builds the extension and measures it in Chromium against a blank page of the same build,
// on a fresh install, a heavy user's history (3,000 cards / 50,000 reviews) and the stress
// case (10,000 / 100,000). Each speed mechanism is timed against its plain version in the
// same run.
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { findChromium, launch, newProfile, type Launched } from '../tests/e2e/harness';
import {
  bytesOf,
  cssBytes,
  packageBytes,
  pageAssets,
  questionBytes,
  type Bytes,
} from '../scripts/package-bytes';

const root = resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const outFile = args.includes('--out') ? args[args.indexOf('--out') + 1] : undefined;
const RUNS = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 25;
const WARMUP = 5;
/** A heavy user, and the stress case that must stay usable. */
const HEAVY = { cards: 3_000, reviews: 50_000 };
const STRESS = { cards: 10_000, reviews: 100_000 };
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

interface OpsFigures {
  next_card: number;
  /** The same pick from every card read whole: what the windowed read is measured against. */
  next_card_plain: number;
  due_count: number;
  /** With one section turned off: every due review is read and those outside it dropped. */
  next_card_filtered: number;
  next_card_filtered_plain: number;
  due_count_filtered: number;
  grade: number;
  export: number;
  stats_read: number;
  /** A sync round as the worker runs it after a change: merge and compact, with what it reads. */
  sync_round: number;
  /** A later round reading every rating (the plain version of `sync_round`). */
  sync_round_whole: number;
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
  /** Times the idle worker is woken in the next hour, from the alarms it has set. */
  idle_worker_wakeups_per_hour: number;
  ops_ms: OpsFigures;
  /** What seeding the history measured: the first sync round on the device, and what it changed. */
  seeded?: { syncFirstRoundMs: number; syncFirstRoundChanged: number };
  history: { cards: number; reviews: number; due: number; hidden: number };
}

type Bench = {
  seed(c: number, l: number): Promise<{ syncFirstRoundMs: number; syncFirstRoundChanged: number }>;
  timeOps(n: number): Promise<Record<string, number>>;
  counts(): Promise<{ cards: number; reviews: number; due: number; hidden: number }>;
};

/**
 * How often the worker will wake in the next hour with nobody studying: a repeating alarm
 * counts 60 / its period, a one-shot alarm once if it falls in the hour.
 */
async function idleWakeupsPerHour(browser: Launched): Promise<number> {
  const alarms = await browser.worker.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { alarms: { getAll(): Promise<{ scheduledTime: number; periodInMinutes?: number }[]> } };
      }
    ).chrome.alarms.getAll(),
  );
  const now = Date.now();
  return alarms.reduce(
    (n, a) => n + (a.periodInMinutes ? 60 / a.periodInMinutes : a.scheduledTime - now <= 3_600_000 ? 1 : 0),
    0,
  );
}

async function measureProfile(size: { cards: number; reviews: number } | null): Promise<ProfileFigures> {
  const profile = newProfile();
  let browser = await launch(profile.dir, BENCH_DIR);
  let seededFigures: ProfileFigures['seeded'];
  try {
    if (size) {
      const seeded = await browser.worker.evaluate(
        ([c, l]) => (globalThis as unknown as { bench: Bench }).bench.seed(c!, l!),
        [size.cards, size.reviews],
      );
      console.error(`  seeded ${JSON.stringify(seeded)}`);
      seededFigures = {
        syncFirstRoundMs: seeded.syncFirstRoundMs,
        syncFirstRoundChanged: seeded.syncFirstRoundChanged,
      };
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
    // Before any rating: nothing is due soon on a fresh install.
    const wakeups = await idleWakeupsPerHour(browser);
    // A fresh install has 10 new cards a day: 8 ratings stay within them.
    const grade = await gradeToNext(browser.context, `${base}/newtab.html`, 8);
    const ops = (await browser.worker.evaluate(() =>
      (globalThis as unknown as { bench: Bench }).bench.timeOps(30),
    )) as unknown as OpsFigures;
    const history = await browser.worker.evaluate(() =>
      (globalThis as unknown as { bench: Bench }).bench.counts(),
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
      idle_worker_wakeups_per_hour: wakeups,
      ops_ms: Object.fromEntries(Object.entries(ops).map(([k, v]) => [k, round(v)])) as unknown as OpsFigures,
      history: { cards: history.cards, reviews: history.reviews, due: history.due, hidden: history.hidden },
      ...(seededFigures ? { seeded: seededFigures } : {}),
    };
  } finally {
    await browser.close();
    profile.remove();
  }
}

/** The figures the targets are set on, for one history size. */
function summary(p: ProfileFigures) {
  return {
    cards: p.history.cards,
    reviews: p.history.reviews,
    due: p.history.due,
    next_card_ms: p.ops_ms.next_card,
    due_count_ms: p.ops_ms.due_count,
    grade_ms: p.ops_ms.grade,
    grade_to_next_ms: p.grade_to_next_ms,
    next_card_plain_ms: p.ops_ms.next_card_plain,
    next_card_filtered_ms: p.ops_ms.next_card_filtered,
    next_card_filtered_plain_ms: p.ops_ms.next_card_filtered_plain,
    due_count_filtered_ms: p.ops_ms.due_count_filtered,
    export_ms: p.ops_ms.export,
    stats_read_ms: p.ops_ms.stats_read,
    sync_round_ms: p.ops_ms.sync_round,
    sync_round_whole_ms: p.ops_ms.sync_round_whole,
    sync_first_round_ms: p.seeded?.syncFirstRoundMs,
    sync_first_round_changed: p.seeded?.syncFirstRoundChanged,
  };
}

/** What a page loads; its JavaScript in the language that costs more (each loads its own strings). */
function pageBytes(page: string): { js: Bytes; css: Bytes } {
  const [en, zh] = (['en', 'zh'] as const).map((lang) =>
    bytesOf(PROD_DIR, pageAssets(PROD_DIR, page, lang).js),
  );
  return { js: en!.gzip >= zh!.gzip ? en! : zh!, css: cssBytes(PROD_DIR, page) };
}

async function main() {
  if (!findChromium()) throw new Error('No Chromium found: apt-get install chromium, or set CHROMIUM_PATH.');
  console.error('building (production and bench builds) ...');
  run('npx', ['wxt', 'build']);
  run('npx', ['wxt', 'build'], { WXT_BENCH: '1' });
  writeScriptFloor(BENCH_DIR);
  console.error('fresh install ...');
  const fresh = await measureProfile(null);
  console.error(`heavy user (${HEAVY.cards} cards, ${HEAVY.reviews} reviews) ...`);
  const heavy = await measureProfile(HEAVY);
  console.error(`stress case (${STRESS.cards} cards, ${STRESS.reviews} reviews) ...`);
  const stress = await measureProfile(STRESS);
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
    heavy: summary(heavy),
    stress: summary(stress),
    idle_worker_wakeups_per_hour: fresh.idle_worker_wakeups_per_hour,
    newtab_js_gzip_bytes: bytes.newtab.js.gzip,
    bytes,
    profiles: { fresh, heavy, stress },
  };
  const col = (f: (p: ProfileFigures) => number | string) => [fresh, heavy, stress].map((p) => `${f(p)}`);
  const rows: string[][] = [
    ['metric', 'fresh', 'heavy', 'stress', 'target (heavy; stress ≤ 30 ms)'],
    ['cards / reviews', ...col((p) => `${p.history.cards} / ${p.history.reviews}`), ''],
    ['due now', ...col((p) => p.history.due), ''],
    ['blank page FCP (ms)', ...col((p) => p.blank_ms), ''],
    ['script floor / blank', ...col((p) => p.script_floor_ratio), ''],
    ['new tab / blank', ...col((p) => p.newtab_ratio), ''],
    ['new tab / script floor', ...col((p) => p.newtab_over_floor), ''],
    ['popup / blank', ...col((p) => p.popup_ratio), ''],
    ['key press → next question (ms)', ...col((p) => p.grade_to_next_ms), '≤ 50'],
    ['next card (ms)', ...col((p) => p.ops_ms.next_card), '≤ 10'],
    ['  plain: every card read (ms)', ...col((p) => p.ops_ms.next_card_plain), ''],
    ['due count (ms)', ...col((p) => p.ops_ms.due_count), '≤ 10'],
    ['next card, one section off (ms)', ...col((p) => p.ops_ms.next_card_filtered), '≤ 10'],
    ['  plain: every card read (ms)', ...col((p) => p.ops_ms.next_card_filtered_plain), ''],
    ['due count, one section off (ms)', ...col((p) => p.ops_ms.due_count_filtered), '≤ 10'],
    ['one rating transaction (ms)', ...col((p) => p.ops_ms.grade), '≤ 10'],
    ['export whole history (ms)', ...col((p) => p.ops_ms.export), '≤ 1000'],
    ['statistics read (ms)', ...col((p) => p.ops_ms.stats_read), ''],
    ['sync round (ms)', ...col((p) => p.ops_ms.sync_round), ''],
    ['  plain: every rating read (ms)', ...col((p) => p.ops_ms.sync_round_whole), ''],
    ['  first round on a device (ms)', ...col((p) => p.seeded?.syncFirstRoundMs ?? '–'), ''],
    ['  cards it changed', ...col((p) => p.seeded?.syncFirstRoundChanged ?? '–'), '0'],
    ['idle worker wake-ups / hour', ...col((p) => p.idle_worker_wakeups_per_hour), '≤ 2 (fresh)'],
    ['new tab JS heap (bytes)', ...col((p) => p.newtab_heap_bytes), ''],
  ];
  const width = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  for (const r of rows) console.log(r.map((c, i) => c.padEnd(width[i]!)).join('  '));
  console.log(
    `\nbytes: new tab JS ${bytes.newtab.js.raw} raw / ${bytes.newtab.js.gzip} gzip, CSS ${bytes.newtab.css.raw} / ${bytes.newtab.css.gzip}; ` +
      `popup JS ${bytes.popup.js.gzip} gzip; options JS ${bytes.options.js.gzip} gzip; ` +
      `question JSON median ${bytes.question.median} / max ${bytes.question.max}; package ${bytes.package_bytes}`,
  );
  if (outFile) writeFileSync(outFile, JSON.stringify(result, null, 2) + '\n');
}

await main();
