import type { StudyDatabase } from './open';

export const VIEWS_KEY = 'recent-views';
const KEEP_MS = 24 * 3_600_000;

export type RecentViews = Record<string, number>;

function isViews(v: unknown): v is RecentViews {
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    Object.values(v).every((t) => typeof t === 'number' && Number.isFinite(t))
  );
}

/** When each card was last put on screen (and not yet rated), for tab rotation. */
export async function recentViews(db: StudyDatabase): Promise<RecentViews> {
  return viewsOf(await db.get('meta', VIEWS_KEY));
}

/** The stored views, or none if what is stored is not views. */
export function viewsOf(v: unknown): RecentViews {
  return isViews(v) ? v : {};
}

/** Records that a page put `cardId` on screen at `now`; forgets views older than a day. */
export async function markViewed(db: StudyDatabase, cardId: string, now: number): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const old = await tx.store.get(VIEWS_KEY);
  const views: RecentViews = {};
  if (isViews(old)) {
    for (const [id, t] of Object.entries(old)) if (now - t < KEEP_MS) views[id] = t;
  }
  views[cardId] = now;
  await Promise.all([tx.store.put(views, VIEWS_KEY), tx.done]);
}

/** A rated card no longer needs rotating. */
export async function clearViewed(db: StudyDatabase, cardId: string): Promise<void> {
  const tx = db.transaction('meta', 'readwrite');
  const old = await tx.store.get(VIEWS_KEY);
  if (isViews(old) && cardId in old) {
    const { [cardId]: _, ...rest } = old;
    await tx.store.put(rest, VIEWS_KEY);
  }
  await tx.done;
}
