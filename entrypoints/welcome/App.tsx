import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { WelcomeView } from '@/components/WelcomeView';
import { welcomeTranslator } from '@/lib/i18n/welcome-strings';
import { applyDocumentLang, applyTheme } from '@/lib/pages';
import { resolveLang, type Settings } from '@/lib/settings/model';
import { onSettingsChanged, saveSettings } from '@/lib/settings/store';

/** The first-run page, opened once by the worker when the extension is installed. */
export function App({ initial }: { initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  const ui = resolveLang(settings.uiLang, navigator.language);
  const t = welcomeTranslator(ui);
  useEffect(() => onSettingsChanged(setSettings), []);
  useEffect(() => {
    applyDocumentLang(ui);
    document.title = `${t('title')} · ${t('appName')}`;
  }, [ui]);
  useEffect(() => applyTheme(settings.theme), [settings.theme]);

  return (
    <WelcomeView
      t={t}
      actions={{
        // The study page itself, in this tab: what every new tab will show from now on.
        onStart: () => location.assign('/newtab.html'),
        onClose: () => void closeThisTab(),
        onSwitchLang: () => void saveSettings({ uiLang: ui === 'zh' ? 'en' : 'zh' }).then(setSettings),
        optionsHref: '/options.html',
      }}
    />
  );
}

/** Closes the tab (tabs.remove of one's own tab needs no permission). */
async function closeThisTab(): Promise<void> {
  const tab = await browser.tabs.getCurrent();
  if (tab?.id !== undefined) await browser.tabs.remove(tab.id);
  else window.close();
}
