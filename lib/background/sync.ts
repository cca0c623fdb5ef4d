/**
 * Sync in the background: the one `SyncService` of the worker (`syncServiceOf`,
 * which the message handlers call), and when it runs. No live replication
 * (a service worker may be stopped at any moment): one-shot runs that resume from
 * their checkpoints,
 * - at the worker's start;
 * - on a periodic alarm (every 5 minutes; alarms survive the worker);
 * - a few seconds after a local change, from any context: the outbox's count is
 *   a live query, and Dexie tells every context of the origin about changes;
 * - whenever a page opens: the popup, side panel and options page each ask once
 *   (`useSyncWhileOpen` in components/SyncAlert.tsx sends `sync/now`, every 30 s while open).
 * A run needs the browser's access to the server's origin; without it the status
 * says 'no-permission' and nothing is sent.
 */
import { liveQuery } from 'dexie';
import { browser } from 'wxt/browser';
import { outboxCount } from '@/lib/db/writes';
import { hostPattern } from '@/lib/model/sync-address';
import type { SyncService } from '@/lib/sync/contract';
import { browserLocalPouch, browserRemotePouch } from '@/lib/sync/pouch-browser';
import { createSyncService } from '@/lib/sync/service';
import { createSyncStore } from '@/lib/sync/store';
import { warnFailed } from '@/lib/platform/warn';
import { writeContext, type BackgroundEnv } from './env';

export const SYNC_ALARM = 'kith-sync';
const PERIOD_MINUTES = 5;
/** A burst of edits becomes one run. */
const AFTER_CHANGE_MS = 3000;

/** The worker's sync service, made on first use. */
export function syncServiceOf(env: BackgroundEnv): SyncService {
  env.state.sync ??= createSyncService({
    db: env.db,
    store: createSyncStore(),
    localPouch: browserLocalPouch,
    remotePouch: browserRemotePouch,
    hasPermission: hasAccessWith(env.platform.permissions),
    context: () => writeContext(env),
    settings: {
      get: async () => {
        const s = await env.settings.get();
        return { circles: s.circles, language: s.language };
      },
      set: async (p) => {
        await env.settings.update((s) => ({ ...s, circles: p.circles, language: p.language as typeof s.language }));
      },
    },
    now: env.now,
  });
  return env.state.sync;
}

/** Whether the browser lets Kith reach a server's origin: checked with the same port-less pattern the options page asked for. */
export function hasAccessWith(permissions: BackgroundEnv['platform']['permissions']): (origin: string) => Promise<boolean> {
  return async (origin) => (await permissions?.contains({ origins: [hostPattern(origin)] })) ?? false;
}

async function runIfOn(env: BackgroundEnv): Promise<void> {
  const service = syncServiceOf(env);
  if ((await service.status()).state === 'off') return;
  await service.syncNow();
}

export function register(env: BackgroundEnv): void {
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name !== SYNC_ALARM) return;
    void runIfOn(env).catch(warnFailed('sync on the alarm'));
  });
  void browser.alarms
    .get(SYNC_ALARM)
    .then(async (a) => {
      // Kept across starts: creating it again would push the next run back by a period each time.
      if (!a) await browser.alarms.create(SYNC_ALARM, { periodInMinutes: PERIOD_MINUTES });
    })
    .catch(warnFailed('setting the sync alarm'));

  let timer: ReturnType<typeof setTimeout> | undefined;
  liveQuery(() => outboxCount(env.db)).subscribe({
    next: (pending) => {
      if (pending === 0) return;
      if (timer !== undefined) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        void runIfOn(env).catch(warnFailed('sync after a change'));
      }, AFTER_CHANGE_MS);
    },
    // A failed count (database closing) waits for the alarm.
    error: () => undefined,
  });

  void runIfOn(env).catch(warnFailed('sync at start'));
}
