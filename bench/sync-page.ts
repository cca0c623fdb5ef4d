/**
 * The browser sync stage's code inside an extension page (bench/sync-browser.ts
 * drives it): whether a device holds its rows, and the floor, plain pouchdb-browser
 * replicating copies of the server's documents (opaque encrypted bodies) from an
 * IndexedDB database to the server and from there into a fresh one, with the
 * engine's batch options. Bundled apart from bench/page.ts (bench/tmp/sync-page.js)
 * so that PouchDB stays out of the other stages' page.
 */
import PouchDB from 'pouchdb-browser/lib/index.es.js';
import { createDb } from '@/lib/db/db';
import { SUMMARIES_DEFERRED_KEY } from '@/lib/db/writes/sync-apply';
import { allBodies } from './pouch-bodies';

/** The options lib/sync/engine.ts replicates with. */
const REPLICATION = { batch_size: 500, batches_limit: 4 };

type Doc = { _id: string; _rev?: string; [k: string]: unknown };
interface P {
  allDocs(o: object): Promise<{ rows: { id: string; doc?: Doc }[] }>;
  bulkDocs(docs: object[]): Promise<unknown[]>;
  info(): Promise<{ doc_count: number }>;
  destroy(): Promise<unknown>;
  replicate: { to(t: P, o: object): Promise<{ docs_written: number }>; from(s: P, o: object): Promise<{ docs_written: number }> };
}
const local = (name: string) => new PouchDB(name) as P;
const remote = (url: string, auth: { username: string; password: string }) => new PouchDB(url, { adapter: 'http', auth, skip_setup: true }) as P;

/** The server's documents as stored (revisions left out), read once and kept for every floor round. */
let bodies: Doc[] | undefined;

export const syncApi = {
  /**
   * Whether this device holds `want`'s rows with every summary computed. Polled while a
   * device joins: the cheap look first (a joining pull marks summaries as left for its
   * end), the counts only after it. Counting walks the whole table in Chromium's
   * IndexedDB, which the device's own writes then wait behind.
   */
  async holds(want: { people: number; profiles: number; touches: number; notes: number }) {
    const db = createDb('kith');
    await db.open();
    try {
      if (await db.meta.get(SUMMARIES_DEFERRED_KEY)) return false;
      if ((await db.people.count()) !== want.people) return false;
      const c = { profiles: await db.profiles.count(), touches: await db.touches.count(), notes: await db.notes.count() };
      return c.profiles === want.profiles && c.touches === want.touches && c.notes === want.notes;
    } finally {
      db.close();
    }
  },

  /** Reads every document of the server's database (not timed). */
  async readServer(dbUrl: string, auth: { username: string; password: string }) {
    const read = await allBodies(remote(dbUrl, auth));
    bodies = read.bodies;
    return { docs: bodies.length, bytes: read.bytes };
  },

  /** One floor round: load a fresh IndexedDB database (not timed), send it to `targetUrl` (empty), receive it into another fresh one. */
  async floor(targetUrl: string, auth: { username: string; password: string }, round: number) {
    const docs = bodies!;
    const src = local(`bench-floor-src-${round}`);
    let t0 = performance.now();
    for (let i = 0; i < docs.length; i += 5000) await src.bulkDocs(docs.slice(i, i + 5000));
    const loadMs = Math.round(performance.now() - t0);
    const target = remote(targetUrl, auth);
    t0 = performance.now();
    const sent = await src.replicate.to(target, REPLICATION);
    const sendMs = Math.round(performance.now() - t0);
    const dst = local(`bench-floor-dst-${round}`);
    t0 = performance.now();
    const got = await dst.replicate.from(target, REPLICATION);
    const receiveMs = Math.round(performance.now() - t0);
    const held = (await dst.info()).doc_count;
    await src.destroy();
    await dst.destroy();
    if (held !== docs.length) throw new Error(`floor: ${held} of ${docs.length}`);
    return { loadMs, sendMs, receiveMs, ms: sendMs + receiveMs, sent: sent.docs_written, received: got.docs_written };
  },
};

(globalThis as unknown as { __kithSyncBench: typeof syncApi }).__kithSyncBench = syncApi;
