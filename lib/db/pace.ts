import type { StudyDatabase } from './open';

// Apart from plan.ts (which reads ts-fsrs' forgetting curve): the study pages read the pace.

/** Today's pace of new cards under the plan, set by the worker (see `planNewPerDay`). */
export const PACE_KEY = 'plan-pace';

export interface PlanPace {
  /** The study day it is for (its start): on another day it no longer counts. */
  day: number;
  perDay: number;
  /** The budget cannot meet every new card in time. */
  short: boolean;
  /** What the pace was measured from at the start of the day: new cards left, days left, reviews due. */
  newLeft: number;
  daysLeft: number;
  dueReviews: number;
  /** The nearest interview ahead: its name, when its day begins, predicted recall on it (0-1). */
  name: string;
  at: number;
  ready: number;
}

/** Today's pace of new cards, if the plan set one for this study day. */
export async function readPace(db: StudyDatabase, day: number): Promise<PlanPace | undefined> {
  const pace = (await db.get('meta', PACE_KEY)) as PlanPace | undefined;
  return pace?.day === day ? pace : undefined;
}

export async function writePace(db: StudyDatabase, pace: PlanPace | null): Promise<void> {
  await (pace ? db.put('meta', pace, PACE_KEY) : db.delete('meta', PACE_KEY));
}
