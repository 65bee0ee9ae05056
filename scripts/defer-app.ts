import type { Plugin } from 'vite';

/**
 * For the new tab and the popup: takes the app's module script out of the HTML and names
 * it on <html data-app>, so that prepaint.js can load it after the browser has painted the
 * prepared card. A module script in the page runs before the first frame and delays it.
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
        const m = /<script type="module" crossorigin src="([^"]+)"><\/script>\s*/.exec(html);
        if (!m) return html;
        return html
          .replace(m[0], '')
          .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
          .replace('<html ', `<html data-app="${m[1]}" `);
      },
    },
  };
}
