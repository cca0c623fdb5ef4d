/**
 * PouchDB for Node tests: pouchdb-core with the memory adapter (a device's
 * replica), the HTTP adapter (the server) and replication. The extension uses
 * pouchdb-browser (IndexedDB), which does not load in Node.
 */
import { createRequire } from 'node:module';
import type { Pouch } from '@/lib/sync/engine';

// Loaded untyped: @types/pouchdb-* would bring older Node types into the whole program.
type PouchCtor = { new (name: string, opts: object): unknown; plugin(p: unknown): PouchCtor };
const load = createRequire(import.meta.url);
const PouchDB = (load('pouchdb-core') as PouchCtor)
  .plugin(load('pouchdb-adapter-memory'))
  .plugin(load('pouchdb-adapter-http'))
  .plugin(load('pouchdb-replication'));

let n = 0;

/** A fresh in-memory replica (a unique name per call unless given). */
export function memoryPouch(name = `replica-${Date.now()}-${n++}`): Pouch {
  return new PouchDB(name, { adapter: 'memory' }) as unknown as Pouch;
}

export function remotePouch(url: string, auth: { username: string; password: string }): Pouch {
  return new PouchDB(url, { adapter: 'http', auth, skip_setup: true }) as unknown as Pouch;
}
