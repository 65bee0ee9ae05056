import { hydrate, render } from 'preact';
import '@/components/theme.css';
import type { Settings } from '@/lib/settings/model';
import { bootStudyPage, studyStringsLoaded, paintedIsInitial } from '@/lib/study/boot';
import { App } from './App';
import { paintPage } from '@/components/PaintedCard';

// The popup reviews the queue as it stands, starting from the head the last page prepared.
const app = document.getElementById('app')!;
const start = (settings: Settings) => {
  const page = bootStudyPage({
    rotate: false,
    paint: paintPage,
    settings,
  });
  const root = <App page={page} />;
  // Takes over what prepaint.js painted (the same elements) rather than replacing it.
  if (paintedIsInitial(page)) hydrate(root, app);
  else {
    app.replaceChildren();
    render(root, app);
  }
};
// prepaint.js loads this module after the browser has painted the prepared card.
void studyStringsLoaded().then(start);
