/**
 * The sync stage (BENCH_STAGES=sync), in Node: the first sync of the bench's
 * 30,000 people / 300,000 touches (faker seed 42, with the generator's notes) from
 * device A through a real pouchdb-server (in memory, 127.0.0.1, random port) to
 * device B, with Kith's own sync service (lib/sync: keys, encrypted documents,
 * rows mapping, the engine), each device a Dexie database on fake-indexeddb with an
 * in-memory PouchDB replica, as tests/unit/sync/ builds them. Then, in the same
 * run and through the same server, the floor: plain PouchDB replicating the same
 * number of documents of the same sizes (copies of A's stored bodies, which plain
 * PouchDB carries as opaque strings: no crypto, no Dexie) from a memory database to
 * the server and from there into a fresh one. Then ~20 single edits on A, each timed
 * until B shows it (A's sync run + B's sync run).
 *
 * Node: the engine's work (WebCrypto, JSON, PouchDB) is the same code as in the
 * browser, and both replicas, both devices and the floor fit in one process with a
 * clean memory reading: the cheap check. IndexedDB is fake-indexeddb here (JS in the
 * same heap), so Dexie costs differ from the browser's: the same sync in real
 * Chromium, two profiles of the built extension, is bench/sync-browser.ts
 * (BENCH_STAGES=syncBrowser).
 *
 * Run alone: `npx tsx bench/sync.ts [out.json]` (BENCH_SYNC_SCALE=0.1 for a quick run);
 * bench/driver.ts runs it in a child process of its own for `npm run bench`.
 */
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { editPerson } from '@/lib/db/writes';
import { startSyncServer, type SyncServer } from '../tests/sync/pouchdb-server';
import { memoryPouch, remotePouch } from '../tests/sync/pouch';
import { makeDevice, type Device } from '../tests/unit/sync/devices';
import { generateDataset } from './page';
import { allBodies } from './pouch-bodies';

type Any = Record<string, unknown>;
const SCALE = Number(process.env.BENCH_SYNC_SCALE ?? process.env.BENCH_SCALE ?? 1);
const N_PEOPLE = Math.round(30_000 * SCALE);
const N_TOUCHES = Math.round(300_000 * SCALE);
const EDITS = Number(process.env.BENCH_SYNC_EDITS ?? 20);
/** The options Kith's engine replicates with, used for the floor too. */
const REPLICATION = { batch_size: 500, batches_limit: 4 };

const r2 = (x: number) => Math.round(x * 100) / 100;
const MB = (b: number) => r2(b / 2 ** 20);
function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  const med = s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  return {
    n: xs.length,
    median: r2(med),
    p95: r2(s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!),
    min: r2(s[0]!),
    max: r2(s.at(-1)!),
    runs: xs.map(r2),
  };
}
const log = (what: string, v?: unknown) => console.log(`[bench sync ${process.uptime().toFixed(1)}s] ${what}`, v === undefined ? '' : JSON.stringify(v));
const gc = () => (globalThis as { gc?: () => void }).gc?.();

/** Peak RSS and heap while `work` runs, sampled every 50 ms (and at both ends). */
async function measured<T>(
  work: () => Promise<T>,
): Promise<{ value: T; ms: number; peakRssMB: number; peakHeapMB: number; startRssMB: number; startHeapMB: number }> {
  gc();
  const start = process.memoryUsage();
  let rss = start.rss;
  let heap = start.heapUsed;
  const sample = () => {
    const m = process.memoryUsage();
    rss = Math.max(rss, m.rss);
    heap = Math.max(heap, m.heapUsed);
  };
  const timer = setInterval(sample, 50);
  const t0 = performance.now();
  try {
    const value = await work();
    const ms = performance.now() - t0;
    sample();
    return { value, ms: Math.round(ms), peakRssMB: MB(rss), peakHeapMB: MB(heap), startRssMB: MB(start.rss), startHeapMB: MB(start.heapUsed) };
  } finally {
    clearInterval(timer);
  }
}

