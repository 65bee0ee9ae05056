import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { sectionById } from '@/lib/bank/taxonomy';
import type { SearchEntry } from '@/lib/bank/search-index';
import type { CompiledQuestion } from '@/lib/bank/types';
import { canReset, cardStatus, historyRows, type BrowseCard, type HistoryReview } from '@/lib/browse/filter';
import { formatDateTime, type BrowseKey, type BrowseTranslate } from '@/lib/i18n/browse-strings';
import { formatWhen, intervalLabel } from '@/lib/i18n/strings';
import type { Lang } from '@/lib/settings/model';
import { NOTE_MAX_LENGTH, type CardAction, type Grade } from '@/lib/srs/card-state';
import { StatusBadges } from './BrowseList';

export interface CardDetailProps {
  entry: SearchEntry;
  /** The compiled question with its answer, once loaded. */
  question: CompiledQuestion | null;
  /** The card as stored; undefined if the question has no card yet. */
  card: BrowseCard | undefined;
  reviews: readonly HistoryReview[];
  contentLang: Lang;
  uiLang: Lang;
  t: BrowseTranslate;
  now: number;
  /** Sends one action; resolves to an error message, or null when it was applied. */
  onAction: (action: CardAction) => Promise<string | null>;
  onClose: () => void;
}

const RATING_KEYS: Record<Grade, BrowseKey> = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' };

const DONE: Partial<Record<CardAction['kind'], BrowseKey>> = {
  suspend: 'suspendDone',
  unsuspend: 'unsuspendDone',
  unbury: 'unburyDone',
  reset: 'resetDone',
  note: 'noteSaved',
};

/** One question in full: answer, schedule, history, note, and what can be done to the card. */
export function CardDetail(p: CardDetailProps) {
  const { t, card } = p;
  const heading = useRef<HTMLHeadingElement>(null);
  // A different card: put the focus on its heading.
  useEffect(() => heading.current?.focus(), [p.entry.id]);
  const section = sectionById(p.entry.section);
  const topics = p.entry.topics.map((tp) => section?.topics[tp]?.[p.uiLang] ?? tp).join(' / ');
  const side = p.question?.[p.contentLang];
  const contentLang = p.contentLang === 'zh' ? 'zh-CN' : 'en';
  return (
    <article
      class="card-detail"
      aria-labelledby="detail-heading"
      data-card-id={p.entry.id}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !(e.target instanceof HTMLTextAreaElement)) p.onClose();
      }}
    >
      <p class="card-meta">
        <span>{section?.label[p.uiLang] ?? p.entry.section}</span>
        <span aria-hidden="true"> · </span>
        <span>{topics}</span>
        <span aria-hidden="true"> · </span>
        <span class="bank-level" data-level={p.entry.difficulty} title={t('bankLevelHint')}>
          {t('bankLevel', { level: t(`bankLevel${p.entry.difficulty}`), n: p.entry.difficulty })}
        </span>
      </p>
      <h2
        id="detail-heading"
        class="question"
        tabIndex={-1}
        lang={contentLang}
        ref={heading}
        dangerouslySetInnerHTML={{ __html: side?.question ?? p.entry[p.contentLang].html }}
      />
      <button type="button" class="link back" onClick={p.onClose}>
        {t('backToList')}
      </button>
      <Schedule {...p} />
      {card && <CardActions {...p} card={card} />}
      <section aria-labelledby="answer-heading">
        <h3 id="answer-heading">{t('answer')}</h3>
        {side ? (
          <div class="answer" lang={contentLang} dangerouslySetInnerHTML={{ __html: side.answer }} />
        ) : (
          <p class="muted">{t('loading')}</p>
        )}
      </section>
      <History {...p} />
    </article>
  );
}

/**
 * The card's schedule: state, due, stability, memory difficulty (FSRS's, 1-10, named apart
 * from the bank's level of the question), reviews, lapses, last review.
 */
function Schedule({ card, t, now, uiLang }: CardDetailProps) {
  const status = cardStatus(card, now);
  const when = (at: number) => formatWhen(at, now, uiLang);
  const field = (name: string, label: BrowseKey, value: ComponentChildren, hint?: BrowseKey) => (
    <div title={hint && t(hint)}>
      <dt>{t(label)}</dt>
      <dd data-field={name}>{value}</dd>
    </div>
  );
  return (
    <section aria-labelledby="schedule-heading">
      <h3 id="schedule-heading">{t('schedule')}</h3>
      {card ? (
        <>
          <dl class="schedule">
            {field('state', 'state', <StatusBadges status={status} t={t} />)}
            {field('due', 'due', card.state === 0 ? '—' : card.due <= now ? t('dueNow') : when(card.due))}
            {field(
              'stability',
              'stability',
              card.state === 0 ? '—' : t('days', { n: card.stability.toFixed(1) }),
            )}
            {field(
              'difficulty',
              'memoryDifficulty',
              card.state === 0 ? '—' : t('memoryDifficultyValue', { n: card.difficulty.toFixed(1) }),
              'memoryDifficultyHint',
            )}
            {field('reps', 'reps', card.reps)}
            {field('lapses', 'lapses', card.lapses)}
            {field(
              'last-review',
              'lastReview',
              card.last_review === null ? t('never') : formatDateTime(card.last_review, uiLang),
            )}
          </dl>
          {status.suspended && <p class="muted">{t('suspendedHint')}</p>}
          {status.buried && card.buriedUntil !== undefined && (
            <p class="muted">{t('buriedUntil', { when: when(card.buriedUntil) })}</p>
          )}
          {status.leech && <p class="leech-hint">{t('leechHint', { n: card.lapses })}</p>}
        </>
      ) : (
        <p class="muted">{t('noCard')}</p>
      )}
    </section>
  );
}

