// The few extension APIs the browser tests call inside Chromium (page.evaluate / worker.evaluate).
declare const chrome: {
  action: { getBadgeText(details: object): Promise<string>; getTitle(details: object): Promise<string> };
  runtime: {
    getManifest(): {
      version: string;
      permissions?: string[];
      host_permissions?: string[];
      chrome_url_overrides?: { newtab?: string };
      content_security_policy?: unknown;
    };
    sendMessage(message: unknown): Promise<unknown>;
    lastError?: { message: string };
  };
  storage: {
    local: { get(key: string): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
    sync: { get(keys: null): Promise<Record<string, unknown>>; set(items: object): Promise<void> };
  };
  developerPrivate: {
    updateProfileConfiguration(config: { inDeveloperMode: boolean }, done: () => void): void;
    reload(id: string, options: { failQuietly: boolean }, done: () => void): void;
  };
};

// Firefox's promise-based namespace, for the Firefox tests (the same calls as above).
declare const browser: Pick<typeof chrome, 'runtime' | 'storage'>;
