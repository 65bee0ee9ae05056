import type { Lang } from '@/lib/settings/model';
import type { OptionsTranslate } from '@/lib/i18n/options-strings';
import { CheckField, NumberField, SelectField } from './SettingsFields';
import { InterviewsPart } from './InterviewsPart';
import { LIMITS, type LangChoice, type NewOrder, type Settings, type Theme } from '@/lib/settings/model';

/**
 * A change to save: the fields to set, or a function of the settings as stored at the moment
 * of saving (so edits made in quick succession never undo each other).
 */
export type SettingsPatch = Partial<Settings> | ((stored: Settings) => Partial<Settings>);

export interface SettingsFormProps {
  settings: Settings;
  t: OptionsTranslate;
  /** The interface language (the sections' names). */
  lang: Lang;
  /** `where`: the control changed (a setting's name), where "Saved" is said once it is stored. */
  onChange: (patch: SettingsPatch, where: string) => void;
  /** The control whose change was saved last, which says so next to itself. */
  savedIn: string | null;
}

interface PartProps {
  settings: Settings;
  t: OptionsTranslate;
  save: (patch: Partial<Settings>) => void;
  savedIn: string | null;
}

function PacingPart({ settings, t, save, savedIn }: PartProps) {
  return (
    <section>
      <h2>{t('pacing')}</h2>
      <NumberField
        name="newPerDay"
        saved={savedIn === 'newPerDay'}
        label={t('newPerDay')}
        value={settings.newPerDay}
        t={t}
        {...LIMITS.newPerDay}
        onChange={(v) => save({ newPerDay: v })}
      />
      <NumberField
        name="maxReviewsPerDay"
        saved={savedIn === 'maxReviewsPerDay'}
        label={t('maxReviewsPerDay')}
        value={settings.maxReviewsPerDay}
        t={t}
        {...LIMITS.maxReviewsPerDay}
        onChange={(v) => save({ maxReviewsPerDay: v })}
      />
      <NumberField
        name="retention"
        saved={savedIn === 'retention'}
        label={t('retention')}
        value={settings.retention}
        t={t}
        {...LIMITS.retention}
        step={0.01}
        hint={t('retentionHint')}
        onChange={(v) => save({ retention: v })}
      />
      <NumberField
        name="dayStartHour"
        saved={savedIn === 'dayStartHour'}
        label={t('dayStartHour')}
        value={settings.dayStartHour}
        t={t}
        {...LIMITS.dayStartHour}
        onChange={(v) => save({ dayStartHour: v })}
      />
      <SelectField<NewOrder>
        name="newOrder"
        t={t}
        saved={savedIn === 'newOrder'}
        label={t('newOrder')}
        value={settings.newOrder}
        options={[
          ['sensible', t('orderSensible')],
          ['bank', t('orderBank')],
          ['shuffled', t('orderShuffled')],
        ]}
        onChange={(v) => save({ newOrder: v })}
      />
    </section>
  );
}

function NewTabPart({ settings, t, save, savedIn }: PartProps) {
  return (
    <section>
      <h2>{t('newTab')}</h2>
      <p class="muted">{t('newTabHint')}</p>
      <SelectField
        name="newTabMode"
        t={t}
        saved={savedIn === 'newTabMode'}
        label={t('newTabMode')}
        value={settings.newTabMode}
        options={[
          ['every', t('modeEvery')],
          ['nth', t('modeNth')],
          ['off', t('modeOff')],
        ]}
        onChange={(v) => save({ newTabMode: v })}
      />
      {settings.newTabMode === 'nth' && (
        <NumberField
          name="newTabEvery"
          saved={savedIn === 'newTabEvery'}
          label={t('newTabEvery')}
          value={settings.newTabEvery}
          t={t}
          {...LIMITS.newTabEvery}
          onChange={(v) => save({ newTabEvery: v })}
        />
      )}
      <NumberField
        name="newTabDailyCap"
        saved={savedIn === 'newTabDailyCap'}
        label={t('newTabDailyCap')}
        value={settings.newTabDailyCap}
        t={t}
        {...LIMITS.newTabDailyCap}
        onChange={(v) => save({ newTabDailyCap: v })}
      />
      <CheckField
        name="quietHours"
        label={t('quietHours')}
        checked={settings.quietHours}
        t={t}
        saved={savedIn === 'quietHours'}
        onChange={(on) => save({ quietHours: on })}
      />
      {settings.quietHours && (
        <>
          <NumberField
            name="quietFrom"
            saved={savedIn === 'quietFrom'}
            label={t('quietFrom')}
            value={settings.quietFrom}
            t={t}
            {...LIMITS.quietFrom}
            onChange={(v) => save({ quietFrom: v })}
          />
          <NumberField
            name="quietTo"
            saved={savedIn === 'quietTo'}
            label={t('quietTo')}
            value={settings.quietTo}
            t={t}
            {...LIMITS.quietTo}
            onChange={(v) => save({ quietTo: v })}
          />
        </>
      )}
    </section>
  );
}

function DisplayPart({ settings, t, save, savedIn }: PartProps) {
  const langOptions: [LangChoice, string][] = [
    ['auto', t('auto')],
    ['zh', '中文'],
    ['en', 'English'],
  ];
  const themeOptions: [Theme, string][] = [
    ['system', t('themeSystem')],
    ['light', t('themeLight')],
    ['dark', t('themeDark')],
  ];
  return (
    <section>
      <h2>{t('display')}</h2>
      <SelectField
        name="uiLang"
        t={t}
        saved={savedIn === 'uiLang'}
        label={t('uiLang')}
        value={settings.uiLang}
        options={langOptions}
        onChange={(v) => save({ uiLang: v })}
      />
      <SelectField
        name="contentLang"
        t={t}
        saved={savedIn === 'contentLang'}
        label={t('contentLang')}
        value={settings.contentLang}
        options={langOptions}
        onChange={(v) => save({ contentLang: v })}
      />
      <CheckField
        name="keyShortcuts"
        label={t('keyShortcuts')}
        checked={settings.keyShortcuts}
        t={t}
        saved={savedIn === 'keyShortcuts'}
        onChange={(on) => save({ keyShortcuts: on })}
      />
      <SelectField
        name="theme"
        t={t}
        saved={savedIn === 'theme'}
        label={t('theme')}
        value={settings.theme}
        options={themeOptions}
        onChange={(v) => save({ theme: v })}
      />
    </section>
  );
}

/**
 * Interviews, pacing, new tabs, languages and theme. Every change is saved at once and said
 * so next to the control changed.
 */
export function SettingsForm({ settings, t, lang, onChange, savedIn }: SettingsFormProps) {
  const save = (patch: Partial<Settings>) => onChange(patch, Object.keys(patch)[0]!);
  const props = { settings, t, save, savedIn };
  return (
    <>
      <InterviewsPart settings={settings} t={t} lang={lang} savedIn={savedIn} onChange={onChange} />
      <PacingPart {...props} />
      <NewTabPart {...props} />
      <DisplayPart {...props} />
    </>
  );
}
