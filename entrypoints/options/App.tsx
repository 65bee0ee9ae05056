import bankIndex from 'virtual:bank-index';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { BackupPanel } from '@/components/BackupPanel';
import { SettingsForm, type SettingsPatch } from '@/components/SettingsForm';
import { SyncPanel } from '@/components/SyncPanel';
import { checkAndRepair, checkBackupFile, exportBackup, importBackup } from '@/lib/backup/actions';
import { TopicFilters, countTopics } from '@/components/TopicFilters';
import { applyDocumentLang, applyTheme, openBrowse } from '@/lib/pages';
import { optionsTranslator } from '@/lib/i18n/options-strings';
import { sendSyncDelete } from '@/lib/messaging';
import { resolveLang } from '@/lib/settings/model';
import type { Settings } from '@/lib/settings/model';
import { loadSettings, onSettingsChanged, saveSettings } from '@/lib/settings/store';
import { useSyncStatus } from './sync-status';

export function App({ initial }: { initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  // Where the last change was saved ("pacing", "topics-basics" ...): that part says "Saved".
  const [savedIn, setSavedIn] = useState<string | null>(null);
  const counts = useMemo(() => countTopics(bankIndex), []);
  const sync = useSyncStatus();
  const ui = resolveLang(settings.uiLang, navigator.language);
  const langs = { ui, t: optionsTranslator(ui) };
  // Saves of this page still to be made: while there are any, the page is not drawn from what
  // an earlier one stored (a box just ticked would blink off until its own save lands).
  const pending = useRef(0);
  useEffect(() => onSettingsChanged((s) => pending.current === 0 && setSettings(s)), []);
  useEffect(() => {
    applyDocumentLang(langs.ui);
    document.title = `${langs.t('optionsTitle')} · ${langs.t('appName')}`;
  }, [langs.ui]);
  useEffect(() => applyTheme(settings.theme), [settings.theme]);

  // Saves run one after another, each on the settings the one before stored: two quick edits
  // of the interviews (a name typed, then a box ticked) never undo each other.
  const saving = useRef<Promise<void>>(Promise.resolve());
  function change(patch: SettingsPatch, where: string) {
    // Drawn at once as the person set it, so nothing drawn before the save lands (a "Saved"
    // note, say) puts a box just ticked back; what is stored replaces it once all have landed.
    setSettings((s) => ({ ...s, ...(typeof patch === 'function' ? patch(s) : patch) }));
    pending.current++;
    const run = saving.current.then(async () => {
      let stored: Settings;
      try {
        stored = await saveSettings(typeof patch === 'function' ? patch(await loadSettings()) : patch);
      } catch (e) {
        // Not stored: the page goes back to what is, rather than show a value that was not kept.
        pending.current--;
        if (pending.current === 0) setSettings(await loadSettings());
        throw e;
      }
      pending.current--;
      // Nothing is rendered before the save: the control keeps what the person just set.
      if (pending.current === 0) setSettings(stored);
      // Emptied, then filled a moment later, so a second save of the same control is announced again.
      setSavedIn(null);
      setTimeout(() => setSavedIn(where), 0);
    });
    // A save that failed does not stop the ones after it.
    saving.current = run.catch(() => undefined);
    return run;
  }

  return (
    <div class="page options">
      <header>
        <h1>
          {langs.t('appName')} · {langs.t('optionsTitle')}
        </h1>
        <p class="popup-links">
          <a class="link" href="/stats.html">
            {langs.t('statistics')}
          </a>
          <button type="button" class="link" onClick={openBrowse}>
            {langs.t('browse')}
          </button>
        </p>
      </header>
      <section>
        <h2>{langs.t('topics')}</h2>
        <p class="muted">{langs.t('topicsHint')}</p>
        <TopicFilters
          filter={settings}
          counts={counts}
          lang={langs.ui}
          t={langs.t}
          savedIn={savedIn}
          onChange={(f, section) => void change(f, `topics-${section}`)}
        />
      </section>
      <SettingsForm
        settings={settings}
        t={langs.t}
        lang={langs.ui}
        savedIn={savedIn}
        onChange={(p, part) => void change(p, part)}
      />
      <SyncPanel
        enabled={settings.sync}
        status={sync.status}
        now={sync.now}
        t={langs.t}
        lang={langs.ui}
        savedIn={savedIn}
        onToggle={(on) => void change({ sync: on }, 'sync')}
        onDelete={sendSyncDelete}
      />
      <BackupPanel
        t={langs.t}
        onExport={() => exportBackup(langs.t)}
        onCheckImport={(file) => checkBackupFile(file, langs.t)}
        onImport={(text, replaceSettings) => importBackup(text, replaceSettings, langs.t)}
        onCheck={() => checkAndRepair(langs.t)}
      />
    </div>
  );
}
