/**
 * The script that runs on every LinkedIn page. It stays small (no React, no
 * Dexie, no zod): it reads who the profile in view is and tells the background.
 * It follows in-page navigation (users land on /feed/ and click through), waits
 * for the profile's top card with a MutationObserver, and never polls.
 */
import type { PageIdentity } from '../model/types';
import { linkedInHandleFromUrl } from '../sites/identity';
import { isProfileTopCardFor, PROFILE_READY_SELECTORS, readLinkedInProfile } from '../sites/linkedin';
import { waitForElement } from '../sites/dom';

export interface WatchDeps {
  doc: Document;
  location: () => string;
  report: (identity: PageIdentity | null) => Promise<unknown>;
  /** Calls back with the new URL (the Navigation API fires before `location` changes). */
  onLocationChange: (cb: (url: string) => void) => void;
  isInvalid: () => boolean;
  /** How long to wait for the top card before reading what is there (URL identity at least). */
  readyTimeoutMs?: number;
}

export function watchLinkedIn(deps: WatchDeps): { stop: () => void; refresh: () => Promise<void> } {
  let controller: AbortController | undefined;
  let lastKey = '';
  let pending = Promise.resolve();

  let nextUrl: string | undefined;
  const check = async (): Promise<void> => {
    controller?.abort();
    const ac = new AbortController();
    controller = ac;
    const url = nextUrl ?? deps.location();
    nextUrl = undefined;
    const handle = linkedInHandleFromUrl(url);
    if (!handle) {
      if (lastKey !== '') {
        lastKey = '';
        await deps.report(null).catch(() => undefined);
      }
      return;
    }
    // First tell the background who it is from the URL alone (instant), then the
    // details once the top card has rendered.
    const fromUrl: PageIdentity = readLinkedInProfile(url, deps.doc) ?? { site: 'linkedin', handle, url };
    const key = JSON.stringify(fromUrl);
    if (key !== lastKey) {
      lastKey = key;
      await deps.report(fromUrl).catch(() => undefined);
    }
    if (fromUrl.name) return;
    // Wait for *this* profile's top card: after in-page navigation from profile A
    // to profile B, A's card is still on screen for a moment.
    await waitForElement(deps.doc, PROFILE_READY_SELECTORS, ac.signal, deps.readyTimeoutMs ?? 8000, () => isProfileTopCardFor(url, deps.doc));
    if (ac.signal.aborted || deps.isInvalid()) return;
    const full = readLinkedInProfile(url, deps.doc);
    if (!full || full.handle !== handle) return;
    const fullKey = JSON.stringify(full);
    if (fullKey !== lastKey) {
      lastKey = fullKey;
      await deps.report(full).catch(() => undefined);
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
    /** Report again even if nothing changed (the tab became visible again). */
    refresh: () => {
      lastKey = '\u0000';
      return run();
    },
  };
}
