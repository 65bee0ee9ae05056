import type { FSRS } from 'ts-fsrs';
import { recordRating } from '../db/cards';
import { isNewerDatabase, type StudyDatabase } from '../db/open';
import { clearViewed } from '../db/views';
import { changeCard, undoRating } from '../db/card-actions';
import type {
  CardActionRequest,
  CardActionResponse,
  GradeRequest,
  GradeResponse,
  PreviewRequest,
  PreviewResponse,
  UndoRequest,
  UndoResponse,
} from '../messaging';
import type { Settings } from '../settings/model';
import { makeScheduler, previewPlanned } from '../srs/schedule';
import { nextInterview, planCard, planNewPerDay } from '../srs/plan';
import { interviewReadiness } from '../stats/readiness';
import { inScope } from '../srs/scope';
import { studyDayStart } from '../srs/day';
import { replanCards } from '../db/plan';
import { readPace, writePace, type PlanPace } from '../db/pace';
import { badgeCounts } from '../study/queue-read';

// What the worker does for each request from a page: every write of a schedule happens here.

/**
 * The scheduler the background uses: the person's retention, with fuzz on unless sync is
 * on. Browsers that sync rebuild a card from the ratings of every device, and only without
 * fuzz is that replay the same everywhere (and the same as the rating gave here).
 */
export function productionScheduler(settings: Settings): FSRS {
  return makeScheduler({ retention: settings.retention, fuzz: !settings.sync });
}

/**
 * Sets the due times of the cards in review for the interviews as they are now, once per
 * change of the interviews, the topics or the study day (returns how many cards moved), and
 * the nearest interview's status: today's pace of new cards (set once a day, so it holds
 * all day) and the predicted recall on the day (after every change).
 */
export async function replanForInterviews(
  db: StudyDatabase,
  settings: Settings,
  now: number,
): Promise<number> {
  const w = productionScheduler(settings).parameters.w;
  const day = studyDayStart(now, settings.dayStartHour);
  const moved = await replanCards(db, w, settings, day, now);
  const kept = moved === null ? await readPace(db, day) : undefined;
  await writePace(db, await todaysPace(db, settings, day, now, kept));
  return moved ?? 0;
}

/**
 * The nearest interview ahead and the pace of new cards it asks for today, or null. What the
 * pace is measured from (new cards left, days left, reviews due) is taken at the start of
 * the day (`kept`), so it holds all day; the person's limit and the plan's budget are read
 * as they are now, so lowering either takes effect at once.
 */
async function todaysPace(
  db: StudyDatabase,
  settings: Settings,
  day: number,
  now: number,
  kept?: PlanPace,
): Promise<PlanPace | null> {
  const ahead = nextInterview(settings, now);
  if (!ahead) return null;
  const cards = await db.getAll('cards');
  const w = productionScheduler(settings).parameters.w;
  const opts = { w, now, dayStartHour: settings.dayStartHour, filter: settings, atRisk: 0 };
  // Its readiness as the statistics page shows it: never-seen cards count 0.
  const next = interviewReadiness(ahead.interview, cards, opts)!;
  const measured = kept ?? {
    // New cards of the interview that can be shown (queued as new, in the topics studied).
    newLeft: cards.filter(
      (c) =>
        c.newOrder !== undefined &&
        inScope(c, settings) &&
        (!next.interview.sections.length || next.interview.sections.includes(c.section)),
    ).length,
    daysLeft: Math.round((next.at - day) / 86_400_000),
    dueReviews: (await badgeCounts(db, settings, now)).due,
  };
  const { perDay, short } = planNewPerDay({
    ...measured,
    chosen: settings.newPerDay,
    budget: settings.planBudget,
  });
  const { newLeft, daysLeft, dueReviews } = measured;
  return {
    ...{ day, perDay, short, newLeft, daysLeft, dueReviews },
    ...{ name: next.interview.name, at: next.at, ready: next.overall.recall },
  };
}

/** The intervals the rating buttons show: the person's retention, without fuzz. */
export async function handlePreview(
  db: StudyDatabase,
  settings: Settings,
  req: PreviewRequest,
): Promise<PreviewResponse> {
  const card = await db.get('cards', req.cardId);
  if (!card) return { ok: false, message: `No card "${req.cardId}".` };
  const scheduler = makeScheduler({ retention: settings.retention, fuzz: false });
  return { ok: true, previews: previewPlanned(scheduler, card, settings, req.at) };
}

/** Takes back one rating (only a card's latest): the card exactly as before, the log without it. */
export async function handleUndo(
  db: StudyDatabase,
  settings: Settings,
  req: UndoRequest,
  now: number,
): Promise<UndoResponse> {
  try {
    const outcome = await undoRating(db, productionScheduler(settings), req.reviewId, now);
    if (outcome.status === 'undone') return { ok: true, card: outcome.card };
    return outcome.status === 'not-found'
      ? { ok: false, error: 'not-found', message: 'That rating is no longer stored.' }
      : { ok: false, error: 'not-latest', message: 'The card was rated again since then.' };
  } catch (e) {
    return { ok: false, error: 'storage', message: storageMessage(e) };
  }
}

/** Suspend, unsuspend, bury, unbury, reset or annotate one card. */
export async function handleCardAction(
  db: StudyDatabase,
  settings: Settings,
  req: CardActionRequest,
): Promise<CardActionResponse> {
  try {
    const card = await changeCard(db, req.cardId, req.action, req.at, settings.dayStartHour);
    if (!card) return { ok: false, message: `No card "${req.cardId}".` };
    // A card moved out of (or back into) the queue needs no rotating.
    await clearViewed(db, req.cardId).catch(() => {});
    return { ok: true, card };
  } catch (e) {
    return { ok: false, message: storageMessage(e) };
  }
}

export function storageMessage(e: unknown): string {
  const err = e as Error;
  if (isNewerDatabase(err))
    return 'the extension was just updated and is restarting to finish; try again in a moment.';
  return err.name === 'QuotaExceededError'
    ? 'the disk is full, so the browser refused to store it. Free some space and try again.'
    : err.message || String(err);
}

/** Handles one rating from a page: FSRS + one transaction, idempotent on the review id. */
export async function handleGrade(
  db: StudyDatabase,
  settings: Settings,
  req: GradeRequest,
): Promise<GradeResponse> {
  try {
    const scheduler = productionScheduler(settings);
    // With an interview ahead, a card that would be under its target on the day comes sooner.
    const outcome = await recordRating(db, scheduler, req, (card) =>
      planCard(scheduler.parameters.w, card, settings, req.reviewedAt),
    );
    if (outcome.status === 'unknown-card') {
      return { ok: false, error: 'unknown-card', message: `No card "${req.cardId}".` };
    }
    // Bookkeeping only: the rating is stored, so a failure here must not be reported as one.
    await clearViewed(db, req.cardId).catch(() => {});
    return { ok: true, card: outcome.card, duplicate: outcome.status === 'duplicate' };
  } catch (e) {
    return { ok: false, error: 'storage', message: storageMessage(e) };
  }
}
