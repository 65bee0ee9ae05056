import { render } from 'preact';
import '@/components/theme.css';
import { bootStudyPage } from '@/lib/page';
import { App } from './App';

// The popup reviews the queue as it stands, starting from the head the last page prepared.
const app = document.getElementById('app')!;
const start = () => {
  // Replaces what prepaint.js painted, in one task: nothing flickers.
  app.replaceChildren();
  render(<App page={bootStudyPage({ rotate: false })} />, app);
};
// prepaint.js loads this module after the browser has painted the prepared card.
start();
