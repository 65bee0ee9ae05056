import type { TargetedKeyboardEvent } from 'preact';
import { SECTIONS } from '@/lib/bank/taxonomy';
import type { BrowseFilters, BrowseRow, CardStatus, StateFilter } from '@/lib/browse/filter';
import { SORTS, STATE_FILTERS } from '@/lib/browse/filter';
import type { BrowseTranslate } from '@/lib/i18n/browse-strings';
import { formatWhen } from '@/lib/i18n/strings';
import type { Lang } from '@/lib/settings/model';
import { topicKey } from '@/lib/srs/scope';

export interface BrowseControlsProps {
  query: string;
  filters: BrowseFilters;
  searchAnswers: boolean;
  answersLoading: boolean;
  lang: Lang;
  t: BrowseTranslate;
  onQuery: (q: string) => void;
  onFilters: (f: BrowseFilters) => void;
  onSearchAnswers: (on: boolean) => void;
  /** ArrowDown in the search box: go to the results. */
  onToResults: () => void;
}

/** The search box and the filters, every control labelled. */
export function BrowseControls(p: BrowseControlsProps) {
  const sections = p.filters.section ? SECTIONS.filter((s) => s.id === p.filters.section) : SECTIONS;
  const set = (patch: Partial<BrowseFilters>) => p.onFilters({ ...p.filters, ...patch });
  return (
    <div class="browse-controls" role="search">
      <label class="browse-search">
        <span>{p.t('search')}</span>
        <input
          type="search"
          value={p.query}
          placeholder={p.t('searchPlaceholder')}
          onInput={(e) => p.onQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown') {
              e.preventDefault();
              p.onToResults();
            }
          }}
        />
      </label>
      <label class="browse-check">
        <input
          type="checkbox"
          checked={p.searchAnswers}
          onChange={(e) => p.onSearchAnswers(e.currentTarget.checked)}
        />
        {p.t('searchAnswers')}
        {p.answersLoading && <span class="muted"> {p.t('loadingAnswers')}</span>}
      </label>
      <div class="browse-filters">
        <label>
          <span>{p.t('section')}</span>
          <select
            name="section"
            value={p.filters.section}
            onChange={(e) => {
              const section = e.currentTarget.value;
              // A topic of another section would match nothing.
              const topic = p.filters.topic.startsWith(`${section}/`) ? p.filters.topic : '';
              set({ section, topic });
            }}
          >
            <option value="">{p.t('allSections')}</option>
            {SECTIONS.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label[p.lang]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{p.t('topic')}</span>
          <select
            name="topic"
            value={p.filters.topic}
            onChange={(e) => set({ topic: e.currentTarget.value })}
          >
            <option value="">{p.t('allTopics')}</option>
            {sections.map((s) =>
              Object.entries(s.topics).map(([id, label]) => (
                <option key={topicKey(s.id, id)} value={topicKey(s.id, id)}>
                  {p.filters.section ? label[p.lang] : `${s.label[p.lang]} · ${label[p.lang]}`}
                </option>
              )),
            )}
          </select>
        </label>
        <label>
          <span>{p.t('stateFilter')}</span>
          <select
            name="state"
            value={p.filters.state}
            onChange={(e) => set({ state: e.currentTarget.value as StateFilter })}
          >
            {STATE_FILTERS.map((s) => (
              <option key={s} value={s}>
                {p.t(s)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{p.t('sort')}</span>
          <select
            name="sort"
            value={p.filters.sort}
            onChange={(e) => set({ sort: e.currentTarget.value as BrowseFilters['sort'] })}
          >
            {SORTS.map((s) => (
              <option key={s} value={s}>
                {p.t(s === 'bank' ? 'sortBank' : 'sortDue')}
              </option>
            ))}
          </select>
        </label>
      </div>
    </div>
  );
}

export interface BrowseListProps {
  rows: readonly BrowseRow[];
  total: number;
  selectedId: string | null;
  contentLang: Lang;
  uiLang: Lang;
  t: BrowseTranslate;
  now: number;
  onSelect: (id: string) => void;
}

/** The badges after a result: its learning state and flags. */
export function StatusBadges({ status, t }: { status: CardStatus; t: BrowseTranslate }) {
  return (
    <span class="badges">
      <span class={`badge state-${status.state}`}>{t(status.state)}</span>
      {status.suspended && <span class="badge flag">{t('suspended')}</span>}
      {status.buried && <span class="badge flag">{t('buried')}</span>}
      {status.leech && <span class="badge flag leech">{t('leech')}</span>}
    </span>
  );
}

/** Moves focus among the result buttons with the arrow keys, Home and End. */
function onListKey(e: TargetedKeyboardEvent<HTMLUListElement>) {
  const buttons = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('button[data-card-id]')];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const to =
    e.key === 'ArrowDown'
      ? Math.min(buttons.length - 1, i + 1)
      : e.key === 'ArrowUp'
        ? Math.max(0, i - 1)
        : e.key === 'Home'
          ? 0
          : e.key === 'End'
            ? buttons.length - 1
            : null;
  if (to === null || buttons.length === 0) return;
  e.preventDefault();
  buttons[to]?.focus();
}

/** The results: the question in the content language, where it sits, its state and due date. */
export function BrowseList(p: BrowseListProps) {
  return (
    <section class="browse-results" aria-labelledby="results-heading">
      <h2 id="results-heading">
        {p.t('results')}{' '}
        <span class="count" role="status" data-count={p.rows.length}>
          {p.t('count', { n: p.rows.length, total: p.total })}
        </span>
      </h2>
      {p.rows.length === 0 ? (
        <p class="muted">{p.t('noResults')}</p>
      ) : (
        <ul class="result-list" onKeyDown={onListKey}>
          {p.rows.map(({ entry, card, status }) => {
            const section = SECTIONS.find((s) => s.id === entry.section);
            const topics = entry.topics.map((tp) => section?.topics[tp]?.[p.uiLang] ?? tp).join(' / ');
            const due =
              card && status.state !== 'new'
                ? card.due <= p.now
                  ? p.t('dueNow')
                  : p.t('dueAt', { when: formatWhen(card.due, p.now, p.uiLang) })
                : '';
            return (
              <li key={entry.id}>
                <button
                  type="button"
                  class="result"
                  data-card-id={entry.id}
                  data-section={entry.section}
                  data-state={status.state}
                  aria-current={p.selectedId === entry.id ? 'true' : undefined}
                  onClick={() => p.onSelect(entry.id)}
                >
                  <span
                    class="result-question"
                    lang={p.contentLang === 'zh' ? 'zh-CN' : 'en'}
                    dangerouslySetInnerHTML={{ __html: entry[p.contentLang].html }}
                  />
                  <span class="result-meta">
                    <span>
                      {section?.label[p.uiLang] ?? entry.section} · {topics}
                    </span>
                    <StatusBadges status={status} t={p.t} />
                    {due && <span class="result-due">{due}</span>}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
