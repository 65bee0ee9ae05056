import { useEffect, useRef, useState } from 'preact/hooks';
import type { OptionsTranslate } from '@/lib/i18n/options-strings';
import { formatWhen } from '@/lib/i18n/strings';
import type { SyncDeleteResponse } from '@/lib/messaging';
import type { Lang } from '@/lib/settings/model';
import type { SyncStatus } from '@/lib/sync/status';
import { CheckField } from './SettingsFields';

export interface SyncPanelProps {
  /** The switch (`settings.sync`). */
  enabled: boolean;
  /** What the worker last did with the browser's sync. */
  status: SyncStatus;
  t: OptionsTranslate;
  lang: Lang;
  /** The control whose change was saved last: `'sync'` is the switch. */
  savedIn: string | null;
  /** The time the status is read at (epoch ms), for "3 minutes ago". */
  now: number;
  onToggle: (on: boolean) => void;
  /** Deletes the extension's data from sync (every device's) and turns sync off here. */
  onDelete: () => Promise<SyncDeleteResponse>;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * When something happened, as the status line says it: "never", "just now", "3 minutes ago"
 * within the hour, then a day and time (a relative time further back would go stale while
 * the page stays open; a clock a little behind another device's reads as "just now").
 */
export function syncWhen(at: number | undefined, now: number, t: OptionsTranslate, lang: Lang): string {
  if (at === undefined) return t('syncNever');
  const ago = now - at;
  if (ago < -MINUTE || ago >= HOUR) return formatWhen(at, now, lang);
  if (ago < MINUTE) return t('syncJustNow');
  const locale = lang === 'zh' ? 'zh-CN' : 'en';
  return new Intl.RelativeTimeFormat(locale).format(-Math.floor(ago / MINUTE), 'minute');
}

/** Bytes as KB with at most one decimal: "12.3", "100". */
const kb = (bytes: number) => String(Math.round(bytes / 102.4) / 10);

/** "Last sent: … · Last received: … · 12.3 KB of 100 KB used (12%) · 1 other browser". */
export function syncSummary(status: SyncStatus, now: number, t: OptionsTranslate, lang: Lang): string {
  const when = (at: number | undefined) => syncWhen(at, now, t, lang);
  const percent = status.quota > 0 ? Math.round((status.bytes / status.quota) * 100) : 0;
  const devices =
    status.devices === 0
      ? t('syncDevicesNone')
      : status.devices === 1
        ? t('syncDevicesOne')
        : t('syncDevicesMany', { n: status.devices });
  return [
    t('syncLastSent', { when: when(status.sentAt) }),
    t('syncLastReceived', { when: when(status.receivedAt) }),
    t('syncUsed', { used: kb(status.bytes), quota: kb(status.quota), percent }),
    devices,
  ].join(t('syncSeparator'));
}

/** Keeping the usual days of individual reviews in sync; fewer means the quota was tight. */
const USUAL_KEEP_DAYS = 14;

/** What needs the person's attention: the quota, refused data, a newer version, an error. */
function SyncWarnings({ status, t }: { status: SyncStatus; t: OptionsTranslate }) {
  return (
    <>
      {status.error !== undefined && (
        <p class="sync-warning sync-error">{t('syncError', { message: status.error })}</p>
      )}
      {status.full && <p class="sync-warning">{t('syncFull')}</p>}
      {status.keepDays !== undefined && status.keepDays < USUAL_KEEP_DAYS && (
        <p class="sync-warning">{t('syncKeepDays', { n: status.keepDays })}</p>
      )}
      {status.newer.length > 0 && <p class="sync-warning">{t('syncNewer')}</p>}
      {status.problems.length > 0 && (
        <div class="sync-warning sync-problems">
          <p>{t('syncProblems')}</p>
          {/* The worker words these, in English: a screen reader reads them as English. */}
          <ul lang="en">
            {status.problems.map((problem, i) => (
              <li key={i}>{problem}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

/**
 * The status in words. While sync is off the worker's last status is stale, so only "off"
 * is said (and when the data was deleted from sync, which is what turns it off).
 */
function SyncStatusLine({
  enabled,
  status,
  now,
  t,
  lang,
}: Omit<SyncPanelProps, 'savedIn' | 'onToggle' | 'onDelete'>) {
  return (
    <div class="sync-status" role="status" aria-live="polite">
      {enabled ? (
        <>
          <p>{syncSummary(status, now, t, lang)}</p>
          <SyncWarnings status={status} t={t} />
        </>
      ) : (
        <p>{t('syncOff')}</p>
      )}
      {status.deletedAt !== undefined && (
        <p class="muted">{t('syncDeletedAt', { when: syncWhen(status.deletedAt, now, t, lang) })}</p>
      )}
    </div>
  );
}

/** "Delete my data from sync", asked again inline before anything is deleted, then the outcome. */
function SyncDeletePart({ t, onDelete }: { t: OptionsTranslate; onDelete: SyncPanelProps['onDelete'] }) {
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState('');
  const question = useRef<HTMLParagraphElement>(null);
  const resultLine = useRef<HTMLParagraphElement>(null);
  // The question appears where the person is: keyboard and screen reader land on it.
  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);
  async function answer(confirmed: boolean) {
    setAsking(false);
    // The box that had the focus is gone: it goes to the line that says what happened.
    resultLine.current?.focus();
    if (!confirmed) return setResult(t('syncDeleteCancelled'));
    setBusy(true);
    setResult(t('working'));
    try {
      const r = await onDelete();
      setResult(r.ok ? t('syncDeleted') : t('syncDeleteFailed', { message: r.message }));
    } catch (e) {
      setResult(t('syncDeleteFailed', { message: (e as Error).message || String(e) }));
    } finally {
      setBusy(false);
    }
  }
  return (
    <>
      <div class="sync-actions">
        <button type="button" name="syncDelete" disabled={busy || asking} onClick={() => setAsking(true)}>
          {t('syncDelete')}
        </button>
      </div>
      {asking && (
        <div class="sync-confirm" role="group" aria-labelledby="sync-delete-question">
          <p id="sync-delete-question" tabIndex={-1} ref={question}>
            {t('syncDeleteQuestion')}
          </p>
          <div class="sync-actions">
            <button type="button" name="confirmSyncDelete" class="danger" onClick={() => void answer(true)}>
              {t('syncDeleteConfirm')}
            </button>
            <button type="button" name="cancelSyncDelete" onClick={() => void answer(false)}>
              {t('syncDeleteCancel')}
            </button>
          </div>
        </div>
      )}
      <p class="sync-result" role="status" aria-live="polite" tabIndex={-1} ref={resultLine}>
        {result}
      </p>
    </>
  );
}

/**
 * The sync section of the options page: the switch (saved like any setting), what sync
 * carries and what it does not, what the worker last did, and deleting our data from sync.
 * The browser's own sync carries it; nothing goes through a server of ours.
 */
export function SyncPanel(p: SyncPanelProps) {
  return (
    <section class="sync">
      <h2>{p.t('sync')}</h2>
      <p class="muted">{p.t('syncHint')}</p>
      <CheckField
        name="sync"
        label={p.t('syncOn')}
        checked={p.enabled}
        t={p.t}
        saved={p.savedIn === 'sync'}
        onChange={p.onToggle}
      />
      <SyncStatusLine enabled={p.enabled} status={p.status} now={p.now} t={p.t} lang={p.lang} />
      <SyncDeletePart t={p.t} onDelete={p.onDelete} />
    </section>
  );
}
