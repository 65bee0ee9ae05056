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
});
