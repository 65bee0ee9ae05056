// How `npm start` opens Chromium with the extension, in a module of its own so a test can
// drive exactly what `npm start` does.
import { spawn, type ChildProcess } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

export interface OpenBrowserOptions {
  /** The Chromium or Chrome executable. */
  browser: string;
  /** The unpacked extension (`.output/chrome-mv3`). */
  extensionDir: string;
  /** A fresh profile directory. */
  profile: string;
  /** A command to run the browser under, e.g. `['xvfb-run', '-a']` (tests without a display). */
  wrapper?: string[];
}

export interface OpenedBrowser {
  child: ChildProcess;
  /** The DevTools protocol over the browser's pipe (only this process holds it). */
  cdp: Cdp;
  /** Settles once the first window shows the welcome page alone (or the wait gave up). */
  firstWindow: Promise<FirstWindow>;
  /** Resolves when the browser has exited. */
  exited: Promise<void>;
}

export interface FirstWindow {
  /** Whether the extension's welcome page opened. */
  welcome: boolean;
  /** The start-up tabs closed once it had. */
  closed: string[];
}

/**
 * The browser's command line. The start-up tab is `about:blank`, not chrome://newtab/: on a
 * fresh profile that first tab loads before the extension's new tab page is registered, so
 * it would show Chromium's own. The extension opens its welcome page on install instead.
 * `--remote-debugging-pipe` lets this process (and no other) close the blank tab once the
 * welcome page is there; the browser closes when the pipe does.
 */
export function browserArgs({ extensionDir, profile }: Pick<OpenBrowserOptions, 'extensionDir' | 'profile'>) {
  return [
    `--user-data-dir=${profile}`,
    `--disable-extensions-except=${extensionDir}`,
    `--load-extension=${extensionDir}`,
    '--no-first-run',
    '--no-default-browser-check',
    '--remote-debugging-pipe',
    // Chromium refuses to start as root without this (containers, CI machines).
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    'about:blank',
  ];
}

/**
 * Starts the browser with the extension on `profile`, then closes the start-up tab once the
 * extension's welcome page has opened, so the person sees the product and nothing else.
 */
export function openBrowser(options: OpenBrowserOptions): OpenedBrowser {
  const [command, ...prefix] = [...(options.wrapper ?? []), options.browser];
  const child = spawn(command!, [...prefix, ...browserArgs(options)], {
    // fd 3: commands to the browser; fd 4: its replies and events.
    stdio: ['ignore', 'ignore', 'ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cdp = connectPipe(child.stdio[3] as Writable, child.stdio[4] as Readable);
  return { child, cdp, firstWindow: showWelcomeAlone(cdp), exited };
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

const WELCOME = /^chrome-extension:\/\/[a-p]{32}\/welcome\.html$/;

/**
 * Waits (up to `timeoutMs`) for the welcome page, shows it, and closes the start-up tab: on
 * a fresh profile every page that is not the extension's is one (blank, or still loading).
 * Looks once more a moment later, in case the start-up tab came after the welcome page.
 */
export async function showWelcomeAlone(cdp: Cdp, timeoutMs = 20_000): Promise<FirstWindow> {
  const deadline = Date.now() + timeoutMs;
  const closed: string[] = [];
  const closeStartUpTabs = async () => {
    const stray = (await pageTargets(cdp)).filter((t) => !t.url.startsWith('chrome-extension://'));
    for (const t of stray) await cdp.send('Target.closeTarget', { targetId: t.targetId });
    closed.push(...stray.map((t) => t.url));
  };
  while (Date.now() < deadline) {
    const welcome = ((await pageTargets(cdp).catch(() => null)) ?? []).find((t) => WELCOME.test(t.url));
    if (welcome) {
      await cdp.send('Target.activateTarget', { targetId: welcome.targetId });
      await closeStartUpTabs();
      await pause(1000);
      await closeStartUpTabs();
      return { welcome: true, closed };
    }
    await pause(100);
  }
  return { welcome: false, closed };
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function pageTargets(cdp: Cdp): Promise<TargetInfo[]> {
  const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: TargetInfo[] };
  return targetInfos.filter((t) => t.type === 'page');
}

export interface Cdp {
  send: (method: string, params?: object, sessionId?: string) => Promise<Record<string, unknown>>;
  /** Calls `listener` with every event; returns how to stop. */
  onEvent: (listener: (event: { method: string; params: Record<string, unknown> }) => void) => () => void;
  close: () => void;
}

/** The DevTools protocol over `--remote-debugging-pipe`: JSON messages, each ended by a NUL byte. */
export function connectPipe(input: Writable, output: Readable): Cdp {
  let nextId = 1;
  const pending = new Map<
    number,
    { resolve: (r: Record<string, unknown>) => void; reject: (e: Error) => void }
  >();
  const listeners = new Set<(event: { method: string; params: Record<string, unknown> }) => void>();
  let buffered = Buffer.alloc(0);
  output.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (let end = buffered.indexOf(0); end >= 0; end = buffered.indexOf(0)) {
      const message = JSON.parse(buffered.subarray(0, end).toString('utf8'));
      buffered = buffered.subarray(end + 1);
      const waiting = pending.get(message.id);
      if (waiting) {
        pending.delete(message.id);
        if (message.error) waiting.reject(new Error(message.error.message));
        else waiting.resolve(message.result);
      } else if (message.method) for (const l of listeners) l(message);
    }
  });
  const fail = () => {
    for (const w of pending.values()) w.reject(new Error('The browser closed.'));
    pending.clear();
  };
  output.on('close', fail);
  output.on('error', fail);
  input.on('error', fail);
  return {
    send: (method, params = {}, sessionId) =>
      new Promise((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        input.write(`${JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) })}\0`);
      }),
    onEvent: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => {
      input.destroy();
      output.destroy();
    },
  };
}
