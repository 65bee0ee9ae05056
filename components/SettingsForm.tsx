import { useEffect, useRef, useState } from 'preact/hooks';
import type { OptionsTranslate } from '@/lib/i18n/options-strings';
import { SavedNote } from './SavedNote';
import { checkNumberText, formatRange } from '@/lib/settings/field-check';
import { LIMITS, type LangChoice, type Settings, type Theme } from '@/lib/settings/model';

/** How long after the last keystroke a typed number is saved. */
const TYPING_PAUSE_MS = 400;

export interface SettingsFormProps {
  settings: Settings;
  t: OptionsTranslate;
  /** `field`: the name of the setting changed, where "Saved" is said once it is stored. */
  onChange: (patch: Partial<Settings>, field: keyof Settings) => void;
  /** The field whose change was saved last, which says so next to itself. */
  savedIn: string | null;
}

function NumberField(p: {
  name: keyof Settings;
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  hint?: string;
  t: OptionsTranslate;
  saved: boolean;
  onChange: (v: number) => void;
}) {
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const input = useRef<HTMLInputElement>(null);
  // What the person typed, kept exactly as typed (even when it cannot be saved) until the
  // stored value changes while they are elsewhere.
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => () => clearTimeout(typing.current), []);
  useEffect(() => {
    if (document.activeElement !== input.current) setDraft(null);
  }, [p.value]);
  const text = draft ?? String(p.value);
  const check = checkNumberText(text, p);
  const range = formatRange(p);
  const id = `field-${p.name}`;
  const saveIfValid = (typed: string) => {
    const c = checkNumberText(typed, p);
    if (c.ok && c.value !== p.value) p.onChange(c.value);
  };
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <span class="control">
        <input
          ref={input}
          id={id}
          type="number"
          name={p.name}
          value={text}
          min={p.min}
          max={p.max}
          step={p.step ?? 1}
          aria-invalid={check.ok ? undefined : 'true'}
          aria-describedby={`${id}-range${check.ok ? '' : ` ${id}-error`}${p.hint ? ` ${id}-hint` : ''}`}
          // Saved a moment after typing stops (a value typed and left is kept even if the tab is
          // closed without leaving the field), and at once when the field is left; a value that
          // is out of range or not a number is never saved.
          onInput={(e) => {
            const typed = e.currentTarget.value;
            setDraft(typed);
            clearTimeout(typing.current);
            typing.current = setTimeout(() => saveIfValid(typed), TYPING_PAUSE_MS);
          }}
          onChange={(e) => {
            clearTimeout(typing.current);
            saveIfValid(e.currentTarget.value);
          }}
        />
        <small id={`${id}-range`} class="muted range">
          {p.t('allowedRange', { range })}
        </small>
        <SavedNote shown={p.saved} t={p.t} />
      </span>
      {!check.ok && (
        <small id={`${id}-error`} class="field-error">
          {p.t(NUMBER_PROBLEM_KEYS[check.problem], { range, value: text })}
        </small>
      )}
      {p.hint && (
        <small id={`${id}-hint`} class="muted">
          {p.hint}
        </small>
      )}
    </div>
  );
}

const NUMBER_PROBLEM_KEYS = {
  notNumber: 'numberNotNumber',
  notWhole: 'numberNotWhole',
  outOfRange: 'numberOutOfRange',
} as const;

function SelectField<T extends string>(p: {
  name: keyof Settings;
  label: string;
  value: T;
  options: [T, string][];
  t: OptionsTranslate;
  saved: boolean;
  onChange: (v: T) => void;
}) {
  const id = `field-${p.name}`;
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <span class="control">
        <select
          id={id}
          name={p.name}
          value={p.value}
          onChange={(e) => p.onChange(e.currentTarget.value as T)}
        >
          {p.options.map(([v, l]) => (
            <option key={v} value={v}>
              {l}
            </option>
          ))}
        </select>
        <SavedNote shown={p.saved} t={p.t} />
      </span>
    </div>
  );
}

function CheckField(p: {
  name: keyof Settings;
  label: string;
  checked: boolean;
  t: OptionsTranslate;
  saved: boolean;
  onChange: (on: boolean) => void;
}) {
  return (
    <div class="check-row">
      <label class="field check">
        <input
          type="checkbox"
          name={p.name}
          checked={p.checked}
          onChange={(e) => p.onChange(e.currentTarget.checked)}
        />
        <span>{p.label}</span>
      </label>
      <SavedNote shown={p.saved} t={p.t} />
    </div>
  );
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

/** Pacing, new tabs, languages and theme. Every change is saved at once and said so in its part. */
export function SettingsForm({ settings, t, onChange, savedIn }: SettingsFormProps) {
  const save = (patch: Partial<Settings>) => onChange(patch, Object.keys(patch)[0] as keyof Settings);
  const props = { settings, t, save, savedIn };
  return (
    <>
      <PacingPart {...props} />
      <NewTabPart {...props} />
      <DisplayPart {...props} />
    </>
  );
}
