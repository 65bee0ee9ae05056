// Screenshots for the README: the new tab (light, English; dark, Chinese) and the popup.
// Usage: npm run build && npx tsx scripts/screenshot.ts [light-card-id] [dark-card-id]
import { mkdirSync } from 'node:fs';
import { launch, makeDue, newProfile, openExtensionPage, openNewTab } from '../tests/e2e/harness';

const CARD = process.argv[2] ?? 'layernorm-vs-rmsnorm-formula';
const DARK_CARD = process.argv[3] ?? 'swiglu-ffn-8-3-hidden-size';
mkdirSync('docs', { recursive: true });
const profile = newProfile();
const browser = await launch(profile.dir);
try {
  await (await openNewTab(browser.context)).close();
  const setup = await openExtensionPage(browser, 'blank.html');
  await makeDue(setup, CARD);

  const light = await openNewTab(browser.context);
  await light.emulateMedia({ colorScheme: 'light' });
  await light.keyboard.press('Space');
  await light.locator('.answer .katex').first().waitFor();
  await light.waitForTimeout(300);
  await light.screenshot({ path: 'docs/newtab.png', fullPage: true });

  const options = await openExtensionPage(browser, 'options.html');
  await options.locator('select[name="uiLang"]').selectOption('zh');
  await options.locator('select[name="contentLang"]').selectOption('zh');
  await options.locator('select[name="theme"]').selectOption('dark');
  await options.waitForTimeout(300);
  await options.screenshot({ path: 'docs/options-zh-dark.png' });
  await makeDue(setup, DARK_CARD);
  await light.close();

  const dark = await openNewTab(browser.context);
  await dark.keyboard.press('Space');
  await dark.locator('.answer .katex').first().waitFor();
  await dark.waitForTimeout(300);
  await dark.screenshot({ path: 'docs/newtab-zh-dark.png', fullPage: true });

  const popup = await openExtensionPage(browser, 'popup.html');
  await popup.setViewportSize({ width: 440, height: 600 });
  await popup.locator('.study-card').waitFor();
  await popup.screenshot({ path: 'docs/popup-zh-dark.png' });
  console.log(
    'wrote docs/newtab.png, docs/newtab-zh-dark.png, docs/options-zh-dark.png, docs/popup-zh-dark.png',
  );
} finally {
  await browser.close();
  profile.remove();
}
