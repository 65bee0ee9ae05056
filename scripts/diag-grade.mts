import { resolve } from 'node:path';
import { launch, newProfile } from '../tests/e2e/harness';
const DIR = resolve(import.meta.dirname, '../.output/bench/chrome-mv3');
for (let round = 0; round < 3; round++) {
  const profile = newProfile();
  const b = await launch(profile.dir, DIR);
  await b.context.addInitScript('globalThis.__name = (f) => f;');
  const base = `chrome-extension://${b.extensionId}`;
  for (let i = 0; i < 30; i++) { const p = await b.context.newPage(); await p.goto(`${base}/newtab.html`); await p.locator('.study-card, .caught-up').first().waitFor(); await p.waitForTimeout(300); await p.close(); }
  const page = await b.context.newPage();
  await page.goto(`${base}/newtab.html`);
  const confirmed = page.locator('.study-card[data-confirmed="true"], .caught-up').first();
  const log: string[] = [];
  for (let i = 0; i < 8; i++) {
    await confirmed.waitFor();
    if ((await page.locator('.study-card').count()) === 0) { log.push('caught-up'); break; }
    const id = await page.locator('.study-card').getAttribute('data-card-id');
    await page.keyboard.press('Space');
    await page.locator('.answer').waitFor();
    await page.waitForTimeout(20);
    await page.keyboard.press('3');
    try {
      await page.waitForFunction((old) => document.querySelector('.study-card')?.getAttribute('data-card-id') !== old || !!document.querySelector('.caught-up'), id, { timeout: 5000 });
      log.push(`${id}->${await page.locator('.study-card').getAttribute('data-card-id').catch(() => 'none')}`);
    } catch { log.push(`${id}->STUCK ${await page.locator('body').innerText().then(t=>t.slice(0,200).replace(/\n/g,' | '))}`); break; }
    await page.waitForTimeout(100);
  }
  console.log(round, log.join('  '));
  await b.close(); profile.remove();
}
