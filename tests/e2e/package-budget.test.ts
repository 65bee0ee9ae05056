import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { EXTENSION_DIR } from './harness';

/** The scripts and stylesheets a page loads at start: its HTML's tags plus their static imports. */
function pageAssets(page: string): { js: string[]; css: string[] } {
  const html = readFileSync(join(EXTENSION_DIR, page), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="(\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const js = new Set<string>();
  const queue = refs.filter((r) => r.endsWith('.js'));
  while (queue.length) {
    const file = queue.pop()!;
    if (js.has(file)) continue;
    js.add(file);
    const code = readFileSync(join(EXTENSION_DIR, file), 'utf8');
    for (const m of code.matchAll(/from"\.\/([^"]+\.js)"/g)) queue.push(`/chunks/${m[1]}`);
  }
  return { js: [...js], css: refs.filter((r) => r.endsWith('.css')) };
}

function bytes(files: string[]) {
  const contents = files.map((f) => readFileSync(join(EXTENSION_DIR, f)));
  return {
    raw: contents.reduce((n, c) => n + c.length, 0),
    gzip: contents.reduce((n, c) => n + gzipSync(c, { level: 9 }).length, 0),
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
  );
}

describe('what the built package ships (deterministic budgets)', () => {
  const newtab = pageAssets('newtab.html');
  const js = newtab.js.map((f) => readFileSync(join(EXTENSION_DIR, f), 'utf8')).join('\n');

  it('keeps the new tab JavaScript within 25 KB gzip and its CSS within 5 KB gzip', () => {
    const jsBytes = bytes(newtab.js);
    const cssBytes = bytes(newtab.css);
    console.info(
      `new tab: JS ${jsBytes.raw} B raw / ${jsBytes.gzip} B gzip; CSS ${cssBytes.raw} B raw / ${cssBytes.gzip} B gzip`,
    );
    expect(jsBytes.gzip).toBeLessThanOrEqual(25_000);
    expect(cssBytes.gzip).toBeLessThanOrEqual(5_000);
  });

  it('ships no Markdown parser, no KaTeX or highlighter JavaScript and no bank index to the new tab', () => {
    expect(js).not.toMatch(/KaTeX parse error|markdown-it|linkify|highlightAuto/);
    // The bank index lists every id; the new tab must not carry it.
    expect(js).not.toContain('open-source-model-families');
    expect(js).not.toContain('int8-vs-fp16-inference-speed');
  });

  it('loads one small JSON file per question', () => {
    const files = readdirSync(join(EXTENSION_DIR, 'q'));
    const sizes = files.map((f) => statSync(join(EXTENSION_DIR, 'q', f)).size).sort((a, b) => a - b);
    const median = sizes[Math.floor(sizes.length / 2)]!;
    const max = sizes.at(-1)!;
    console.info(`questions: ${files.length} files, median ${median} B, max ${max} B`);
    expect(files.length).toBeGreaterThanOrEqual(200);
    expect(max).toBeLessThanOrEqual(100_000);
  });

  it('keeps the whole package under 5 MB and asks only for storage and alarms', () => {
    const total = walk(EXTENSION_DIR).reduce((n, f) => n + statSync(f).size, 0);
    console.info(`package: ${total} B unpacked`);
    expect(total).toBeLessThanOrEqual(5_000_000);
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8'));
    expect(manifest.permissions).toEqual(['storage', 'alarms']);
    expect(manifest.host_permissions).toBeUndefined();
    expect(manifest.content_security_policy).toBeUndefined();
  });
});
