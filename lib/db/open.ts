import { openDB, type IDBPDatabase } from 'idb';
import { DB_NAME, DB_VERSION, type StudyDB } from './schema';
import { upgrade } from './upgrade';

export type StudyDatabase = IDBPDatabase<StudyDB>;

/**
 * Opens the study database, upgrading it if needed. A connection that an upgrade in
 * another page is waiting on closes itself (`blocking`), so an old open tab never hangs
 * an upgrade; the next call reopens it at the new version.
 */
export function openStudyDb(name: string = DB_NAME): Promise<StudyDatabase> {
  return openDB<StudyDB>(name, DB_VERSION, {
    upgrade,
    blocking(_current, _next, event) {
      // A newer version of the extension wants to upgrade: step aside at once.
      (event.target as IDBDatabase).close();
      connections.delete(name);
    },
    terminated() {
      connections.delete(name);
    },
  });
}

/**
 * Whether opening failed because the database is newer than this code: a newer version of
 * the extension has upgraded it, and this page or worker is the previous version's.
 */
export function isNewerDatabase(e: unknown): boolean {
  return (e as { name?: unknown } | null)?.name === 'VersionError';
}

const connections = new Map<string, Promise<StudyDatabase>>();

/** A shared connection for pages; reopened after it was closed for an upgrade. */
export function studyDb(name: string = DB_NAME): Promise<StudyDatabase> {
  let db = connections.get(name);
  if (!db) {
    db = openStudyDb(name);
    connections.set(name, db);
    db.catch(() => connections.delete(name));
  }
  return db;
}
