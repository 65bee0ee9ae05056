/** The URL of one compiled question inside the extension package. */
export function questionPath(id: string): string {
  // The bench build seeds copies of real questions as `<id>~<n>`; production never does.
  const file = import.meta.env?.WXT_BENCH === '1' ? id.split('~')[0]! : id;
  return `/q/${encodeURIComponent(file)}.json`;
}

/** KaTeX's stylesheet, shipped in the package and loaded only by a page that shows math. */
export const KATEX_CSS_PATH = '/katex/katex.min.css';
