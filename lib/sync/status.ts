import { QUOTA } from './format';

/**
 * What the worker last did with `storage.sync`, kept in `storage.local["sync-status"]` for
 * the options page to show. Written by the worker only; a page reads it and listens for changes.
 */
export interface SyncStatus {
  /** When this device last wrote its data to sync (epoch ms). */
  sentAt?: number;
  /** When data another device wrote last changed something here (epoch ms). */
  receivedAt?: number;
  /** Bytes the extension's data takes in sync, all devices together, as Chrome counts them. */
  bytes: number;
  /** The quota those bytes count against (102,400 in Chrome). */
  quota: number;
  /** Other devices whose data is in sync and was read whole. */
  devices: number;
  /**
   * Days of this device's individual events kept in sync before they are folded into
   * per-card checkpoints (14 normally; fewer when the quota is tight).
   */
  keepDays?: number;
  /** The data did not fit in the quota even compacted: nothing was sent, local data is kept. */
  full?: boolean;
  /** Sync data refused (corrupt or hostile), in words: ignored, the local database unchanged. */
  problems: string[];
  /** Sync data from a newer version of the extension, left alone: update the extension. */
  newer: string[];
  /** The last read or write of sync failed (the browser's message), or undefined. */
  error?: string;
  /** When the person last deleted the extension's data from sync on this device. */
  deletedAt?: number;
}

export const SYNC_STATUS_KEY = 'sync-status';

export const EMPTY_SYNC_STATUS: SyncStatus = {
  bytes: 0,
  quota: QUOTA.bytes,
  devices: 0,
  problems: [],
  newer: [],
};
