/**
 * The sync service the background exposes to Kith's pages (`SyncService` in
 * `./contract.ts`): turn on (check the server, the credentials and the
 * passphrase, keep the derived key), preview a join, run a sync, report status,
 * turn off. One run at a time: a call while a run is going waits for it, and one
 * more run follows if asked for meanwhile.
 *
 * Construct it with `createSyncService(deps)`; `lib/background/sync.ts` does so
 * with pouchdb-browser, the browser's permissions and the settings store, and
 * docs/sync.md says how. No PouchDB import here: the databases come from `deps`.
 *
 * `preview` and `turnOn` reject with a `SyncError` (its `code` is a
 * `SyncErrorCode`); `syncNow` never rejects for a sync failure: the failure is in
 * the status it returns.
 */
import type { KithDB } from '@/lib/db/db';
import { isSyncDoc, outboxCount, setSyncRecording, type WriteContext } from '@/lib/db/writes';
import type { JoinPreview, SyncConfigInput, SyncService, SyncStatus } from './contract';
import { checkKeys, decryptBody, deriveSyncKeys, inChunks, isSyncMeta, makeMeta, META_DOC_ID, randomSalt, SYNC_KDF_ITERATIONS, type SyncKeys } from './crypto';
import { createEngine, type Pouch, type RunReport, type SyncEngine } from './engine';
import { SyncError, syncErrorCode } from './errors';
import type { Clocks } from './merge';
import { settingsToSyncRow, type PersonSettings } from './rows';
import type { StoredSyncConfig, SyncStore } from './store';

export interface SyncServiceDeps {
  db: KithDB;
  store: SyncStore;
  /** This device's replica, by name (pouchdb-browser's IndexedDB adapter in the extension). */
  localPouch: (name: string) => Pouch;
  /** The server's database, with basic auth (PouchDB's HTTP adapter). */
  remotePouch: (url: string, auth: { username: string; password: string }) => Pouch;
  /** Whether the browser grants Kith access to that origin (`permissions.contains`). */
  hasPermission: (origin: string) => Promise<boolean>;
  context: () => Promise<WriteContext>;
  /** The settings that belong to the person (circles, language). */
  settings?: { get(): Promise<PersonSettings>; set(s: PersonSettings): Promise<void> };
  fetch?: typeof fetch;
  now?: () => number;
  /** PBKDF2 iterations for a new server (never fewer than 600,000 are accepted from a server). */
  iterations?: number;
}

/** The origin and the database's URL; throws 'not-couchdb' for an address that is not https (or http on this machine). */
export function serverUrls(server: string, database: string): { origin: string; dbUrl: string } {
  let url: URL;
  try {
    url = new URL(server.trim());
  } catch {
    throw new SyncError('not-couchdb', 'not a URL');
  }
  const local = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && local)) throw new SyncError('not-couchdb', 'https only');
  if (!database.trim()) throw new SyncError('not-couchdb', 'no database');
  const base = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  return { origin: url.origin, dbUrl: `${base}/${encodeURIComponent(database.trim())}` };
}

function basic(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return `Basic ${btoa(s)}`;
}

