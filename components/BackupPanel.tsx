import { useRef, useState } from 'preact/hooks';
import type { ImportCheck } from '@/lib/backup/actions';
import type { ImportPreview } from '@/lib/backup/preview';
import type { OptionsTranslate } from '@/lib/i18n/options-strings';
import { ImportPreviewBox } from './ImportPreview';

interface PendingImport {
  id: number;
  file: string;
  text: string;
  preview: ImportPreview;
}

export interface BackupPanelProps {
  t: OptionsTranslate;
  /** Each returns the message to show (success or the reason it failed). */
  onExport: () => Promise<string>;
  /** Checks a chosen file and says what importing it would change; writes nothing. */
  onCheckImport: (file: File) => Promise<ImportCheck>;
  onImport: (text: string, replaceSettings: boolean) => Promise<string>;
  onCheck: () => Promise<string>;
}

/** Export, import (after showing what it would change) and "check database", with one status line. */
export function BackupPanel({ t, onExport, onCheckImport, onImport, onCheck }: BackupPanelProps) {
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  // The file checked and waiting for Import or Cancel (`id`: a fresh box for each file chosen).
  const [pending, setPending] = useState<PendingImport | null>(null);
  const files = useRef(0);
  const statusLine = useRef<HTMLParagraphElement>(null);
  const choose = (file: File) =>
    run(async () => {
      setPending(null);
      const check = await onCheckImport(file);
      if (!check.ok) return check.message;
      setPending({ id: ++files.current, file: file.name, text: check.text, preview: check.preview });
      return '';
    });
  const decide = (replaceSettings: boolean | null) => {
    const text = pending?.text;
    setPending(null);
    // The box that had the focus is gone: it goes to the line that says what happened.
    statusLine.current?.focus();
    if (text === undefined || replaceSettings === null) setStatus(t('importCancelled'));
    else void run(() => onImport(text, replaceSettings));
  };
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
              if (file) void choose(file);
            }}
          />
        </label>
        <button type="button" name="check" disabled={busy} onClick={() => void run(onCheck)}>
          {t('checkButton')}
        </button>
      </div>
      {pending && (
        <ImportPreviewBox
          key={pending.id}
          t={t}
          fileName={pending.file}
          preview={pending.preview}
          onConfirm={(replace) => decide(replace)}
          onCancel={() => decide(null)}
        />
      )}
      <p class="backup-status" role="status" aria-live="polite" tabIndex={-1} ref={statusLine}>
        {status}
      </p>
    </section>
  );
}
