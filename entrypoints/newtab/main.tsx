import { render } from 'preact';
import '@/components/theme.css';
import { bootStudyPage } from '@/lib/page';
import { App } from './App';

// A new tab rotates through what is due, starting from the card the last page prepared.
render(<App page={bootStudyPage({ rotate: true })} />, document.getElementById('app')!);
