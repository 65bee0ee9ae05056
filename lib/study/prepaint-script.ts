import { prepaint } from './paint';

// prepaint.js: a classic script at the end of the new tab's and the popup's <body>, built
// on its own (build/prepaint-script.ts). It paints the prepared card, then loads the app's
// module. The page says which one it is on <html data-page>.
const root = document.documentElement;
let painted = false;
try {
  painted = prepaint(root.dataset.page === 'popup' ? 'popup' : 'newtab');
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
