import type { OptionsKey, OptionsTranslate } from '../i18n/options-strings';
import type { Interview, Settings } from '../settings/model';
import type { SettingChange } from './preview';

// The words the options page says about an import: each setting a file would change, and
// what an import did. Pure: the catalog is passed in.

const LABELS: Record<Exclude<keyof Settings, 'version'>, OptionsKey> = {
  disabledSections: 'sectionsOff',
  disabledTopics: 'topicsOff',
  newPerDay: 'newPerDay',
  maxReviewsPerDay: 'maxReviewsPerDay',
  retention: 'retention',
  dayStartHour: 'dayStartHour',
  uiLang: 'uiLang',
  contentLang: 'contentLang',
  theme: 'theme',
  keyShortcuts: 'keyShortcutsShort',
  newTabMode: 'newTabMode',
  newTabEvery: 'newTabEvery',
  newTabDailyCap: 'newTabDailyCap',
  quietHours: 'quietHours',
  quietFrom: 'quietFrom',
  quietTo: 'quietTo',
  interviews: 'interviews',
  planBudget: 'planBudget',
  newOrder: 'newOrder',
  sync: 'syncOn',
};

const CHOICES: Record<string, OptionsKey> = {
  auto: 'auto',
  system: 'themeSystem',
  light: 'themeLight',
  dark: 'themeDark',
  every: 'modeEvery',
  nth: 'modeNth',
  off: 'modeOff',
  sensible: 'orderSensible',
  bank: 'orderBank',
  shuffled: 'orderShuffled',
};
const LANGUAGES: Record<string, string> = { zh: '中文', en: 'English' };

/** Interviews listed by name and date (the first three, then how many more), or "none". */
function describeInterviews(list: readonly Interview[], t: OptionsTranslate): string {
  if (!list.length) return t('noneValue');
  const shown = list.slice(0, SHOWN_INTERVIEWS).map((i) => (i.name ? `${i.name} ${i.date}` : i.date));
  if (list.length > SHOWN_INTERVIEWS) shown.push(`+${list.length - SHOWN_INTERVIEWS}`);
  return shown.join(t('comma'));
}
const SHOWN_INTERVIEWS = 3;

function describeValue(key: keyof Settings, value: unknown, t: OptionsTranslate): string {
  if (key === 'interviews' && Array.isArray(value)) return describeInterviews(value as Interview[], t);
  if (Array.isArray(value)) return String(value.length);
  if (typeof value === 'boolean') return t(value ? 'on' : 'off');
  if (key === 'retention' && typeof value === 'number') return value.toFixed(2);
  if (typeof value === 'string') return LANGUAGES[value] ?? (CHOICES[value] ? t(CHOICES[value]) : value);
  return String(value);
}

/**
 * One setting a file would change, as a person reads it.
 *
 * @example
 * describeSettingChange({ key: 'theme', from: 'system', to: 'dark' }, optionsTranslator('en'))
 * // 'Theme: System → Dark'
 */
export function describeSettingChange(change: SettingChange, t: OptionsTranslate): string {
  const label = change.key === 'version' ? 'version' : t(LABELS[change.key]);
  return t('settingChange', {
    label,
    from: describeValue(change.key, change.from, t),
    to: describeValue(change.key, change.to, t),
  });
}

/** What an import did, in one message: the reviews, the cards and the settings. */
export function describeImportDone(
  out: {
    added: number;
    skipped: number;
    rebuilt: number;
    settingsChanged: readonly SettingChange[];
    settingsKept: boolean;
  },
  t: OptionsTranslate,
): string {
  const reviews = t('importDone', { added: out.added, skipped: out.skipped, rebuilt: out.rebuilt });
  const settings = out.settingsChanged.length
    ? t('importSettingsChanged', {
        list: out.settingsChanged.map((c) => describeSettingChange(c, t)).join(t('listSeparator')),
      })
    : t(out.settingsKept ? 'importSettingsKept' : 'importSettingsSame');
  return `${reviews} ${settings}`;
}
