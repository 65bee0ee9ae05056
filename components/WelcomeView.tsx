import type { WelcomeKey, WelcomeTranslate } from '@/lib/i18n/welcome-strings';

export interface WelcomeActions {
  /** Leaves the welcome for a study page. */
  onStart: () => void;
  onClose: () => void;
  /** Switches the interface to the other language. */
  onSwitchLang: () => void;
  /** Where the options page is (a link: it opens like any link). */
  optionsHref: string;
}

const RATINGS = [
  ['again', 'againMeans', '1'],
  ['hard', 'hardMeans', '2'],
  ['good', 'goodMeans', '3'],
  ['easy', 'easyMeans', '4'],
] as const satisfies readonly (readonly [WelcomeKey, WelcomeKey, string])[];

const KEYS = [
  [['Space', 'Enter'], 'keyReveal'],
  [['1', '2', '3', '4'], 'keyRate'],
  [['U'], 'keyUndo'],
  [['S'], 'keySkip'],
  [['B'], 'keyBury'],
  [['N'], 'keyNote'],
] as const satisfies readonly (readonly [readonly string[], WelcomeKey])[];

/** The first-run page: what the ratings mean, the keys, where the options are, where the data lives. */
export function WelcomeView({ t, actions }: { t: WelcomeTranslate; actions: WelcomeActions }) {
  return (
    <div class="page welcome">
      <header class="welcome-header">
        <h1>{t('heading')}</h1>
        <button
          type="button"
          class="link"
          lang={t('switchLangTag')}
          aria-label={t('switchLangLabel')}
          onClick={actions.onSwitchLang}
        >
          {t('switchLang')}
        </button>
      </header>
      <p>{t('intro')}</p>

      <h2>{t('ratingsTitle')}</h2>
      <dl class="welcome-ratings">
        {RATINGS.map(([name, means, key]) => (
          <div key={name} class={`rate-${name}`}>
            <dt>
              <span class="rate-label">{t(name)}</span>
              <kbd>{key}</kbd>
            </dt>
            <dd>{t(means)}</dd>
          </div>
        ))}
      </dl>
      <p class="muted">{t('ratingsHint')}</p>

      <h2>{t('keysTitle')}</h2>
      <dl class="welcome-keys">
        {KEYS.map(([keys, what]) => (
          <div key={what}>
            <dt>
              {keys.map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dt>
            <dd>{t(what)}</dd>
          </div>
        ))}
      </dl>
      <p class="muted">{t('keysHint')}</p>

      <h2>{t('optionsTitle')}</h2>
      <p>
        {t('optionsBody')} <a href={actions.optionsHref}>{t('openOptions')}</a>
      </p>

      <h2>{t('dataTitle')}</h2>
      <p>{t('dataBody')}</p>

      <p class="welcome-actions">
        <button type="button" class="reveal" onClick={actions.onStart}>
          {t('start')}
        </button>
        <button type="button" class="tool" onClick={actions.onClose}>
          {t('close')}
        </button>
      </p>
    </div>
  );
}
