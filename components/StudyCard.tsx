import type { CompiledQuestion } from '@/lib/bank/types';
import { questionLabels } from '@/lib/bank/labels';
import type { Lang } from '@/lib/settings/model';
import type { Translate } from '@/lib/i18n/strings';
import type { Grade } from '@/lib/srs/card-state';
import { RatingBar } from './RatingBar';

export interface StudyCardProps {
  question: CompiledQuestion;
  /** Language of the question text. */
  contentLang: Lang;
  /** Language of the interface around it. */
  uiLang: Lang;
  t: Translate;
  revealed: boolean;
  previews: Record<Grade, number> | null;
  now: number;
  pending: boolean;
  /** False while a prepared card awaits the queue's confirmation (exposed for tests and the benchmark). */
  confirmed?: boolean;
  error?: string | undefined;
  /** Times forgotten, when the card is a leech (0 otherwise). */
  lapses?: number;
  /** The person's own note, shown under the answer. */
  note?: string | undefined;
  onReveal: () => void;
  onRate: (g: Grade) => void;
}

/**
 * One question. The HTML was compiled at build time from the bank's Markdown with raw
 * HTML disabled, so it is inserted as is; no Markdown is parsed here.
 */
export function StudyCard(p: StudyCardProps) {
  const q = p.question;
  const side = q[p.contentLang];
  const labels = questionLabels(q, p.uiLang);
  return (
    <article
      class="study-card"
      lang={p.contentLang === 'zh' ? 'zh-CN' : 'en'}
      data-card-id={q.id}
      data-section={q.section}
      data-confirmed={String(p.confirmed !== false)}
    >
      <p class="card-meta">
        <span>{labels.section}</span>
        <span aria-hidden="true"> · </span>
        <span>{labels.topics}</span>
      </p>
      <h1 class="question" elementtiming="question" dangerouslySetInnerHTML={{ __html: side.question }} />
      {Boolean(p.lapses) && (
        <div class="leech" role="note">
          <strong>{p.t('leech', { n: p.lapses! })}</strong> {p.t('leechBody')}
        </div>
      )}
      {p.revealed ? (
        <>
          <section class="answer" aria-live="polite" dangerouslySetInnerHTML={{ __html: side.answer }} />
          {p.note && (
            <aside class="note" aria-label={p.t('yourNote')}>
              <p class="note-title">{p.t('yourNote')}</p>
              <p class="note-text">{p.note}</p>
            </aside>
          )}
          {q.refs.length > 0 && (
            <details class="refs">
              <summary>{p.t('references')}</summary>
              <ul>
                {q.refs.map((r) => (
                  <li key={r.url}>
                    <a href={r.url} target="_blank" rel="noopener noreferrer">
                      {r.title}
                    </a>
                  </li>
                ))}
              </ul>
            </details>
          )}
          {p.error && (
            <p class="error" role="alert">
              {p.t('saveError', { message: p.error })}
            </p>
          )}
          <RatingBar
            previews={p.previews}
            now={p.now}
            disabled={p.pending}
            lang={p.uiLang}
            t={p.t}
            onRate={p.onRate}
          />
        </>
      ) : (
        <button type="button" class="reveal" onClick={p.onReveal} aria-keyshortcuts="Space Enter">
          {p.t(p.lapses ? 'readAgain' : 'reveal')} <kbd>{p.t('revealHint')}</kbd>
        </button>
      )}
    </article>
  );
}
