import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { BrowseControls, BrowseList } from '@/components/BrowseList';
import { CardDetail } from '@/components/CardDetail';
import { useCardDetail } from './card-detail';
import { ensureKatexCss } from '@/lib/bank/load';
import type { SearchEntry } from '@/lib/bank/search-index';
import { cardIdFromHash, filterCards, NO_FILTERS, type BrowseFilters } from '@/lib/browse/filter';
import { loadSearchIndex, readCards, withAnswers } from '@/lib/browse/data';
import type { CardRecord } from '@/lib/db/schema';
import { browseTranslator } from '@/lib/i18n/browse-strings';
import { onQueueChanged } from '@/lib/messaging';
import { applyDocumentLang, applyTheme, pageLangs } from '@/lib/pages';
import type { Settings } from '@/lib/settings/model';
import { onSettingsChanged } from '@/lib/settings/store';

export function App({ initial }: { initial: Settings }) {
  const [settings, setSettings] = useState(initial);
  const [entries, setEntries] = useState<SearchEntry[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [cards, setCards] = useState<CardRecord[]>([]);
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<BrowseFilters>(NO_FILTERS);
  const [searchAnswers, setSearchAnswers] = useState(false);
  const [answersLoading, setAnswersLoading] = useState(false);
  /** The entries with their answers' text, loaded the first time answers are searched. */
  const [withAnswerText, setWithAnswerText] = useState<SearchEntry[] | null>(null);
  const [now, setNow] = useState(Date.now());
  const listRef = useRef<HTMLDivElement>(null);

  const { ui, content } = pageLangs(settings);
  const t = browseTranslator(ui);

  useEffect(() => onSettingsChanged(setSettings), []);
  useEffect(() => applyTheme(settings.theme), [settings.theme]);
  useEffect(() => {
    applyDocumentLang(ui);
    document.title = `${t('browseTitle')} · ${t('appName')}`;
  }, [ui]);

  async function refreshCards() {
    setCards(await readCards());
    setNow(Date.now());
  }
  const { detail, detailId, open, refreshDetail, close, act } = useCardDetail(listRef, refreshCards);

  useEffect(() => {
    loadSearchIndex()
      .then((index) => {
        setEntries(index);
        // Questions with math show it in the list too.
        if (index.some((e) => e.hasMath)) ensureKatexCss();
      })
      .catch((e: unknown) => setLoadError(e instanceof Error ? e.message : String(e)));
    void refreshCards();
    const fromHash = () => {
      const id = cardIdFromHash(location.hash);
      if (id && id !== detailId.current) void open(id);
    };
    fromHash();
    window.addEventListener('hashchange', fromHash);
    const stop = onQueueChanged(() => {
      void refreshCards();
      void refreshDetail();
    });
    return () => {
      window.removeEventListener('hashchange', fromHash);
      stop();
    };
  }, []);

  useEffect(() => {
    if (!searchAnswers || !entries || withAnswerText || answersLoading) return;
    setAnswersLoading(true);
    void withAnswers(entries).then((full) => {
      setWithAnswerText(full);
      setAnswersLoading(false);
    });
  }, [searchAnswers, entries]);

  const searched = searchAnswers && withAnswerText ? withAnswerText : entries;
  const rows = useMemo(
    () => (searched ? filterCards(searched, cards, query, filters, now) : []),
    [searched, cards, query, filters, now],
  );
  const openEntry = detail && entries?.find((e) => e.id === detail.id);

  return (
    <div class="page browse">
      <header>
        <h1>
          {t('appName')} · {t('browseTitle')}
        </h1>
      </header>
      <BrowseControls
        query={query}
        filters={filters}
        searchAnswers={searchAnswers}
        answersLoading={answersLoading}
        lang={ui}
        t={t}
        onQuery={setQuery}
        onFilters={setFilters}
        onSearchAnswers={setSearchAnswers}
        onToResults={() => listRef.current?.querySelector<HTMLElement>('button[data-card-id]')?.focus()}
      />
      <div class="browse-body">
        <div class="browse-list" ref={listRef}>
          {loadError ? (
            <p class="error" role="alert">
              {t('loadFailed', { message: loadError })}
            </p>
          ) : entries ? (
            <BrowseList
              rows={rows}
              total={entries.length}
              selectedId={detail?.id ?? null}
              contentLang={content}
              uiLang={ui}
              t={t}
              now={now}
              onSelect={(id) => void open(id)}
            />
          ) : (
            <p class="muted">{t('loading')}</p>
          )}
        </div>
        <div class="browse-detail">
          {detail && openEntry ? (
            <CardDetail
              entry={openEntry}
              question={detail.question}
              card={detail.card}
              reviews={detail.reviews}
              contentLang={content}
              uiLang={ui}
              t={t}
              now={now}
              onAction={act}
              onClose={close}
            />
          ) : (
            <p class="muted select-hint">{t('selectHint')}</p>
          )}
        </div>
      </div>
    </div>
  );
}
