/**
 * Where sync keeps its configuration on this device: a small IndexedDB database
 * of its own (`kith-sync`), never `storage.sync`, never a backup or export.
 *
 * - The keys are non-extractable `CryptoKey`s stored by structured clone: sync
 *   runs unattended after a restart, and neither the key bytes nor the
 *   passphrase (never stored at all) can be read back.
 * - The server password is here because an unattended run must authenticate;
 *   it is never logged, and `status()` never returns it.
 * - "Delete all my data" does not reach this database; "Turn off" deletes it.
 */
import Dexie, { type EntityTable } from 'dexie';
import type { SyncErrorCode } from './contract';
import type { SyncKeys } from './crypto';

export const SYNC_STORE_NAME = 'kith-sync';

export interface StoredSyncConfig {
  id: 'config';
  server: string;
  database: string;
  username: string;
  password: string;
  keys: SyncKeys;
  /** The local replica's name (one per server, database and user). */
  localName: string;
}

export interface StoredSyncStatus {
  id: 'status';
  lastSyncedAt?: number;
  error?: { code: SyncErrorCode; at: number };
  refused: number;
}

type Row = StoredSyncConfig | StoredSyncStatus;

export interface SyncStore {
  config(): Promise<StoredSyncConfig | undefined>;
  saveConfig(c: StoredSyncConfig): Promise<void>;
  status(): Promise<StoredSyncStatus>;
  saveStatus(s: StoredSyncStatus): Promise<void>;
  /** Forget everything (turn off). */
  clear(): Promise<void>;
}

export function createSyncStore(name = SYNC_STORE_NAME): SyncStore {
  const db = new Dexie(name) as Dexie & { state: EntityTable<Row, 'id'> };
  db.version(1).stores({ state: 'id' });
  return {
    config: async () => (await db.state.get('config')) as StoredSyncConfig | undefined,
    saveConfig: async (c) => void (await db.state.put(c)),
    status: async () => ((await db.state.get('status')) as StoredSyncStatus | undefined) ?? { id: 'status', refused: 0 },
    saveStatus: async (s) => void (await db.state.put(s)),
    clear: () => db.state.clear(),
  };
}
