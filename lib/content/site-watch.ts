/**
 * The page side of every site Kith reads: which profile is in view, and
 * on X, likes on a known person's post. Site-agnostic: everything a site knows
 * comes in through its adapter (`lib/sites/<site>.ts`). LinkedIn's script uses the
 * same watcher (`linkedin-watch.ts`), so "the profile in view" means one thing on
 * every site. Small on purpose: no React, no Dexie, no zod. It only reads: no
 * element is added to the page, no event is altered.
 */
import type { NudgeContentMessage } from '@/lib/messages/types';
import type { PageIdentity } from '@/lib/model/types';
import type { SiteAdapter } from '@/lib/sites/types';
import { closestOf, waitForElement } from '@/lib/sites/dom';
import { findXLikeContext, X_SELECTORS, xLikeState } from '@/lib/sites/x';
import { touchIdOf } from './nudges';
import { orphaned } from './orphaned';

/** What the watcher needs of an adapter (LinkedIn's script passes its own, without the registry). */
export type WatchAdapter = Pick<SiteAdapter, 'site' | 'handleFromUrl' | 'readProfile' | 'readySelectors'> & {
  /**
   * Does the page show *this* URL's profile yet (not the previous one's, after in-page
   * navigation)? By default: the adapter reads a name for this handle, which adapters
   * only do from markup that names the handle.
   */
  readyFor?: (url: string, doc: Document) => boolean;
};

export interface WatchDeps {
  doc: Document;
  location: () => string;
  report: (identity: PageIdentity | null) => Promise<unknown>;
  /** Calls back with the new URL (the Navigation API fires before `location` changes). */
  onLocationChange: (cb: (url: string) => void) => void;
  isInvalid: () => boolean;
  /** How long to wait for the profile's header before reading what is there (URL identity at least). */
  readyTimeoutMs?: number;
}

export interface Watcher {
  stop: () => void;
  /** Report again even if nothing changed (the tab became visible again). */
  refresh: () => Promise<void>;
}

/**
 * Follows in-page navigation (`onLocationChange`) and reports the profile in view:
 * first from the URL alone (instant), then with the details once the header has
 * rendered (one MutationObserver, never polling); `null` when the page leaves a profile.
 */
export function watchProfile(adapter: WatchAdapter, deps: WatchDeps): Watcher {
  let controller: AbortController | undefined;
  let lastKey = '';
  let pending = Promise.resolve();
  const readyFor = adapter.readyFor ?? ((url: string, doc: Document) => Boolean(adapter.readProfile(url, doc)?.name));

  let nextUrl: string | undefined;
  const check = async (): Promise<void> => {
    controller?.abort();
    const ac = new AbortController();
    controller = ac;
    const url = nextUrl ?? deps.location();
    nextUrl = undefined;
    const handle = adapter.handleFromUrl(url);
    if (!handle) {
      if (lastKey !== '') {
        lastKey = '';
        await deps.report(null).catch(orphaned);
      }
      return;
    }
    const fromUrl: PageIdentity = adapter.readProfile(url, deps.doc) ?? { site: adapter.site, handle, url };
    const key = JSON.stringify(fromUrl);
    if (key !== lastKey) {
      lastKey = key;
      await deps.report(fromUrl).catch(orphaned);
    }
    if (fromUrl.name) return;
    // Wait for *this* profile's header: after in-page navigation from profile A to
    // profile B, A's header is still on screen for a moment.
    await waitForElement(deps.doc, adapter.readySelectors, ac.signal, deps.readyTimeoutMs ?? 8000, () => readyFor(url, deps.doc));
    if (ac.signal.aborted || deps.isInvalid()) return;
    const full = adapter.readProfile(url, deps.doc);
    if (!full || full.handle !== handle) return;
    const fullKey = JSON.stringify(full);
    if (fullKey !== lastKey) {
      lastKey = fullKey;
      await deps.report(full).catch(orphaned);
    }
  };

  const run = () => {
    pending = pending.then(check, check);
    return pending;
  };
  deps.onLocationChange((url) => {
    nextUrl = url;
    void run();
  });
  void run();
  return {
    stop: () => controller?.abort(),
    refresh: () => {
      lastKey = '\u0000';
      return run();
    },
  };
}

export interface LikeWatchDeps {
  doc: Document;
  /** To the background; resolves with its reply ({ ok, data }) or anything on failure. */
  send: (msg: NudgeContentMessage) => Promise<unknown>;
  /** Aborted when the content script is invalidated: the listener goes with it. */
  signal: AbortSignal;
  /** See `NudgeWatchDeps.acceptSyntheticEvents` (jsdom tests only). */
  acceptSyntheticEvents?: boolean;
}

/**
 * Likes on X: the heart on a post is a passive touch for the post's author, told
 * to the background with the same `nudge/like` message as LinkedIn's reactions
 * (the background decides whether the author is known and whether to nudge).
 * Un-liking in the same page life takes the touch back. Read in a passive
 * capture-phase listener: X's own handler gets the click unchanged.
 */
export function watchXLikes(deps: LikeWatchDeps): void {
  const { signal } = deps;
  const likes = new Map<string, { handle: string; touchId: Promise<string | undefined> }>();
  const send = (msg: NudgeContentMessage): Promise<unknown> => (signal.aborted ? Promise.resolve(undefined) : deps.send(msg).catch(orphaned));

  const onClick = (e: Event): void => {
    if (!e.isTrusted && deps.acceptSyntheticEvents !== true) return;
    const target = e.target && (e.target as Node).nodeType === 1 ? (e.target as Element) : null;
    if (!target) return;
    try {
      const button = closestOf(target, X_SELECTORS.likeButton);
      if (!button) return;
      const context = findXLikeContext(button);
      if (!context) return;
      // Capture phase: the button still shows the state before this click.
      if (xLikeState(button) === 'none') {
        const handle = context.authorHandle;
        const touchId = send({ type: 'nudge/like', site: 'x', handle, postKey: context.postKey, state: 'added' }).then(touchIdOf);
        likes.set(context.postKey, { handle, touchId });
      } else {
        const added = likes.get(context.postKey);
        likes.delete(context.postKey);
        if (added) {
          void added.touchId.then((touchId) => {
            if (touchId) void send({ type: 'nudge/like', site: 'x', handle: added.handle, postKey: context.postKey, state: 'removed', touchId });
          });
        }
      }
    } catch {
      // Reading the page must never break it: a markup Kith does not know is ignored.
    }
  };
  deps.doc.addEventListener('click', onClick, { capture: true, passive: true, signal });
}
