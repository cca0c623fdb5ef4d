/**
 * `wxt/browser` in unit tests: WXT's fake browser. WXT's own mock imports the
 * whole `wxt/testing` entry, which loads esbuild, and esbuild refuses to load
 * under jsdom (its TextEncoder check fails across realms).
 */
import { fakeBrowser } from 'wxt/testing/fake-browser';

export const browser = fakeBrowser;
export default fakeBrowser;
