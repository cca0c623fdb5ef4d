import { fileURLToPath } from 'node:url';
import { defineConfig } from 'wxt';
import { SYNC_OPTIONAL_HOSTS } from './lib/model/sync-address';
import { OPTIONAL_HOSTS, REQUIRED_HOSTS } from './lib/sites/table';

/** Escape every non-ASCII UTF-16 code unit as \uXXXX: valid in strings, regexps, templates, comments and identifiers alike. */
function asciiOnly() {
  return {
    name: 'kith-ascii-only',
    renderChunk(code: string) {
      const out = code.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
      return { code: out, map: null };
    },
  };
}

/**
 * The popup's stylesheet, written into popup.html as a <style> (the extension's CSP
 * forbids inline scripts, not inline styles). A <link> is fetched before anything is
 * painted, and on a busy machine that fetch alone cost the first rows about as much
 * as a blank page takes to paint. The file stays: the other pages link it, and the
 * app's chunk loads it again once the rows are painted (same rules, nothing moves).
 */
function inlinePopupCss() {
  return {
    name: 'kith-inline-popup-css',
    transformIndexHtml: {
      order: 'post' as const,
      handler(html: string, ctx: { path: string; bundle?: Record<string, { type: string; source?: string | Uint8Array }> }) {
        if (!/\/popup\/index\.html$/.test(ctx.path) || !ctx.bundle) return html;
        return html.replace(/<link rel="stylesheet"[^>]*? href="\/([^"]+\.css)"[^>]*>/g, (tag, file: string) => {
          const asset = ctx.bundle![file];
          if (asset?.type !== 'asset' || asset.source === undefined) return tag;
          const css = typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source);
          return `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`;
        });
      },
    },
  };
}

export default defineConfig({
  modules: ['@wxt-dev/module-react', '@wxt-dev/webextension-polyfill'],
  srcDir: '.',
  outDir: '.output',
  // Firefox too gets Manifest V3: `optional_host_permissions` and the
  // same permission model as Chrome. Firefox 142+ reads `data_collection_permissions`.
  manifestVersion: 3,
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    // `contextMenus`: "Kith: show notes for <name>" on profile links and pages.
    // `scripting`: the opt-in in-page card (and, later, other sites) is registered
    // only when the user turns it on.
    permissions: ['storage', 'alarms', 'notifications', 'unlimitedStorage', 'scripting', 'contextMenus', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    commands: {
      'toggle-notes': { suggested_key: { default: 'Alt+Shift+K' }, description: '__MSG_commandToggleNotes__' },
    },
    // Both from the site table: opt-in sites' host access is requested at run time
    // when the user turns them on, never granted at install. Sync's server is any
    // https host (or one on this machine): only the one origin the user types is
    // asked for, when they turn sync on.
    host_permissions: REQUIRED_HOSTS,
    optional_host_permissions: [...OPTIONAL_HOSTS, ...SYNC_OPTIONAL_HOSTS],
    action: { default_title: '__MSG_actionTitle__' },
    // The opt-in in-page card's own frame: loadable in LinkedIn's pages only, and in
    // Chrome under a URL that changes every session (so a page cannot probe for Kith
    // with a fixed one). Firefox's extension URLs already differ per install.
    web_accessible_resources: [
      { resources: ['card.html'], matches: ['https://www.linkedin.com/*'], ...(browser === 'firefox' ? {} : { use_dynamic_url: true }) },
    ],
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
  // Bundlers write non-ASCII characters raw (Dexie has '\uffff', importers match
  // 'sì'); Chrome then refuses a content script as "isn't UTF-8 encoded". esbuild's
  // and rolldown's `charset: 'ascii'` miss regular-expression literals, so a last
  // step escapes whatever is left. A test checks every built script is pure ASCII.
  //
  // WXT's entrypoint wrapper builds every content script's context from
  // `wxt/utils/content-script-context`; Kith's own (lib/content/context.ts) takes its
  // place, since WXT's announces the script to the page and can be stopped by it.
  vite: () =>
    ({
      resolve: {
        alias: [
          { find: /^wxt\/utils\/content-script-context$/, replacement: fileURLToPath(new URL('./lib/content/context.ts', import.meta.url)) },
          // pouchdb-browser (sync, in the background) imports Node's `events`; browsers have none.
          { find: /^events$/, replacement: fileURLToPath(new URL('./lib/platform/events.ts', import.meta.url)) },
        ],
      },
      esbuild: { charset: 'ascii' },
      // KITH_NO_MINIFY=1: readable names for a CPU profile (CONTRIBUTING.md, "Profiling a benchmark").
      build: { rolldownOptions: { output: { charset: 'ascii' } }, ...(process.env.KITH_NO_MINIFY === '1' ? { minify: false } : {}) },
      plugins: [asciiOnly(), inlinePopupCss()],
    }) as never,
});
