import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { prepaint } from '@/lib/prepaint';

// A classic script at the end of the new tab's and the popup's <body>: paints the prepared
// card before the app's modules load. The page says which one it is on <html data-page>.
export default defineUnlistedScript(() => {
  const kind = document.documentElement.dataset.page === 'popup' ? 'popup' : 'newtab';
  try {
    prepaint(kind);
  } catch {
    // The fast path is optional; the app paints as usual.
  }
});
