import { useEffect, useRef } from 'preact/hooks';
import type { OptionsTranslate } from '@/lib/i18n/options-strings';

/** How long after the last keystroke a typed number is saved. */
const TYPING_PAUSE_MS = 400;
import { LIMITS, type LangChoice, type Settings, type Theme } from '@/lib/settings/model';

export interface SettingsFormProps {
  settings: Settings;
  t: OptionsTranslate;
  onChange: (patch: Partial<Settings>) => void;
}

function NumberField(p: {
  name: keyof Settings;
  label: string;
  value: number;
  min: number;
  max: number;
  step?: number;
  hint?: string;
  onChange: (v: number) => void;
}) {
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(typing.current), []);
  return (
    <label class="field">
      <span>{p.label}</span>
      <input
        type="number"
        name={p.name}
        value={p.value}
        min={p.min}
        max={p.max}
        step={p.step ?? 1}
        // Saved a moment after typing stops (a value typed and left is kept even if the tab is
        // closed without leaving the field), and at once when the field is left.
        onInput={(e) => {
          const input = e.currentTarget;
          clearTimeout(typing.current);
          typing.current = setTimeout(() => {
            const v = input.valueAsNumber;
            if (Number.isFinite(v) && v >= p.min && v <= p.max) p.onChange(v);
          }, TYPING_PAUSE_MS);
        }}
        onChange={(e) => {
          clearTimeout(typing.current);
          const v = e.currentTarget.valueAsNumber;
          if (Number.isFinite(v)) p.onChange(v);
        }}
      />
      {p.hint && <small class="muted">{p.hint}</small>}
    </label>
  );
}

function SelectField<T extends string>(p: {
  name: keyof Settings;
  label: string;
  value: T;
  options: [T, string][];
  onChange: (v: T) => void;
}) {
  return (
    <label class="field">
      <span>{p.label}</span>
      <select name={p.name} value={p.value} onChange={(e) => p.onChange(e.currentTarget.value as T)}>
        {p.options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Pacing, languages and theme. Every change is saved at once. */
export function SettingsForm({ settings, t, onChange }: SettingsFormProps) {
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
    <>
      <section>
        <h2>{t('pacing')}</h2>
        <NumberField
          name="newPerDay"
          label={t('newPerDay')}
          value={settings.newPerDay}
          {...LIMITS.newPerDay}
          onChange={(v) => onChange({ newPerDay: v })}
        />
        <NumberField
          name="maxReviewsPerDay"
          label={t('maxReviewsPerDay')}
          value={settings.maxReviewsPerDay}
          {...LIMITS.maxReviewsPerDay}
          onChange={(v) => onChange({ maxReviewsPerDay: v })}
        />
        <NumberField
          name="retention"
          label={t('retention')}
          value={settings.retention}
          {...LIMITS.retention}
          step={0.01}
          hint={t('retentionHint')}
          onChange={(v) => onChange({ retention: v })}
        />
        <NumberField
          name="dayStartHour"
          label={t('dayStartHour')}
          value={settings.dayStartHour}
          {...LIMITS.dayStartHour}
          onChange={(v) => onChange({ dayStartHour: v })}
        />
      </section>
      <section>
        <h2>{t('newTab')}</h2>
        <p class="muted">{t('newTabHint')}</p>
        <SelectField
          name="newTabMode"
          label={t('newTabMode')}
          value={settings.newTabMode}
          options={[
            ['every', t('modeEvery')],
            ['nth', t('modeNth')],
            ['off', t('modeOff')],
          ]}
          onChange={(v) => onChange({ newTabMode: v })}
        />
        {settings.newTabMode === 'nth' && (
          <NumberField
            name="newTabEvery"
            label={t('newTabEvery')}
            value={settings.newTabEvery}
            {...LIMITS.newTabEvery}
            onChange={(v) => onChange({ newTabEvery: v })}
          />
        )}
        <NumberField
          name="newTabDailyCap"
          label={t('newTabDailyCap')}
          value={settings.newTabDailyCap}
          {...LIMITS.newTabDailyCap}
          onChange={(v) => onChange({ newTabDailyCap: v })}
        />
        <label class="field check">
          <input
            type="checkbox"
            name="quietHours"
            checked={settings.quietHours}
            onChange={(e) => onChange({ quietHours: e.currentTarget.checked })}
          />
          <span>{t('quietHours')}</span>
        </label>
        {settings.quietHours && (
          <>
            <NumberField
              name="quietFrom"
              label={t('quietFrom')}
              value={settings.quietFrom}
              {...LIMITS.quietFrom}
              onChange={(v) => onChange({ quietFrom: v })}
            />
            <NumberField
              name="quietTo"
              label={t('quietTo')}
              value={settings.quietTo}
              {...LIMITS.quietTo}
              onChange={(v) => onChange({ quietTo: v })}
            />
          </>
        )}
      </section>
      <section>
        <h2>{t('display')}</h2>
        <SelectField
          name="uiLang"
          label={t('uiLang')}
          value={settings.uiLang}
          options={langOptions}
          onChange={(v) => onChange({ uiLang: v })}
        />
        <SelectField
          name="contentLang"
          label={t('contentLang')}
          value={settings.contentLang}
          options={langOptions}
          onChange={(v) => onChange({ contentLang: v })}
        />
        <label class="field check">
          <input
            type="checkbox"
            name="keyShortcuts"
            checked={settings.keyShortcuts}
            onChange={(e) => onChange({ keyShortcuts: e.currentTarget.checked })}
          />
          <span>{t('keyShortcuts')}</span>
        </label>
        <SelectField
          name="theme"
          label={t('theme')}
          value={settings.theme}
          options={themeOptions}
          onChange={(v) => onChange({ theme: v })}
        />
      </section>
    </>
  );
}