/** Suspend or unsuspend, unbury, reset (after a confirm; not for a card never reviewed) and the note. */
function CardActions(p: CardDetailProps & { card: BrowseCard }) {
  const { t, card } = p;
  const [confirming, setConfirming] = useState(false);
  const [draft, setDraft] = useState(card.note ?? '');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  // A different card: start over.
  useEffect(() => {
    setConfirming(false);
    setMessage(null);
  }, [p.entry.id]);
  // The stored note changed (saved here or on another page): show it.
  useEffect(() => setDraft(card.note ?? ''), [p.entry.id, card.note]);
  const status = cardStatus(card, p.now);

  async function act(action: CardAction) {
    setBusy(true);
    const error = await p.onAction(action);
    setBusy(false);
    setConfirming(false);
    const done = DONE[action.kind];
    setMessage(
      error
        ? { text: t('actionFailed', { message: error }), error: true }
        : done
          ? { text: t(done), error: false }
          : null,
    );
  }

  return (
    <section aria-labelledby="actions-heading">
      <h3 id="actions-heading">{t('actions')}</h3>
      <div class="detail-actions">
        <button
          type="button"
          disabled={busy}
          onClick={() => void act({ kind: status.suspended ? 'unsuspend' : 'suspend' })}
        >
          {t(status.suspended ? 'unsuspend' : 'suspend')}
        </button>
        {status.buried && (
          <button type="button" disabled={busy} onClick={() => void act({ kind: 'unbury' })}>
            {t('unbury')}
          </button>
        )}
        {!confirming && canReset(card, p.reviews) && (
          <button type="button" disabled={busy} onClick={() => setConfirming(true)}>
            {t('reset')}
          </button>
        )}
      </div>
      {confirming && (
        <div class="confirm" role="group" aria-labelledby="reset-confirm">
          <p id="reset-confirm">{t('resetConfirm')}</p>
          <button type="button" class="danger" disabled={busy} onClick={() => void act({ kind: 'reset' })}>
            {t('resetYes')}
          </button>
          <button type="button" disabled={busy} onClick={() => setConfirming(false)}>
            {t('cancel')}
          </button>
        </div>
      )}
      <form
        class="note-form"
        onSubmit={(e) => {
          e.preventDefault();
          void act({ kind: 'note', text: draft });
        }}
      >
        <label for="note">{t('note')}</label>
        <textarea
          id="note"
          rows={3}
          maxLength={NOTE_MAX_LENGTH}
          value={draft}
          aria-describedby="note-hint"
          onInput={(e) => setDraft(e.currentTarget.value)}
        />
        <small id="note-hint" class="muted">
          {t('noteHint', { n: NOTE_MAX_LENGTH })}
        </small>
        <button type="submit" disabled={busy}>
          {t('saveNote')}
        </button>
      </form>
      <p class={message?.error ? 'error' : 'muted'} role="status">
        {message?.text ?? ''}
      </p>
    </section>
  );
}

/** Every rating of the card, and the resets, with the interval each rating gave. */
function History({ reviews, card, t, uiLang }: CardDetailProps) {
  const rows = historyRows(reviews, card);
  return (
    <section aria-labelledby="history-heading">
      <h3 id="history-heading">{t('history')}</h3>
      {rows.length === 0 ? (
        <p class="muted">{t('noHistory')}</p>
      ) : (
        <table class="history">
          <thead>
            <tr>
              <th scope="col">{t('colDate')}</th>
              <th scope="col">{t('colRating')}</th>
              <th scope="col">{t('colInterval')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) =>
              r.kind === 'reset' ? (
                <tr key={`reset-${r.at}`} data-kind="reset">
                  <td>{formatDateTime(r.at, uiLang)}</td>
                  <td colSpan={2}>{t('resetRow')}</td>
                </tr>
              ) : (
                <tr key={`review-${r.at}`} data-kind="review" data-rating={r.rating}>
                  <td>{formatDateTime(r.at, uiLang)}</td>
                  <td class={`rating-${r.rating}`}>{t(RATING_KEYS[r.rating])}</td>
                  <td>{r.interval === null ? t('unknown') : intervalLabel(r.interval, uiLang)}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
