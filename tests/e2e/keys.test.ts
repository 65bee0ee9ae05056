import { describe, expect, it } from 'vitest';
import { browserAvailable, browserPerSuite, countRows, openNewTab } from './harness';

describe.runIf(browserAvailable())('key presses in Chromium', () => {
  const suite = browserPerSuite();

  it('counts Space and a rating pressed the moment the question appears, on tab after tab', async () => {
    // The first tab starts the queue and prepares the card the next tab paints at once.
    const first = await openNewTab(suite.browser.context);
    let reviews = await countRows(first, 'reviews');
    await first.close();
    const painted: boolean[] = [];
    for (let i = 0; i < 6; i++) {
      const tab = await suite.browser.context.newPage();
      await tab.goto('chrome://newtab/', { waitUntil: 'commit' });
      // As soon as a question is on screen, painted by prepaint.js or by the app.
      const question = tab.locator('h1.question');
      await question.waitFor({ state: 'attached' });
      // prepaint.js marks the card it painted before the app started.
      painted.push(Boolean(await tab.evaluate(() => document.documentElement.dataset.painted)));
      const shown = await tab.locator('.study-card').getAttribute('data-card-id');
      await tab.keyboard.press('Space');
      await tab.keyboard.press('3');
      // The rating is stored: the tab moves on to another card (or has none left).
      await tab
        .locator(`.study-card[data-confirmed="true"]:not([data-card-id="${shown}"]), .caught-up`)
        .first()
        .waitFor();
      const now = await countRows(tab, 'reviews');
      expect(now, `tab ${i + 1}: the rating of ${shown}`).toBe(reviews + 1);
      reviews = now;
      await tab.close();
    }
    // Every tab after the first painted the card the previous one prepared: the presses
    // came as soon as a card painted before the app started was on screen.
    expect(painted.filter(Boolean).length).toBeGreaterThanOrEqual(5);
  });
});
