import type { Plugin, Rollup } from 'vite';

/**
 * For the new tab and the popup, the two pages that must paint as soon as a blank page:
 *
 * - takes the app's module script out of the HTML and names it on <html data-app>, so that
 *   prepaint.js can load it after the browser has painted the prepared card (a module
 *   script in the page runs before the first frame and delays it);
 * - puts the stylesheet into the page as a <style> element: a linked stylesheet blocks
 *   prepaint.js until it has loaded, one more request before anything can be painted.
 *   (The extension CSP restricts scripts, not styles.)
 */
export function deferAppScript(pages: string[]): Plugin {
  return {
    name: 'defer-app-script',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!pages.some((p) => ctx.path.endsWith(`/${p}/index.html`) || ctx.path.endsWith(`/${p}.html`)))
          return html;
        return deferredHtml(html, ctx.path, (file) => ctx.bundle?.[file] as Rollup.OutputAsset | undefined);
      },
    },
  };
}

/**
 * The page's HTML with its stylesheets inlined and its module script named on
 * <html data-app>. Throws, naming the page, when Vite's output does not hold what this step
 * edits: a page that quietly kept its module script would paint late, and one that lost it
 * would never start.
 */
export function deferredHtml(
  html: string,
  page: string,
  asset: (file: string) => Rollup.OutputAsset | undefined,
): string {
  const fail = (what: string): never => {
    throw new Error(
      `defer-app-script: ${page}: ${what}; the build's HTML changed, update build/defer-app.ts`,
    );
  };
  let out = html;
  for (const link of html.matchAll(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g)) {
    const css = asset(link[1]!);
    if (css?.type !== 'asset') fail(`no stylesheet ${link[1]} in the bundle`);
    // A function, so that `$&` and the like in the CSS are not read as patterns.
    out = out.replace(link[0], () => `<style>${String(css!.source)}</style>`);
  }
  if (/<link rel="stylesheet"/.test(out)) fail('a stylesheet link this step does not recognise');
  const scripts = [...out.matchAll(/<script type="module"[^>]*src="([^"]+)"[^>]*><\/script>\s*/g)];
  if (scripts.length !== 1) fail(`expected one module script, found ${scripts.length}`);
  if (!/<html[ >]/.test(out)) fail('no <html> element');
  const [tag, src] = scripts[0]!;
  return out
    .replace(tag, '')
    .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
    .replace(/<html( |>)/, (_m, after: string) => `<html data-app="${src}"${after === '>' ? '>' : ' '}`);
}
