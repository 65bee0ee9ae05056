import { openNewTab, pacingFromMirror, readPacing, writePacing } from './pacing';
import { readPrepared, usablePrepared } from './prepared';
import { SETTINGS_MIRROR_KEY } from '../storage-keys';
import { holdEarlyKeys } from './early-keys';

/**
 * Paints the prepared card from a tiny classic script that runs while the page is still
 * parsing, before the app's modules have loaded: the question is on screen about as soon as
 * a blank page would be. The markup comes with the prepared card, rendered by the very
 * components the app then hydrates (the painted question stays the same element); the
 * app confirms the card against IndexedDB. Keys pressed meanwhile are held for the app.
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
  holdEarlyKeys(doc.defaultView ?? window);
  const prepared = usablePrepared(readPrepared(kind === 'newtab' ? 'next' : 'head'), now);
  const paint = prepared?.paint;
  const app = doc.getElementById('app');
  if (!prepared || !paint || !app) return false;
  root.lang = paint.ui === 'zh' ? 'zh-CN' : 'en';
  // Rendered by the app's own components from questions compiled at build time with raw
  // HTML disabled, shipped in the package.
  app.innerHTML = paint.html;
  // What was painted: the app hydrates it only if it starts from this very card (the slot
  // may have been rewritten by another page in between).
  root.dataset.painted = `${prepared.card.id} ${paint.content}`;
  return true;
}
