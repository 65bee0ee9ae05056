import { normalizeNote, type CardAction, type SchedulingState } from './card-state';
import { untilTomorrow } from './day';
import { newSchedulingState } from './schedule';

export type { CardAction };

/** The fields of a card that the actions change. */
export interface ActionableCard extends SchedulingState {
  suspended?: boolean;
  buriedUntil?: number;
  note?: string;
  resetAt?: number;
  /** The schedule the latest reset replaced (with its own earlier reset): what undo restores. */
  resetFrom?: SchedulingState & { resetAt?: number };
  /** When the person last set each of these here: sync lets the latest change anywhere win. */
  suspendedAt?: number;
  buriedAt?: number;
  noteAt?: number;
}

/** Which time an action stamps on the card. */
const STAMP: Partial<Record<CardAction['kind'], 'suspendedAt' | 'buriedAt' | 'noteAt'>> = {
  suspend: 'suspendedAt',
  unsuspend: 'suspendedAt',
  bury: 'buriedAt',
  unbury: 'buriedAt',
  note: 'noteAt',
};

/** A card's schedule fields alone, and its reset time. */
function scheduleOf(c: ActionableCard): SchedulingState & { resetAt?: number } {
  const { due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state } = c;
  return {
    ...{ due, stability, difficulty, elapsed_days, scheduled_days, learning_steps, reps, lapses, state },
    last_review: c.last_review,
    ...(c.resetAt === undefined ? {} : { resetAt: c.resetAt }),
  };
}

/**
 * A card after one action, at `now`. Nothing here touches the review log: a reset card
 * starts new from `resetAt`, but its earlier ratings stay in the log and the statistics.
 *
 * @example
 * applyCardAction(card, { kind: 'bury' }, now, 4).buriedUntil // 4:00 tomorrow
 */
export function applyCardAction<C extends ActionableCard>(
  card: C,
  action: CardAction,
  now: number,
  dayStartHour: number,
): C {
  const { suspended, buriedUntil, note, ...schedule } = card;
  // What the person set, with an expired bury dropped; the action changes one of them.
  let set = {
    suspended: Boolean(suspended),
    buriedUntil: buriedUntil !== undefined && buriedUntil > now ? buriedUntil : undefined,
    note: note || undefined,
  };
  let base: Omit<C, 'suspended' | 'buriedUntil' | 'note'> = schedule;
  switch (action.kind) {
    case 'suspend':
    case 'unsuspend':
      set = { ...set, suspended: action.kind === 'suspend' };
      break;
    case 'bury':
      set = { ...set, buriedUntil: untilTomorrow(now, dayStartHour) };
      break;
    case 'unbury':
      set = { ...set, buriedUntil: undefined };
      break;
    case 'reset':
      set = { ...set, buriedUntil: undefined };
      base = { ...schedule, ...newSchedulingState(now), resetAt: now, resetFrom: scheduleOf(card) };
      break;
    case 'unreset': {
      // Only the reset itself is taken back, to the schedule this database kept when it was
      // made: not once the card was rated or reset again.
      const from = card.resetFrom;
      if (card.resetAt !== action.resetAt || card.reps > 0 || !from)
        throw new Error('the card was rated or reset again since, so the reset stays.');
      const { resetAt: _, resetFrom: _f, ...rest } = schedule;
      base = { ...rest, ...from } as typeof base;
      break;
    }
    case 'note':
      set = { ...set, note: normalizeNote(action.text) || undefined };
      break;
  }
  const stamp = STAMP[action.kind];
  // Stored only when set, so an unchanged card stays field for field the same.
  return {
    ...base,
    ...(stamp ? { [stamp]: now } : {}),
    ...(set.suspended ? { suspended: true } : {}),
    ...(set.buriedUntil !== undefined ? { buriedUntil: set.buriedUntil } : {}),
    ...(set.note ? { note: set.note } : {}),
  } as C;
}
