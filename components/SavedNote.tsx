import type { OptionsTranslate } from '@/lib/i18n/options-strings';

/**
 * "Saved", said next to the control that was changed. The region is always there (empty
 * when nothing was saved here), so screen readers announce it when it fills.
 */
export function SavedNote({ shown, t }: { shown: boolean; t: OptionsTranslate }) {
  return (
    <span class="muted saved-note" role="status" aria-live="polite">
      {shown ? t('saved') : ''}
    </span>
  );
}
