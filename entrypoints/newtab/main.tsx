import { hydrate, render } from 'preact';
import '@/components/theme.css';
import type { Settings } from '@/lib/settings/model';
import { bootStudyPage, studyStringsLoaded, paceOfThisTab, paintedIsInitial } from '@/lib/study/boot';
import { App } from './App';
import { paintPage } from '@/components/PaintedCard';

// A new tab rotates through what is due, starting from the card the last page prepared,
// unless prepaint.js decided this tab does not study (pacing): then it shows the calm page.
const app = document.getElementById('app')!;
const start = (settings: Settings) => {
  const pace = paceOfThisTab();
  const page = bootStudyPage({
    rotate: true,
    study: pace.study,
    paint: paintPage,
    settings,
  });
  const root = <App page={page} pace={pace} />;
  // Takes over what prepaint.js painted (the same elements) rather than replacing it.
  if (pace.study && paintedIsInitial(page)) hydrate(root, app);
  else {
    app.replaceChildren();
    render(root, app);
  }
};
// prepaint.js loads this module after the browser has painted the prepared card.
void studyStringsLoaded().then(start);
