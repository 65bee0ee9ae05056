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
        let out = html;
        for (const link of html.matchAll(/<link rel="stylesheet"[^>]*href="\/([^"]+\.css)"[^>]*>/g)) {
          const asset = ctx.bundle?.[link[1]!] as Rollup.OutputAsset | undefined;
          // A function, so that `$&` and the like in the CSS are not read as patterns.
          if (asset?.type === 'asset')
            out = out.replace(link[0], () => `<style>${String(asset.source)}</style>`);
        }
        const m = /<script type="module" crossorigin src="([^"]+)"><\/script>\s*/.exec(out);
        if (!m) return out;
        return out
          .replace(m[0], '')
          .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
          .replace('<html ', `<html data-app="${m[1]}" `);
      },
    },
  };
}
