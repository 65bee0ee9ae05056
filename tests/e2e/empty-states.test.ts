import { describe, expect, it } from 'vitest';
import {
  browserAvailable,
  browserPerSuite,
  makeDue,
  openExtensionPage,
  openNewTab,
  setEverySection,
  shownCardId,
  waitForOtherCard,
} from './harness';

// A page with nothing to study says why, and offers the one thing that helps.
describe.runIf(browserAvailable())('why there is nothing to study, in Chromium', () => {
  const suite = browserPerSuite();

  it('says the cards were skipped here, the daily new-card limit is reached, or no topic is chosen', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    const field = options.locator('input[name="newPerDay"]');
    await field.fill('2');
    await expect
      .poll(() =>
        options.evaluate(() =>
          chrome.storage.local.get('settings').then((s) => (s.settings as { newPerDay: number }).newPerDay),
        ),
      )
      .toBe(2);

    // Today's two new cards learned: the limit holds the others back, and the page links to where it is set.
    const tab = await openNewTab(suite.browser.context);
    const learned: string[] = [];
    for (let i = 0; i < 2; i++) {
      const id = (await shownCardId(tab))!;
      learned.push(id);
      await tab.keyboard.press(' ');
      await tab.keyboard.press('4');
      await waitForOtherCard(tab, id);
    }
    const empty = tab.locator('.caught-up');
    await expect.poll(() => empty.locator('h1').textContent()).toBe('Today’s new cards are done');
    const raise = tab.getByRole('link', { name: 'Raise the limit in Options' });
    expect(await raise.getAttribute('href')).toBe('/options.html');

    // Both due again and both skipped here: not "all caught up", and they come back.
    for (const id of learned) await makeDue(tab, id);
    const due = await openNewTab(suite.browser.context);
    const first = await shownCardId(due);
    expect(learned).toContain(first);
    await due.keyboard.press('s');
    await waitForOtherCard(due, first);
    await due.keyboard.press('s');
    await expect.poll(() => due.locator('.caught-up h1').textContent()).toBe('You skipped the rest');
    expect(await due.locator('.caught-up').textContent()).not.toContain('All caught up');
    await due.getByRole('button', { name: 'Show them again' }).click();
    await due.locator('.study-card[data-confirmed="true"]').waitFor();
    expect(learned).toContain(await shownCardId(due));

    // Every section unticked: nothing is selected, and the page says so.
    await setEverySection(options, false);
    const none = await openNewTab(suite.browser.context);
    await expect.poll(() => none.locator('.caught-up h1').textContent()).toBe('No topic to study');
    await expect(none.locator('.caught-up').textContent()).resolves.toContain(
      'None of the cards is in the topics you chose.',
    );
    const choose = none.getByRole('link', { name: 'Choose topics in Options' });
    const [opened] = await Promise.all([suite.browser.context.waitForEvent('page'), choose.click()]);
    await opened.waitForLoadState();
    expect(opened.url()).toMatch(/\/options\.html$/);
  });
});
