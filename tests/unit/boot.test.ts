import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '@/lib/settings/model';
import { writeSettingsMirror } from '@/lib/settings/mirror';
import { bootStudyPage } from '@/lib/study/boot';

describe('a study page and its settings', () => {
  it('tells a listener that comes late of stored settings that differed from its mirror', async () => {
    writeSettingsMirror({ ...DEFAULT_SETTINGS, uiLang: 'en' });
    await fakeBrowser.storage.local.set({ settings: { ...DEFAULT_SETTINGS, uiLang: 'zh' } });
    const page = bootStudyPage({ rotate: true, study: false, paint: () => '' });
    expect(page.settings.uiLang).toBe('en');
    // The stored settings land before the app has mounted and listens.
    await new Promise((r) => setTimeout(r, 50));
    const heard: string[] = [];
    page.onSettings((s) => heard.push(s.uiLang));
    expect(heard).toEqual(['zh']);
  });
});
