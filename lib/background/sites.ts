/**
 * The opt-in sites' content script: registered for a site while that site is on in
 * the settings AND its host permission is granted; unregistered when either goes.
 * The options page asks for the permission inside the user's click and turns the
 * setting on; this only follows both. Browser pieces come in as `SitesEnv` so
 * tests can drive it; `sitesEnvOf(platform)` is the real one.
 */
import { browser } from 'wxt/browser';
import type { Settings } from '@/lib/model/settings';
import type { SiteId } from '@/lib/model/types';
import type { Platform, RegisteredScript, Scripting } from '@/lib/platform/browser';
import { ADAPTERS } from '@/lib/sites/registry';
import type { BackgroundEnv, Serial } from './env';
import { warnFailed } from '@/lib/platform/warn';

export const SITE_SCRIPT_PREFIX = 'kith-site-';
/** The built script (entrypoints/sites.content). */
export const SITE_SCRIPT_FILE = 'content-scripts/sites.js';

export interface SitesEnv {
  scripting: Pick<Scripting, 'getRegisteredContentScripts' | 'registerContentScripts' | 'unregisterContentScripts'>;
  permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  /** To start the script in a site's tabs already open (absent where the browser has no such API). */
  tabs?: { query(q: { url: string[] }): Promise<{ id?: number; discarded?: boolean }[]> };
  inject?: (tabId: number, file: string) => Promise<unknown>;
}

/** The real browser's pieces; null where there is no scripting API (nothing to register with). */
export function sitesEnvOf(platform: Platform): SitesEnv | null {
  const { scripting, permissions } = platform;
  if (!scripting || !permissions) return null;
  return {
    scripting,
    permissions,
    tabs: browser.tabs,
    inject: (tabId: number, file: string) => scripting.executeScript({ target: { tabId }, files: [file] }),
  };
}

/**
 * Start the site script in the tabs of `sites` already open: a site just turned on
 * is read without a refresh, and after an update the open tabs are followed again
 * (the old script can no longer reach Kith; a newer one invalidates it). Discarded
 * tabs are left alone: they load the registered script when the user returns.
 */
export async function startInOpenTabs(sites: readonly SiteId[], env: SitesEnv | null): Promise<number> {
  if (!env?.tabs || !env.inject) return 0;
  let started = 0;
  for (const a of ADAPTERS) {
    if (a.site === 'linkedin' || !sites.includes(a.site)) continue;
    const tabs = await env.tabs.query({ url: a.matches }).catch(() => []);
    for (const tab of tabs) {
      if (tab.id === undefined || tab.discarded) continue;
      // A tab that navigated away meanwhile, or a page the browser protects: skipped.
      if (
        await env.inject(tab.id, SITE_SCRIPT_FILE).then(
          () => true,
          () => false,
        )
      )
        started++;
    }
  }
  return started;
}

/** The opt-in sites whose script is registered now. */
export async function registeredSites(env: SitesEnv | null): Promise<SiteId[]> {
  if (!env) return [];
  const ids = new Set((await env.scripting.getRegisteredContentScripts()).map((s) => s.id));
  return ADAPTERS.filter((a) => ids.has(`${SITE_SCRIPT_PREFIX}${a.site}`)).map((a) => a.site);
}

/**
 * Make the registered site scripts match `settings` and the granted permissions.
 * Serialised by `queue` (the worker's `state.siteScripts`): a settings change and a
 * permission event arriving together must not both register the same id (the
 * browser refuses a duplicate).
 */
