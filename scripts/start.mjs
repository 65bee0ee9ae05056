// `npm start`: build the extension, then open Chromium/Chrome with it loaded in a fresh
// profile where there is a display (the extension's welcome page first); otherwise say
// where the build is and how to load it. Run with tsx (package.json) for open-browser.ts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openBrowser } from './open-browser.ts';

const root = resolve(import.meta.dirname, '..');
const extensionDir = join(root, '.output', 'chrome-mv3');

const build = spawnSync('npx', ['wxt', 'build'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const browsers = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
].filter(Boolean);
const browser = browsers.find((p) => existsSync(p));
const hasDisplay =
  process.platform === 'darwin' ||
  process.platform === 'win32' ||
  Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);

if (browser && hasDisplay) {
  const profile = mkdtempSync(join(tmpdir(), 'llm-cards-'));
  console.log(`\nOpening ${browser} with the extension (fresh profile ${profile}).`);
  const opened = openBrowser({ browser, extensionDir, profile });
  const { welcome } = await opened.firstWindow;
  console.log(
    welcome
      ? 'It shows the welcome page; every new tab now shows a question. Close the browser (or press Ctrl+C) to stop.'
      : 'The welcome page did not open: see chrome://extensions for errors. Close the browser (or press Ctrl+C) to stop.',
  );
  // The browser closes with this process (its DevTools pipe is ours): stay until it exits.
  await opened.exited;
  process.exit(0);
} else {
  console.log(`
The extension is built in:
  ${extensionDir}

${hasDisplay ? 'No Chromium or Chrome was found.' : 'There is no display here, so no browser was opened.'} To load it by hand:
  1. Open chrome://extensions in Chrome or Chromium.
  2. Turn on "Developer mode" (top right).
  3. Click "Load unpacked" and choose the folder above.
  4. Open a new tab.

Firefox: npm run build:firefox, then about:debugging > This Firefox > Load Temporary Add-on,
and pick .output/firefox-mv2/manifest.json.`);
}
