import { browser } from 'wxt/browser';
import type { Grade } from './srs/schedule';
import type { CardRecord } from './db/schema';

/** Pages -> background. */
export interface GradeRequest {
  type: 'grade';
  reviewId: string;
  cardId: string;
  rating: Grade;
  reviewedAt: number;
}

export type GradeResponse =
  | { ok: true; card: CardRecord; duplicate: boolean }
  | { ok: false; error: 'unknown-card' | 'storage' | 'bad-request'; message: string };

/** Background -> pages: the queue changed (a rating anywhere, a settings change, a bank sync). */
export interface QueueChanged {
  type: 'queue-changed';
  /** The card that was just rated, if a rating caused the change. */
  cardId?: string;
}

export type Message = GradeRequest | QueueChanged;

export function isGradeRequest(m: unknown): m is GradeRequest {
  if (typeof m !== 'object' || m === null) return false;
  const r = m as Record<string, unknown>;
  return (
    r.type === 'grade' &&
    typeof r.reviewId === 'string' &&
    r.reviewId.length > 0 &&
    r.reviewId.length <= 100 &&
    typeof r.cardId === 'string' &&
    [1, 2, 3, 4].includes(r.rating as number) &&
    typeof r.reviewedAt === 'number' &&
    Number.isFinite(r.reviewedAt)
  );
}

/** Sends one rating to the background, which owns scheduling. */
export async function sendGrade(req: Omit<GradeRequest, 'type'>): Promise<GradeResponse> {
  const res = (await browser.runtime.sendMessage({ type: 'grade', ...req })) as GradeResponse | undefined;
  return res ?? { ok: false, error: 'storage', message: 'No answer from the background.' };
}

export function onQueueChanged(listener: (m: QueueChanged) => void): () => void {
  const handler = (m: unknown) => {
    if (typeof m === 'object' && m !== null && (m as Message).type === 'queue-changed') {
      listener(m as QueueChanged);
    }
  };
  browser.runtime.onMessage.addListener(handler);
  return () => browser.runtime.onMessage.removeListener(handler);
}
