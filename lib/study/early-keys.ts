// Keys pressed after prepaint.js painted a card but before the app listens. prepaint.js
// (a classic script) holds them on `window`; the study view takes them once it listens
// and a card is on screen, and handles them as if they had just been pressed.

const HOLDER = '__llmCardsEarlyKeys';

interface Holder {
  keys: string[];
  stop: () => void;
}

type HoldingWindow = Window & { [HOLDER]?: Holder };

function isTyping(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('input, textarea, select, [contenteditable]') !== null;
}

/** In prepaint.js: hold the study keys pressed from now on. */
export function holdEarlyKeys(win: Window = window): void {
  const keys: string[] = [];
  const listener = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
    keys.push(e.key);
    // Space would scroll the page the app is about to take over.
    if (e.key === ' ') e.preventDefault();
  };
  win.addEventListener('keydown', listener);
  (win as HoldingWindow)[HOLDER] = { keys, stop: () => win.removeEventListener('keydown', listener) };
}

/** In the app, once it handles keys: the keys held so far, in order; holding stops. */
export function takeEarlyKeys(win: Window = window): string[] {
  const holder = (win as HoldingWindow)[HOLDER];
  if (!holder) return [];
  holder.stop();
  delete (win as HoldingWindow)[HOLDER];
  return holder.keys;
}
