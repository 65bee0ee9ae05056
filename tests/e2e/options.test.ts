import { describe, expect, it } from 'vitest';
import { addInterview, browserAvailable, browserPerSuite, openExtensionPage, studyDateIn } from './harness';

describe.runIf(browserAvailable())('the options page in Chromium', () => {
  const suite = browserPerSuite();

  it('keeps a number typed and left for a moment, even when the tab is closed without leaving the field', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    const field = options.locator('input[name="newPerDay"]');
    await field.click();
    await field.press('Control+a');
    await field.pressSequentially('7');
    // A person pauses, then closes the tab: the field never loses the focus.
    await options.waitForTimeout(1000);
    await options.close();
    const again = await openExtensionPage(suite.browser, 'options.html');
    await expect.poll(() => again.locator('input[name="newPerDay"]').inputValue()).toBe('7');
    const stored = await again.evaluate(() =>
      chrome.storage.local.get('settings').then((s) => (s.settings as { newPerDay: number }).newPerDay),
    );
    expect(stored).toBe(7);
    await again.close();
  });

  it('says the allowed range, keeps an out-of-range number as typed without saving it, and saves it once valid', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    await options.setViewportSize({ width: 1000, height: 500 });
    const stored = () =>
      options.evaluate(() =>
        chrome.storage.local.get('settings').then((s) => s.settings as Record<string, number>),
      );
    const cases = [
      { name: 'newPerDay', bad: '-5', range: '0–200', good: '12' },
      { name: 'dayStartHour', bad: '30', range: '0–23', good: '5' },
      { name: 'retention', bad: '0.5', range: '0.70–0.97', good: '0.85' },
    ];
    for (const c of cases) {
      const field = options.locator(`input[name="${c.name}"]`);
      const before = (await stored())?.[c.name];
      const described = async () => {
        const ids = (await field.getAttribute('aria-describedby'))!.split(' ');
        return Promise.all(ids.map((id) => options.locator(`#${id}`).textContent()));
      };
      expect((await described()).join(' '), c.name).toContain(c.range);

      await field.click();
      await field.press('Control+a');
      await field.pressSequentially(c.bad);
      await options.waitForTimeout(1000);
      await field.press('Tab');
      await options.waitForTimeout(300);
      // The field keeps exactly what was typed, says why it is not saved, and nothing is stored.
      expect(await field.inputValue(), c.name).toBe(c.bad);
      expect(await field.getAttribute('aria-invalid'), c.name).toBe('true');
      expect((await described()).join(' '), c.name).toMatch(
        new RegExp(`Not saved: ${c.bad.replace('.', '\\.')} is outside ${c.range}`),
      );
      expect((await stored())?.[c.name], c.name).toBe(before);

      await field.click();
      await field.press('Control+a');
      await field.pressSequentially(c.good);
      await expect.poll(async () => (await stored())?.[c.name]).toBe(Number(c.good));
      expect(await field.getAttribute('aria-invalid'), c.name).toBeNull();
      // "Saved" is said next to the field, on screen, as a polite status.
      const note = options.locator('.field', { has: field }).locator('.saved-note');
      await expect.poll(() => note.textContent()).toBe('Saved');
      expect(await note.getAttribute('role')).toBe('status');
      const onScreen = await note.evaluate((e) => {
        const r = e.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      });
      expect(onScreen, c.name).toBe(true);
    }
    await options.close();
  });

  it("lines labels and controls up at every width: no dropdown cuts its value, each checkbox sits on its label's line", async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    await options.locator('input[name="newPerDay"]').waitFor();
    // With an interview, whose sections are checkboxes too.
    await options.getByRole('button', { name: 'Add interview' }).click();
    await options.locator('fieldset.interview').waitFor();
    for (const width of [1280, 683, 420]) {
      await options.setViewportSize({ width, height: 900 });
      const layout = await options.evaluate(() => ({
        // The selected option's text, measured in the select's own font, against the room inside it.
        cut: [...document.querySelectorAll('select')]
          .filter((s) => {
            const probe = document.createElement('span');
            probe.style.cssText = `font: ${getComputedStyle(s).font}; position: absolute; white-space: nowrap;`;
            probe.textContent = s.options[s.selectedIndex]!.text;
            document.body.append(probe);
            const needed = probe.getBoundingClientRect().width;
            probe.remove();
            return needed + 24 > s.getBoundingClientRect().width;
          })
          .map((s) => s.name),
        checks: [...document.querySelectorAll('.field.check')].map((label) => {
          const box = label.querySelector('input')!.getBoundingClientRect();
          const text = label.querySelector('span')!.getBoundingClientRect();
          return {
            nextToIt: text.left > box.right && text.left - box.right < 24,
            sameLine: text.top < box.bottom,
          };
        }),
        sideways: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      }));
      expect(layout.cut, `${width} px`).toEqual([]);
      expect(layout.checks.length).toBeGreaterThanOrEqual(7);
      for (const c of layout.checks) expect(c, `${width} px`).toEqual({ nextToIt: true, sameLine: true });
      expect(layout.sideways, `${width} px`).toBe(0);
    }
    await options.getByRole('button', { name: 'Remove this interview' }).click();
    await options.getByText('No interview set').waitFor();
    await options.close();
  });

  it('adds an interview 5 days ahead, keeps it across a reload, refuses a target of 120 with its range, and removes it', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    const stored = () =>
      options.evaluate(() =>
        chrome.storage.local
          .get('settings')
          .then(
            (s) =>
              s.settings as { interviews: Record<string, unknown>[]; planBudget: number; newOrder: string },
          ),
      );
    // Five days after today's study day, as the person's calendar says it.
    const day = await studyDateIn(options, 5);
    await options.getByText('No interview set').waitFor();

    // The new interview's date has the focus, four weeks ahead; the person types over it.
    const interview = await addInterview(options, day.typed);
    await interview.getByLabel('Company or role').fill('Acme');
    await interview.getByLabel('LLMs').check();
    const target = interview.getByLabel(/Target recall/);
    expect(await target.inputValue()).toBe('95');
    await target.fill('90');
    await target.press('Tab');
    await expect
      .poll(async () => (await stored()).interviews)
      .toEqual([expect.objectContaining({ name: 'Acme', date: day.iso, sections: ['llm'], target: 0.9 })]);
    await expect.poll(() => interview.locator('legend').first().textContent()).toBe('Acme in 5 days');
    await expect
      .poll(() =>
        interview
          .locator('.field', { has: options.locator('input[name="interviewTarget"]') })
          .locator('.saved-note')
          .textContent(),
      )
      .toBe('Saved');

    await options.reload();
    const again = options.locator('fieldset.interview');
    await again.waitFor();
    expect(await again.getByLabel('Date').inputValue()).toBe(day.iso);
    expect(await again.getByLabel('Company or role').inputValue()).toBe('Acme');
    expect(await again.getByLabel('LLMs').isChecked()).toBe(true);
    expect(await again.getByLabel('Basics').isChecked()).toBe(false);
    expect(await again.getByLabel(/Target recall/).inputValue()).toBe('90');
    expect(await again.textContent()).toContain('Allowed: 80–99');

    // A target of 120 stays as typed, is marked invalid with the range, and is not stored.
    const bad = again.getByLabel(/Target recall/);
    await bad.fill('120');
    await bad.press('Tab');
    await options.waitForTimeout(700);
    expect(await bad.getAttribute('aria-invalid')).toBe('true');
    expect(await again.locator('.field-error').textContent()).toBe('Not saved: 120 is outside 80–99.');
    expect((await stored()).interviews[0]!.target).toBe(0.9);

    // The plan's budget and the order of new cards are saved like any other setting.
    await options.locator('input[name="planBudget"]').fill('120');
    await options.locator('input[name="planBudget"]').press('Tab');
    await options.locator('select[name="newOrder"]').selectOption('shuffled');
    await expect
      .poll(async () => [(await stored()).planBudget, (await stored()).newOrder])
      .toEqual([120, 'shuffled']);

    await again.getByRole('button', { name: 'Remove this interview' }).click();
    await expect.poll(async () => (await stored()).interviews).toEqual([]);
    await options.getByText('No interview set').waitFor();
    // The focus goes to Add interview, not to the page's start.
    expect(await options.evaluate(() => document.activeElement?.textContent)).toBe('Add interview');
    await options.close();
  });

  it('marks an interview whose day has passed as past', async () => {
    const options = await openExtensionPage(suite.browser, 'options.html');
    await options.evaluate(() =>
      chrome.storage.local.get('settings').then((s) =>
        chrome.storage.local.set({
          settings: {
            ...(s.settings as object),
            interviews: [{ id: 'old', name: 'Last year', date: '2025-01-10', sections: [], target: 0.95 }],
          },
        }),
      ),
    );
    await options.reload();
    const past = options.locator('fieldset.interview.past');
    await expect
      .poll(() => past.locator('legend').first().textContent())
      .toBe('Last year past: it no longer changes the schedule');
    await past.getByRole('button', { name: 'Remove this interview' }).click();
    await options.getByText('No interview set').waitFor();
    await options.close();
  });
});
