import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import {
  browserAvailable,
  browserPerSuite,
  letTimePass,
  makeDue,
  openExtensionPage,
  openNewTab,
  readCard,
  revealAndRate,
  shownCardId,
  type Launched,
} from './harness';

const DAY = 86_400_000;

/** What a person could work out by hand from the stores: read straight from IndexedDB in the page. */
interface LogFigures {
  reviews: number;
  /** Ratings since the current study day began (days begin at 4:00, the default). */
  today: number;
  todayDate: string;
  yesterdayDate: string;
  yesterday: number;
  /** Ratings given to cards in the Review state. */
  reviewStateRatings: number;
  states: Record<'new' | 'learning' | 'review' | 'relearning' | 'suspended', number>;
  /** Scheduled cards in the bank due before the 30th study day from today begins. */
  dueWithin30: number;
}

async function readLog(page: Page): Promise<LogFigures> {
  return page.evaluate(async () => {
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
    const reviews = await all<{ review: number; state: number }>('reviews');
    const cards = await all<{ state: number; due: number; inBank: boolean; suspended?: boolean }>('cards');
    db.close();
    const now = Date.now();
    const start = new Date();
    start.setHours(4, 0, 0, 0);
    if (start.getTime() > now) start.setDate(start.getDate() - 1);
    const dayStart = start.getTime();
    const day = (offset: number) => {
      const d = new Date(dayStart);
      d.setDate(d.getDate() + offset);
      return d;
    };
    const iso = (d: Date) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const names = ['new', 'learning', 'review', 'relearning'] as const;
    const states = { new: 0, learning: 0, review: 0, relearning: 0, suspended: 0 };
    for (const c of cards) {
      if (!c.inBank) continue;
      if (c.suspended) states.suspended++;
      else states[names[c.state]!]++;
    }
    const end = day(30).getTime();
    return {
      reviews: reviews.length,
      today: reviews.filter((r) => r.review >= dayStart).length,
      todayDate: iso(day(0)),
      yesterdayDate: iso(day(-1)),
      yesterday: reviews.filter((r) => r.review >= day(-1).getTime() && r.review < dayStart).length,
      reviewStateRatings: reviews.filter((r) => r.state === 2).length,
      states,
      dueWithin30: cards.filter((c) => c.inBank && !c.suspended && c.state !== 0 && c.due < end).length,
    };
  });
}

async function openStats(browser: Launched): Promise<Page> {
  const page = await openExtensionPage(browser, 'stats.html');
  await page.locator('.stats-empty, [data-stat="today"]').first().waitFor();
  return page;
}

const text = (page: Page, selector: string) => page.locator(selector).first().textContent();

/** The statistics page as it looks at `now` (the page's clock is set; the stores are not). */
async function openStatsAt(browser: Launched, now: Date): Promise<Page> {
  const page = await browser.context.newPage();
  await page.clock.setFixedTime(now);
  await page.goto(`chrome-extension://${browser.extensionId}/stats.html`);
  await page.locator('.heatmap svg[role="img"]').waitFor();
  return page;
}

interface AxisName {
  text: string;
  left: number;
  right: number;
}

/**
 * The names over the heatmap's weeks (the text above its first row of days), left to right,
 * where the browser drew them, and how wide the drawing is.
 */
async function monthNames(page: Page): Promise<{ names: AxisName[]; width: number }> {
  return page.locator('.heatmap svg[role="img"]').evaluate((svg: SVGSVGElement) => {
    const top = Math.min(...[...svg.querySelectorAll('rect')].map((r) => r.y.baseVal.value));
    const names = [...svg.querySelectorAll('text')]
      .map((el) => ({ el, box: el.getBBox() }))
      .filter(({ box }) => box.y + box.height <= top)
      .map(({ el, box }) => ({ text: el.textContent ?? '', left: box.x, right: box.x + box.width }))
      .sort((a, b) => a.left - b.left);
    return { names, width: svg.viewBox.baseVal.width };
  });
}

/** Noon on day `day` of the month `months` after this one (day 0 is the last day before it). */
function dayOfMonthAhead(months: number, day: number): Date {
  const d = new Date();
  return new Date(d.getFullYear(), d.getMonth() + months, day, 12);
}

