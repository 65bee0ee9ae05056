import { hydrate, render } from 'preact';
import '@/components/theme.css';
import { bootStudyPage } from '@/lib/page';
import { App } from './App';

// The popup reviews the queue as it stands, starting from the head the last page prepared.
const app = document.getElementById('app')!;
const start = () => {
  const page = <App page={bootStudyPage({ rotate: false })} />;
  // Takes over what prepaint.js painted (the same elements) rather than replacing it.
  if (app.firstElementChild) hydrate(page, app);
  else render(page, app);
};
// prepaint.js loads this module after the browser has painted the prepared card.
start();