export function syncSiteScripts(settings: Settings, env: SitesEnv | null, queue: Serial = (task) => task()): Promise<void> {
  if (!env) return Promise.resolve();
  const run = async () => {
    const registered = new Set((await env.scripting.getRegisteredContentScripts()).map((s) => s.id));
    const add: RegisteredScript[] = [];
    const added: SiteId[] = [];
    const remove: string[] = [];
    const granted = new Set(await sitesOnWithAccess(settings, env, true));
    for (const a of ADAPTERS) {
      if (a.site === 'linkedin') continue; // LinkedIn's script is in the manifest.
      const id = `${SITE_SCRIPT_PREFIX}${a.site}`;
      const want = granted.has(a.site);
      const have = registered.has(id);
      if (want && !have) {
        add.push({ id, matches: a.matches, js: [SITE_SCRIPT_FILE], runAt: 'document_idle', persistAcrossSessions: true });
        added.push(a.site);
      } else if (!want && have) remove.push(id);
    }
    if (remove.length > 0) await env.scripting.unregisterContentScripts({ ids: remove });
    if (add.length > 0) {
      await env.scripting.registerContentScripts(add);
      await startInOpenTabs(added, env);
    }
  };
  return queue(run);
}

/**
 * The sites that are on in the settings but whose host access is gone (removed in
 * the browser's own extension settings): the background turns them off, so the
 * options page never shows a site as on while Kith cannot read it.
 */
export async function sitesWithoutAccess(settings: Settings, env: SitesEnv | null): Promise<Exclude<SiteId, 'linkedin'>[]> {
  if (!env) return [];
  return sitesOnWithAccess(settings, env, false);
}

/** The opt-in sites that are on in the settings and whose host access is (`granted`) or is not (`!granted`) there. */
async function sitesOnWithAccess(settings: Settings, env: SitesEnv, granted: boolean): Promise<Exclude<SiteId, 'linkedin'>[]> {
  const out: Exclude<SiteId, 'linkedin'>[] = [];
  for (const a of ADAPTERS) {
    if (a.site === 'linkedin' || !settings.sites[a.site]) continue;
    if ((await env.permissions.contains({ origins: a.matches }).catch(() => false)) === granted) out.push(a.site);
  }
  return out;
}

/** Calls `onChange` when the user grants or removes a host permission (also from the browser's own UI). */
export function onSitePermissionsChanged(platform: Platform, onChange: () => void): void {
  platform.permissions?.onAdded?.addListener(onChange);
  platform.permissions?.onRemoved?.addListener(onChange);
}

export function register(env: BackgroundEnv): void {
  const sites = sitesEnvOf(env.platform);
  const sync = (s: Settings) => syncSiteScripts(s, sites, env.state.siteScripts);
  // A site whose access the user removed in the browser is turned off in the
  // settings too (at start as well: it may have happened while Kith was not running).
  // Turning a site off goes through the settings, whose watcher syncs the scripts.
  const turnOffSitesWithoutAccess = async (s: Settings): Promise<boolean> => {
    const off = await sitesWithoutAccess(s, sites);
    if (off.length > 0) await env.settings.update((x) => ({ ...x, sites: { ...x.sites, ...Object.fromEntries(off.map((site) => [site, false])) } }));
    return off.length > 0;
  };
  onSitePermissionsChanged(
    env.platform,
    () =>
      void env.settings
        .get()
        .then(async (s) => {
          if (!(await turnOffSitesWithoutAccess(s))) await sync(s);
        })
        .catch(warnFailed('following a change of site permissions')),
  );
  env.settings.watch((s) => void sync(s).catch(warnFailed("registering the sites' content scripts")));
  void env.settings
    .get()
    .then((s) => {
      void sync(s).catch(warnFailed("registering the sites' content scripts"));
      return turnOffSitesWithoutAccess(s);
    })
    .catch(warnFailed("checking the sites' permissions"));
  // After an update the sites' tabs already open keep a script that can no longer
  // reach Kith: start the current one there (as `install.ts` does for LinkedIn).
  browser.runtime.onInstalled.addListener((details) => {
    if (details.reason !== 'update') return;
    void registeredSites(sites)
      .then((on) => startInOpenTabs(on, sites))
      .catch(warnFailed("starting the sites' scripts in open tabs"));
  });
}