describe.runIf(browserAvailable())('the statistics page in Chromium', () => {
  const suite = browserPerSuite();

  it('welcomes a person who has not reviewed anything yet, with every card new', async () => {
    // The first new tab makes sure the bank has been synced into cards.
    await (await openNewTab(suite.browser.context)).close();
    const stats = await openStats(suite.browser);
    expect(await stats.locator('h1').textContent()).toMatch(/Statistics/);
    expect(await text(stats, '.stats-empty h2')).toBe('No reviews yet');
    const log = await readLog(stats);
    expect(log.reviews).toBe(0);
    expect(log.states.new).toBeGreaterThan(200);
    expect(Number(await text(stats, '[data-state="new"]'))).toBe(log.states.new);
    expect(await stats.locator('.heatmap').count()).toBe(0);
    await stats.close();
  });

  it('shows what the review log says after two days of study', async () => {
    // Yesterday: one Good, one Again on new cards.
    const first = await openNewTab(suite.browser.context);
    await revealAndRate(first, '3');
    await revealAndRate(first, '1');
    await letTimePass(first, DAY);
    await first.close();
    // A card in review that fell due an hour ago.
    const setup = await openExtensionPage(suite.browser, 'blank.html');
    await makeDue(setup, 'what-is-langchain');
    await setup.close();
    // Today: the two cards from yesterday (overdue, so first), then the review card.
    const tab = await openNewTab(suite.browser.context);
    await revealAndRate(tab, '3');
    await revealAndRate(tab, '3');
    await revealAndRate(tab, '4');
    await tab.close();

    const stats = await openStats(suite.browser);
    const log = await readLog(stats);
    expect(log).toMatchObject({ reviews: 5, today: 3, yesterday: 2, reviewStateRatings: 1 });
    expect(await text(stats, '[data-stat="today"]')).toBe(String(log.today));
    expect(await text(stats, '[data-stat="streak"]')).toBe('2');
    expect(await text(stats, '[data-stat="total"]')).toBe(String(log.reviews));

    // The heatmap: today's and yesterday's cells, and the summary a screen reader hears.
    const cell = (date: string) => stats.locator(`.heatmap rect[data-date="${date}"]`);
    expect(await cell(log.todayDate).getAttribute('data-count')).toBe('3');
    expect(await cell(log.yesterdayDate).getAttribute('data-count')).toBe('2');
    expect(await cell(log.todayDate).locator('title').textContent()).toMatch(/ · reviews: 3$/);
    expect(await stats.locator('.heatmap svg[role="img"]').getAttribute('aria-label')).toBe(
      'In the last year: 5 reviews; days with reviews: 2; most in one day: 3.',
    );

    // Cards by state, as the cards store has them.
    for (const [state, n] of Object.entries(log.states)) {
      expect(await text(stats, `[data-state="${state}"]`), state).toBe(String(n));
    }
    expect(log.states.learning + log.states.review + log.states.relearning).toBe(3);

    // The forecast: every scheduled card falls due within 30 days here.
    expect(log.dueWithin30).toBe(3);
    expect(await stats.locator('.forecast').getAttribute('data-total')).toBe(String(log.dueWithin30));
    const bars = await stats
      .locator('.forecast rect.bar')
      .evaluateAll((rs) => rs.map((r) => Number(r.getAttribute('data-count'))));
    expect(bars).toHaveLength(30);
    expect(bars.reduce((a, b) => a + b, 0)).toBe(log.dueWithin30);

    // One rating of a review card: too few for a percentage, and it says how many.
    const overall = stats.locator('.retention tr[data-key="all"] td');
    expect(await overall.nth(1).getAttribute('data-n')).toBe(String(log.reviewStateRatings));
    expect(await overall.nth(1).textContent()).toBe('— 1 rating');
    expect(await stats.locator('.retention').textContent()).toMatch(/Desired 90%/);
    await stats.close();
  });

  it('counts a rating given in another tab while it is open', async () => {
    const stats = await openStats(suite.browser);
    const before = Number(await text(stats, '[data-stat="today"]'));
    const tab = await openNewTab(suite.browser.context);
    await revealAndRate(tab, '3');
    await expect.poll(() => text(stats, '[data-stat="today"]')).toBe(String(before + 1));
    expect((await readLog(stats)).today).toBe(before + 1);
    await Promise.all([tab.close(), stats.close()]);
  });

  it('opens from the popup and from the options page', async () => {
    const popup = await openExtensionPage(suite.browser, 'popup.html');
    const opened = suite.browser.context.waitForEvent('page');
    await popup.getByRole('button', { name: 'Statistics' }).click();
    const fromPopup = await opened;
    await fromPopup.locator('[data-stat="today"]').waitFor();
    expect(new URL(fromPopup.url()).pathname).toBe('/stats.html');
    await Promise.all([popup.close(), fromPopup.close()]);

    const options = await openExtensionPage(suite.browser, 'options.html');
    await options.getByRole('link', { name: 'Statistics' }).click();
    await options.locator('[data-stat="today"]').waitFor();
    expect(await options.locator('h1').textContent()).toMatch(/Statistics/);
    await options.close();
  });

  it('speaks Chinese when the interface language is switched in the options', async () => {
    const stats = await openStats(suite.browser);
    const options = await openExtensionPage(suite.browser, 'options.html');
    await options.locator('select[name="uiLang"]').selectOption('zh');
    // The open page follows the change; a fresh one starts in Chinese.
    await expect.poll(() => text(stats, 'h1')).toMatch(/学习统计/);
    await stats.reload();
    await stats.locator('[data-stat="today"]').waitFor();
    expect(await text(stats, 'h1')).toBe('大模型面试卡片 · 学习统计');
    expect(await text(stats, '#h-heatmap')).toBe('近一年的复习');
    expect(await stats.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await Promise.all([stats.close(), options.close()]);
  });

  it('names the current month over the heatmap, in Chinese and in English, names apart and inside it', async () => {
    // A review or two, so the page draws the heatmap (the page is in Chinese since the last test).
    const tab = await openNewTab(suite.browser.context);
    await revealAndRate(tab, '3');
    await tab.close();
    // Chinese: the first Sunday of the month after next, so that month began this week.
    const sunday = dayOfMonthAhead(2, 1);
    sunday.setDate(sunday.getDate() + ((7 - sunday.getDay()) % 7));
    // English: the first day of next month, today.
    const first = dayOfMonthAhead(1, 1);
    const options = await openExtensionPage(suite.browser, 'options.html');
    for (const [lang, now, name] of [
      ['zh', sunday, `${sunday.getMonth() + 1}月`],
      ['en', first, new Intl.DateTimeFormat('en', { month: 'short' }).format(first)],
    ] as const) {
      await options.locator('select[name="uiLang"]').selectOption(lang);
      const stats = await openStatsAt(suite.browser, now);
      await expect
        .poll(() => stats.evaluate(() => document.documentElement.lang))
        .toBe(lang === 'zh' ? 'zh-CN' : 'en');
      const { names, width } = await monthNames(stats);
      expect(names.at(-1)?.text, `${lang} at ${now.toDateString()}`).toBe(name);
      // Twelve months begun in the year shown, each named; no name runs into the next or off the edge.
      expect(names.length).toBeGreaterThanOrEqual(12);
      for (let i = 1; i < names.length; i++) expect(names[i]!.left).toBeGreaterThan(names[i - 1]!.right);
      expect(names.at(-1)!.right).toBeLessThanOrEqual(width);
      await stats.close();
    }
    await options.close();
  });
});

/** An interview as the settings store it (lib/settings/model.ts). */
interface StoredInterview {
  id: string;
  name: string;
  date: string;
  sections: string[];
  target: number;
}

/** One interview's readiness, worked out in the page from the raw card records. */
interface ExpectedReadiness {
  daysLeft: number;
  rows: Record<string, { cards: number; seen: number; ready: number; recall: number }>;
  atRisk: { id: string; recall: number }[];
}

/**
 * Runs in an extension page: the readiness figures of `interviews` from the cards in
 * IndexedDB, by hand. FSRS's forgetting curve R = (1 + factor·t/S)^(-w20), with
 * factor = 0.9^(-1/w20) − 1, t the days from the last review to the start of the
 * interview's day (its date at 4:00, the default day start), rounded to 8 decimals as
 * ts-fsrs rounds it; a card never reviewed counts 0. Scope: cards in the bank, not
 * suspended, in the interview's sections (every section here otherwise: no topic is off).
 */
async function expectedReadiness(
  page: Page,
  interviews: StoredInterview[],
  w20: number,
): Promise<Record<string, ExpectedReadiness>> {
  return page.evaluate(
    async ({ interviews, w20 }) => {
      const db = await new Promise<IDBDatabase>((res, rej) => {
        const r = indexedDB.open('llm-cards');
        r.onsuccess = () => res(r.result);
        r.onerror = () => rej(r.error);
      });
      type Card = {
        id: string;
        section: string;
        topics: string[];
        state: number;
        stability: number;
        last_review: number | null;
        inBank: boolean;
        suspended?: boolean;
      };
      const cards = await new Promise<Card[]>((res) => {
        const req = db.transaction('cards').objectStore('cards').getAll();
        req.onsuccess = () => res(req.result as Card[]);
      });
      db.close();
      const factor = Math.pow(0.9, -1 / w20) - 1;
      const seen = (c: Card) => c.state !== 0 && c.last_review !== null && c.stability > 0;
      const today = new Date();
      if (today.getHours() < 4) today.setDate(today.getDate() - 1);
      today.setHours(4, 0, 0, 0);
      const out: Record<string, ExpectedReadiness> = {};
      for (const i of interviews) {
        const [y, m, d] = i.date.split('-').map(Number) as [number, number, number];
        const at = new Date(y, m - 1, d, 4).getTime();
        const recall = (c: Card) => {
          if (!seen(c)) return 0;
          const t = Math.max(0, at - c.last_review!) / 86_400_000;
          return Math.round(Math.pow(1 + (factor * t) / c.stability, -w20) * 1e8) / 1e8;
        };
        const scope = cards.filter(
          (c) => c.inBank && !c.suspended && (i.sections.length === 0 || i.sections.includes(c.section)),
        );
        const rows: ExpectedReadiness['rows'] = {};
        for (const c of scope) {
          const r = recall(c);
          for (const key of ['all', c.section, ...new Set(c.topics.map((t) => `${c.section}/${t}`))]) {
            const row = (rows[key] ??= { cards: 0, seen: 0, ready: 0, recall: 0 });
            row.cards++;
            row.recall += r;
            if (seen(c)) row.seen++;
            if (r >= i.target) row.ready++;
          }
        }
        for (const row of Object.values(rows)) row.recall /= row.cards;
        const atRisk = scope
          .filter(seen)
          .map((c) => ({ id: c.id, recall: recall(c) }))
          .sort((a, b) => a.recall - b.recall || (a.id < b.id ? -1 : 1))
          .slice(0, 10);
        out[i.id] = { daysLeft: Math.round((at - today.getTime()) / 86_400_000), rows, atRisk };
      }
      return out;
    },
    { interviews, w20 },
  );
}

describe.runIf(browserAvailable())('readiness for an interview on the statistics page, in Chromium', () => {
  const suite = browserPerSuite();

  it('shows the figures worked out from the cards in IndexedDB with FSRS’s forgetting curve', async () => {
    const { default_w } = await import('ts-fsrs');
    // A few new cards rated on new tabs, Easy to Again.
    const tab = await openNewTab(suite.browser.context);
    const rated: string[] = [];
    for (const key of ['4', '4', '3', '1', '2', '4', '3']) {
      rated.push((await shownCardId(tab))!);
      await revealAndRate(tab, key);
    }
    await tab.close();

    // Two interviews, written into the settings as the options page would: in 5 days over the
    // topics chosen (every card here), and in 10 days over the first rated card's section.
    const setup = await openExtensionPage(suite.browser, 'blank.html');
    const section = (await readCard(setup, rated[0]!))!.section as string;
    const interviews = await setup.evaluate(async (section) => {
      const day = (n: number) => {
        const d = new Date();
        if (d.getHours() < 4) d.setDate(d.getDate() - 1);
        d.setDate(d.getDate() + n);
        return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
      };
      const interviews = [
        { id: 'soon', name: 'Acme', date: day(5), sections: [], target: 0.95 },
        { id: 'later', name: 'Globex', date: day(10), sections: [section], target: 0.8 },
        { id: 'gone', name: 'Initech', date: day(-3), sections: [], target: 0.9 },
      ];
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings as object), interviews } });
      return interviews;
    }, section);
    await setup.close();

    const stats = await openStats(suite.browser);
    await stats.locator('.readiness').nth(1).waitFor();
    const expected = await expectedReadiness(stats, interviews.slice(0, 2), default_w[20]!);
    expect(
      await stats.locator('.readiness').evaluateAll((s) => s.map((x) => x.getAttribute('data-interview'))),
    ).toEqual(['soon', 'later']);
    expect(await text(stats, '.interview-passed')).toMatch(/^The interview Initech on .* has passed\.$/);
    expect(await stats.locator('.no-interview').count()).toBe(0);

    const pct = (x: number) => `${Math.round(x * 100)}%`;
    for (const i of interviews.slice(0, 2)) {
      const e = expected[i.id]!;
      const all = e.rows.all!;
      const box = stats.locator(`.readiness[data-interview="${i.id}"]`);
      expect(await box.locator('h2').textContent()).toMatch(
        new RegExp(`^Readiness for ${i.name} on .+ in ${e.daysLeft} days$`),
      );
      expect(e.daysLeft).toBe(i.id === 'soon' ? 5 : 10);
      // Every rated card is in the first interview: seen; the rest of the bank never seen.
      if (i.id === 'soon') expect(all.seen).toBe(rated.length);
      expect(all.cards - all.seen).toBeGreaterThan(0);

      const recall = box.locator('[data-stat="recall"]');
      expect(Number(await recall.getAttribute('data-value'))).toBeCloseTo(all.recall, 6);
      expect(await recall.textContent()).toBe(pct(all.recall));
      const ready = box.locator('[data-stat="ready"]');
      expect(await ready.getAttribute('data-n')).toBe(String(all.ready));
      expect(await ready.textContent()).toBe(pct(all.ready / all.cards));
      expect(await box.locator('[data-stat="never-seen"]').textContent()).toBe(String(all.cards - all.seen));

      // The table: overall and each section, then the first section's topics once unfolded.
      const rowsShown = async () =>
        box.locator('.readiness-table tr[data-key]').evaluateAll((trs) =>
          trs.map((tr) => {
            const td = tr.querySelectorAll('td');
            return {
              key: tr.getAttribute('data-key')!,
              cards: Number(td[1]!.getAttribute('data-cards')),
              seen: Number(td[2]!.getAttribute('data-seen')),
              ready: Number(td[1]!.getAttribute('data-ready')),
              recall: Number(td[0]!.getAttribute('data-recall')),
            };
          }),
        );
      await box.locator('.readiness-table .fold').first().click();
      const shown = await rowsShown();
      expect(shown.filter((r) => r.key.includes('/')).length).toBeGreaterThan(0);
      const sectionsExpected = Object.keys(e.rows)
        .filter((k) => !k.includes('/'))
        .sort();
      expect(
        shown
          .filter((r) => !r.key.includes('/'))
          .map((r) => r.key)
          .sort(),
      ).toEqual(sectionsExpected);
      for (const r of shown) {
        const want = e.rows[r.key]!;
        expect({ ...r, recall: 0 }, r.key).toEqual({ key: r.key, ...want, recall: 0 });
        expect(r.recall, r.key).toBeCloseTo(want.recall, 6);
      }

      // The cards most at risk, lowest first, each linking to browse under its question.
      const risk = await box.locator('.at-risk li').evaluateAll((lis) =>
        lis.map((li) => ({
          id: li.getAttribute('data-card')!,
          recall: Number(li.getAttribute('data-recall')),
          href: li.querySelector('a')!.getAttribute('href'),
        })),
      );
      expect(risk.map((r) => r.id)).toEqual(e.atRisk.map((r) => r.id));
      risk.forEach((r, k) => {
        expect(r.recall).toBeCloseTo(e.atRisk[k]!.recall, 6);
        expect(r.href).toBe(`/browse.html#${r.id}`);
      });
      await expect.poll(() => box.locator('.at-risk a').first().textContent()).not.toBe(risk[0]!.id);

      // The curve: one point a day from today to the interview's, ending at the overall figure.
      const points = await box
        .locator('.recall-curve circle')
        .evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('data-recall'))));
      expect(points).toHaveLength(e.daysLeft + 1);
      expect(points.at(-1)!).toBeCloseTo(all.recall, 6);
      for (let k = 1; k < points.length; k++) expect(points[k]!).toBeLessThanOrEqual(points[k - 1]!);
    }

    // The first at-risk card opens in browse.
    const first = stats.locator('.readiness[data-interview="soon"] .at-risk a').first();
    const id = await first.locator('xpath=..').getAttribute('data-card');
    await first.click();
    await stats.locator('.card-detail').waitFor();
    expect(new URL(stats.url()).hash).toBe(`#${id}`);
    await stats.close();
  });

  it('says where interviews are set when none is ahead', async () => {
    const setup = await openExtensionPage(suite.browser, 'blank.html');
    await setup.evaluate(async () => {
      const { settings } = await chrome.storage.local.get('settings');
      await chrome.storage.local.set({ settings: { ...(settings as object), interviews: [] } });
    });
    await setup.close();
    const stats = await openStats(suite.browser);
    const line = stats.locator('.no-interview');
    await line.waitFor();
    expect(await line.textContent()).toBe(
      'No interview ahead. Set an interview in Options and this page forecasts how ready you will be on the day.',
    );
    expect(await line.getByRole('link').getAttribute('href')).toBe('/options.html');
    expect(await stats.locator('.readiness').count()).toBe(0);
    await stats.close();
  });
});
