import { useEffect, useRef, useState } from 'preact/hooks';
import { SECTIONS } from '@/lib/bank/taxonomy';
import type { OptionsTranslate } from '@/lib/i18n/options-strings';
import {
  interviewWhen,
  newInterview,
  percentToTarget,
  targetToPercent,
  type InterviewWhen,
} from '@/lib/settings/interviews';
import { LIMITS, MAX_INTERVIEWS, type Interview, type Lang, type Settings } from '@/lib/settings/model';
import { NumberField, useTypedDraft } from './SettingsFields';
import { SavedNote } from './SavedNote';
import type { SettingsPatch } from './SettingsForm';

export interface InterviewsPartProps {
  settings: Settings;
  t: OptionsTranslate;
  lang: Lang;
  savedIn: string | null;
  onChange: (patch: SettingsPatch, where: string) => void;
}

/** The target recall as the page shows it: a whole percent. */
const TARGET_PERCENT = {
  min: targetToPercent(LIMITS.interviewTarget.min),
  max: targetToPercent(LIMITS.interviewTarget.max),
};

const isDateText = (x: string) => /^\d{4}-\d{2}-\d{2}$/.test(x) && !Number.isNaN(Date.parse(x));

/**
 * A text or date input that keeps what is typed, saves it a moment after typing stops and at
 * once when it is left; `valid` says whether the typed value may be saved.
 */
function TypedInput(p: {
  id: string;
  name: string;
  type: 'text' | 'date';
  value: string;
  maxLength?: number;
  valid: (typed: string) => boolean;
  describedBy?: string;
  onSave: (typed: string) => void;
  onDraft?: (typed: string | null) => void;
}) {
  const { ref, draft, onInput, onChange } = useTypedDraft(p.value, (typed) => {
    if (p.valid(typed) && typed !== p.value) p.onSave(typed);
  });
  useEffect(() => p.onDraft?.(draft), [draft]);
  const common = {
    ref,
    id: p.id,
    name: p.name,
    value: draft ?? p.value,
    maxLength: p.maxLength,
    'aria-invalid': draft !== null && !p.valid(draft) ? ('true' as const) : undefined,
    'aria-describedby': p.describedBy,
    onInput,
    onChange,
  };
  return p.type === 'date' ? <input type="date" {...common} /> : <input type="text" {...common} />;
}

function whenText(when: InterviewWhen, t: OptionsTranslate): string {
  if (when.kind === 'past') return t('interviewPast');
  if (when.kind === 'today') return t('interviewToday');
  return when.days === 1 ? t('interviewTomorrow') : t('interviewInDays', { n: when.days });
}

function InterviewEditor(p: {
  interview: Interview;
  n: number;
  now: number;
  dayStartHour: number;
  t: OptionsTranslate;
  lang: Lang;
  savedIn: string | null;
  edit: (change: Partial<Interview>, where: string) => void;
  remove: () => void;
}) {
  const { interview: iv, t } = p;
  const base = `interview-${iv.id}`;
  const when = interviewWhen(iv.date, p.now, p.dayStartHour);
  const [dateDraft, setDateDraft] = useState<string | null>(null);
  const dateBad = dateDraft !== null && !isDateText(dateDraft);
  return (
    <fieldset class={`interview${when.kind === 'past' ? ' past' : ''}`} data-interview={iv.id}>
      <legend>
        <span class="interview-title">{iv.name || t('interviewNumbered', { n: p.n })}</span>{' '}
        <span class="interview-when">{whenText(when, t)}</span>
      </legend>
      <div class="field">
        <label for={`${base}-date`}>{t('interviewDate')}</label>
        <span class="control">
          <TypedInput
            id={`${base}-date`}
            name="interviewDate"
            type="date"
            value={iv.date}
            valid={isDateText}
            describedBy={dateBad ? `${base}-date-error` : undefined}
            onDraft={setDateDraft}
            onSave={(date) => p.edit({ date }, `${base}-date`)}
          />
          <SavedNote shown={p.savedIn === `${base}-date`} t={t} />
        </span>
        {dateBad && (
          <small id={`${base}-date-error`} class="field-error">
            {t('interviewDateMissing')}
          </small>
        )}
      </div>
      <div class="field">
        <label for={`${base}-name`}>{t('interviewName')}</label>
        <span class="control">
          <TypedInput
            id={`${base}-name`}
            name="interviewName"
            type="text"
            value={iv.name}
            maxLength={80}
            valid={() => true}
            onSave={(name) => p.edit({ name }, `${base}-name`)}
          />
          <SavedNote shown={p.savedIn === `${base}-name`} t={t} />
        </span>
      </div>
      <fieldset class="interview-sections">
        <legend>{t('interviewSections')}</legend>
        <div class="choices">
          {SECTIONS.map((s) => (
            <label key={s.id} class="field check">
              <input
                type="checkbox"
                name="interviewSection"
                value={s.id}
                checked={iv.sections.includes(s.id)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  const rest = iv.sections.filter((x) => x !== s.id);
                  p.edit({ sections: on ? [...rest, s.id] : rest }, `${base}-sections`);
                }}
              />
              <span>{s.label[p.lang]}</span>
            </label>
          ))}
        </div>
        <SavedNote shown={p.savedIn === `${base}-sections`} t={t} />
      </fieldset>
      <NumberField
        name="interviewTarget"
        id={`${base}-target`}
        label={t('interviewTarget')}
        value={targetToPercent(iv.target)}
        {...TARGET_PERCENT}
        t={t}
        saved={p.savedIn === `${base}-target`}
        onChange={(v) => p.edit({ target: percentToTarget(v) }, `${base}-target`)}
      />
      <button type="button" class="remove-interview" name="removeInterview" onClick={p.remove}>
        {t('removeInterview')}
      </button>
    </fieldset>
  );
}

