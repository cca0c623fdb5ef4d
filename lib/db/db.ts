import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type { Note, Person, Profile, Touch } from '@/lib/model/types';
import { bucketsFromPeople, reachBucketsMiddleware, type DueBucket, type RekindleBucket } from './reach-buckets';
import { DB_NAME, SCHEMA_VERSIONS } from './schema';
import { undoLogMiddleware } from './writes/undo-log';
import { syncOutboxMiddleware, type OutboxEntry } from './writes/outbox';

export interface MetaRow {
  key: string;
  value: unknown;
}

/** What a replace-restore replaced: every row of the user's tables, and the settings. */
export interface RestoreUndoRow {
  id: 'last';
  /** When the restore ran. */
  at: number;
  people: Person[];
  profiles: Profile[];
  touches: Touch[];
  notes: Note[];
  /** The settings before the restore (browser storage, not this database). */
  settings?: unknown;
}

export type KithDB = Dexie & {
  people: EntityTable<Person, 'id'>;
  profiles: EntityTable<Profile, 'id'>;
  touches: EntityTable<Touch, 'id'>;
  notes: EntityTable<Note, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
  dueBuckets: EntityTable<DueBucket, 'key'>;
  rekindleBuckets: EntityTable<RekindleBucket, 'key'>;
  restoreUndo: EntityTable<RestoreUndoRow, 'id'>;
  syncOutbox: EntityTable<OutboxEntry, 'key'>;
};

/** Row changes a version needs beyond its stores (by version number). */
const UPGRADES: Record<number, (tx: Transaction) => Promise<void>> = {
  // The reach buckets are derived from people: built once, from the rows in
  // either index (no other row can belong in a bucket).
  2: async (tx) => {
    const people = tx.table('people');
    const [due, rekindle] = await Promise.all([
      people.where('summary.dueAt').aboveOrEqual(-Infinity).toArray(),
      people.where('summary.rekindleAt').aboveOrEqual(-Infinity).toArray(),
    ]);
    const built = bucketsFromPeople([...new Map([...due, ...rekindle].map((p: Person) => [p.id, p])).values()]);
    await tx.table('dueBuckets').bulkPut(built.dueBuckets);
    await tx.table('rekindleBuckets').bulkPut(built.rekindleBuckets);
  },
};

/** Open (lazily) a Kith database. Tests pass their own name. */
export function createDb(name = DB_NAME, upTo = Infinity): KithDB {
  // 'strict': a committed write is on disk before Kith says it is saved. Chrome's
  // default ('relaxed') lets the last notes of a session vanish when the browser
  // is closed right after (seen in the restart e2e test).
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as KithDB;
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > upTo) break;
    const version = db.version(v.version).stores(v.stores);
    const upgrade = UPGRADES[v.version];
    if (upgrade) version.upgrade(upgrade);
  }
  db.use(reachBucketsMiddleware);
  // Inactive unless an operation runs with undo (lib/db/writes/undo.ts).
  db.use(undoLogMiddleware);
  // Records what sync must push, in the write's own transaction, while sync is on (lib/db/writes/outbox.ts).
  db.use(syncOutboxMiddleware);
  return db;
}

let shared: KithDB | undefined;

/**
 * The one shared instance per JavaScript context. Created on first use, never at
 * import time, so that importing a helper does not drag Dexie into a bundle.
 */
export function getDb(): KithDB {
  shared ??= createDb();
  return shared;
}

/** For tests: swap the shared instance. */
export function setDbForTests(db: KithDB | undefined): void {
  shared = db;
}
