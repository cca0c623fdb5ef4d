/**
 * The body every site's content script shares: watch the profile in view (and
 * whatever else the site watches, such as reactions) while the site is on in the
 * settings; stop the moment it is turned off; start again when it comes back on.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import type { ContentMessage, ReplyTo } from '@/lib/messages/types';
import { storedSettings, whileSiteOn } from './site-switch';
import { watchProfile, type WatchAdapter, type Watcher } from './site-watch';

/** Sends the background a message a content script may send; resolves with its reply (nothing once the script is stopped). */
export type Send = <M extends ContentMessage>(msg: M) => Promise<ReplyTo<M['type']> | undefined>;

export function runSiteScript(ctx: ContentScriptContext, adapter: WatchAdapter, more?: (signal: AbortSignal, send: Send) => void): void {
  // One page listener each, for the life of the script; they reach the watcher of
  // the moment (none while the site is off).
  let watcher: Watcher | undefined;
  let onLocation: ((url: string) => void) | undefined;
  ctx.addEventListener(window, 'wxt:locationchange', (e) => onLocation?.(e.newUrl.href));
  // Switching back to this tab makes it the window's profile in view again.
  ctx.addEventListener(document, 'visibilitychange', () => {
    if (document.visibilityState === 'visible') void watcher?.refresh();
  });
  whileSiteOn(adapter.site, storedSettings(), ctx.signal, (signal) => {
    const send: Send = async <M extends ContentMessage>(msg: M) =>
      ctx.isInvalid || signal.aborted ? undefined : ((await browser.runtime.sendMessage(msg)) as ReplyTo<M['type']>);
    const w = watchProfile(adapter, {
      doc: document,
      location: () => location.href,
      report: (identity) => send({ type: 'view/set', identity }),
      onLocationChange: (cb) => {
        onLocation = cb;
      },
      isInvalid: () => ctx.isInvalid || signal.aborted,
    });
    watcher = w;
    more?.(signal, send);
    signal.addEventListener('abort', () => {
      w.stop();
      if (watcher === w) watcher = undefined;
      onLocation = undefined;
    });
  });
}
