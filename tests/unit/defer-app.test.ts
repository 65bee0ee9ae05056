import { describe, expect, it } from 'vitest';
import { deferredHtml } from '@/build/defer-app';

const asset = (source: string) => () => ({ type: 'asset' as const, source }) as never;
const VITE = `<!doctype html><html lang="en"><head>
<script type="module" crossorigin src="/chunks/newtab-abc.js"></script>
<link rel="modulepreload" crossorigin href="/chunks/preact.js">
<link rel="stylesheet" crossorigin href="/assets/newtab.css">
</head><body></body></html>`;

describe('the build step that defers the app and inlines the stylesheet', () => {
  it('names the module on <html data-app>, drops the script and preloads, inlines the CSS', () => {
    const out = deferredHtml(VITE, 'newtab', asset('body{color:red}'));
    expect(out).toContain('<html data-app="/chunks/newtab-abc.js" lang="en">');
    expect(out).toContain('<style>body{color:red}</style>');
    expect(out).not.toMatch(/<script|modulepreload|<link rel="stylesheet"/);
  });

  it('fails the build, naming the page, when the HTML is not what it edits', () => {
    expect(() => deferredHtml(VITE.replace(/<script[^>]*><\/script>/, ''), 'newtab', asset(''))).toThrow(
      /newtab: expected one module script, found 0/,
    );
    expect(() =>
      deferredHtml(VITE.replace('type="module" crossorigin', 'type="module" defer'), 'popup', asset('')),
    ).not.toThrow();
    expect(() => deferredHtml(VITE, 'newtab', () => undefined)).toThrow(/no stylesheet assets\/newtab.css/);
    expect(() =>
      deferredHtml(
        VITE.replace(
          '<link rel="stylesheet" crossorigin href="/assets/newtab.css">',
          '<link rel="stylesheet" href="x.css">',
        ),
        'newtab',
        asset(''),
      ),
    ).toThrow(/stylesheet link this step does not recognise/);
  });
});
