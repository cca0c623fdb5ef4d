// Code passed to page.evaluate / worker.evaluate runs in Kith's own pages and
// service worker, where `chrome` is the extension API.
import type { browser } from 'wxt/browser';

declare global {
  const chrome: typeof browser;
}
