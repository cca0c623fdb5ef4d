/**
 * The context every Kith content script runs with, in place of WXT's own
 * `ContentScriptContext` (wxt.config.ts aliases `wxt/utils/content-script-context`
 * to this module, so WXT's entrypoint wrapper builds this one).
 *
 * WXT's context announces each script to the page (`window.postMessage` of
 * "<extension id>:<script>:wxt:content-script-started") and stops when the page
 * dispatches that event, and it passes URL changes around as DOM events named
 * after the extension's id. A page can see all of these, so it could tell Kith is
 * installed, learn its id, and switch its scripts off. This context puts nothing on
 * the page and listens to no page event of its own: it learns that Kith was
 * reloaded or removed from the browser itself (`browser.runtime.id` goes away in a
 * script whose extension is gone), checked on every use and once a second, and it
 * hands URL changes (the Navigation API's trusted `navigate` events) straight to
 * its listeners. A newer copy of a script started in the same tab after a reload
 * runs beside the old one, which has by then stopped on its own.
 */
import { browser } from 'wxt/browser';

/** What a `wxt:locationchange` listener receives (the same fields as WXT's event). */
export interface LocationChange {
  newUrl: URL;
  oldUrl: URL;
}

type LocationListener = (e: LocationChange) => void;

/** How often the context asks whether Kith is still there. */
const ALIVE_CHECK_MS = 1000;

export class ContentScriptContext {
  readonly id = Math.random().toString(36).slice(2);
  private readonly abortController = new AbortController();
  private readonly locationListeners = new Set<LocationListener>();
  private watchingLocation = false;

  constructor(
    readonly contentScriptName: string,
    readonly options?: unknown,
  ) {
    const timer = setInterval(() => void this.isInvalid, ALIVE_CHECK_MS);
    this.onInvalidated(() => clearInterval(timer));
  }

  get signal(): AbortSignal {
    return this.abortController.signal;
  }

  abort(reason?: unknown): void {
    this.abortController.abort(reason);
  }

  /** Kith reloaded, updated or removed: this copy of the script can no longer reach it. */
  get isInvalid(): boolean {
    if (!this.signal.aborted && !alive()) this.notifyInvalidated();
    return this.signal.aborted;
  }

  get isValid(): boolean {
    return !this.isInvalid;
  }

  onInvalidated(cb: () => void): () => void {
    this.signal.addEventListener('abort', cb);
    return () => this.signal.removeEventListener('abort', cb);
  }

  block<T>(): Promise<T> {
    return new Promise(() => undefined);
  }

  setInterval(handler: () => void, timeout?: number): number {
    const id = setInterval(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearInterval(id));
    return id;
  }

  setTimeout(handler: () => void, timeout?: number): number {
    const id = setTimeout(() => {
      if (this.isValid) handler();
    }, timeout) as unknown as number;
    this.onInvalidated(() => clearTimeout(id));
    return id;
  }

  requestAnimationFrame(callback: FrameRequestCallback): number {
    const id = requestAnimationFrame((t) => {
      if (this.isValid) callback(t);
    });
    this.onInvalidated(() => cancelAnimationFrame(id));
    return id;
  }

  requestIdleCallback(callback: IdleRequestCallback, options?: IdleRequestOptions): number {
    const id = requestIdleCallback((d) => {
      if (!this.signal.aborted) callback(d);
    }, options);
    this.onInvalidated(() => cancelIdleCallback(id));
    return id;
  }

  /**
   * `target.addEventListener`, removed when the context is invalidated. The type
   * "wxt:locationchange" is no DOM event here: the listener is called directly.
   */
  addEventListener(target: EventTarget, type: string, handler: (event: never) => void, options?: AddEventListenerOptions): void {
    if (type === 'wxt:locationchange') {
      const listener = handler as unknown as LocationListener;
      this.locationListeners.add(listener);
      this.onInvalidated(() => this.locationListeners.delete(listener));
      if (this.isValid) this.watchLocation();
      return;
    }
    target.addEventListener(type, handler as unknown as EventListener, { ...options, signal: this.signal });
  }

  notifyInvalidated(): void {
    this.abort('Content script context invalidated');
  }

  private watchLocation(): void {
    if (this.watchingLocation) return;
    this.watchingLocation = true;
    let last = new URL(location.href);
    const changed = (next: URL) => {
      if (next.href === last.href) return;
      const e = { newUrl: next, oldUrl: last };
      last = next;
      for (const listener of [...this.locationListeners]) listener(e);
    };
    const nav = (globalThis as { navigation?: EventTarget }).navigation;
    if (nav && typeof nav.addEventListener === 'function') {
      nav.addEventListener(
        'navigate',
        (event) => {
          // Only the browser's own: a page can dispatch a plain `navigate` event too.
          if (!event.isTrusted) return;
          const url = (event as Event & { destination?: { url?: string } }).destination?.url;
          if (url) changed(new URL(url));
        },
        { signal: this.signal },
      );
    } else {
      this.setInterval(() => changed(new URL(location.href)), 1000);
    }
  }
}

function alive(): boolean {
  try {
    return browser.runtime?.id != null;
  } catch {
    return false;
  }
}
