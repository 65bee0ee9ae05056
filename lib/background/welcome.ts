/** The page a new user sees once, when the extension is installed. */
export const WELCOME_PATH = '/welcome.html';

/** `storage.local` key: when the welcome page was opened (epoch ms). */
export const WELCOMED_KEY = 'welcome-opened';

export interface WelcomeDeps {
  /** When the welcome page was opened, if ever (`storage.local[WELCOMED_KEY]`). */
  openedAt: () => Promise<number | undefined>;
  markOpened: () => Promise<void>;
  openTab: () => Promise<void>;
}

/**
 * On `runtime.onInstalled`: opens the welcome page on a fresh install, once. Never on an
 * update or a browser update. Chromium reports an extension loaded with `--load-extension`
 * (`npm start`, the browser tests) as installed again on every start of the browser, so
 * the page is marked as opened and a profile that has seen it does not see it again.
 * Uninstalling clears the mark with the rest of the extension's storage.
 */
export async function openWelcomeOnce(reason: string, deps: WelcomeDeps): Promise<boolean> {
  if (reason !== 'install' || (await deps.openedAt()) !== undefined) return false;
  await deps.markOpened();
  await deps.openTab();
  return true;
}
