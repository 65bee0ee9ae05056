import type { Lang } from '@/lib/settings/model';
import { sectionById } from '@/lib/bank/taxonomy';
import type { StatsTranslate } from '@/lib/i18n/stats-strings';
import type { PassedInterview, Readiness, ReadinessRow } from '@/lib/stats/readiness';
import { FoldingTable } from './FoldingTable';
import { RecallCurve } from './RecallCurve';
import { formatDay, percent } from './stats-format';

/** What the page knows of its interviews: readiness for those ahead, and those passed. */
export interface InterviewsData {
  ahead: readonly Readiness[];
  passed: readonly PassedInterview[];
  /** Question titles of the cards at risk, by card id (the id shows until it is loaded). */
  titles: Readonly<Record<string, string>>;
}

/** An id made of the interview's id that is safe inside `id` and `aria-controls`. */
const domId = (...parts: string[]) => parts.join('-').replace(/[^A-Za-z0-9_-]/g, '_');

function Cells({ row, t }: { row: ReadinessRow; t: StatsTranslate }) {
  return (
    <>
      <td data-recall={row.recall.toFixed(6)}>
        <span class="pct">{percent(row.recall)}</span>
      </td>
      <td data-ready={row.ready} data-cards={row.cards}>
        {t('countOf', { n: row.ready, total: row.cards })}
      </td>
      <td data-seen={row.seen}>{t('countOf', { n: row.seen, total: row.cards })}</td>
    </>
  );
}

/** Predicted recall, cards ready and cards seen, overall and per section; topics fold under their section. */
function ReadinessTable({ r, t, lang }: { r: Readiness; t: StatsTranslate; lang: Lang }) {
  return (
    <FoldingTable
      class="retention readiness-table"
      columns={[t('readinessSection'), t('predictedRecall'), t('ready'), t('seen')]}
      overallLabel={t('overall')}
      overall={r.overall}
      sections={r.sections}
      cells={(row) => <Cells row={row} t={t} />}
      idOf={(key) => domId('readiness', r.interview.id, key)}
      lang={lang}
    />
  );
}

function AtRisk({
  r,
  titles,
  t,
  lang,
}: {
  r: Readiness;
  titles: InterviewsData['titles'];
  t: StatsTranslate;
  lang: Lang;
}) {
  if (r.atRisk.length === 0) return <p class="muted">{t('atRiskNone')}</p>;
  return (
    <>
      <p class="muted small">{t('atRiskHint')}</p>
      <ol class="at-risk">
        {r.atRisk.map((c) => (
          <li key={c.id} data-card={c.id} data-recall={c.recall.toFixed(6)}>
            <a href={`/browse.html#${encodeURIComponent(c.id)}`}>{titles[c.id] ?? c.id}</a>{' '}
            <span class="pct">{percent(c.recall)}</span>{' '}
            <span class="muted small">{sectionById(c.section)?.label[lang] ?? c.section}</span>
          </li>
        ))}
      </ol>
    </>
  );
}

/** One interview ahead: the headline figures, the table, the cards at risk and the curve to the day. */
function InterviewReadiness({
  r,
  titles,
  t,
  lang,
}: {
  r: Readiness;
  titles: InterviewsData['titles'];
  t: StatsTranslate;
  lang: Lang;
}) {
  const date = formatDay(r.interview.date, lang);
  const heading = domId('h-readiness', r.interview.id);
  const sections = r.interview.sections.map((s) => sectionById(s)?.label[lang] ?? s);
  return (
    <section aria-labelledby={heading} class="readiness" data-interview={r.interview.id}>
      <h2 id={heading}>
        {r.interview.name
          ? t('readinessTitle', { name: r.interview.name, date })
          : t('readinessTitleUnnamed', { date })}{' '}
        <span class="muted days-left" data-days={r.daysLeft}>
          {r.daysLeft === 1 ? t('inOneDay') : t('inDaysLong', { n: r.daysLeft })}
        </span>
      </h2>
      <dl class="stat-numbers headline">
        <div>
          <dt>{t('readinessRecall')}</dt>
          <dd data-stat="recall" data-value={r.overall.recall.toFixed(6)}>
            {percent(r.overall.recall)}
          </dd>
        </div>
        <div>
          <dt>{t('readinessReady', { target: percent(r.interview.target) })}</dt>
          <dd data-stat="ready" data-value={r.shareReady.toFixed(6)} data-n={r.overall.ready}>
            {percent(r.shareReady)}
          </dd>
        </div>
        <div>
          <dt>{t('readinessNeverSeen')}</dt>
          <dd data-stat="never-seen">{r.neverSeen}</dd>
        </div>
      </dl>
      <p class="muted small">
        {sections.length > 0
          ? t('readinessScopeSections', {
              sections: sections.join(lang === 'zh' ? '、' : ', '),
              cards: r.overall.cards,
            })
          : t('readinessScopeTopics', { cards: r.overall.cards })}{' '}
        {t('readinessHint')}
        {r.suspended > 0 && <> {t('readinessSuspended', { n: r.suspended })}</>}
      </p>
      <ReadinessTable r={r} t={t} lang={lang} />
      <h3>{t('atRiskTitle')}</h3>
      <AtRisk r={r} titles={titles} t={t} lang={lang} />
      <h3>{t('curveTitle')}</h3>
      <RecallCurve points={r.curve} target={r.interview.target} t={t} lang={lang} />
    </section>
  );
}

/**
 * Readiness for each interview ahead (soonest first), a line for each one passed, and with
 * none ahead a line saying where interviews are set.
 */
export function InterviewsReadiness({
  data,
  t,
  lang,
}: {
  data: InterviewsData;
  t: StatsTranslate;
  lang: Lang;
}) {
  return (
    <>
      {data.ahead.map((r) => (
        <InterviewReadiness key={r.interview.id} r={r} titles={data.titles} t={t} lang={lang} />
      ))}
      {data.passed.map(({ interview: i, today }) => {
        const date = formatDay(i.date, lang);
        const line = today
          ? i.name
            ? t('interviewToday', { name: i.name })
            : t('interviewTodayUnnamed')
          : i.name
            ? t('interviewPassed', { name: i.name, date })
            : t('interviewPassedUnnamed', { date });
        return (
          <p key={i.id} class="muted interview-passed" data-interview={i.id} data-today={today}>
            {line}
          </p>
        );
      })}
      {data.ahead.length === 0 && (
        <p class="muted no-interview">
          {t('noInterview')}
          {lang === 'zh' ? '' : ' '}
          <a href="/options.html" target="_blank">
            {t('noInterviewLink')}
          </a>
          {lang === 'zh' ? '' : ' '}
          {t('noInterviewAfter')}
        </p>
      )}
    </>
  );
}
