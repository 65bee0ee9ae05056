import { describe, expect, it } from 'vitest';
import { recallAt, interviewStart } from '../../lib/srs/plan';
import { makeScheduler } from '../../lib/srs/schedule';
import type { CardRecord } from '../../lib/db/schema';
import {
  addInterview,
  browserAvailable,
  browserPerSuite,
  openExtensionPage,
  openNewTab,
  shownCardId,
  studyDateIn,
  waitForOtherCard,
} from './harness';

const w = makeScheduler({ retention: 0.9, fuzz: false }).parameters.w;

// Issue 14: an interview set in Options; new cards rated Easy on new tabs; every one is due
// before the day or predicted ready on it, and the popup counts down to it.
describe.runIf(browserAvailable())('studying for an interview, in Chromium', () => {
  const suite = browserPerSuite();

  it('plans every card rated Easy to be ready on the day, and the popup counts down', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    const day = await studyDateIn(options, 5);
    const interview = await addInterview(options, day.typed);
    await interview.getByLabel('Company or role').fill('Acme');
    await expect
      .poll(() =>
        options.evaluate(() =>
          chrome.storage.local
            .get('settings')
            .then((s) => JSON.stringify((s.settings as { interviews: unknown }).interviews)),
        ),
      )
      .toContain(`"date":"${day.iso}"`);
    await expect.poll(() => options.evaluate(() => document.body.textContent)).toContain('Acme in 5 days');

    const rated: string[] = [];
    const tab = await openNewTab(suite.browser.context);
    for (let i = 0; i < 6; i++) {
      const id = (await shownCardId(tab))!;
      rated.push(id);
      await tab.keyboard.press(' ');
      await tab.keyboard.press('4');
      await waitForOtherCard(tab, id);
    }
    const cards = (await tab.evaluate(async (ids) => {
      const db = await new Promise<IDBDatabase>((res) => {
        const r = indexedDB.open('llm-cards');
        r.onsuccess = () => res(r.result);
      });
      const all = await Promise.all(
        ids.map(
          (id) =>
            new Promise<unknown>((res) => {
              const req = db.transaction('cards').objectStore('cards').get(id);
              req.onsuccess = () => res(req.result);
            }),
        ),
      );
      db.close();
      return all;
    }, rated)) as CardRecord[];
    const at = interviewStart(day.iso, 4);
    let brought = 0;
    for (const c of cards) {
      expect(c.state).toBe(2);
      const ready = recallAt(w, c, at);
      expect(c.due <= at || ready >= 0.95, `${c.id}: due ${new Date(c.due).toString()}, ready ${ready}`).toBe(
        true,
      );
      if (c.due <= at && c.last_review! + c.scheduled_days * 86_400_000 > at) brought++;
    }
    // Cards rated Easy today are due in a week or more by FSRS: the plan brought them forward.
    expect(brought).toBeGreaterThan(0);

    const popup = await openExtensionPage(suite.browser, 'popup.html');
    await expect
      .poll(() => popup.locator('.interview-line').textContent())
      .toMatch(/^Interview \(Acme\) in 5 days · ready \d+% · today: \d+ cards/);
    // 400 new cards cannot all be met in five days at 80 a day, and the plan says so.
    expect(await popup.locator('.interview-line').textContent()).toMatch(
      / · the daily budget cannot fit every new card$/,
    );
  });
});