async function dbInfo(server: SyncServer, db: string) {
  const r = (await server.request('GET', `/${db}`)).json as { doc_count?: number; update_seq?: unknown };
  return { docs: r.doc_count };
}

export async function syncBench(): Promise<Any> {
  const started = Date.now();
  const out: Any = {
    note:
      'Node ' +
      process.version +
      ": Kith's sync service (lib/sync) on two devices, each a Dexie database on fake-indexeddb with an in-memory PouchDB replica (pouchdb-adapter-memory), through pouchdb-server --in-memory on 127.0.0.1. The floor: plain PouchDB (same adapters, same batch options) replicating as many documents of the same sizes (copies of A's stored bodies) memory → server → fresh memory.",
    loadAverageAtStart: os.loadavg().map(r2),
    scale: SCALE,
  };
  const ds = generateDataset(N_PEOPLE, N_TOUCHES);
  out.dataset = { people: ds.people.length, profiles: ds.profiles.length, touches: ds.touches.length, notes: ds.notes.length };
  log('dataset', out.dataset);

  const server = await startSyncServer({ database: 'kith' });
  try {
    // The floor's database, with the same member and security as Kith's.
    await server.request('PUT', '/floor');
    await server.request('PUT', '/floor/_security', { members: { names: [server.user.name], roles: [] }, admins: { names: [], roles: [] } });
    const login = { origin: server.origin, username: server.user.name, password: server.user.password };
    const auth = { username: server.user.name, password: server.user.password };

    // Device A: the dataset as an import would leave it (rows and reach buckets), sync off.
    const a: Device = makeDevice('a');
    let t0 = performance.now();
    // Dexie's middlewares add the reach buckets with the people.
    await a.db.transaction('rw', a.db.tables, async () => {
      await a.db.people.bulkAdd(ds.people);
      await a.db.profiles.bulkAdd(ds.profiles);
      await a.db.touches.bulkAdd(ds.touches);
      await a.db.notes.bulkAdd(ds.notes);
    });
    log('seeded A', { ms: Math.round(performance.now() - t0) });

    // 1. Kith: A turns sync on (first device), then B joins.
    const first = await measured(() => a.service.turnOn(a.input(login, 'kith', 'correct horse battery staple', 'first')));
    if (first.value.state !== 'idle') throw new Error(`A: ${JSON.stringify(first.value)}`);
    log('A turn-on (first)', { ...first, value: undefined });
    const b: Device = makeDevice('b');
    const join = await measured(() => b.service.turnOn(b.input(login, 'kith', 'correct horse battery staple', 'join')));
    if (join.value.state !== 'idle') throw new Error(`B: ${JSON.stringify(join.value)}`);
    log('B turn-on (join)', { ...join, value: undefined });
    const onB = {
      people: await b.db.people.count(),
      profiles: await b.db.profiles.count(),
      touches: await b.db.touches.count(),
      notes: await b.db.notes.count(),
    };
    for (const k of ['people', 'profiles', 'touches', 'notes'] as const)
      if (onB[k] !== (out.dataset as Record<string, number>)[k]) throw new Error(`B has ${onB[k]} ${k}`);

    // What the server holds: the documents A's replica sent, their sizes as stored.
    const replicaA = memoryPouch(); // only to read the server's documents with the same client
    const remoteKith = remotePouch(`${server.origin}/kith`, auth);
    await replicaA.replicate.from(remoteKith, REPLICATION);
    const { bodies, bytes } = await allBodies(replicaA);
    await replicaA.destroy();
    out.server = { docs: (await dbInfo(server, 'kith')).docs, bodies: bodies.length, bytes, MB: MB(bytes), meanDocBytes: Math.round(bytes / bodies.length) };
    log('on the server', out.server);

    // 2. The floor, run twice around nothing else: the same documents, plain PouchDB.
    const floors: Any[] = [];
    for (let round = 0; round < 2; round++) {
      const db = round === 0 ? 'floor' : `floor-${round}`;
      if (round > 0) {
        await server.request('PUT', `/${db}`);
        await server.request('PUT', `/${db}/_security`, { members: { names: [server.user.name], roles: [] }, admins: { names: [], roles: [] } });
      }
      const src = memoryPouch();
      t0 = performance.now();
      for (let i = 0; i < bodies.length; i += 5000) await src.bulkDocs(bodies.slice(i, i + 5000));
      const loadMs = Math.round(performance.now() - t0);
      const remote = remotePouch(`${server.origin}/${db}`, auth);
      const to = await measured(() => src.replicate.to(remote, REPLICATION));
      const dst = memoryPouch();
      const from = await measured(() => dst.replicate.from(remote, REPLICATION));
      const got = ((await dst.info()) as { doc_count: number }).doc_count;
      if (got !== bodies.length) throw new Error(`floor: ${got} of ${bodies.length}`);
      floors.push({ loadMs, to: { ...to, value: undefined }, from: { ...from, value: undefined }, ms: to.ms + from.ms });
      log(`floor ${round + 1}`, floors.at(-1));
      await src.destroy();
      await dst.destroy();
    }

    // 3. One change on A, until B shows it: A's run (outbox → replica → server), then B's run.
    const ids = ds.people.filter((_, i) => i % 997 === 1).map((p) => p.id);
    const edits: number[] = [];
    const aRuns: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const id = ids[i % ids.length]!;
      const headline = `Changed ${i} at ${Date.now()}`;
      await editPerson(a.db, id, { headline }, a.ctx());
      const e0 = performance.now();
      const sa = await a.service.syncNow();
      const e1 = performance.now();
      await b.service.syncNow();
      const e2 = performance.now();
      if (sa.state !== 'idle' || (await b.db.people.get(id))?.headline !== headline) throw new Error(`edit ${i} not on B`);
      aRuns.push(e1 - e0);
      edits.push(e2 - e0);
    }
    out.singleChange = {
      note: "editPerson on A, then A's sync run and B's sync run back to back, until B's row has the new headline (no 3 s debounce, no wait for B's 5-minute alarm)",
      ...stats(edits),
      aRun: stats(aRuns),
    };
    log('single change', { ...(out.singleChange as Any), runs: undefined });

    const n = bodies.length;
    const kithMs = first.ms + join.ms;
    const floorMs = floors.map((f) => f.ms as number);
    const floorMean = floorMs.reduce((x, y) => x + y, 0) / floorMs.length;
    out.kith = {
      first: { ...first, value: undefined, docsPerSec: Math.round(n / (first.ms / 1000)) },
      join: { ...join, value: undefined, docsPerSec: Math.round(n / (join.ms / 1000)) },
      ms: kithMs,
      docsPerSec: Math.round(n / (kithMs / 1000)),
    };
    out.floor = { rounds: floors, ms: Math.round(floorMean), docsPerSec: Math.round(n / (floorMean / 1000)) };
    out.ratio = r2(kithMs / floorMean);
    out.ratioPush = r2(first.ms / (floors.reduce((x, f) => x + ((f.to as Any).ms as number), 0) / floors.length));
    out.ratioJoin = r2(join.ms / (floors.reduce((x, f) => x + ((f.from as Any).ms as number), 0) / floors.length));
    out.memoryNote =
      "Process RSS and V8 heapUsed of the one Node process (both devices' Dexie databases in fake-indexeddb, both in-memory replicas, the dataset): the device doing the work is only part of it. In the browser the background's heap holds neither its IndexedDB data (Chromium keeps it in the browser process, on disk) nor the replica's documents (pouchdb-browser, IndexedDB): the numbers are an upper bound for it.";
    out.loadAverageAtEnd = os.loadavg().map(r2);
    out.totalSeconds = Math.round((Date.now() - started) / 1000);
    log('result', {
      kith: out.kith,
      floor: { ...(out.floor as Any), rounds: undefined },
      ratio: out.ratio,
      ratioPush: out.ratioPush,
      ratioJoin: out.ratioJoin,
    });
  } finally {
    await server.close();
  }
  return out;
}

const outFile = process.argv[2];
syncBench().then(
  (r) => {
    if (outFile) writeFileSync(outFile, JSON.stringify(r, null, 2) + '\n');
    process.exit(0);
  },
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
