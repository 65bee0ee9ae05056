import { render } from 'preact';
import '@/components/theme.css';
import { bootStudyPage } from '@/lib/page';
import { App } from './App';

// The popup reviews the queue as it stands, starting from the head the last page prepared.
const app = document.getElementById('app')!;
// Replaces what prepaint.js painted, in the same task: nothing flickers.
app.replaceChildren();
render(<App page={bootStudyPage({ rotate: false })} />, app);
