/**
 * The opt-in sites: a site's content script is registered exactly while the site is on AND
 * its host permission is granted, and unregistered when either goes.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { browserPlatform } from '@/lib/platform/browser';
import { serial } from '@/lib/background/env';
import { onSitePermissionsChanged, registeredSites, sitesWithoutAccess, startInOpenTabs, syncSiteScripts, type SitesEnv } from '@/lib/background/sites';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/model/settings';
import type { SiteId } from '@/lib/model/types';

/** A browser with `granted` host patterns and a set of registered scripts. */
function env(granted: string[], registeredIds: string[] = []) {
  const scripts = new Map<string, { id: string; matches?: string[]; js?: string[] }>(registeredIds.map((id) => [id, { id }]));
  const e = {
    scripting: {
      getRegisteredContentScripts: vi.fn(async () => [...scripts.values()]),
      registerContentScripts: vi.fn(async (list: { id: string }[]) => {
        for (const s of list) {
          if (scripts.has(s.id)) throw new Error(`Duplicate script ID '${s.id}'`);
          scripts.set(s.id, s);
        }
      }),
      unregisterContentScripts: vi.fn(async (f?: { ids?: string[] }) => {
        for (const id of f?.ids ?? []) scripts.delete(id);
      }),
    },
    permissions: { contains: vi.fn(async (p: { origins: string[] }) => p.origins.every((o) => granted.includes(o))) },
  } satisfies SitesEnv;
  return { env: e, scripts, granted };
}

function withSites(on: Partial<Record<SiteId, boolean>>): Settings {
  return { ...DEFAULT_SETTINGS, sites: { ...DEFAULT_SETTINGS.sites, ...on } };
}

const X = ['https://x.com/*', 'https://twitter.com/*'];

describe('sitesWithoutAccess', () => {
  it.each([
    { name: 'nothing on', on: {}, granted: [], want: [] },
    { name: 'X on and granted', on: { x: true }, granted: X, want: [] },
    { name: 'X on, access removed in the browser', on: { x: true }, granted: [], want: ['x'] },
    { name: 'X on, one of its two hosts removed', on: { x: true }, granted: ['https://twitter.com/*'], want: ['x'] },
    { name: 'GitHub and Instagram on, only GitHub granted', on: { github: true, instagram: true }, granted: ['https://github.com/*'], want: ['instagram'] },
    { name: 'LinkedIn (a required host, never turned off here)', on: { linkedin: true }, granted: [], want: [] },
  ])('$name -> $want', async ({ on, granted, want }) => {
    expect(await sitesWithoutAccess(withSites(on), env(granted).env)).toEqual(want);
  });
});

describe('syncSiteScripts', () => {
  it.each([
    { name: 'off and not granted', on: {}, granted: [], want: [] },
    { name: 'on but not granted (the user refused, or removed it in the browser)', on: { x: true }, granted: [], want: [] },
    { name: 'granted but off', on: {}, granted: X, want: [] },
    { name: 'on and granted', on: { x: true }, granted: X, want: ['kith-site-x'] },
    { name: 'on with only part of its hosts granted', on: { x: true }, granted: ['https://x.com/*'], want: [] },
    {
      name: 'two sites on and granted',
      on: { x: true, github: true, instagram: true },
      granted: [...X, 'https://github.com/*'],
      want: ['kith-site-github', 'kith-site-x'],
    },
    { name: 'LinkedIn (its script is in the manifest)', on: { linkedin: true }, granted: ['https://www.linkedin.com/*'], want: [] },
  ])('$name -> $want', async ({ on, granted, want }) => {
    const b = env(granted);
    await syncSiteScripts(withSites(on), b.env);
    expect([...b.scripts.keys()].sort()).toEqual(want);
  });

  it("registers the built sites script on the adapter's match patterns", async () => {
    const b = env(X);
    await syncSiteScripts(withSites({ x: true }), b.env);
    expect(b.env.scripting.registerContentScripts).toHaveBeenCalledWith([
      { id: 'kith-site-x', matches: X, js: ['content-scripts/sites.js'], runAt: 'document_idle', persistAcrossSessions: true },
    ]);
  });

  it('unregisters when the site is turned off or its permission removed, and leaves other scripts alone', async () => {
    const b = env([...X, 'https://github.com/*'], ['kith-site-x', 'kith-site-github', 'kith-linkedin-card']);
    await syncSiteScripts(withSites({ x: false, github: true }), b.env);
    expect([...b.scripts.keys()].sort()).toEqual(['kith-linkedin-card', 'kith-site-github']);
    b.granted.splice(0, b.granted.length);
    await syncSiteScripts(withSites({ x: false, github: true }), b.env);
    expect([...b.scripts.keys()]).toEqual(['kith-linkedin-card']);
  });

  it('does nothing when already in the wanted state, and never registers twice when calls overlap', async () => {
    const b = env(X);
    const queue = serial();
    await Promise.all([
      syncSiteScripts(withSites({ x: true }), b.env, queue),
      syncSiteScripts(withSites({ x: true }), b.env, queue),
      syncSiteScripts(withSites({ x: true }), b.env, queue),
    ]);
    expect(b.env.scripting.registerContentScripts).toHaveBeenCalledTimes(1);
    await syncSiteScripts(withSites({ x: true }), b.env, queue);
    expect(b.env.scripting.registerContentScripts).toHaveBeenCalledTimes(1);
    expect(b.env.scripting.unregisterContentScripts).not.toHaveBeenCalled();
  });

  it('a failed call does not stop the next one', async () => {
    const b = env(X);
    const queue = serial();
    b.env.scripting.getRegisteredContentScripts.mockRejectedValueOnce(new Error('boom'));
    await expect(syncSiteScripts(withSites({ x: true }), b.env, queue)).rejects.toThrow('boom');
    await syncSiteScripts(withSites({ x: true }), b.env, queue);
    expect([...b.scripts.keys()]).toEqual(['kith-site-x']);
  });

  it('without a scripting API (an old browser) does nothing', async () => {
    await expect(syncSiteScripts(withSites({ x: true }), null)).resolves.toBeUndefined();
  });
});