/**
 * The interviews the schedule aims at, each edited in place and saved at once, and the most
 * cards a day the plan may ask for.
 */
export function InterviewsPart({ settings, t, lang, savedIn, onChange }: InterviewsPartProps) {
  const list = settings.interviews;
  const addButton = useRef<HTMLButtonElement>(null);
  // Where the focus goes once the list has changed: the date of the interview just added, or
  // (after a removal) the Add button.
  const [focusId, setFocusId] = useState<string | null>(null);
  useEffect(() => {
    if (!focusId) return;
    const target =
      focusId === 'add' ? addButton.current : document.getElementById(`interview-${focusId}-date`);
    if (target && !(target as HTMLButtonElement).disabled) {
      target.focus();
      setFocusId(null);
    }
  }, [list, focusId]);
  const now = Date.now();
  const full = list.length >= MAX_INTERVIEWS;
  // Each edit applies to the interviews as stored when it is saved, so a name typed and a box
  // ticked right after it both stay.
  const edit = (id: string) => (change: Partial<Interview>, where: string) =>
    onChange(
      (s) => ({ interviews: s.interviews.map((x) => (x.id === id ? { ...x, ...change } : x)) }),
      where,
    );
  const add = () => {
    const next = newInterview(crypto.randomUUID(), now, settings.dayStartHour);
    setFocusId(next.id);
    onChange((s) => ({ interviews: [...s.interviews, next] }), 'interviews');
  };
  const remove = (id: string) => {
    setFocusId('add');
    onChange((s) => ({ interviews: s.interviews.filter((x) => x.id !== id) }), 'interviews');
  };
  return (
    <section class="interviews">
      <h2>{t('interviews')}</h2>
      <p class="muted">{t('interviewsHint')}</p>
      {list.length === 0 && <p class="no-interviews">{t('noInterviews')}</p>}
      {list.map((iv, i) => (
        <InterviewEditor
          key={iv.id}
          interview={iv}
          n={i + 1}
          now={now}
          dayStartHour={settings.dayStartHour}
          t={t}
          lang={lang}
          savedIn={savedIn}
          edit={edit(iv.id)}
          remove={() => remove(iv.id)}
        />
      ))}
      <div class="check-row">
        <button
          ref={addButton}
          type="button"
          class="add-interview"
          name="addInterview"
          disabled={full}
          onClick={add}
        >
          {t('addInterview')}
        </button>
        {full && <span class="muted">{t('interviewsMax', { n: MAX_INTERVIEWS })}</span>}
        <SavedNote shown={savedIn === 'interviews'} t={t} />
      </div>
      <NumberField
        name="planBudget"
        label={t('planBudget')}
        value={settings.planBudget}
        {...LIMITS.planBudget}
        hint={t('planBudgetHint')}
        t={t}
        saved={savedIn === 'planBudget'}
        onChange={(v) => onChange({ planBudget: v }, 'planBudget')}
      />
    </section>
  );
}
