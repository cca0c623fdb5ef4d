import { defineConfig } from 'wxt';

// Sites other than LinkedIn are opt-in: their host access is requested at runtime
// when the user turns them on (issue 8), never granted at install.
export const OPTIONAL_HOSTS = [
  'https://x.com/*',
  'https://twitter.com/*',
  'https://github.com/*',
  'https://www.facebook.com/*',
  'https://www.instagram.com/*',
];

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  outDir: '.output',
  // Firefox too gets Manifest V3: `optional_host_permissions` (issue 8) and the
  // same permission model as Chrome. Firefox 142+ reads `data_collection_permissions`.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'notifications', 'unlimitedStorage', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    host_permissions: ['https://www.linkedin.com/*'],
    optional_host_permissions: OPTIONAL_HOSTS,
    action: { default_title: '__MSG_actionTitle__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'kith@kith.invalid',
              strict_min_version: '142.0',
              // Firefox's built-in data-collection consent: Kith collects nothing.
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
  // Bundlers write non-ASCII characters raw (Dexie has '\uffff'); Chrome then
  // refuses a content script as "isn't UTF-8 encoded". Force ASCII output both for
  // the Vite 7 (esbuild) that WXT 0.21.0 builds with and for Vite 8 (rolldown).
  // A test checks every built script is pure ASCII.
  vite: () =>
    ({
      esbuild: { charset: 'ascii' },
      build: { rolldownOptions: { output: { charset: 'ascii' } } },
    }) as never,
});
