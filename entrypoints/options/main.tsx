import { render } from 'preact';
import '@/components/theme.css';
import '@/components/options.css';
import { loadSettings } from '@/lib/settings/store';
import { applyTheme } from '@/lib/pages';
import { App } from './App';

void loadSettings().then((settings) => {
  applyTheme(settings.theme);
  render(<App initial={settings} />, document.getElementById('app')!);
});
