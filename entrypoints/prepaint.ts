import { defineUnlistedScript } from 'wxt/utils/define-unlisted-script';
import { prepaint } from '@/lib/study/paint';

// A classic script at the end of the new tab's and the popup's <body>: paints the prepared
// card, then loads the app's module. The page says which one it is on <html data-page>.
export default defineUnlistedScript(() => {
  const root = document.documentElement;
  const kind = root.dataset.page === 'popup' ? 'popup' : 'newtab';
  let painted = false;
  try {
    painted = prepaint(kind);
  } finally {
    // The app's module is named on <html data-app> at build time (build/defer-app.ts).
    // After a prepaint it loads once the browser has painted that card; otherwise now.
    const app = root.dataset.app;
    const load = () => void import(/* @vite-ignore */ app!);
    if (!app) {
      // Not a production build: the page still has its own module script.
    } else if (painted) requestAnimationFrame(() => setTimeout(load, 0));
    else load();
  }
});
