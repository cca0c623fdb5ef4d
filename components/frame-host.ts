/**
 * Places Kith's own frame (`card.html`, an extension page listed as web-accessible
 * for LinkedIn only, under a per-session URL) in LinkedIn's page, in its flow, as
 * tall as what it shows. The page sees an element and a cross-origin frame: it can
 * neither read the frame's text nor see the keys typed into it. The content script
 * and the frame talk over a MessageChannel handed to the frame's own origin; the
 * page does not see what goes over it. (No `window.postMessage` to the page.)
 */
import { browser } from 'wxt/browser';
import { PORT_HELLO, type FromFrame, type ToFrame } from './CardFrame.types';

export interface FrameHost {
  /** The element in LinkedIn's page holding the frame (`<kith-card>` or `<kith-nudge>`). */
  host: HTMLElement;
  post: (msg: ToFrame) => void;
  /** Shows `text` (nothing private: "refresh this page") in place of the frame. */
  replaceWithText: (text: string) => void;
  remove: () => void;
}

export interface FrameOptions {
  tag: 'kith-card' | 'kith-nudge';
  query: Record<string, string>;
  title: string;
  /** Where it goes: first inside `anchor`, or right after it. */
  anchor: Element;
  append: 'first' | 'after';
  onMessage?: (msg: FromFrame) => void;
  /** Where the focus goes when the frame is removed while it has it (the element that brought it up). */
  returnFocus?: () => HTMLElement | undefined;
}

/**
 * How long a removed frame stays in the page, hidden, before it leaves the DOM.
 * The click or key that dismissed it is still being delivered to the frame when
 * the answer arrives here; tearing the frame down at once can leave that input
 * event unacknowledged (Chromium then never completes it for automation), so a
 * frame that has the focus goes from view at once and from the DOM a moment later.
 */
const REMOVE_AFTER_MS = 500;

/**
 * The origin the frame's document has. Chrome loads a dynamic-URL resource
 * (chrome-extension://<per-session id>/card.html) as a document of the extension's
 * own origin; Firefox's URL is already the extension's origin.
 */
function frameOrigin(src: URL): string {
  return import.meta.env.BROWSER === 'firefox' ? src.origin : `chrome-extension://${browser.runtime.id}`;
}

export function mountFrame(opts: FrameOptions): FrameHost {
  const host = document.createElement(opts.tag);
  host.style.cssText = 'display:block;margin:0 0 12px;';
  const iframe = document.createElement('iframe');
  const src = new URL(browser.runtime.getURL('/card.html'));
  for (const [k, v] of Object.entries(opts.query)) src.searchParams.set(k, v);
  iframe.src = src.href;
  iframe.title = opts.title;
  // Sized by the frame itself (its height comes over the channel); no border, no scrollbar.
  iframe.style.cssText = 'display:block;width:100%;height:0;border:0;color-scheme:normal;background:transparent;';
  iframe.setAttribute('scrolling', 'no');
  host.appendChild(iframe);

  let port: MessagePort | undefined;
  const queue: ToFrame[] = [];
  iframe.addEventListener('load', () => {
    port?.close();
    const channel = new MessageChannel();
    port = channel.port1;
    port.onmessage = (e: MessageEvent) => {
      const msg = e.data as Partial<FromFrame> | null;
      if (msg?.type === 'height' && typeof msg.px === 'number' && Number.isFinite(msg.px)) iframe.style.height = `${Math.max(0, Math.min(msg.px, 4000))}px`;
      else if (msg?.type === 'answer') opts.onMessage?.(msg as FromFrame);
    };
    // Only a document of Kith's own origin receives the port: a page that navigated the frame elsewhere gets nothing.
    iframe.contentWindow?.postMessage({ type: PORT_HELLO }, frameOrigin(src), [channel.port2]);
    for (const m of queue.splice(0)) port.postMessage(m);
  });

  if (opts.append === 'after') opts.anchor.after(host);
  else opts.anchor.prepend(host);

  return {
    host,
    post: (msg) => {
      if (port) port.postMessage(msg);
      else queue.push(msg);
    },
    replaceWithText: (text) => {
      port?.close();
      host.replaceChildren(document.createTextNode(text));
      host.setAttribute('role', 'status');
    },
    remove: () => {
      port?.close();
      if (!host.contains(document.activeElement)) {
        host.remove();
        return;
      }
      host.style.display = 'none';
      // A keyboard user who dismissed it goes back where they were, not to the top of the page.
      opts.returnFocus?.()?.focus({ preventScroll: true });
      setTimeout(() => host.remove(), REMOVE_AFTER_MS);
    },
  };
}
