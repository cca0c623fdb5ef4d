import { browser } from 'wxt/browser';
import { watchProfile, watchXLikes } from '../../lib/content/site-watch';
import { adapterForUrl } from '../../lib/sites/registry';

/**
 * The opt-in sites (X, GitHub, Facebook, Instagram; issue 8). Not in the manifest,
 * and no `matches` here (WXT would turn them into required host permissions): the
 * background registers this script for one site at a time, only while that site
 * is on and its host permission granted (lib/background/sites.ts).
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    const adapter = adapterForUrl(location.href);
    if (!adapter || adapter.site === 'linkedin') return;
    const send = (msg: unknown) => (ctx.isInvalid ? Promise.resolve() : browser.runtime.sendMessage(msg));
    const watcher = watchProfile(adapter, {
      doc: document,
      location: () => location.href,
      report: (identity) => send({ type: 'view/set', identity }),
      onLocationChange: (cb) => ctx.addEventListener(window, 'wxt:locationchange', (e) => cb(e.newUrl.href)),
      isInvalid: () => ctx.isInvalid,
    });
    if (adapter.site === 'x') watchXLikes({ doc: document, signal: ctx.signal, send });
    // Switching back to this tab makes it the window's profile in view again.
    ctx.addEventListener(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') void watcher.refresh();
    });
  },
});
