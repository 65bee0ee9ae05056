import { localPreparedStore, usablePrepared } from './prepared';
import { SETTINGS_MIRROR_KEY } from './storage-keys';

/**
 * Paints the prepared card with plain DOM calls from a tiny classic script that runs while
 * the page is still parsing, before the app's modules have loaded: the question is on
 * screen about as soon as a blank page would be. The words around it come with the
 * prepared card (`labels`), so this needs no catalog. The app then renders the same card
 * over it and confirms it against IndexedDB. Nothing here writes anything.
 */
export function prepaint(kind: 'newtab' | 'popup', doc: Document = document, now = Date.now()): boolean {
  const root = doc.documentElement;
  try {
    const theme = (JSON.parse(localStorage.getItem(SETTINGS_MIRROR_KEY) ?? '{}') as { theme?: unknown })
      .theme;
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
  } catch {
    // No mirror: the system theme, as the app would choose.
  }
  const prepared = usablePrepared(localPreparedStore(kind === 'newtab' ? 'next' : 'head').read(), now);
  const labels = prepared?.labels;
  const app = doc.getElementById('app');
  if (!prepared || !labels || !app) return false;
  root.lang = labels.ui === 'zh' ? 'zh-CN' : 'en';
  const el = (tag: string, cls?: string, text?: string) => {
    const e = doc.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  };
  const page = el('div', `page ${kind}`);
  if (kind === 'popup') {
    const header = el('header', 'popup-header');
    const dl = el('dl', 'queue-header');
    const c = prepared.counts;
    for (const [label, value, name] of [
      [labels.dueNow, c.due, 'due'],
      [labels.newLeft, c.newLeft, 'new'],
      [labels.reviewedToday, c.reviewedToday, 'reviewed'],
    ] as const) {
      const item = el('div');
      const dd = el('dd', undefined, String(value));
      dd.dataset.count = name;
      if (name === 'due') dd.setAttribute('elementtiming', 'due-count');
      item.append(el('dt', undefined, label), dd);
      dl.append(item);
    }
    header.append(dl);
    page.append(header);
  }
  const q = prepared.question;
  const article = el('article', 'study-card');
  article.lang = labels.content === 'zh' ? 'zh-CN' : 'en';
  article.dataset.cardId = q.id;
  article.dataset.section = q.section;
  article.dataset.confirmed = 'false';
  const meta = el('p', 'card-meta');
  meta.append(
    el('span', undefined, labels.section),
    el('span', undefined, ' · '),
    el('span', undefined, labels.topics),
  );
  const h1 = el('h1', 'question');
  h1.setAttribute('elementtiming', 'question');
  // Compiled at build time from the bank's Markdown with raw HTML disabled; shipped in the package.
  h1.innerHTML = q[labels.content].question;
  const reveal = el('button', 'reveal', `${labels.reveal} `);
  reveal.append(el('kbd', undefined, labels.revealHint));
  article.append(meta, h1, reveal);
  page.append(article);
  app.replaceChildren(page);
  return true;
}
