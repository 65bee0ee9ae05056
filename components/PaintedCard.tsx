import { render, type ComponentChildren } from 'preact';
import type { CompiledQuestion } from '@/lib/bank/types';
import type { Translate } from '@/lib/i18n/strings';
import type { Lang } from '@/lib/settings/model';
import { isLeech } from '@/lib/srs/card-state';
import type { PreparedCard } from '@/lib/study/prepared';
import type { StudyCounts } from '@/lib/study/queue-read';
import type { PaintCard } from '@/lib/study/boot';
import { QueueHeader } from './QueueHeader';
import { StudyCard } from './StudyCard';

export interface PaintProps {
  kind: 'newtab' | 'popup';
  /** What the page shows above the card (the popup's counts). */
  header?: ComponentChildren;
  card: PreparedCard['card'];
  question: CompiledQuestion;
  counts: StudyCounts;
  contentLang: Lang;
  uiLang: Lang;
  t: Translate;
}

const nothing = () => {};

/**
 * The start of the page as the app renders it for a card just put on screen (not revealed,
 * not yet confirmed): the popup's counts and the study card, from the very components
 * the app hydrates, so what prepaint.js paints is what the app would have painted.
 */
export function PaintedPage(p: PaintProps) {
  return (
    <div class={`page ${p.kind}`}>
      {p.header && <header class="popup-header">{p.header}</header>}
      <StudyCard
        question={p.question}
        contentLang={p.contentLang}
        uiLang={p.uiLang}
        t={p.t}
        revealed={false}
        previews={null}
        now={0}
        pending={false}
        confirmed={false}
        lapses={isLeech(p.card) ? p.card.lapses : 0}
        note={p.card.note}
        onReveal={nothing}
        onRate={nothing}
      />
    </div>
  );
}

/** `PaintedPage` as HTML, rendered into a detached element (no second copy of the markup). */
export function paintedHtml(p: PaintProps): string {
  const box = document.createElement('div');
  render(<PaintedPage {...p} />, box);
  const html = box.innerHTML;
  render(null, box);
  return html;
}

/** What the new tab and the popup paint for a prepared card: the popup has its counts above. */
export const paintPage: PaintCard = (kind, card, question, counts, langs) =>
  paintedHtml({
    kind,
    card,
    question,
    counts,
    ...langs,
    ...(kind === 'popup' ? { header: <QueueHeader counts={counts} t={langs.t} /> } : {}),
  });
