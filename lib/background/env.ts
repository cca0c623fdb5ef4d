/**
 * What every part of the background works with, passed to each concern's
 * `register(env)` by the entrypoint: the database, the clock, the browser APIs
 * WXT's types lack (`Platform`), the settings, and the little state that lives as
 * long as the service worker (`WorkerState`). Nothing here is module-level: a test
 * builds its own env.
 */
import { browser } from 'wxt/browser';
import { getDb, type KithDB } from '@/lib/db/db';
import type { WriteContext } from '@/lib/db/writes';
import { resolveLang, type Lang } from '@/lib/i18n';
import type { Settings } from '@/lib/model/settings';
import type { PeopleSearch } from '@/lib/search/people-search';
import { browserPlatform, type Platform } from '@/lib/platform/browser';
import { resolveTimeZone } from '@/lib/settings/normalize';
import { getSettings, updateSettings, watchSettings } from '@/lib/settings/store';
import type { SyncService } from '@/lib/sync/contract';

/** Runs tasks one after another, each after the previous one settled (fulfilled or not). */
export type Serial = <T>(task: () => Promise<T>) => Promise<T>;

export function serial(): Serial {
  let last: Promise<unknown> = Promise.resolve();
  return <T>(task: () => Promise<T>) => {
    const run = last.then(task, task);
    last = run;
    return run;
  };
}

/** What lives as long as the service worker; one object, created with the env. */
export interface WorkerState {
  /** The settings as last read: decisions inside a user's gesture (menus, the shortcut) cannot wait for storage. */
  settings: Settings | undefined;
  /** The badge and the popup's snapshot: many writes in a row must not race their texts. */
  badge: Serial;
  /** The registered site scripts: a settings change and a permission event together must not register one id twice. */
  siteScripts: Serial;
  /** The search index, once a page has searched (lib/background/search.ts). */
  search?: PeopleSearch;
  /** The sync service (lib/background/sync.ts), made on first use: one run at a time per worker. */
  sync?: SyncService;
}

export interface BackgroundEnv {
  db: KithDB;
  now: () => number;
  platform: Platform;
  settings: {
    get: () => Promise<Settings>;
    update: (fn: (s: Settings) => Settings) => Promise<Settings>;
    /** Calls back with every change (not with the current value). */
    watch: (cb: (s: Settings) => void) => void;
  };
  state: WorkerState;
}

export function createBackgroundEnv(): BackgroundEnv {
  return {
    db: getDb(),
    now: () => Date.now(),
    platform: browserPlatform(),
    settings: { get: getSettings, update: updateSettings, watch: (cb) => void watchSettings(cb) },
    state: { settings: undefined, badge: serial(), siteScripts: serial() },
  };
}

/** The clock, time zone and circles every write and every list needs. */
export async function writeContext(env: BackgroundEnv): Promise<WriteContext> {
  const s = await env.settings.get();
  return { now: env.now(), timeZone: resolveTimeZone(s), circles: s.circles };
}

/** The language of what the background writes (menus, notifications, the snapshot). */
export function uiLang(settings: Settings | undefined): Lang {
  return resolveLang(settings?.language, browser.i18n.getUILanguage());
}
