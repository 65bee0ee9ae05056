import { planCard, type PlanSettings } from '../srs/plan';
import { State } from '../srs/card-state';
import type { StudyDatabase } from './open';
import { withQueueKeys } from './queue-keys';

/** What the plan was last set for: the settings it reads and the study day (an interview may have begun). */
const PLAN_KEY = 'plan-for';

/** After schedules were rebuilt from the log (import, repair): the next refresh plans every card again. */
export function forgetPlan(db: StudyDatabase) {
  return async <R>(res: R): Promise<R> => {
    await db.delete('meta', PLAN_KEY);
    return res;
  };
}

/**
 * Sets every scheduled card's due time for the interviews as they are now: brought forward
 * where a card would be under an interview's target on the day, FSRS's own again where no
 * interview needs it any more (one removed, or begun). Only when the interviews, the topics
 * or the study day changed since the last time; returns how many cards moved (null: no
 * change since the last time, nothing done).
 */
export async function replanCards(
  db: StudyDatabase,
  w: readonly number[],
  settings: PlanSettings,
  studyDay: number,
  now: number,
): Promise<number | null> {
  const key = JSON.stringify([
    settings.interviews,
    settings.dayStartHour,
    settings.disabledSections,
    settings.disabledTopics,
    studyDay,
  ]);
  if ((await db.get('meta', PLAN_KEY)) === key) return null;
  const tx = db.transaction(['cards', 'meta'], 'readwrite');
  const cards = tx.objectStore('cards');
  let moved = 0;
  // Cards in review only: the plan leaves new cards and learning steps alone.
  for (
    let c = await cards
      .index('stateDue')
      .openCursor(IDBKeyRange.bound([State.Review], [State.Review, Infinity]));
    c;
    c = await c.continue()
  ) {
    const due = planCard(w, c.value, settings, now);
    if (due === c.value.due) continue;
    await c.update(withQueueKeys({ ...c.value, due }));
    moved++;
  }
  await tx.objectStore('meta').put(key, PLAN_KEY);
  await tx.done;
  return moved;
}
