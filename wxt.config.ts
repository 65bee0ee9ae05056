import preact from '@preact/preset-vite';
import { defineConfig } from 'wxt';
import { bankIndexPlugin, bankPublicFiles } from './build/bank-plugin';
import { deferAppScript } from './build/defer-app';
import { prepaintScript } from './build/prepaint-script';
import { studyChunkPlugin } from './build/study-chunk';

export default defineConfig({
  // Explicit imports everywhere: easier to read and to type-check than auto-imports.
  imports: false,
  manifest: {
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // storage: settings; alarms: the badge refresh. Nothing else, no host permissions.
    permissions: ['storage', 'alarms'],
    action: { default_title: '__MSG_extName__' },
    browser_specific_settings: {
      gecko: {
        // The project's own id: a UUID, so it claims no domain the project does not own.
        // Firefox keys the add-on's storage and IndexedDB to it: never change it once published.
        id: '{0f9dead7-a03a-4a72-8f91-70975c245779}',
        strict_min_version: '142.0',
        data_collection_permissions: { required: ['none'] },
      },
    },
  },
  vite: () => ({
    plugins: [preact(), bankIndexPlugin(), deferAppScript(['newtab', 'popup']), studyChunkPlugin()],
    // Extension pages run in browsers with native modulepreload: no polyfill needed.
    build: {
      target: 'es2022',
      modulePreload: { polyfill: false },
      sourcemap: process.env.SOURCEMAP === '1',
    },
  }),
  // `npm run bench` builds with WXT_BENCH=1 into .output/bench: the same pages; the service
  // worker also installs bench/hooks.ts to seed a large history.
  outDir: process.env.WXT_BENCH === '1' ? '.output/bench' : '.output',
  hooks: {
    'build:publicAssets': async (_wxt, files) => {
      files.push(...bankPublicFiles(), { relativeDest: 'prepaint.js', contents: await prepaintScript() });
    },
  },
});
