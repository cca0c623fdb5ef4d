import { runSiteScript } from '@/lib/content/run-site';
import { watchXLikes } from '@/lib/content/site-watch';
import { adapterForUrl } from '@/lib/sites/registry';

/**
 * The opt-in sites (X, GitHub, Facebook, Instagram). Not in the manifest,
 * and no `matches` here (WXT would turn them into required host permissions): the
 * background registers this script for one site at a time, only while that site
 * is on and its host permission granted (lib/background/sites.ts), and starts it in
 * that site's tabs already open. Turned off, a script already running stops reading.
 */
export default defineContentScript({
  registration: 'runtime',
  runAt: 'document_idle',
  main(ctx) {
    const adapter = adapterForUrl(location.href);
    if (!adapter || adapter.site === 'linkedin') return;
    runSiteScript(ctx, adapter, adapter.site === 'x' ? (signal, send) => watchXLikes({ doc: document, signal, send }) : undefined);
  },
});
