import { useEffect, useState } from 'preact/hooks';
import type { Translate } from '@/lib/i18n/strings';

/**
 * Chrome gives a new tab's keyboard focus to the address bar; until the page has focus
 * its keys cannot work. Say so while that is the case.
 */
export function FocusHint({ t, shortcuts = true }: { t: Translate; shortcuts?: boolean }) {
  const [focused, setFocused] = useState(() => document.hasFocus());
  useEffect(() => {
    const update = () => setFocused(document.hasFocus());
    window.addEventListener('focus', update);
    window.addEventListener('blur', update);
    return () => {
      window.removeEventListener('focus', update);
      window.removeEventListener('blur', update);
    };
  }, []);
  return focused ? (
    <span class="muted">{shortcuts ? t('keysHelp') : ''}</span>
  ) : (
    <span class="muted focus-hint">{t('focusHint')}</span>
  );
}