async function localNameOf(server: string, database: string, username: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`${server}\n${database}\n${username}`)));
  return `kith-sync-${[...digest.subarray(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

export function createSyncService(deps: SyncServiceDeps): SyncService & { lastReport(): RunReport | undefined } {
  const { db, store } = deps;
  const now = deps.now ?? (() => Date.now());
  const doFetch = deps.fetch ?? ((...a: Parameters<typeof fetch>) => fetch(...a));
  let engine: { name: string; engine: SyncEngine; local: Pouch } | undefined;
  let running: Promise<SyncStatus> | undefined;
  let again = false;
  let last: RunReport | undefined;
  let syncingNow = false;

  /** The server answers as CouchDB and accepts the credentials. */
  async function checkServer(input: Pick<SyncConfigInput, 'server' | 'database' | 'username' | 'password'>): Promise<{ origin: string; dbUrl: string }> {
    const urls = serverUrls(input.server, input.database);
    if (!(await deps.hasPermission(urls.origin))) throw new SyncError('no-permission');
    const headers = { Authorization: basic(input.username, input.password), Accept: 'application/json' };
    let res: Response;
    try {
      res = await doFetch(`${urls.dbUrl.slice(0, urls.dbUrl.lastIndexOf('/'))}/`, { headers, credentials: 'omit' });
    } catch (err) {
      throw new SyncError(syncErrorCode(err) === 'unknown' ? 'unreachable' : syncErrorCode(err));
    }
    if (res.status === 401 || res.status === 403) throw new SyncError('unauthorized');
    const body: unknown = await res.json().catch(() => undefined);
    const welcome = body && typeof body === 'object' && ('couchdb' in body || 'express-pouchdb' in body);
    if (!welcome) throw new SyncError('not-couchdb');
    return urls;
  }

  function remoteOf(dbUrl: string, input: { username: string; password: string }): Pouch {
    return deps.remotePouch(dbUrl, { username: input.username, password: input.password });
  }

  /** The server's meta document, or undefined when the database is new or missing. */
  async function readMeta(remote: Pouch): Promise<{ meta: unknown; exists: boolean }> {
    try {
      return { meta: await remote.get(META_DOC_ID), exists: true };
    } catch (err) {
      const status = (err as { status?: number }).status;
      if (status === 404) return { meta: undefined, exists: !/no_db_file|database does not exist|not_found: missing/i.test(String((err as Error).message)) };
      throw new SyncError(syncErrorCode(err));
    }
  }

  async function keysFor(meta: unknown, passphrase: string): Promise<SyncKeys> {
    if (!isSyncMeta(meta)) throw new SyncError('not-couchdb', 'meta document is not Kith’s');
    const keys = await deriveSyncKeys(passphrase, meta.kdf.salt, meta.kdf.iterations);
    if (!(await checkKeys(keys, meta))) throw new SyncError('wrong-passphrase');
    return keys;
  }

  async function engineFor(config: StoredSyncConfig): Promise<SyncEngine> {
    if (engine?.name === config.localName) return engine.engine;
    const local = deps.localPouch(config.localName);
    const { dbUrl } = serverUrls(config.server, config.database);
    const e = createEngine({
      db,
      local,
      remote: remoteOf(dbUrl, config),
      keys: config.keys,
      context: deps.context,
      ...(deps.settings ? { settings: deps.settings } : {}),
      now,
    });
    engine = { name: config.localName, engine: e, local };
    return e;
  }

  async function status(): Promise<SyncStatus> {
    const config = await store.config();
    if (!config) return { state: 'off', pending: 0, refused: 0 };
    const s = await store.status();
    const { origin } = serverUrls(config.server, config.database);
    return {
      state: syncingNow ? 'syncing' : s.error ? 'error' : 'idle',
      server: origin,
      database: config.database,
      username: config.username,
      ...(s.lastSyncedAt !== undefined ? { lastSyncedAt: s.lastSyncedAt } : {}),
      pending: await outboxCount(db),
      ...(s.error ? { error: s.error } : {}),
      refused: s.refused,
    };
  }

  async function runOnce(): Promise<void> {
    const config = await store.config();
    if (!config) return;
    const previous = await store.status();
    try {
      const { origin } = serverUrls(config.server, config.database);
      if (!(await deps.hasPermission(origin))) throw new SyncError('no-permission');
      const report = await (await engineFor(config)).run();
      last = report;
      const at = now();
      await store.saveStatus({
        id: 'status',
        lastSyncedAt: at,
        refused: report.refused,
        ...(report.refused > 0 ? { error: { code: 'invalid-data' as const, at } } : {}),
      });
    } catch (err) {
      await store.saveStatus({ ...previous, error: { code: syncErrorCode(err), at: now() } });
    }
  }

  function syncNow(): Promise<SyncStatus> {
    if (running) {
      again = true;
      return running;
    }
    syncingNow = true;
    running = (async () => {
      try {
        do {
          again = false;
          await runOnce();
        } while (again);
      } finally {
        syncingNow = false;
        running = undefined;
      }
      return status();
    })();
    return running;
  }

  return {
    status,
    syncNow,
    lastReport: () => last,

    async preview(input) {
      const urls = await checkServer(input);
      const remote = remoteOf(urls.dbUrl, input);
      const { meta } = await readMeta(remote);
      const counts: JoinPreview = { people: 0, touches: 0, notes: 0 };
      if (!meta) return counts;
      const keys = await keysFor(meta, input.passphrase);
      let startkey: string | undefined;
      for (;;) {
        let page;
        try {
          page = await remote.allDocs({ include_docs: true, limit: 1000, ...(startkey !== undefined ? { startkey, skip: 1 } : {}) });
        } catch (err) {
          throw new SyncError(syncErrorCode(err));
        }
        if (page.rows.length === 0) break;
        await inChunks(page.rows, 250, async (row) => {
          if (!row.doc || row.id === META_DOC_ID || row.id.startsWith('_')) return;
          const text = await decryptBody(keys, row.id, row.doc);
          if (text === undefined) return;
          let doc: unknown;
          try {
            doc = JSON.parse(text);
          } catch {
            // not a document Kith wrote: not counted
            return;
          }
          if (!isSyncDoc(doc) || doc.r['deletedAt'] !== undefined) return;
          if (doc.t === 'people' && doc.r['mergedInto'] === undefined) counts.people++;
          else if (doc.t === 'touches') counts.touches++;
          else if (doc.t === 'notes') counts.notes++;
        });
        startkey = page.rows.at(-1)!.id;
        if (page.rows.length < 1000) break;
      }
      return counts;
    },

    async turnOn(input) {
      const urls = await checkServer(input);
      const remote = remoteOf(urls.dbUrl, input);
      const found = await readMeta(remote);
      let meta = found.meta;
      const exists = found.exists;
      if (!exists) {
        const res = await doFetch(urls.dbUrl, { method: 'PUT', headers: { Authorization: basic(input.username, input.password) }, credentials: 'omit' }).catch(
          (err: unknown) => {
            throw new SyncError(syncErrorCode(err));
          },
        );
        if (res.status === 401 || res.status === 403) throw new SyncError('unauthorized');
        if (!res.ok && res.status !== 412)
          throw new SyncError(res.status === 413 || res.status === 507 ? 'server-full' : 'unknown', `create database ${res.status}`);
      }
      let keys: SyncKeys;
      if (meta) {
        keys = await keysFor(meta, input.passphrase);
      } else {
        const salt = randomSalt();
        const iterations = deps.iterations ?? SYNC_KDF_ITERATIONS;
        keys = await deriveSyncKeys(input.passphrase, salt, iterations);
        try {
          await remote.put({ _id: META_DOC_ID, ...(await makeMeta(keys, salt, iterations)) });
        } catch (err) {
          // Another device wrote the meta document first: its salt is the one.
          if ((err as { status?: number }).status !== 409) throw new SyncError(syncErrorCode(err));
          ({ meta } = await readMeta(remote));
          keys = await keysFor(meta, input.passphrase);
        }
      }
      const { origin } = urls;
      const config: StoredSyncConfig = {
        id: 'config',
        server: origin + new URL(input.server.trim()).pathname.replace(/\/+$/, ''),
        database: input.database.trim(),
        username: input.username,
        password: input.password,
        keys,
        localName: await localNameOf(origin, input.database.trim(), input.username),
      };
      await store.saveConfig(config);
      await store.saveStatus({ id: 'status', refused: 0 });
      await setSyncRecording(db, true);
      // A joining device's circles and language yield to the server's where both have them (clock 1); a first device's lead.
      let settingsPending: Clocks | undefined;
      if (deps.settings) {
        const at = input.mode === 'join' ? 1 : now();
        settingsPending = {};
        for (const k of Object.keys(settingsToSyncRow(await deps.settings.get()))) if (k !== 'id') settingsPending[k] = at;
      }
      await (await engineFor(config)).startFullPush(settingsPending);
      return syncNow();
    },

    async turnOff({ forgetServerCopy }) {
      const config = await store.config();
      await running?.catch(() => undefined);
      if (config && forgetServerCopy) {
        const { dbUrl } = serverUrls(config.server, config.database);
        const remote = remoteOf(dbUrl, config);
        try {
          await remote.destroy();
        } catch (err) {
          if (syncErrorCode(err) !== 'unauthorized') throw new SyncError(syncErrorCode(err));
          // A member of the database (the usual set-up), not the server's admin, may not delete it: delete every document in it instead.
          try {
            const rows = (await remote.allDocs({})).rows.filter((r) => r.value && !r.value.deleted);
            for (let i = 0; i < rows.length; i += 500) {
              await remote.bulkDocs(rows.slice(i, i + 500).map((r) => ({ _id: r.id, _rev: r.value!.rev, _deleted: true })));
            }
          } catch (again) {
            throw new SyncError(syncErrorCode(again));
          }
        }
      }
      if (config) {
        const local = engine?.name === config.localName ? engine.local : deps.localPouch(config.localName);
        engine = undefined;
        await local.destroy();
      }
      await setSyncRecording(db, false);
      await store.clear();
    },
  };
}
