import { GRADES, type Grade } from '@/lib/srs/card-state';
import { intervalLabel, type Translate, type StringKey } from '@/lib/i18n/strings';
import type { Lang } from '@/lib/settings/model';

const LABELS: Record<Grade, StringKey> = { 1: 'again', 2: 'hard', 3: 'good', 4: 'easy' };

export interface RatingBarProps {
  /** When each rating would make the card due again (epoch ms); null until known. */
  previews: Record<Grade, number> | null;
  now: number;
  disabled: boolean;
  lang: Lang;
  t: Translate;
  onRate: (g: Grade) => void;
}

/**
 * Again / Hard / Good / Easy, each with the interval it would give and its key. A rating that
 * would give the same due time as the one before it (Good and Easy both 1 day, for a card
 * relearned after a lapse) is not offered twice: its key still works.
 */
export function RatingBar({ previews, now, disabled, lang, t, onRate }: RatingBarProps) {
  return (
    <div class="rating-bar" role="group" aria-label={t('keysHint')}>
      {GRADES.map((g) => {
        if (previews && g > 1 && previews[g] === previews[(g - 1) as Grade]) return null;
        // Until the background answers, the buttons work and keep their size.
        const interval = previews ? intervalLabel(previews[g] - now, lang) : '\u00a0';
        return (
          <button
            key={g}
            type="button"
            class={`rate rate-${LABELS[g]}`}
            data-grade={g}
            disabled={disabled}
            onClick={() => onRate(g)}
            aria-keyshortcuts={String(g)}
          >
            <span class="rate-label">{t(LABELS[g])}</span>
            <span class="rate-interval">{interval}</span>
            <kbd>{g}</kbd>
          </button>
        );
      })}
    </div>
  );
}
