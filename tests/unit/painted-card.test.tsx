import { hydrate, render } from 'preact';
import { beforeEach, describe, expect, it } from 'vitest';
import { paintedHtml, paintPage } from '@/components/PaintedCard';
import { QueueHeader } from '@/components/QueueHeader';
import { StudyView } from '@/components/StudyView';
import { translator } from '@/lib/i18n/strings';
import type { Lang } from '@/lib/settings/model';
import { prepaint } from '@/lib/study/paint';
import { localPreparedStore, type PreparedCard } from '@/lib/study/prepared';
import { createStudySession } from '@/lib/study/session';
import { question, sessionFixture, T0, memorySlot } from './helpers';

const KATEX = '<span class="katex"><span class="katex-mathml"><math><mi>x</mi></math></span></span>';
const VARIANTS = {
  plain: { q: 'What is <em>attention</em>?', card: {} },
  math: { q: `Why divide by ${KATEX}?`, card: {} },
  code: { q: 'What does <code>torch.cuda.empty_cache()</code> free?', card: {} },
  leech: { q: 'A card forgotten often', card: { lapses: 9, state: 3 } },
  note: { q: 'A card with a note', card: { note: 'mine & <b>yours</b>' } },
};

/** A prepared card for the variant, with the markup the page renders for it. */
function prepared(name: keyof typeof VARIANTS, kind: 'newtab' | 'popup', lang: Lang): PreparedCard {
  const v = VARIANTS[name];
  const base = question(`v-${name}`);
  const q = { ...base, zh: { ...base.zh, question: `中文：${v.q}` }, en: { ...base.en, question: v.q } };
  const card = { id: q.id, state: 0, due: T0, lapses: 0, ...v.card } as PreparedCard['card'];
  const counts = { due: 4, newLeft: 6, nextDue: null, reviewedToday: 1 };
  const t = translator(lang);
  const header = kind === 'popup' ? <QueueHeader counts={counts} t={t} /> : undefined;
  const html = paintedHtml({ kind, card, question: q, counts, contentLang: lang, uiLang: lang, t, header });
  return { v: 3, at: T0, card, question: q, counts, paint: { ui: lang, content: lang, html } };
}

/** The start of the page as the app builds it for that card: the popup's counts, then the study view. */
async function appPage(p: PreparedCard, kind: 'newtab' | 'popup', lang: Lang) {
  const { deps } = await sessionFixture([]);
  const t = translator(lang);
  return (
    <div class={`page ${kind}`}>
      {kind === 'popup' && (
        <header class="popup-header">
          <QueueHeader counts={p.counts} t={t} />
        </header>
      )}
      <StudyView
        session={createStudySession({ ...deps, initial: p })}
        contentLang={lang}
        uiLang={lang}
        t={t}
        now={() => T0}
      />
    </div>
  );
}

/** What the app itself renders for the same card, the moment the page starts from it. */
async function appMarkup(p: PreparedCard, kind: 'newtab' | 'popup', lang: Lang): Promise<HTMLElement> {
  const box = document.createElement('div');
  render(await appPage(p, kind, lang), box);
  return box;
}

describe('the painted card is the app’s own markup', () => {
  beforeEach(() => {
    localStorage.clear();
    document.body.innerHTML = '<main id="app"></main>';
  });

  for (const kind of ['newtab', 'popup'] as const)
    for (const lang of ['en', 'zh'] as const)
      for (const name of Object.keys(VARIANTS) as (keyof typeof VARIANTS)[])
        it(`${kind}, ${lang}, ${name}: prepaint paints exactly what the app renders, and the app hydrates it`, async () => {
          const p = prepared(name, kind, lang);
          localPreparedStore(kind === 'newtab' ? 'next' : 'head').write(p);
          expect(prepaint(kind, document, T0 + 1000)).toBe(true);
          const app = document.getElementById('app')!;
          const painted = app.querySelector('article.study-card')!;
          const paintedMarkup = painted.outerHTML;
          const fresh = await appMarkup(p, kind, lang);
          expect(painted.outerHTML).toBe(fresh.querySelector('article.study-card')!.outerHTML);
          if (kind === 'popup')
            expect(app.querySelector('dl.queue-header')!.outerHTML).toBe(
              fresh.querySelector('dl.queue-header')!.outerHTML,
            );
          // Hydrating keeps the very elements that were painted, attributes and all.
          const heading = app.querySelector('h1.question');
          hydrate(await appPage(p, kind, lang), app);
          expect(app.querySelector('h1.question')).toBe(heading);
          expect(app.querySelector('article.study-card')).toBe(painted);
          expect(painted.outerHTML).toBe(paintedMarkup);
        });
});

describe('the slots a study page prepares', () => {
  it('hold the markup of the page that reads them: the new tab’s for `next`, the popup’s (counts above) for `head`', async () => {
    const slots = { next: memorySlot(), head: memorySlot() };
    const t = translator('en');
    const { session } = await sessionFixture(
      ['q1', 'q2', 'q3'],
      {},
      {
        prepared: slots,
        paint: (kind, card, question, counts) => ({
          ui: 'en',
          content: 'en',
          html: paintPage(kind, card, question, counts, { contentLang: 'en', uiLang: 'en', t }),
        }),
      },
    );
    await session.start();
    const next = slots.next.read()!.paint!.html;
    const head = slots.head.read()!.paint!.html;
    expect(next).toMatch(/^<div class="page newtab">/);
    expect(next).not.toContain('data-count="due"');
    expect(head).toMatch(/^<div class="page popup"><header class="popup-header"><dl class="queue-header">/);
    expect(head).toContain('data-count="due"');
  });
});
