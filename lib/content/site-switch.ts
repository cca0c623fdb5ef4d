/**
 * A site turned off in the settings is not read at all: the content script of a
 * site runs its watchers only while that site is on, stops them the moment it is
 * turned off (in any Kith page), and starts them again when it is turned back on.
 * LinkedIn's script is in the manifest and runs on every LinkedIn page whatever the
 * settings say, so this switch is what "LinkedIn off" means on the page; the
 * background refuses what an off site's script still sends (`handlers.ts`).
 *
 * Small on purpose (content scripts): it reads the raw settings object from
 * `storage.local` instead of importing the settings store.
 */
import { browser } from 'wxt/browser';
import { DEFAULT_SETTINGS } from '@/lib/model/settings';
import { SETTINGS_KEY } from '@/lib/model/storage-keys';
import type { SiteId } from '@/lib/model/types';

/** The key WXT's `local:settings` item uses in `storage.local`. */
export const SETTINGS_STORAGE_KEY = SETTINGS_KEY;

/** Is `site` on in the stored settings value (possibly absent or partial)? */
export function siteOnIn(raw: unknown, site: SiteId): boolean {
  const sites = raw && typeof raw === 'object' && 'sites' in raw ? (raw as { sites?: unknown }).sites : undefined;
  const v = sites && typeof sites === 'object' ? (sites as Record<string, unknown>)[site] : undefined;
  return typeof v === 'boolean' ? v : DEFAULT_SETTINGS.sites[site];
}

export interface SwitchDeps {
  /** The stored settings value (`storage.local`'s `settings`). */
  read: () => Promise<unknown>;
  /** Calls back with the new stored value whenever it changes. */
  onChange: (cb: (raw: unknown) => void) => void;
}

/**
 * Runs `start` while `site` is on (a settings read that fails counts as never
 * saved: the defaults). `start` gets a signal that aborts when the site is turned
 * off (or `outer` aborts: the script was replaced); it is called again, with a new
 * signal, when the site comes back on.
 */
export function whileSiteOn(site: SiteId, deps: SwitchDeps, outer: AbortSignal, start: (signal: AbortSignal) => void): void {
  whileOn((raw) => siteOnIn(raw, site), deps, outer, start);
}

/** As `whileSiteOn`, for any condition on the stored settings (the in-page card: LinkedIn on and "inside the page" chosen). */
export function whileOn(isOn: (raw: unknown) => boolean, deps: SwitchDeps, outer: AbortSignal, start: (signal: AbortSignal) => void): void {
  let current: AbortController | undefined;
  const apply = (on: boolean) => {
    if (on && !current && !outer.aborted) {
      current = new AbortController();
      start(current.signal);
    } else if (!on && current) {
      current.abort();
      current = undefined;
    }
  };
  outer.addEventListener('abort', () => apply(false), { once: true });
  // Changes that arrive before the first read are newer than it: they win.
  let changed = false;
  deps.onChange((raw) => {
    changed = true;
    apply(isOn(raw));
  });
  void deps
    .read()
    .then((raw) => {
      if (!changed) apply(isOn(raw));
    })
    .catch(() => {
      if (!changed) apply(isOn(undefined));
    });
}

/** The stored settings, read and watched straight from `storage.local`. */
export function storedSettings(): SwitchDeps {
  return {
    read: async () => (await browser.storage.local.get(SETTINGS_STORAGE_KEY))[SETTINGS_STORAGE_KEY],
    onChange: (cb) =>
      browser.storage.onChanged.addListener((changes, area) => {
        if (area === 'local' && SETTINGS_STORAGE_KEY in changes) cb(changes[SETTINGS_STORAGE_KEY]?.newValue);
      }),
  };
}