describe('onSitePermissionsChanged', () => {
  beforeEach(() => {
    fakeBrowser.reset();
    vi.restoreAllMocks();
  });

  it('calls back when a host permission is granted or removed, also from the browser UI', async () => {
    // The fake browser has no permission events: record the listeners.
    const listeners: Array<() => void> = [];
    vi.spyOn(fakeBrowser.permissions.onAdded, 'addListener').mockImplementation((l) => void listeners.push(l as () => void));
    vi.spyOn(fakeBrowser.permissions.onRemoved, 'addListener').mockImplementation((l) => void listeners.push(l as () => void));
    const cb = vi.fn();
    onSitePermissionsChanged(browserPlatform(), cb);
    for (const l of listeners) l();
    expect(listeners).toHaveLength(2);
    expect(cb).toHaveBeenCalledTimes(2);
  });
});

describe('the sites already open in tabs', () => {
  /** Open tabs by URL; `inject` records where the script was started. */
  function withTabs(granted: string[], tabs: { id?: number; url: string; discarded?: boolean }[], registeredIds: string[] = []) {
    const b = env(granted, registeredIds);
    const started: number[] = [];
    const full = {
      ...b.env,
      tabs: {
        query: vi.fn(async (q: { url: string[] }) =>
          tabs.filter((t) => q.url.some((pattern) => new RegExp(`^${pattern.replace(/[.]/g, '\\.').replace(/\*/g, '.*')}$`).test(t.url))),
        ),
      },
      inject: vi.fn(async (tabId: number, file: string) => {
        if (tabId === 13) throw new Error('Cannot access contents of the page');
        expect(file).toBe('content-scripts/sites.js');
        started.push(tabId);
      }),
    } satisfies SitesEnv;
    return { ...b, env: full, started };
  }

  const TABS = [
    { id: 1, url: 'https://x.com/ada_example' },
    { id: 2, url: 'https://twitter.com/bruno' },
    { id: 3, url: 'https://github.com/ada' },
    { id: 4, url: 'https://www.linkedin.com/in/ada/' },
    { id: 5, url: 'https://x.com/home', discarded: true },
  ];

  it('a site turned on starts reading its tabs already open, without a refresh (discarded tabs load it when the user returns)', async () => {
    const b = withTabs(X, TABS);
    await syncSiteScripts(withSites({ x: true }), b.env);
    expect(b.started).toEqual([1, 2]);
  });

  it('nothing is started where nothing was turned on, or where the permission is missing', async () => {
    const b = withTabs(X, TABS, ['kith-site-x']);
    await syncSiteScripts(withSites({ x: true, github: true }), b.env);
    expect(b.started).toEqual([]);
  });

  it('after an update, the registered sites are started again in their open tabs; a tab that refuses is skipped', async () => {
    const b = withTabs(
      [...X, 'https://github.com/*'],
      [...TABS, { id: 13, url: 'https://github.com/settings' }],
      ['kith-site-x', 'kith-site-github', 'kith-linkedin-card'],
    );
    const sites = await registeredSites(b.env);
    expect(sites.sort()).toEqual(['github', 'x']);
    expect(await startInOpenTabs(sites, b.env)).toBe(3);
    expect(b.started.sort()).toEqual([1, 2, 3]);
  });

  it('without tabs or injection (an old browser) starts nothing', async () => {
    const b = env(X);
    expect(await startInOpenTabs(['x'], b.env)).toBe(0);
    expect(await startInOpenTabs(['x'], null)).toBe(0);
  });
});
