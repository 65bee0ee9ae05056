import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { REVIEW_COLUMNS } from '../../lib/backup/format';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  browserAvailable,
  browserPerSuite,
  makeDue,
  openExtensionPage,
  openNewTab,
  revealAndRate,
  shownCardId,
  waitForOtherCard,
} from './harness';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/**
 * Runs axe-core in the page (WCAG 2.1 A and AA rules, colour contrast included) and returns
 * the serious and critical violations, described well enough to fix from the test output.
 */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the extension's CSP does not stop it.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (o: unknown) => Promise<{ violations: Violation[] }> } })
      .axe;
    const result = await axe.run({
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe.runIf(browserAvailable())('accessibility (axe-core) of every page, in both themes', () => {
  const suite = browserPerSuite();

  beforeAll(async () => {
    // Some history, so the statistics page draws its charts.
    for (let i = 0; i < 3; i++) {
      const tab = await openNewTab(suite.browser.context);
      await revealAndRate(tab, i === 0 ? '1' : '3');
      await tab.close();
    }
  });

  it('the checker itself finds a missing label and low contrast when they are there', async () => {
    const page = await openExtensionPage(suite.browser, 'blank.html');
    await page.evaluate(() => {
      document.body.innerHTML =
        '<main><h1>Test</h1><button></button><p style="color:#ccc;background:#fff">faint text</p></main>';
    });
    const found = await seriousViolations(page);
    expect(found.some((v) => v.startsWith('button-name'))).toBe(true);
    expect(found.some((v) => v.startsWith('color-contrast'))).toBe(true);
    await page.close();
  });

  it('reaches every action on the new tab with Tab alone, each with a visible focus ring', async () => {
    const page = await openNewTab(suite.browser.context);
    const visit = async (count: number) => {
      const seen: { name: string; outline: string }[] = [];
      for (let i = 0; i < count; i++) {
        await page.keyboard.press('Tab');
        seen.push(
          await page.evaluate(() => {
            const el = document.activeElement as HTMLElement;
            const style = getComputedStyle(el);
            return {
              name: el.textContent?.trim() ?? '',
              outline: `${style.outlineStyle} ${style.outlineWidth}`,
            };
          }),
        );
      }
      return seen;
    };
    const before = await visit(8);
    const names = before.map((s) => s.name);
    // A new card: nothing to reset, so no Reset (study-details.test.ts checks a studied one).
    for (const action of [
      'Show answer',
      'Skip',
      'Bury until tomorrow',
      'Suspend',
      'Note',
      'Snooze 1 hour',
      'Options',
    ])
      expect(names.some((n) => n.startsWith(action))).toBe(true);
    for (const s of before) expect(s.outline).not.toMatch(/^none/);
    // Space presses the focused button: the reveal button, here.
    await page.locator('.reveal').focus();
    await page.keyboard.press('Space');
    await page.locator('.rating-bar').waitFor();
    const after = (await visit(8)).map((s) => s.name);
    for (const action of ['Again', 'Hard', 'Good', 'Easy', 'References'])
      expect(after.some((n) => n.startsWith(action))).toBe(true);
    await page.close();
  });

  for (const scheme of ['light', 'dark'] as const) {
    describe(`${scheme} theme`, () => {
      const check = async (page: Page) => {
        await page.emulateMedia({ colorScheme: scheme });
        expect(await seriousViolations(page)).toEqual([]);
      };

      it('new tab, before and after reveal (math and highlighted code), with the note editor open', async () => {
        // A card whose answer has KaTeX and highlighted code: every colour in the answer is checked.
        const blank = await openExtensionPage(suite.browser, 'blank.html');
        await makeDue(blank, 'swiglu-ffn-8-3-hidden-size');
        await blank.close();
        const page = await openNewTab(suite.browser.context);
        expect(await shownCardId(page)).toBe('swiglu-ffn-8-3-hidden-size');
        await check(page);
        await page.keyboard.press('Space');
        await page.locator('.rating-bar').waitFor();
        await page.locator('.rate-interval', { hasText: /\S/ }).first().waitFor();
        await page.locator('.answer .katex, .answer .hljs-comment').first().waitFor();
        await check(page);
        await page.keyboard.press('n');
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('note-text');
        await check(page);
        // Rated, so the other theme's run can bring it back at once (no rotation past it).
        await page.keyboard.press('Escape');
        // Opened with N, closed: the focus is back where it was (nowhere), so keys study again.
        await expect.poll(() => page.evaluate(() => document.activeElement === document.body)).toBe(true);
        // Opened with the Note button, closed: the focus is back on that button.
        await page.getByRole('button', { name: /^Note/ }).click();
        await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('note-text');
        await page.keyboard.press('Escape');
        await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toMatch(/^Note/);
        const id = await shownCardId(page);
        await page.keyboard.press('3');
        await waitForOtherCard(page, id);
        await page.close();
      });

      it('the calm new tab', async () => {
        const page = await openNewTab(suite.browser.context);
        await page.getByRole('button', { name: 'Snooze 1 hour' }).click();
        await page.locator('.calm .reviewed-today').waitFor();
        await check(page);
        await page.getByRole('button', { name: 'Resume studying' }).click();
        await page.close();
      });

      it('popup', async () => {
        const page = await openExtensionPage(suite.browser, 'popup.html');
        await page.locator('.study-card[data-confirmed="true"], .caught-up').first().waitFor();
        await check(page);
        await page.close();
      });

      it('options, with an interview, a number refused and an import waiting to be confirmed', async () => {
        const page = await openExtensionPage(suite.browser, 'options.html');
        await page.locator('input[name="newPerDay"]').waitFor();
        await check(page);
        // One interview ahead and one past, with a section ticked and a target refused.
        await page.evaluate(() =>
          chrome.storage.local.get('settings').then((s) =>
            chrome.storage.local.set({
              settings: {
                ...(s.settings as object),
                interviews: [{ id: 'old', name: 'Last year', date: '2025-01-10', sections: [], target: 0.9 }],
              },
            }),
          ),
        );
        await page.locator('fieldset.interview.past').waitFor();
        await page.getByRole('button', { name: 'Add interview' }).click();
        const added = page.locator('fieldset.interview:not(.past)');
        await added.getByLabel('Company or role').fill('Acme');
        await added.getByLabel('LLMs').check();
        await added.getByLabel(/Target recall/).fill('120');
        await added.locator('.field-error').waitFor();
        await check(page);
        const removeButtons = page.getByRole('button', { name: 'Remove this interview' });
        while ((await removeButtons.count()) > 0) await removeButtons.first().click();
        await page.getByText('No interview set').waitFor();
        const field = page.locator('input[name="newPerDay"]');
        await field.fill('-5');
        await page.locator('.field-error').waitFor();
        const file = {
          format: 'llm-interview-cards-backup',
          version: 2,
          exportedAt: new Date().toISOString(),
          settings: { newPerDay: 7, theme: 'dark' },
          cards: [],
          reviewColumns: [...REVIEW_COLUMNS],
          reviews: [],
        };
        await page.locator('input[name="import"]').setInputFiles({
          name: 'other.json',
          mimeType: 'application/json',
          buffer: Buffer.from(JSON.stringify(file)),
        });
        await page.locator('.import-preview').waitFor();
        await check(page);
        await page.locator('button[name="cancelImport"]').click();
        await page.close();
      });

      it('browse, with a card open', async () => {
        const page = await openExtensionPage(suite.browser, 'browse.html');
        await page.locator('.result-list .result').first().waitFor();
        await check(page);
        await page.locator('.result-list .result').first().click();
        await page.locator('.card-detail').waitFor();
        await check(page);
        await page.close();
      });

      it('welcome (the first run), in English and in Chinese', async () => {
        const page = await openExtensionPage(suite.browser, 'welcome.html');
        await page.locator('.welcome-ratings').waitFor();
        await check(page);
        await page.getByRole('button', { name: /中文/ }).click();
        await page.getByRole('heading', { name: '欢迎使用大模型面试卡片' }).waitFor();
        await check(page);
        await page.getByRole('button', { name: /English/ }).click();
        await page.getByRole('heading', { name: 'Welcome to LLM Interview Cards' }).waitFor();
        await page.close();
      });

      it('statistics, then with an interview ahead and a section of its table unfolded', async () => {
        const page = await openExtensionPage(suite.browser, 'stats.html');
        await page.locator('svg').first().waitFor();
        await check(page);
        await page.evaluate(async () => {
          const d = new Date();
          d.setDate(d.getDate() + 5);
          const date = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
          const interviews = [{ id: 'a11y', name: 'Acme', date, sections: [], target: 0.95 }];
          const { settings } = await chrome.storage.local.get('settings');
          await chrome.storage.local.set({ settings: { ...(settings as object), interviews } });
        });
        await page.locator('.readiness .recall-curve svg').waitFor();
        await page.locator('.readiness .fold').first().click();
        await page.locator('.readiness .topic-row').first().waitFor();
        await check(page);
        await page.close();
      });
    });
  }
});
