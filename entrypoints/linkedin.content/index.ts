import { browser } from 'wxt/browser';
import { watchLinkedIn } from '../../lib/content/linkedin-watch';
import { watchNudges } from '../../lib/content/nudges';

export default defineContentScript({
  // All of LinkedIn: users land on /feed/ and navigate in-page to a profile.
  matches: ['https://www.linkedin.com/*'],
  runAt: 'document_idle',
  main(ctx) {
    const watcher = watchLinkedIn({
      doc: document,
      location: () => location.href,
      report: (identity) => (ctx.isInvalid ? Promise.resolve() : browser.runtime.sendMessage({ type: 'view/set', identity })),
      onLocationChange: (cb) => ctx.addEventListener(window, 'wxt:locationchange', (e) => cb(e.newUrl.href)),
      isInvalid: () => ctx.isInvalid,
    });
    watchNudges({ doc: document, signal: ctx.signal, send: (msg) => (ctx.isInvalid ? Promise.resolve() : browser.runtime.sendMessage(msg)) });
    // Switching back to this tab makes it the window's profile in view again.
    ctx.addEventListener(document, 'visibilitychange', () => {
      if (document.visibilityState === 'visible') void watcher.refresh();
    });
  },
});
