import { defineConfig, type Plugin } from 'vitest/config';
import { fileURLToPath } from 'node:url';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

const browserShim = fileURLToPath(new URL('./tests/shims/browser.ts', import.meta.url));

/**
 * `wxt/browser` is aliased (by WXT and by the polyfill module) to modules that
 * import all of `wxt/testing`, which loads esbuild, which refuses to load under
 * jsdom. Whatever it was aliased to, resolve it to the fake browser alone.
 */
const fakeBrowserOnly: Plugin = {
  name: 'kith-fake-browser-only',
  enforce: 'pre',
  resolveId(id) {
    if (id === 'wxt/browser' || id.startsWith('@wxt-dev/webextension-polyfill/browser') || /wxt[\\/]dist[\\/]virtual[\\/]mock-browser/.test(id))
      return browserShim;
    return null;
  },
};

export default defineConfig({
  plugins: [fakeBrowserOnly, WxtVitest()],
  test: {
    globals: true,
    environment: 'jsdom',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    setupFiles: ['tests/setup.ts'],
    // The machines are 2 cores and shared; keep the pool small and timeouts generous.
    maxWorkers: 2,
    testTimeout: 20000,
  },
});
