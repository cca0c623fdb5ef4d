/**
 * PouchDB as the extension uses it: pouchdb-browser (the IndexedDB adapter for
 * this device's replica, the HTTP adapter for the server, replication). Imported
 * by the background only: the pages never load PouchDB.
 *
 * Imported by its file, typed by `./pouchdb-browser.d.ts`: @types/pouchdb-*
 * would bring older Node types into the whole program.
 */
import PouchDB from 'pouchdb-browser/lib/index.es.js';
import type { Pouch } from './engine';

export function browserLocalPouch(name: string): Pouch {
  return new PouchDB(name, { auto_compaction: true }) as Pouch;
}

export function browserRemotePouch(url: string, auth: { username: string; password: string }): Pouch {
  // skip_setup: the database is created (or not) by turning sync on, never by a run.
  return new PouchDB(url, { adapter: 'http', auth, skip_setup: true }) as Pouch;
}
