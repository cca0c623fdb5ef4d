import Dexie, { type EntityTable } from 'dexie';
import type { Note, Person, Profile, Touch } from '../model/types';
import { DB_NAME, SCHEMA_VERSIONS } from './schema';

export interface MetaRow {
  key: string;
  value: unknown;
}

export type KithDB = Dexie & {
  people: EntityTable<Person, 'id'>;
  profiles: EntityTable<Profile, 'id'>;
  touches: EntityTable<Touch, 'id'>;
  notes: EntityTable<Note, 'id'>;
  meta: EntityTable<MetaRow, 'key'>;
};

/** Open (lazily) a Kith database. Tests pass their own name. */
export function createDb(name = DB_NAME, upTo = Infinity): KithDB {
  // 'strict': a committed write is on disk before Kith says it is saved. Chrome's
  // default ('relaxed') lets the last notes of a session vanish when the browser
  // is closed right after (seen in the restart e2e test).
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as KithDB;
  for (const v of SCHEMA_VERSIONS) {
    if (v.version > upTo) break;
    db.version(v.version).stores(v.stores);
  }
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
