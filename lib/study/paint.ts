import { openNewTab, pacingFromMirror, readPacing, writePacing } from './pacing';
import { localPreparedStore, usablePrepared } from './prepared';
import { SETTINGS_MIRROR_KEY } from '../storage-keys';

/**
 * Paints the prepared card with plain DOM calls from a tiny classic script that runs while
 * the page is still parsing, before the app's modules have loaded: the question is on
 * screen about as soon as a blank page would be. The words around it come with the
 * prepared card (`labels`), so this needs no catalog. The app then hydrates these
 * elements (the painted question stays the same element) and confirms the card against
 * IndexedDB.
 *
 * A new tab first decides, from the pacing settings and this browser's tab count, whether
 * it studies at all; it records the decision on <html data-pace> ('study', or why it shows
 * the calm page) for the app. That tab count is the only thing written here.
 */
export function prepaint(kind: 'newtab' | 'popup', doc: Document = document, now = Date.now()): boolean {
  const root = doc.documentElement;
  let mirror: { theme?: unknown } | null = null;
  try {
    mirror = JSON.parse(localStorage.getItem(SETTINGS_MIRROR_KEY) ?? 'null') as { theme?: unknown } | null;
  } catch {
    // No mirror: defaults, as the app would choose.
  }
  if (mirror?.theme === 'light' || mirror?.theme === 'dark') root.dataset.theme = mirror.theme;
  if (kind === 'newtab') {
    const { decision, state } = openNewTab(pacingFromMirror(mirror), readPacing(), now);
    writePacing(state);
    root.dataset.pace = decision.study ? 'study' : decision.reason;
    if (!decision.study) {
      if (decision.until) root.dataset.paceUntil = String(decision.until);
      return false;
    }
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
    Object.assign(el('span', undefined, ' · '), { ariaHidden: 'true' }),
    el('span', undefined, labels.topics),
  );
  const h1 = el('h1', 'question');
  h1.setAttribute('elementtiming', 'question');
  // Compiled at build time from the bank's Markdown with raw HTML disabled; shipped in the package.
  h1.innerHTML = q[labels.content].question;
  // The same elements and attributes as components/StudyCard.tsx, so the app hydrates this
  // DOM instead of replacing it: the painted question stays the very same element.
  const reveal = el('button', 'reveal');
  reveal.setAttribute('type', 'button');
  reveal.setAttribute('aria-keyshortcuts', 'Space Enter');
  reveal.append(labels.reveal, ' ', el('kbd', undefined, labels.revealHint));
  article.append(meta, h1, reveal);
  page.append(article);
  app.replaceChildren(page);
  // What was painted: the app hydrates it only if it starts from this very card (the slot
  // may have been rewritten by another page in between).
  root.dataset.painted = `${q.id} ${labels.content}`;
  return true;
}
