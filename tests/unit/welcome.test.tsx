import { fireEvent, render, screen } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { halfWidthInChinese } from '@/build/bank/zh-punctuation';
import { WelcomeView } from '@/components/WelcomeView';
import { openWelcomeOnce } from '@/lib/background/welcome';
import { welcomeCatalogs, welcomeTranslator } from '@/lib/i18n/welcome-strings';

/** `storage.local` as the worker sees it, across "browser starts". */
function fakeWorker() {
  let openedAt: number | undefined;
  const openTab = vi.fn(async () => {});
  return {
    openTab,
    deps: {
      openedAt: async () => openedAt,
      markOpened: async () => void (openedAt = 1),
      openTab,
    },
  };
}

describe('the welcome page opens once', () => {
  it('on a fresh install, not on an update or a browser update', async () => {
    for (const reason of ['update', 'chrome_update', 'shared_module_update']) {
      const w = fakeWorker();
      expect(await openWelcomeOnce(reason, w.deps)).toBe(false);
      expect(w.openTab).not.toHaveBeenCalled();
    }
    const w = fakeWorker();
    expect(await openWelcomeOnce('install', w.deps)).toBe(true);
    expect(w.openTab).toHaveBeenCalledTimes(1);
  });

  it('not again when Chromium reports the same profile installed again (an unpacked extension, each start)', async () => {
    const w = fakeWorker();
    await openWelcomeOnce('install', w.deps);
    expect(await openWelcomeOnce('install', w.deps)).toBe(false);
    expect(w.openTab).toHaveBeenCalledTimes(1);
  });
});

describe('the welcome page', () => {
  it('says what each rating means and lists the keys, in English and in Chinese', () => {
    const actions = {
      onStart: vi.fn(),
      onClose: vi.fn(),
      onSwitchLang: vi.fn(),
      optionsHref: '/options.html',
    };
    const { unmount } = render(<WelcomeView t={welcomeTranslator('en')} actions={actions} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Welcome to LLM Interview Cards');
    expect(screen.getByText(/You forgot it/).textContent).toMatch(/comes back soon/);
    for (const key of ['Space', '1', '4', 'U', 'S', 'B', 'N'])
      expect(screen.getAllByText(key).length).toBeGreaterThan(0);
    expect(screen.getByRole('link', { name: 'Open the options' }).getAttribute('href')).toBe('/options.html');
    fireEvent.click(screen.getByRole('button', { name: 'Start studying' }));
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    fireEvent.click(screen.getByRole('button', { name: /中文/ }));
    expect(actions.onStart).toHaveBeenCalledTimes(1);
    expect(actions.onClose).toHaveBeenCalledTimes(1);
    expect(actions.onSwitchLang).toHaveBeenCalledTimes(1);
    unmount();
    render(<WelcomeView t={welcomeTranslator('zh')} actions={actions} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('欢迎使用大模型面试卡片');
    expect(screen.getByRole('button', { name: '开始学习' })).toBeTruthy();
  });

  it('writes the Chinese with full-width punctuation', () => {
    for (const [key, text] of Object.entries(welcomeCatalogs.zh))
      expect(halfWidthInChinese(text), key).toEqual([]);
  });
});
