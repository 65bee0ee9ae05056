import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesOf, cssBytes, packageBytes, pageAssets, questionBytes } from '../../scripts/package-bytes';
import { EXTENSION_DIR } from './harness';

const bytes = (files: string[]) => bytesOf(EXTENSION_DIR, files);

describe('what the built package ships (deterministic budgets)', () => {
  const newtab = pageAssets(EXTENSION_DIR, 'newtab.html');
  const js = newtab.js.map((f) => readFileSync(join(EXTENSION_DIR, f), 'utf8')).join('\n');

  it('keeps the new tab JavaScript within 25 KB gzip in either language and its CSS within 5 KB gzip', () => {
    for (const lang of ['en', 'zh'] as const) {
      const files = pageAssets(EXTENSION_DIR, 'newtab.html', lang).js;
      // A page loads its own language's strings and not the other's.
      expect(files.filter((f) => f.includes('/study-en-') || f.includes('/study-zh-'))).toEqual([
        expect.stringContaining(`/study-${lang}-`),
      ]);
      const jsBytes = bytes(files);
      console.info(`new tab in ${lang}: JS ${jsBytes.raw} B raw / ${jsBytes.gzip} B gzip`);
      expect(jsBytes.gzip).toBeLessThanOrEqual(25_000);
    }
    // Inline: the new tab's stylesheet is in its HTML (build/defer-app.ts).
    const css = cssBytes(EXTENSION_DIR, 'newtab.html');
    console.info(`new tab: CSS ${css.raw} B raw / ${css.gzip} B gzip`);
    expect(css.gzip).toBeGreaterThan(1_000);
    expect(css.gzip).toBeLessThanOrEqual(5_000);
  });

  it('ships no Markdown parser, no KaTeX or highlighter JavaScript and no bank index to the new tab', () => {
    expect(js).not.toMatch(/KaTeX parse error|markdown-it|linkify|highlightAuto/);
    // The bank index lists every id; the new tab must not carry it.
    expect(js).not.toContain('open-source-model-families');
    expect(js).not.toContain('int8-vs-fp16-inference-speed');
  });

  it('loads one small JSON file per question', () => {
    const { count, median, max } = questionBytes(EXTENSION_DIR);
    console.info(`questions: ${count} files, median ${median} B, max ${max} B`);
    expect(count).toBeGreaterThanOrEqual(200);
    expect(max).toBeLessThanOrEqual(100_000);
  });

  it('grows with the bank and nothing else, and asks only for storage and alarms', () => {
    const total = packageBytes(EXTENSION_DIR);
    const questions = questionBytes(EXTENSION_DIR);
    const search = statSync(join(EXTENSION_DIR, 'bank-search.json')).size;
    const rest = total - questions.total - search;
    console.info(
      `package: ${total} B unpacked; questions ${questions.total} B, search index ${search} B, the rest ${rest} B`,
    );
    // Code, styles, KaTeX's fonts, icons: 1 MB. The bank's own bytes scale with its size.
    expect(rest).toBeLessThanOrEqual(1_000_000);
    expect(search / questions.count).toBeLessThanOrEqual(1_500);
    expect(questions.total / questions.count).toBeLessThanOrEqual(25_000);
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.permissions).toEqual(['storage', 'alarms']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.content_security_policy).toBeUndefined();
  });
});
