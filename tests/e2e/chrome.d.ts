// The few extension APIs the browser tests call inside Chromium (page.evaluate / worker.evaluate).
declare const chrome: {
  action: { getBadgeText(details: object): Promise<string> };
  runtime: {
    getManifest(): {
      permissions?: string[];
      host_permissions?: string[];
      chrome_url_overrides?: { newtab?: string };
      content_security_policy?: unknown;
    };
  };
};
