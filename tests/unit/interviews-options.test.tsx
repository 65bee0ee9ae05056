import { fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { InterviewsPart } from '@/components/InterviewsPart';
import type { SettingsPatch } from '@/components/SettingsForm';
import { optionsTranslator } from '@/lib/i18n/options-strings';
import {
  addDays,
  interviewWhen,
  newInterview,
  percentToTarget,
  studyDate,
  targetToPercent,
} from '@/lib/settings/interviews';
import { DEFAULT_SETTINGS, MAX_INTERVIEWS, type Interview, type Settings } from '@/lib/settings/model';

// Local times (the unit tests run in Asia/Shanghai).
const at = (local: string) => new Date(local).getTime();

describe('an interview as the options page shows it', () => {
  it('starts four weeks after today, target 95%, covering the chosen topics', () => {
    expect(newInterview('x', at('2027-01-01T10:00'), 4)).toEqual({
      id: 'x',
      name: '',
      date: '2027-01-29',
      sections: [],
      target: 0.95,
    });
    // Before the day-start hour it is still yesterday's study day.
    expect(newInterview('x', at('2027-01-02T02:00'), 4).date).toBe('2027-01-29');
    // Across a month and a year end.
    expect(newInterview('x', at('2026-12-20T12:00'), 4).date).toBe('2027-01-17');
  });

  it('counts study days to the day: ahead, tomorrow, today, then past', () => {
    const now = at('2027-01-01T10:00');
    expect(interviewWhen('2027-01-06', now, 4)).toEqual({ kind: 'ahead', days: 5 });
    expect(interviewWhen('2027-01-02', now, 4)).toEqual({ kind: 'ahead', days: 1 });
    expect(interviewWhen('2027-01-01', now, 4)).toEqual({ kind: 'today' });
    expect(interviewWhen('2026-12-31', now, 4)).toEqual({ kind: 'past' });
    // 01:00 on the 2nd still belongs to the 1st's study day: the interview of the 1st is today.
    expect(interviewWhen('2027-01-01', at('2027-01-02T01:00'), 4)).toEqual({ kind: 'today' });
    expect(interviewWhen('2027-01-01', at('2027-01-02T04:00'), 4)).toEqual({ kind: 'past' });
  });

  it('adds calendar days and reads the study date', () => {
    expect(addDays('2027-02-27', 2)).toBe('2027-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(studyDate(at('2027-03-01T03:59'), 4)).toBe('2027-02-28');
  });

  it('shows the target as a whole percent and stores it back exactly', () => {
    for (let p = 80; p <= 99; p++) expect(targetToPercent(percentToTarget(p))).toBe(p);
    expect(percentToTarget(90)).toBe(0.9);
    expect(targetToPercent(0.95)).toBe(95);
  });
});

describe('the interviews part of the options page', () => {
  afterEach(() => vi.useRealTimers());
  const t = optionsTranslator('en');
  const iv = (over: Partial<Interview>): Interview => ({
    id: 'a',
    name: 'Acme',
    date: '2027-01-06',
    sections: [],
    target: 0.95,
    ...over,
  });
  const show = (settings: Partial<Settings>) => {
    const onChange = vi.fn<(patch: SettingsPatch, where: string) => void>();
    const s = { ...DEFAULT_SETTINGS, ...settings };
    render(<InterviewsPart settings={s} t={t} lang="en" savedIn={null} onChange={onChange} />);
    // What a change would store, applied to the settings as they are.
    const stored = (call = 0) => {
      const [patch, where] = onChange.mock.calls[call]!;
      return { where, ...(typeof patch === 'function' ? patch(s) : patch) };
    };
    return { onChange, stored };
  };

  it('says when no interview is set, and adds one four weeks ahead at 95%', () => {
    vi.useFakeTimers({ now: at('2027-01-01T10:00'), toFake: ['Date'] });
    const { stored } = show({});
    expect(screen.getByText(/No interview set/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add interview' }));
    const { interviews, where } = stored();
    expect(where).toBe('interviews');
    expect(interviews).toEqual([expect.objectContaining({ date: '2027-01-29', target: 0.95, sections: [] })]);
    expect(interviews![0]!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows each interview with its date, name, sections and target, and when it is', () => {
    vi.useFakeTimers({ now: at('2027-01-01T10:00'), toFake: ['Date'] });
    show({ interviews: [iv({ sections: ['llm'] }), iv({ id: 'b', name: '', date: '2026-12-20' })] });
    const first = screen.getByRole('group', { name: /Acme/ });
    expect(first.textContent).toContain('in 5 days');
    expect((screen.getAllByLabelText('Date')[0] as HTMLInputElement).value).toBe('2027-01-06');
    expect((screen.getAllByLabelText('Company or role')[0] as HTMLInputElement).value).toBe('Acme');
    expect((screen.getAllByLabelText('LLMs')[0] as HTMLInputElement).checked).toBe(true);
    expect((screen.getAllByLabelText('Basics')[0] as HTMLInputElement).checked).toBe(false);
    expect((screen.getAllByLabelText(/Target recall/)[0] as HTMLInputElement).value).toBe('95');
    expect(screen.getAllByText('Allowed: 80–99').length).toBe(2);
    const past = screen.getByRole('group', { name: /Interview 2/ });
    expect(past.textContent).toContain('past: it no longer changes the schedule');
    expect(past.classList.contains('past')).toBe(true);
  });

  it('saves a ticked section and a removal on that interview alone', () => {
    const { stored } = show({ interviews: [iv({}), iv({ id: 'b', name: 'Beta' })] });
    fireEvent.click(screen.getAllByLabelText('Inference')[1]!);
    expect(stored(0)).toEqual({
      where: 'interview-b-sections',
      interviews: [iv({}), iv({ id: 'b', name: 'Beta', sections: ['inference'] })],
    });
    fireEvent.click(screen.getAllByRole('button', { name: 'Remove this interview' })[0]!);
    expect(stored(1)).toEqual({ where: 'interviews', interviews: [iv({ id: 'b', name: 'Beta' })] });
  });

  it('refuses a target outside 80–99 and stores a good one as a fraction', () => {
    const { onChange, stored } = show({ interviews: [iv({})] });
    const target = screen.getByLabelText(/Target recall/) as HTMLInputElement;
    fireEvent.input(target, { target: { value: '120' } });
    fireEvent.change(target, { target: { value: '120' } });
    expect(onChange).not.toHaveBeenCalled();
    expect(target.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('Not saved: 120 is outside 80–99.')).toBeTruthy();
    fireEvent.input(target, { target: { value: '90' } });
    fireEvent.change(target, { target: { value: '90' } });
    expect(stored()).toEqual({ where: 'interview-a-target', interviews: [iv({ target: 0.9 })] });
  });

  it('offers no Add button past the most interviews kept', () => {
    show({ interviews: Array.from({ length: MAX_INTERVIEWS }, (_, i) => iv({ id: `i${i}` })) });
    expect((screen.getByRole('button', { name: 'Add interview' }) as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(`At most ${MAX_INTERVIEWS} interviews.`)).toBeTruthy();
  });

  it('shows the plan budget with its range', () => {
    show({});
    expect((screen.getByLabelText(/Most cards a day/) as HTMLInputElement).value).toBe('80');
    expect(screen.getByText('Allowed: 10–1000')).toBeTruthy();
  });
});
