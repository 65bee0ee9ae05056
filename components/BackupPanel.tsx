import { useState } from 'preact/hooks';
import type { OptionsTranslate } from '@/lib/i18n/options-strings';

export interface BackupPanelProps {
  t: OptionsTranslate;
  /** Each returns the message to show (success or the reason it failed). */
  onExport: () => Promise<string>;
  onImport: (file: File) => Promise<string>;
  onCheck: () => Promise<string>;
}

/** Export, import and "check database", with one status line. */
export function BackupPanel({ t, onExport, onImport, onCheck }: BackupPanelProps) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  async function run(action: () => Promise<string>) {
    setBusy(true);
    setStatus(t('working'));
    try {
      setStatus(await action());
    } catch (e) {
      setStatus(t('failed', { message: (e as Error).message || String(e) }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <section class="backup">
      <h2>{t('backup')}</h2>
      <p class="muted">{t('backupHint')}</p>
      <div class="backup-actions">
        <button type="button" name="export" disabled={busy} onClick={() => void run(onExport)}>
          {t('exportButton')}
        </button>
        <label class={`file-button${busy ? ' disabled' : ''}`}>
          {t('importButton')}
          <input
            type="file"
            name="import"
            accept="application/json,.json"
            disabled={busy}
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              input.value = '';
              if (file) void run(() => onImport(file));
            }}
          />
        </label>
        <button type="button" name="check" disabled={busy} onClick={() => void run(onCheck)}>
          {t('checkButton')}
        </button>
      </div>
      <p class="backup-status" role="status" aria-live="polite">
        {status}
      </p>
    </section>
  );
}
