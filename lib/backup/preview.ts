import type { BackupCard } from './format';
import { cardChange } from '../db/restore';
import type { CardRecord, ReviewRecord } from '../db/schema';
import { DEFAULT_SETTINGS, type Settings } from '../settings/model';

/** One setting whose value in a backup file differs from the one in use. */
export interface SettingChange<K extends keyof Settings = keyof Settings> {
  key: K;
  /** The value in use now. */
  from: Settings[K];
  /** The file's value. */
  to: Settings[K];
}

/** What importing a file would do, shown before anything is written. */
export interface ImportPreview {
  /** Reviews in the file that this browser lacks. */
  reviewsAdded: number;
  reviewsAlreadyHere: number;
  /** Cards whose schedule or card settings the import would write. */
  cardsChanged: number;
  /** The settings the file would replace, if the person chooses to. */
  settingsChanges: SettingChange[];
}

const SETTING_KEYS = (Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[]).filter((k) => k !== 'version');

const sameValue = (a: unknown, b: unknown) =>
  Array.isArray(a) && Array.isArray(b)
    ? JSON.stringify([...a].sort()) === JSON.stringify([...b].sort())
    : a === b;

/**
 * The settings that differ between the ones in use and a file's, in the order the options
 * page lists them.
 *
 * @example
 * settingsDiff(DEFAULT_SETTINGS, { ...DEFAULT_SETTINGS, newPerDay: 7 })
 * // [{ key: 'newPerDay', from: 10, to: 7 }]
 */
export function settingsDiff(current: Settings, file: Settings): SettingChange[] {
  return SETTING_KEYS.filter((key) => !sameValue(current[key], file[key])).map((key) => ({
    key,
    from: current[key],
    to: file[key],
  }));
}

/**
 * What a valid backup would change here: reviews added (merged by id), cards written (the
 * same rule the import follows) and the settings that differ. Reads nothing, writes nothing.
 */
export function previewImport(
  here: {
    settings: Settings;
    reviewIds: ReadonlySet<string>;
    cards: ReadonlyMap<string, Pick<CardRecord, 'suspended' | 'buriedUntil' | 'note' | 'resetAt'>>;
  },
  file: { settings: Settings; cards: readonly BackupCard[]; reviews: readonly ReviewRecord[] },
): ImportPreview {
  const added = file.reviews.filter((r) => !here.reviewIds.has(r.id));
  const gained = new Set(added.map((r) => r.cardId));
  const cardsChanged = file.cards.filter(
    (c) => cardChange(here.cards.get(c.id), c, gained.has(c.id)) !== 'none',
  ).length;
  return {
    reviewsAdded: added.length,
    reviewsAlreadyHere: file.reviews.length - added.length,
    cardsChanged,
    settingsChanges: settingsDiff(here.settings, file.settings),
  };
}
