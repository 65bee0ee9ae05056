import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { EMPTY_SYNC_STATUS, SYNC_STATUS_KEY, type SyncStatus } from '@/lib/sync/status';

/** The status as stored, or the empty one before the worker has written any. */
function readSyncStatus(stored: unknown): SyncStatus {
  if (typeof stored !== 'object' || stored === null) return EMPTY_SYNC_STATUS;
  const s = { ...EMPTY_SYNC_STATUS, ...(stored as Partial<SyncStatus>) };
  // The lists are mapped over: a status from an older worker without them still draws.
  return {
    ...s,
    problems: Array.isArray(s.problems) ? s.problems : [],
    newer: Array.isArray(s.newer) ? s.newer : [],
  };
}

/** How often "3 minutes ago" is brought up to date while the page stays open. */
const TICK_MS = 60_000;

/**
 * What the worker last did with `storage.sync` (it keeps that in `storage.local`), kept up to
 * date as it writes, and the time to say "3 minutes ago" from.
 */
export function useSyncStatus(): { status: SyncStatus; now: number } {
  const [status, setStatus] = useState(EMPTY_SYNC_STATUS);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    // A change that lands before the first read answers is newer than what that read returns.
    let changed = false;
    const handler = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !(SYNC_STATUS_KEY in changes)) return;
      changed = true;
      setStatus(readSyncStatus(changes[SYNC_STATUS_KEY]?.newValue));
      setNow(Date.now());
    };
    browser.storage.onChanged.addListener(handler);
    void browser.storage.local.get(SYNC_STATUS_KEY).then((got) => {
      if (!changed) setStatus(readSyncStatus(got[SYNC_STATUS_KEY]));
    });
    const tick = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => {
      browser.storage.onChanged.removeListener(handler);
      clearInterval(tick);
    };
  }, []);
  return { status, now };
}
