/**
 * The opt-in sites' content script (issue 8): registered for a site while that
 * site is on in the settings AND its host permission is granted; unregistered when
 * either goes. The options page asks for the permission inside the user's click and
 * turns the setting on; this only follows both. Browser pieces come in as `SitesEnv`
 * so tests can drive it; `defaultSitesEnv()` is the real one.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '../model/settings';
import type { SiteId } from '../model/types';
import { ADAPTERS } from '../sites/registry';

export const SITE_SCRIPT_PREFIX = 'kith-site-';
/** The built script (entrypoints/sites.content). */
export const SITE_SCRIPT_FILE = 'content-scripts/sites.js';

interface RegisteredScript {
  id: string;
  matches?: string[];
  js?: string[];
  runAt?: 'document_start' | 'document_end' | 'document_idle';
  persistAcrossSessions?: boolean;
}

export interface SitesEnv {
  scripting: {
    getRegisteredContentScripts(filter?: { ids?: string[] }): Promise<{ id: string }[]>;
    registerContentScripts(scripts: RegisteredScript[]): Promise<unknown>;
    unregisterContentScripts(filter?: { ids?: string[] }): Promise<unknown>;
  };
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
}

/** The real browser's pieces; null where there is no scripting API (nothing to register with). */
export function defaultSitesEnv(): SitesEnv | null {
  const b = browser as unknown as Partial<SitesEnv>;
  return b.scripting && b.permissions ? { scripting: b.scripting, permissions: b.permissions } : null;
}

let queue: Promise<void> = Promise.resolve();

/**
 * Make the registered site scripts match `settings` and the granted permissions.
 * Serialised: a settings change and a permission event arriving together must not
 * both register the same id (the browser refuses a duplicate).
 */
export function syncSiteScripts(settings: Settings, env: SitesEnv | null = defaultSitesEnv()): Promise<void> {
  if (!env) return Promise.resolve();
  const run = async () => {
    const registered = new Set((await env.scripting.getRegisteredContentScripts()).map((s) => s.id));
    const add: RegisteredScript[] = [];
    const remove: string[] = [];
    for (const a of ADAPTERS) {
      if (a.site === 'linkedin') continue; // LinkedIn's script is in the manifest.
      const id = `${SITE_SCRIPT_PREFIX}${a.site}`;
      const want = settings.sites[a.site] && (await env.permissions.contains({ origins: a.matches }).catch(() => false));
      const have = registered.has(id);
      if (want && !have) add.push({ id, matches: a.matches, js: [SITE_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true });
      else if (!want && have) remove.push(id);
    }
    if (remove.length > 0) await env.scripting.unregisterContentScripts({ ids: remove });
    if (add.length > 0) await env.scripting.registerContentScripts(add);
  };
  queue = queue.then(run, run);
  return queue;
}

/**
 * The sites that are on in the settings but whose host access is gone (removed in
 * the browser's own extension settings): the background turns them off, so the
 * options page never shows a site as on while Kith cannot read it.
 */
export async function sitesWithoutAccess(settings: Settings, env: SitesEnv | null = defaultSitesEnv()): Promise<Exclude<SiteId, 'linkedin'>[]> {
  if (!env) return [];
  const out: Exclude<SiteId, 'linkedin'>[] = [];
  for (const a of ADAPTERS) {
    if (a.site === 'linkedin' || !settings.sites[a.site]) continue;
    if (!(await env.permissions.contains({ origins: a.matches }).catch(() => false))) out.push(a.site);
  }
  return out;
}

/** Calls `onChange` when the user grants or removes a host permission (also from the browser's own UI). */
export function onSitePermissionsChanged(onChange: () => void): void {
  const p = (browser as unknown as { permissions?: { onAdded?: { addListener(cb: () => void): void }; onRemoved?: { addListener(cb: () => void): void } } }).permissions;
  p?.onAdded?.addListener(onChange);
  p?.onRemoved?.addListener(onChange);
}
