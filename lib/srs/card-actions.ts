import { normalizeNote, type CardAction, type SchedulingState } from './card-state';
import { nextStudyDayStart } from './day';
import { newSchedulingState } from './schedule';

export type { CardAction };

/** The fields of a card that the actions change. */
export interface ActionableCard extends SchedulingState {
  suspended?: boolean;
  buriedUntil?: number;
  note?: string;
  resetAt?: number;
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
  const { suspended: _s, buriedUntil: _b, note: _n, ...rest } = card;
  const keep = (c: Omit<C, 'suspended' | 'buriedUntil' | 'note'>, extra: Partial<ActionableCard>) =>
    ({ ...c, ...extra }) as C;
  const kept = {
    ...(card.suspended ? { suspended: true } : {}),
    ...(card.buriedUntil !== undefined && card.buriedUntil > now ? { buriedUntil: card.buriedUntil } : {}),
    ...(card.note ? { note: card.note } : {}),
  };
  switch (action.kind) {
    case 'suspend':
      return keep(rest, { ...kept, suspended: true });
    case 'unsuspend': {
      const { suspended: _, ...others } = kept;
      return keep(rest, others);
    }
    case 'bury':
      return keep(rest, { ...kept, buriedUntil: nextStudyDayStart(now, dayStartHour) });
    case 'unbury': {
      const { buriedUntil: _, ...others } = kept;
      return keep(rest, others);
    }
    case 'reset': {
      const { buriedUntil: _, ...others } = kept;
      return keep({ ...rest, ...newSchedulingState(now) }, { ...others, resetAt: now });
    }
    case 'note': {
      const text = normalizeNote(action.text);
      const { note: _, ...others } = kept;
      return keep(rest, text ? { ...others, note: text } : others);
    }
  }
}
