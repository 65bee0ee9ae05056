import type { RefObject } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { ensureKatexCss, loadQuestion } from '@/lib/bank/load';
import type { CompiledQuestion } from '@/lib/bank/types';
import { readCard, readReviews } from '@/lib/browse/data';
import type { CardRecord, ReviewRecord } from '@/lib/db/schema';
import { sendCardAction } from '@/lib/messaging';
import { clearPreparedCards } from '@/lib/study/prepared';
import type { CardAction } from '@/lib/srs/card-state';

export interface Detail {
  id: string;
  question: CompiledQuestion | null;
  card: CardRecord | undefined;
  reviews: ReviewRecord[];
}

/**
 * The card open on the right: opening one (by click or `#id`), refreshing it after a change
 * anywhere, closing it (focus back to its row), and acting on it through the background.
 */
export function useCardDetail(listRef: RefObject<HTMLDivElement | null>, afterAction: () => Promise<void>) {
  const [detail, setDetail] = useState<Detail | null>(null);
  const detailId = useRef<string | null>(null);
  const focusRow = (id: string) =>
    listRef.current?.querySelector<HTMLElement>(`[data-card-id="${CSS.escape(id)}"]`)?.focus();

  async function open(id: string, focusList = false) {
    detailId.current = id;
    if (location.hash !== `#${encodeURIComponent(id)}`)
      history.replaceState(null, '', `#${encodeURIComponent(id)}`);
    const [card, reviews] = await Promise.all([readCard(id), readReviews(id)]);
    if (detailId.current !== id) return;
    setDetail((d) => ({ id, question: d?.id === id ? d.question : null, card, reviews }));
    try {
      const question = await loadQuestion(id);
      if (question.hasMath) ensureKatexCss();
      if (detailId.current === id) setDetail((d) => (d?.id === id ? { ...d, question } : d));
    } catch {
      // The detail shows the question from the index and says the answer is loading.
    }
    if (focusList) focusRow(id);
  }

  /** Re-reads the open card and its history (after an action here or anywhere). */
  async function refreshDetail() {
    const id = detailId.current;
    if (!id) return;
    const [card, reviews] = await Promise.all([readCard(id), readReviews(id)]);
    if (detailId.current === id) setDetail((d) => (d?.id === id ? { ...d, card, reviews } : d));
  }

  function close() {
    const id = detailId.current;
    detailId.current = null;
    setDetail(null);
    history.replaceState(null, '', location.pathname);
    if (id) requestAnimationFrame(() => focusRow(id));
  }

  async function act(action: CardAction): Promise<string | null> {
    const id = detailId.current;
    if (!id) return null;
    const res = await sendCardAction(id, action, Date.now());
    // The next new tab or popup must not paint a card prepared before this change.
    if (res.ok) clearPreparedCards();
    // Whatever the answer, show what is stored now.
    await Promise.all([refreshDetail(), afterAction()]);
    return res.ok ? null : res.message;
  }

  return { detail, detailId, open, refreshDetail, close, act };
}
