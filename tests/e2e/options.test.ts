import { describe, expect, it } from 'vitest';
import { browserAvailable, browserPerSuite, openExtensionPage } from './harness';

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
      expect(layout.checks.length).toBeGreaterThanOrEqual(2);
      for (const c of layout.checks) expect(c, `${width} px`).toEqual({ nextToIt: true, sameLine: true });
      expect(layout.sideways, `${width} px`).toBe(0);
    }
    await options.close();
  });
});
