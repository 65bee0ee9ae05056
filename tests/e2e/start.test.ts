import { spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { openBrowser, pageTargets, type OpenedBrowser } from '../../scripts/open-browser';
import { browserAvailable, EXTENSION_DIR, findChromium, newProfile } from './harness';

/**
 * `npm start` opens a visible browser, so this test needs a display: the one it has, or
 * Xvfb through `xvfb-run` (Debian's `xvfb`). Without either it is skipped on a developer's
 * machine; under CI=true it fails.
 */
function displayWrapper(): string[] | null {
  if (process.env.DISPLAY) return [];
  if (spawnSync('xvfb-run', ['--help'], { stdio: 'ignore' }).error === undefined) return ['xvfb-run', '-a'];
  if (process.env.CI === 'true')
    throw new Error('No display and no xvfb-run (apt-get install xvfb): CI must run this test.');
  return null;
}

const wrapper = browserAvailable() ? displayWrapper() : null;
const CHROMIUM_NEW_TAB = /^(chrome:\/\/(newtab|new-tab-page)|chrome-search:\/\/)/;

describe.runIf(wrapper !== null)('npm start', () => {
  const profile = newProfile();
  let opened: OpenedBrowser | undefined;
  afterAll(async () => {
    if (opened) {
      opened.cdp.close(); // the browser closes with its pipe
      const gone = await Promise.race([
        opened.exited.then(() => true),
        new Promise((r) => setTimeout(r, 10_000, false)),
      ]);
      if (!gone) process.kill(-opened.child.pid!, 'SIGKILL');
    }
    profile.remove();
  });

  it("shows the extension's welcome page first and alone, never Chromium's own new tab page", async () => {
    opened = openBrowser({
      browser: findChromium()!,
      extensionDir: EXTENSION_DIR,
      profile: profile.dir,
      wrapper: wrapper!,
    });
    // Every page the browser puts up, from its first.
    const seen: string[] = [];
    opened.cdp.onEvent(({ method, params }) => {
      const info = params.targetInfo as { type: string; url: string } | undefined;
      if (
        (method === 'Target.targetCreated' || method === 'Target.targetInfoChanged') &&
        info?.type === 'page'
      )
        seen.push(info.url);
    });
    await opened.cdp.send('Target.setDiscoverTargets', { discover: true });

    expect(await opened.firstWindow).toMatchObject({ welcome: true });
    const pages = await pageTargets(opened.cdp);
    expect(pages.map((p) => p.url)).toEqual([
      expect.stringMatching(/^chrome-extension:\/\/[a-p]{32}\/welcome\.html$/),
    ]);
    const { sessionId } = (await opened.cdp.send('Target.attachToTarget', {
      targetId: pages[0]!.targetId,
      flatten: true,
    })) as { sessionId: string };
    const shown = async () =>
      (
        (await opened!.cdp.send(
          'Runtime.evaluate',
          {
            expression: "document.visibilityState + ' ' + document.querySelector('h1')?.textContent",
            returnByValue: true,
          },
          sessionId,
        )) as { result: { value: string } }
      ).result.value;
    await expect.poll(shown).toMatch(/^visible (Welcome to LLM Interview Cards|欢迎使用大模型面试卡片)$/);
    // A moment later, still the welcome page alone; and Chromium's new tab page never showed.
    await new Promise((r) => setTimeout(r, 1500));
    expect((await pageTargets(opened.cdp)).length).toBe(1);
    expect(seen.filter((url) => CHROMIUM_NEW_TAB.test(url))).toEqual([]);
  });
});
