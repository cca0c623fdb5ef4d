/**
 * What the sync engine (lib/sync) offers the rest of Kith: the background's
 * message handlers call a `SyncService`, the options page, popup and side panel
 * show a `SyncStatus`. Pure types: no PouchDB, no Dexie here, so any page may
 * import them.
 */

/** What the user types in "Sync between your devices". */
export interface SyncConfigInput {
  /** The server's address, e.g. `https://couch.example.org` (https, or http on 127.0.0.1 / localhost). */
  server: string;
  database: string;
  username: string;
  password: string;
  /** Never leaves the device: the key is derived from it here. */
  passphrase: string;
  /** `first`: this device's data seeds the server. `join`: pull everything and merge it with what is here. */
  mode: 'first' | 'join';
}

/** Why the last sync failed, each with its own words and remedy in the UI. */
export type SyncErrorCode =
  | 'unreachable' // network error, DNS, TLS, server down
  | 'unauthorized' // wrong user name or password (401/403)
  | 'wrong-passphrase' // the server's key check does not open with this passphrase
  | 'not-couchdb' // the address answers, but not as CouchDB
  | 'server-full' // 413 / quota / disk full
  | 'no-permission' // the browser's access to that origin was not granted or was removed
  | 'invalid-data' // documents that fail to decrypt or validate were refused (never written)
  | 'unknown';

export interface SyncStatus {
  state: 'off' | 'idle' | 'syncing' | 'error';
  /** The server's origin and database, to show (never the password). */
  server?: string;
  database?: string;
  username?: string;
  lastSyncedAt?: number;
  /** Local changes recorded but not yet on the server. */
  pending: number;
  error?: { code: SyncErrorCode; at: number };
  /** Incoming documents refused (could not be decrypted or validated) in the last run. */
  refused: number;
}

/** What a joining device will merge, counted on the server after decryption. */
export interface JoinPreview {
  people: number;
  touches: number;
  notes: number;
}

export interface SyncService {
  status(): Promise<SyncStatus>;
  /** Checks server, credentials and passphrase, and counts what the server holds. Writes nothing. */
  preview(input: SyncConfigInput): Promise<JoinPreview>;
  /** Stores the configuration and the derived key, then runs the first sync. */
  turnOn(input: SyncConfigInput): Promise<SyncStatus>;
  /** One push and pull now (also what the alarm, a change and a page opening call). */
  syncNow(): Promise<SyncStatus>;
  /** Stops syncing; local data stays. `forgetServerCopy` deletes the server's database too. */
  turnOff(opts: { forgetServerCopy: boolean }): Promise<void>;
}
