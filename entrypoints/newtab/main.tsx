import { render } from 'preact';
import '@/components/theme.css';
import { bootStudyPage } from '@/lib/page';
import { App } from './App';

// A new tab rotates through what is due, starting from the card the last page prepared.
const app = document.getElementById('app')!;
// Replaces what prepaint.js painted, in the same task: nothing flickers.
app.replaceChildren();
render(<App page={bootStudyPage({ rotate: true })} />, app);
