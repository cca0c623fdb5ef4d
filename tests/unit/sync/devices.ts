/**
 * Two (or more) Kith devices for sync tests: each its own Dexie database (fake
 * IndexedDB), its own sync store and in-memory replica, and the settings that
 * belong to the person, all talking to one server through `createSyncService`.
 */
import { createDb, type KithDB } from '@/lib/db/db';
import type { WriteContext } from '@/lib/db/writes';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import type { SyncConfigInput } from '@/lib/sync/contract';
import type { PersonSettings } from '@/lib/sync/rows';
import { createSyncService } from '@/lib/sync/service';
import { createSyncStore } from '@/lib/sync/store';
import type { Pouch } from '@/lib/sync/engine';
import { memoryPouch, remotePouch } from '../../sync/pouch';

let n = 0;

export interface Device {
  name: string;
  db: KithDB;
  service: ReturnType<typeof createSyncService>;
  settings: PersonSettings;
  ctx(): WriteContext;
  input(server: { origin: string; username: string; password: string }, database: string, passphrase: string, mode: 'first' | 'join'): SyncConfigInput;
}

export function makeDevice(name: string, opts: { remotePouch?: typeof remotePouch } = {}): Device {
  const id = `${name}-${Date.now()}-${n++}`;
  const db = createDb(`kith-${id}`);
  const device: Device = {
    name,
    db,
    settings: { circles: DEFAULT_CIRCLES, language: 'auto' },
    ctx: () => ({ now: Date.now(), timeZone: 'UTC', circles: device.settings.circles }),
    service: undefined as unknown as Device['service'],
    input: (server, database, passphrase, mode) => ({
      server: server.origin,
      database,
      username: server.username,
      password: server.password,
      passphrase,
      mode,
    }),
  };
  device.service = createSyncService({
    db,
    store: createSyncStore(`kith-sync-${id}`),
    localPouch: (local) => memoryPouch(`${local}-${id}`),
    remotePouch: opts.remotePouch ?? remotePouch,
    hasPermission: async () => true,
    context: async () => device.ctx(),
    settings: {
      get: async () => device.settings,
      set: async (s) => {
        device.settings = s;
      },
    },
  });
  return device;
}

/** The user's data as the device holds it, without derived fields: what two synced devices must agree on. */
export async function userData(db: KithDB) {
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : 1));
  const people = byId(await db.people.toArray()).map(({ summary: _s, ...p }) => p);
  return {
    people,
    profiles: byId(await db.profiles.toArray()),
    touches: byId(await db.touches.toArray()),
    notes: byId(await db.notes.toArray()),
    mutes: ((await db.meta.get('nudge:mutes'))?.value as { people?: string[] } | undefined)?.people?.slice().sort() ?? [],
  };
}

/** How many documents `pouch`'s changes feed has handed out with their bodies. */
export function countDocsRead(pouch: Pouch): { docs: number } {
  const seen = { docs: 0 };
  const changes = pouch.changes.bind(pouch);
  // The feed object itself goes back (replication listens to its events); the count follows its result.
  pouch.changes = (opts: object) => {
    const feed = changes(opts);
    void Promise.resolve(feed).then((res) => {
      seen.docs += res.results.filter((r) => r.doc && !r.id.startsWith('_')).length;
    });
    return feed;
  };
  return seen;
}
