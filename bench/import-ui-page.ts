/**
 * Page side of the end-to-end import measurement (bench/import-ui.ts): the raw
 * IndexedDB floor for exactly the rows the options page's import stored, and a
 * reset of Kith's database between rounds. Runs inside an extension page (same
 * origin as the `kith` database).
 */
import { createDb } from '@/lib/db/db';

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function openRaw(name: string): Promise<IDBDatabase> {
  return req(indexedDB.open(name));
}

function deleteDb(name: string): Promise<void> {
  return new Promise((resolve) => {
    const r = indexedDB.deleteDatabase(name);
    r.onsuccess = r.onerror = r.onblocked = () => resolve();
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = tx.onabort = () => reject(tx.error);
  });
}

/** The stores the floor writes: what a Connections.csv import stores, one row per person and per profile. */
const FLOOR_STORES = ['people', 'profiles'] as const;

/**
 * Reads the people and profiles in `kith` (what the import just wrote), then times a
 * plain `IDBObjectStore.add` of every one into an empty database with Kith's stores
 * and indexes, in one readwrite transaction.
 */
export async function importUiFloor(): Promise<{ ms: number; rows: Record<string, number> }> {
  const kith = await openRaw('kith');
  const rows: Record<string, unknown[]> = {};
  const tx = kith.transaction([...FLOOR_STORES], 'readonly');
  for (const s of FLOOR_STORES) rows[s] = await req(tx.objectStore(s).getAll());
  kith.close();
  const name = 'bench-import-ui-floor';
  await deleteDb(name);
  const shaped = createDb(name);
  await shaped.open();
  shaped.close();
  const db = await openRaw(name);
  await new Promise((r) => setTimeout(r, 0));
  const t0 = performance.now();
  const w = db.transaction([...FLOOR_STORES], 'readwrite');
  for (const s of FLOOR_STORES) {
    const store = w.objectStore(s);
    for (const row of rows[s]!) store.add(row);
  }
  await done(w);
  const ms = performance.now() - t0;
  db.close();
  await deleteDb(name);
  return { ms, rows: Object.fromEntries(FLOOR_STORES.map((s) => [s, rows[s]!.length])) };
}

/** Empties every store of `kith`, so the next round imports into an empty database again. */
export async function resetKith(): Promise<void> {
  const kith = await openRaw('kith');
  const stores = Array.from(kith.objectStoreNames);
  const tx = kith.transaction(stores, 'readwrite');
  for (const s of stores) tx.objectStore(s).clear();
  await done(tx);
  kith.close();
}
