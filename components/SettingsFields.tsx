import { useEffect, useRef, useState } from 'preact/hooks';
import type { OptionsTranslate } from '@/lib/i18n/options-strings';
import { SavedNote } from './SavedNote';
import { checkNumberText, formatRange } from '@/lib/settings/field-check';

// The options page's controls: a number with its allowed range, a choice, a checkbox. Each
// says "Saved" next to itself once its change is stored.

/** How long after the last keystroke a typed value is saved. */
export const TYPING_PAUSE_MS = 400;

/**
 * A field that keeps what the person typed, exactly as typed (even when it cannot be
 * saved), until the stored `value` changes while they are elsewhere; `save` is called a
 * moment after typing stops (so a value typed and left is kept even if the tab is closed)
 * and at once when the field is left. `save` decides whether the text may be stored.
 */
export function useTypedDraft(value: string, save: (typed: string) => void) {
  const typing = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const ref = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<string | null>(null);
  useEffect(() => () => clearTimeout(typing.current), []);
  useEffect(() => {
    if (document.activeElement !== ref.current) setDraft(null);
  }, [value]);
  return {
    ref,
    draft,
    onInput: (e: { currentTarget: HTMLInputElement }) => {
      const typed = e.currentTarget.value;
      setDraft(typed);
      clearTimeout(typing.current);
      typing.current = setTimeout(() => save(typed), TYPING_PAUSE_MS);
    },
    onChange: (e: { currentTarget: HTMLInputElement }) => {
      clearTimeout(typing.current);
      save(e.currentTarget.value);
    },
  };
}

export function NumberField(p: {
  name: string;
  /** The element id, when the name is not unique on the page. */
  id?: string;
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
  // A value out of range or not a number is never saved.
  const { ref, draft, onInput, onChange } = useTypedDraft(String(p.value), (typed) => {
    const c = checkNumberText(typed, p);
    if (c.ok && c.value !== p.value) p.onChange(c.value);
  });
  const text = draft ?? String(p.value);
  const check = checkNumberText(text, p);
  const range = formatRange(p);
  const id = p.id ?? `field-${p.name}`;
  return (
    <div class="field">
      <label for={id}>{p.label}</label>
      <span class="control">
        <input
          ref={ref}
          id={id}
          type="number"
          name={p.name}
          value={text}
          min={p.min}
          max={p.max}
          step={p.step ?? 1}
          aria-invalid={check.ok ? undefined : 'true'}
          aria-describedby={`${id}-range${check.ok ? '' : ` ${id}-error`}${p.hint ? ` ${id}-hint` : ''}`}
          onInput={onInput}
          onChange={onChange}
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

export function SelectField<T extends string>(p: {
  name: string;
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

export function CheckField(p: {
  name: string;
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
