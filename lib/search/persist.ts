/**
 * Where the serialized index is kept between runs: its own small IndexedDB
 * database ("kith-search"), apart from the user's data. It is derived data, so it
 * needs no schema version of Kith's database, is in no backup or sync, and can
 * be thrown away at any time: it is rebuilt from the rows.
 */
import Dexie, { type EntityTable } from 'dexie';

export interface SavedIndex {
  key: 'people';
  /** `INDEX_FORMAT` it was built with: another format is rebuilt. */
  format: number;
  /** The highest `updatedAt` of the people rows it has seen. */
  watermark: number;
  /** The rows stamped exactly at the watermark it has read (`table:id:updatedAt`). */
  edge: string[];
  /** Every people row it has seen (tombstones too), with its `updatedAt`: a count that differs means rows went without a tombstone. */
  stamps: [string, number][];
  /** MiniSearch's own serialization. */
  json: string;
  savedAt: number;
}

export interface IndexStorage {
  load(): Promise<SavedIndex | undefined>;
  save(saved: SavedIndex): Promise<void>;
}

export const SEARCH_DB_NAME = 'kith-search';

export function idbIndexStorage(name = SEARCH_DB_NAME): IndexStorage {
  let db: (Dexie & { index: EntityTable<SavedIndex, 'key'> }) | undefined;
  const open = () => {
    if (!db) {
      db = new Dexie(name) as Dexie & { index: EntityTable<SavedIndex, 'key'> };
      db.version(1).stores({ index: 'key' });
    }
    return db;
  };
  return {
    load: () => open().index.get('people'),
    save: async (saved) => {
      await open().index.put(saved);
    },
  };
}

/** For tests and for a context that must not persist. */
export function memoryIndexStorage(): IndexStorage & { saved?: SavedIndex; saves: number } {
  const m: IndexStorage & { saved?: SavedIndex; saves: number } = {
    saves: 0,
    load: () => Promise.resolve(m.saved),
    save: (s) => {
      m.saved = s;
      m.saves++;
      return Promise.resolve();
    },
  };
  return m;
}
