/** The URL of one compiled question inside the extension package. */
export function questionPath(id: string): string {
  return `/q/${encodeURIComponent(id)}.json`;
}

/** KaTeX's stylesheet, shipped in the package and loaded only by a page that shows math. */
export const KATEX_CSS_PATH = '/katex/katex.min.css';
