import { render } from 'preact';
import '@/components/theme.css';
import { bootStudyPage } from '@/lib/page';
import { App } from './App';

void bootStudyPage({ rotate: false }).then((page) =>
  render(<App page={page} />, document.getElementById('app')!),
);
