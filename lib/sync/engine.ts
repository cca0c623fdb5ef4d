/**
 * The pump: one sync run moves changes between Kith's database, a local PouchDB
 * replica of encrypted documents, and the user's CouchDB server.
 *
 *   pull   remote ──replicate.from──▶ local replica (one-shot, from its checkpoint)
 *   apply  local replica changes since the last applied seq: decrypt, validate,
 *          resolve conflicts (merged document written, losing revisions removed),
 *          then applied to Kith's database through `applySyncDocs`
 *   push   full push after turn-on (a cursor over each table), then the outbox:
 *          each changed row merged with the replica's version, encrypted, bulkDocs
 *   send   local replica ──replicate.to──▶ remote (one-shot, from its checkpoint)
 *
 * No live replication: a run is short and resumes where the last one stopped
 * (PouchDB's replication checkpoints, the applied seq and the push cursor are
 * kept in the replica's `_local` documents), so a stopped service worker loses
 * nothing. Everything is batched: bulk reads, bulkDocs, crypto in parallel chunks.
 *
 * PouchDB types only: the caller passes the databases (pouchdb-browser in the
 * extension, pouchdb-core with the memory adapter in tests).
 */
import type { KithDB } from '@/lib/db/db';
import { ackOutbox, applySyncDocs, isSyncDoc, readOutbox, refreshDeferredSummaries, type OutboxEntry, type WriteContext } from '@/lib/db/writes';
import { decryptBody, docIdOf, encryptBody, inChunks, META_DOC_ID, type SyncKeys } from './crypto';
import { changedFields, localVersion, mergeDocs, sameDoc, stable, type Clocks, type SyncDoc, type SyncRow, type SyncTable } from './merge';
import { MUTES_ROW_ID, SETTINGS_ROW_ID, settingsFromSyncRow, settingsToSyncRow, toSyncRow, mutesToSyncRow, type PersonSettings } from './rows';
import { readMutedPeople } from '@/lib/db/read';
import { peopleWithRows, rowsAfterPerson, rowsOfPeople } from '@/lib/db/touch-ranges';

const BATCH = 1000;
const CRYPTO_CHUNK = 500;
/** One-shot replication's batches, both ways. */
const REPLICATION = { batch_size: 500, batches_limit: 4 };
const STATE_ID = '_local/kith-engine';
const SCAN_TABLES = ['people', 'profiles', 'touches', 'notes'] as const;

/** What the engine uses of a PouchDB database (typed here: PouchDB's own types pull Node's into the whole program). */
export interface PouchDoc {
  _id: string;
  _rev: string;
  _deleted?: boolean;
  _conflicts?: string[];
  [k: string]: unknown;
}
type WriteResult = { ok?: boolean; id?: string; rev?: string; error?: string | boolean; status?: number };
export interface Pouch {
  get(id: string, opts?: object): Promise<PouchDoc>;
  put(doc: object): Promise<{ rev: string }>;
  allDocs(opts: {
    keys?: string[];
    include_docs?: boolean;
    limit?: number;
    startkey?: string;
    skip?: number;
  }): Promise<{ rows: { id: string; key: string; value?: { rev: string; deleted?: boolean }; doc?: PouchDoc | null; error?: string }[] }>;
  /** With `new_edits: false` the documents keep the revisions given, and only failures are returned (with their id). */
  bulkDocs(docs: object[], opts?: { new_edits?: boolean }): Promise<WriteResult[]>;
  bulkGet(opts: { docs: { id: string; rev?: string }[] }): Promise<{ results: { id: string; docs: ({ ok: PouchDoc } | { error: unknown })[] }[] }>;
  changes(opts: object): Promise<{ results: { id: string; seq: number | string; doc?: PouchDoc }[]; last_seq: number | string }>;
  replicate: { to(target: Pouch, opts?: object): Promise<unknown>; from(source: Pouch, opts?: object): Promise<unknown> };
  destroy(): Promise<unknown>;
  info(): Promise<unknown>;
}

export interface EngineState {
  /** The local replica's seq up to which documents were applied to Kith's database. */
  appliedSeq: number | string;
  /**
   * The full push after turn-on, not finished yet: the table and where it stopped, the
   * last id pushed or, with `by: 'person'`, the last person whose rows were all pushed;
   * with `by: 'whole'` (people), the last person pushed with all their rows; with
   * `by: 'orphans'`, the rows of that table and the next whose person is not here.
   * (`by: 'person'` and no `by` are what an older version left; still carried on.)
   */
  scan?: { table: (typeof SCAN_TABLES)[number] | 'settings'; after: string; by?: 'person' | 'whole' | 'orphans' };
  /** Settings fields to push once, with their clocks (turn-on: this device's circles and language). */
  settingsPending?: Clocks;
}

export interface EngineDeps {
  db: KithDB;
  local: Pouch;
  remote: Pouch;
  keys: SyncKeys;
  context: () => Promise<WriteContext>;
  /** The settings that belong to the person; absent = not synced (tests). */
  settings?: { get(): Promise<PersonSettings>; set(s: PersonSettings): Promise<void> };
  now?: () => number;
}

export interface RunReport {
  pulled: number;
  pushed: number;
  applied: number;
  refused: number;
  conflicts: number;
}

interface PushItem {
  t: SyncTable;
  id: string;
  local: SyncRow | undefined;
  pending: Clocks;
}

type StoredState = EngineState & { _id: string; _rev?: string };

/**
 * Where a run's time goes: each step of a run is a `performance.measure` named
 * `kith-sync:<step>` (the benchmark reads them in the background). Bounded: the
 * engine's measures are cleared once many have piled up, so a long-lived worker
 * keeps no more than a few thousand.
 */
const STEPS = [
  'pull',
  'apply',
  'apply:read',
  'apply:open',
  'apply:write',
  'summaries',
  'push',
  'push:scan',
  'push:ids',
  'push:read',
  'push:open',
  'push:encrypt',
  'push:write',
  'push:remote',
  'send',
] as const;
type Step = (typeof STEPS)[number];
let measured = 0;
async function timed<T>(step: Step, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    if (++measured > 5000) {
      measured = 0;
      for (const s of STEPS) performance.clearMeasures(`kith-sync:${s}`);
    }
    performance.measure(`kith-sync:${step}`, { start, end: performance.now() });
  }
}

/**
 * `pass` over and over while `work` goes on (one at a time, a short pause before
 * each: a short run has none), then once more after it. `pass` is a catch-up that
 * is correct at any moment (apply what the replica holds, send what it holds). A
 * failure of either ends the run.
 */
async function alongside<T>(work: Promise<T>, pass: () => Promise<void>): Promise<T> {
  let done = false;
  const settled = work.then(
    (value) => {
      done = true;
      return value;
    },
    (err: unknown) => {
      done = true;
      throw err;
    },
  );
  const finished = settled.then(
    () => undefined,
    () => undefined,
  );
  try {
    while (!done) {
      await Promise.race([finished, new Promise((r) => setTimeout(r, 250))]);
      if (!done) await pass();
    }
  } catch (err) {
    await finished;
    throw err;
  }
  const value = await settled;
  await pass();
  return value;
}

/** A document's first revision, as PouchDB writes them: `1-` and 32 random hex digits. */
function firstRevision(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return `1-${hex}`;
}

export function createEngine(deps: EngineDeps) {
  const { db, local, remote, keys } = deps;
  const now = deps.now ?? (() => Date.now());
  /** Revisions this device wrote, past the applied seq, whose rows already are in Kith's database as written: nothing to apply. */
  const own = new Set<string>();
  /**
   * While a full push is pending: rows (`table:id`) applied from their documents with
   * nothing of this device's merged in. The full push skips them: it would decrypt each
   * document again only to find nothing to add (a joining device's whole database, the
   * moment after it pulled it). A row changed here since is in the outbox, pushed there.
   */
  const inStep = new Set<string>();
  /** New documents being written to the replica and the server at once (`writeFresh`): the send waits meanwhile. */
  let direct = 0;
  /**
   * A full push is going on: the send waits for its end. Its documents go to the server as they are written (new ones),
   * and a send in the middle would only compete with it for the replica, reading back what is already there.
   */
  let fullPush = false;
  /** Documents the push wrote that are not this device's rows as they are here (merged with the replica's version): they must be applied. */
  let notOwn = 0;

  async function readState(): Promise<StoredState> {
    try {
      return (await local.get(STATE_ID)) as unknown as StoredState;
    } catch {
      // not written yet: a fresh replica
      return { _id: STATE_ID, appliedSeq: 0 };
    }
  }

  async function writeState(next: StoredState): Promise<StoredState> {
    const res = await local.put(next);
    return { ...next, _rev: res.rev };
  }

  async function open(id: string, body: unknown): Promise<SyncDoc | undefined> {
    const text = await decryptBody(keys, id, body);
    if (text === undefined) return undefined;
    try {
      const doc: unknown = JSON.parse(text);
      return isSyncDoc(doc) ? doc : undefined;
    } catch {
      // decrypted but not JSON: refused like any other invalid document
      return undefined;
    }
  }

  /** Documents ready to be written: merged with the replica's versions and encrypted (`prepare`), not written yet. */
  interface Prepared {
    items: readonly PushItem[];
    ids: string[];
    fresh: { doc: { _id: string; _rev: string }; mine: boolean }[];
    updates: { doc: { _id: string; _rev?: string }; mine: boolean }[];
  }

  /** Merge each item with the replica's version, encrypt what changed, write it. Returns the items written (or unchanged). */
  async function pushItems(items: readonly PushItem[]): Promise<{ written: number; failed: Set<string> }> {
    return write(await prepare(items));
  }

  /**
   * The first half of `pushItems`: each item merged with the replica's version, what changed encrypted. `busy`: a write
   * still under way (the pipelined full push); when it has some of these documents, their versions are read after it.
   */
  async function prepare(items: readonly PushItem[], busy?: { ids: ReadonlySet<string>; done: Promise<unknown> }, known?: WrittenIds): Promise<Prepared> {
    const prepared: Prepared = { items, ids: [], fresh: [], updates: [] };
    if (items.length === 0) return prepared;
    const ids = await timed('push:ids', () => inChunks(items, CRYPTO_CHUNK, (it) => docIdOf(keys, it.t, it.id)));
    prepared.ids = ids;
    if (busy && ids.some((id) => busy.ids.has(id))) await busy.done.catch(() => undefined);
    // Only the documents the replica may have are looked up (all of them, unless `known` says which).
    const look = known ? ids.filter((id) => known.mayHave(id)) : ids;
    const existing = look.length > 0 ? await timed('push:read', () => local.allDocs({ keys: look, include_docs: true })) : { rows: [] };
    const found = new Map(existing.rows.map((row) => [row.key, row]));
    const bases = await timed('push:open', () =>
      inChunks(ids, CRYPTO_CHUNK, async (id) => {
        const row = found.get(id);
        if (!row?.doc) return { rev: row?.value?.rev, doc: undefined };
        return { rev: row.doc._rev, doc: await open(id, row.doc) };
      }),
    );
    known?.add(ids);
    const out: { _id: string; _rev?: string; text: string; mine: boolean }[] = [];
    items.forEach((it, i) => {
      const base = bases[i]!;
      const mineVersion = localVersion(it.t, base.doc, it.local, it.pending);
      if (!base.doc && !it.local) return;
      const merged = base.doc ? mergeDocs([base.doc, mineVersion]) : mineVersion;
      if (base.doc && sameDoc(merged, base.doc)) return;
      out.push({
        _id: ids[i]!,
        ...(base.rev ? { _rev: base.rev } : {}),
        text: JSON.stringify(merged),
        mine: !!it.local && stable(merged.r) === stable(it.local),
      });
    });
    if (out.length === 0) return prepared;
    const bodies = await timed('push:encrypt', () => inChunks(out, CRYPTO_CHUNK, (d) => encryptBody(keys, d._id, d.text)));
    // A document the replica has never had (every one of a first device's full push) gets its first revision here and is
    // written to the replica and the server at once, under that revision: the send that follows finds it there already
    // instead of reading it back from the replica to upload it. One that has a revision goes the usual way (send).
    out.forEach((d, i) => {
      if (d._rev) prepared.updates.push({ doc: { _id: d._id, _rev: d._rev, ...bodies[i]! }, mine: d.mine });
      else prepared.fresh.push({ doc: { _id: d._id, _rev: firstRevision(), ...bodies[i]! }, mine: d.mine });
    });
    return prepared;
  }

  /** The second half of `pushItems`: the prepared documents written. */
  async function write({ items, ids, fresh, updates }: Prepared): Promise<{ written: number; failed: Set<string> }> {
    const failed = new Set<string>();
    if (fresh.length === 0 && updates.length === 0) return { written: 0, failed };
    await timed('push:write', async () => {
      const [written] = await Promise.all([
        updates.length > 0 ? local.bulkDocs(updates.map((u) => u.doc)) : [],
        fresh.length > 0
          ? writeFresh(
              fresh.map((f) => f.doc),
              failed,
            )
          : undefined,
      ]);
      written.forEach((r, i) => {
        const u = updates[i]!;
        if (r.error) failed.add(u.doc._id);
        else if (u.mine && r.rev) own.add(`${u.doc._id}@${r.rev}`);
        else if (!u.mine) notOwn++;
      });
    });
    for (const f of fresh) {
      if (failed.has(f.doc._id)) continue;
      if (f.mine) own.add(`${f.doc._id}@${f.doc._rev}`);
      else notOwn++;
    }
    const byId = new Map(ids.map((id, i) => [id, items[i]!]));
    const failedKeys = new Set([...failed].map((id) => `${byId.get(id)!.t}:${byId.get(id)!.id}`));
    return { written: fresh.length + updates.length - failed.size, failed: failedKeys };
  }

  /**
   * New documents, under the revisions they were given, into the replica and (as well as it can) the server. The
   * replica's write decides: a document it refused is in `failed` (pushed again later). The server's write may fail
   * (unreachable, stopped mid-way): whatever it lacks, the send uploads from the replica as it would have anyway. While
   * it is under way the send waits, so that it does not upload the same documents a second time.
   */
  async function writeFresh(docs: { _id: string; _rev: string }[], failed: Set<string>): Promise<void> {
    direct++;
    try {
      const [refused] = await Promise.all([
        local.bulkDocs(docs, { new_edits: false }),
        timed('push:remote', () => remote.bulkDocs(docs, { new_edits: false })).catch(() => undefined),
      ]);
      for (const r of refused) if (r.error && r.id) failed.add(r.id);
    } finally {
      direct--;
    }
  }

  async function rowsOf(entries: readonly OutboxEntry[]): Promise<PushItem[]> {
    const items: PushItem[] = [];
    const byTable = new Map<string, OutboxEntry[]>();
    for (const e of entries) if (e.t && e.id) (byTable.get(e.t) ?? byTable.set(e.t, []).get(e.t)!).push(e);
    for (const [t, list] of byTable) {
      if (t === 'mutes') {
        const people = await readMutedPeople(db);
        for (const e of list) items.push({ t: 'mutes', id: MUTES_ROW_ID, local: mutesToSyncRow(people), pending: e.f ?? {} });
        continue;
      }
      if (t === 'settings') continue;
      const table = t as (typeof SCAN_TABLES)[number];
      const rows = await db.table(table).bulkGet(list.map((e) => e.id!));
      list.forEach((e, i) => items.push({ t: table, id: e.id!, local: rows[i] ? toSyncRow(table, rows[i] as { id: string }) : undefined, pending: e.f ?? {} }));
    }
    return items;
  }

  async function settingsItem(state: StoredState): Promise<PushItem | undefined> {
    if (!deps.settings) return undefined;
    const row = settingsToSyncRow(await deps.settings.get());
    const id = await docIdOf(keys, 'settings', SETTINGS_ROW_ID);
    let base: SyncDoc | undefined;
    try {
      base = await open(id, await local.get(id));
    } catch {
      // no settings document yet
    }
    const pending = { ...changedFields(base?.r, row, now()), ...(state.settingsPending ?? {}) };
    return { t: 'settings', id: SETTINGS_ROW_ID, local: row, pending };
  }

  type ScanRow = { id: string; updatedAt?: number } & Record<string, unknown>;
  type ScanPage = { rows: ScanRow[]; next: string | undefined };

  /** The next rows of a table in id order; `next` is undefined after the last page. */
  async function byId(table: (typeof SCAN_TABLES)[number], after: string): Promise<ScanPage> {
    const rows = (await db.table(table).where(':id').above(after).limit(BATCH).toArray()) as ScanRow[];
    return { rows, next: rows.length === BATCH ? rows.at(-1)!.id : undefined };
  }

  /**
   * The next rows of a person's table, whole people at a time in person order (about
   * BATCH rows; more when one person has more). A device that joins applies them in
   * this order, so each of its batches recomputes the summaries of a few people once,
   * instead of every person again in every batch of touches.
   */
  async function byPerson(table: Exclude<(typeof SCAN_TABLES)[number], 'people'>, after: string): Promise<ScanPage> {
    const rows = (await rowsAfterPerson(db, table, after).limit(BATCH).toArray()) as ScanRow[];
    if (rows.length < BATCH) return { rows, next: undefined };
    const last = rows.at(-1)!['personId'] as string;
    const whole = rows.filter((r) => r['personId'] !== last);
    if (whole.length > 0) return { rows: whole, next: whole.at(-1)!['personId'] as string };
    // One person with BATCH rows or more: all of them at once.
    return { rows: (await rowsOfPeople(db, table, last, last).toArray()) as ScanRow[], next: last };
  }

  /**
   * The next people in id order, each with all their profiles, touches and notes (about
   * BATCH rows in all: the number of people a page takes follows the rows the last one
   * had). A device that joins applies a person and their rows in the same batch, so it
   * writes each person and recomputes each summary about once.
   */
  let peoplePerPage = 100;
  async function wholePeople(after: string): Promise<{ groups: [(typeof SCAN_TABLES)[number], ScanRow[]][]; next: string | undefined }> {
    const limit = peoplePerPage;
    const people = (await db.people.where(':id').above(after).limit(limit).toArray()) as unknown as ScanRow[];
    if (people.length === 0) return { groups: [], next: undefined };
    // People come in id order: their rows are one range of each table's personId index (with any orphans that fall in it, pushed twice then).
    const [first, last] = [people[0]!.id, people.at(-1)!.id];
    const personRows = (t: 'profiles' | 'touches' | 'notes') => rowsOfPeople(db, t, first, last).toArray() as Promise<ScanRow[]>;
    const [profiles, touches, notes] = await Promise.all([personRows('profiles'), personRows('touches'), personRows('notes')]);
    const rows = people.length + profiles.length + touches.length + notes.length;
    peoplePerPage = Math.max(1, Math.min(BATCH, Math.round((limit * BATCH) / rows)));
    return {
      groups: [
        ['people', people],
        ['profiles', profiles],
        ['touches', touches],
        ['notes', notes],
      ],
      next: people.length === limit ? people.at(-1)!.id : undefined,
    };
  }

  /** The rows of a person's table whose person is not in the database (the whole-people pass cannot see them). */
  async function orphans(table: Exclude<(typeof SCAN_TABLES)[number], 'people'>): Promise<ScanRow[]> {
    const owners = await peopleWithRows(db, table);
    const people = new Set((await db.people.toCollection().primaryKeys()) as string[]);
    const missing = owners.filter((id) => !people.has(id));
    const rows = await Promise.all(missing.map((id) => rowsOfPeople(db, table, id, id).toArray() as Promise<ScanRow[]>));
    return rows.flat();
  }

  /** A row of the full push: every field pending as of the row's last change. */
  function scanItem(table: (typeof SCAN_TABLES)[number], r: ScanRow): PushItem {
    const row = toSyncRow(table, r);
    const at = typeof r.updatedAt === 'number' ? r.updatedAt : 1;
    const pending: Clocks = {};
    for (const k of Object.keys(row)) if (k !== 'id') pending[k] = at;
    return { t: table, id: r.id, local: row, pending };
  }

  /**
   * The ids a full push wrote, for a full push that began on a replica with no row document: the replica then holds
   * nothing but what that push wrote, and a document it has not written needs no look-up (a first device's whole
   * database). Kept as 30 bits of each id, a few MB for the largest databases; an id that shares them with one written
   * is looked up, as all were before.
   */
  interface WrittenIds {
    add(ids: readonly string[]): void;
    mayHave(id: string): boolean;
  }
  function writtenIds(): WrittenIds {
    const seen = new Set<number>();
    // Row ids are `k` and base64url of an HMAC: five characters after the `k` are 30 random bits.
    const bits = (id: string) => {
      let n = 0;
      for (let i = 1; i < 6; i++) n = n * 64 + (id.charCodeAt(i) & 63);
      return n;
    };
    return {
      add: (ids) => {
        for (const id of ids) seen.add(bits(id));
      },
      mayHave: (id) => seen.has(bits(id)),
    };
  }

  /** Whether the replica holds any row's document (not only the meta document). */
  async function replicaHasRows(): Promise<boolean> {
    const { rows } = await local.allDocs({ limit: 10 });
    return rows.some((r) => !r.id.startsWith('_') && r.id !== META_DOC_ID);
  }

  /**
   * The full push's writes, one under way while the next chunk is read and encrypted (`prepare`): the replica's and the
   * server's writes are most of a full push, and the rest runs beside them. Steps queued with `after` (the cursor) run
   * once every write before them is done.
   */
  function pipeline() {
    let tail: Promise<unknown> = Promise.resolve();
    let busy: ReadonlySet<string> = new Set();
    let written = 0;
    const queue = (next: Promise<unknown>) => {
      tail = next;
      // Seen at the next `add` or at `end`; not an unhandled rejection meanwhile.
      next.catch(() => undefined);
    };
    return {
      /** The items, in order, but for the rows that are their documents already, a chunk at a time. */
      async add(all: readonly PushItem[], known?: WrittenIds): Promise<void> {
        const items = inStep.size > 0 ? all.filter((it) => !inStep.has(`${it.t}:${it.id}`)) : all;
        for (let i = 0; i < items.length; i += 2 * BATCH) {
          const prepared = await prepare(items.slice(i, i + 2 * BATCH), { ids: busy, done: tail }, known);
          await tail;
          busy = new Set(prepared.ids);
          queue(write(prepared).then((r) => (written += r.written)));
        }
      },
      after(step: () => Promise<unknown>): void {
        queue(tail.then(step));
      },
      /** Every write done; how many documents were written. */
      async end(): Promise<number> {
        await tail;
        return written;
      },
      /** Whatever is under way, finished or failed. */
      settled: (): Promise<void> =>
        tail.then(
          () => undefined,
          () => undefined,
        ),
    };
  }

  /** The full push after turn-on (resumable), the settings, then the outbox. */
  async function push(): Promise<number> {
    let state = await readState();
    let pushed = 0;
    fullPush = !!state.scan;
    const pipe = pipeline();
    try {
      let saved = state;
      let at = state.scan;
      // From its start on a replica without rows (a first device), the pass over whole people looks nothing up but
      // what it wrote itself (a row moved to another person meanwhile). Resumed, or on another replica, it reads all.
      const known = at?.by === 'whole' && at.after === '' && !(await replicaHasRows()) ? writtenIds() : undefined;
      while (at && at.table !== 'settings') {
        const { table, after, by } = at;
        const nextTable = SCAN_TABLES[SCAN_TABLES.indexOf(table) + 1];
        let scan: EngineState['scan'];
        if (by === 'whole') {
          const { groups, next } = await timed('push:scan', () => wholePeople(after));
          await pipe.add(
            groups.flatMap(([t, rows]) => rows.map((r) => scanItem(t, r))),
            known,
          );
          scan = next !== undefined ? { table, after: next, by } : { table: 'profiles', after: '', by: 'orphans' };
        } else if (by === 'orphans' && table !== 'people') {
          const rows = await timed('push:scan', () => orphans(table));
          await pipe.add(rows.map((r) => scanItem(table, r)));
          scan = nextTable ? { table: nextTable, after: '', by } : { table: 'settings', after: '' };
        } else {
          const { rows, next: cursor } = await timed('push:scan', () => (by === 'person' && table !== 'people' ? byPerson(table, after) : byId(table, after)));
          await pipe.add(rows.map((r) => scanItem(table, r)));
          scan =
            cursor !== undefined
              ? { table, after: cursor, ...(by ? { by } : {}) }
              : nextTable
                ? { table: nextTable, after: '', by: 'person' }
                : { table: 'settings', after: '' };
        }
        // The cursor moves past a page once the page is written.
        pipe.after(async () => {
          saved = await writeState({ ...saved, scan });
        });
        at = scan;
      }
      pushed += await pipe.end();
      state = saved;
    } finally {
      await pipe.settled();
      fullPush = false;
    }
    const settings = await settingsItem(state);
    if (settings) pushed += (await pushItems([settings])).written;
    inStep.clear();
    if (state.scan || state.settingsPending) {
      const { scan: _s, settingsPending: _p, ...rest } = state;
      state = await writeState(rest);
    }
    // Entries changed while being pushed stay; a bounded number of rounds keeps a busy device from looping.
    for (let round = 0; round < 1000; round++) {
      const entries = await readOutbox(db, BATCH);
      if (entries.length === 0) break;
      const { written, failed } = await pushItems(await rowsOf(entries));
      pushed += written;
      await ackOutbox(
        db,
        entries.filter((e) => !failed.has(e.key)),
      );
      if (failed.size > 0 || entries.length < BATCH) break;
    }
    return pushed;
  }

  /** Apply what the replica holds beyond the applied seq: conflicts resolved, documents checked, written here. */
  async function apply(report: RunReport): Promise<void> {
    let state = await readState();
    for (;;) {
      const changes = await timed('apply:read', () => local.changes({ since: state.appliedSeq, limit: BATCH, include_docs: true, conflicts: true }));
      if (changes.results.length === 0) {
        // Every revision this device wrote is behind the applied seq now: nothing will look for them again.
        own.clear();
        break;
      }
      const docs: SyncDoc[] = [];
      const writes: object[] = [];
      const settingsDocs: SyncDoc[] = [];
      await timed('apply:open', () =>
        inChunks(changes.results, CRYPTO_CHUNK / 5, async (ch) => {
          const d = ch.doc;
          if (!d || d._deleted || ch.id === META_DOC_ID || ch.id.startsWith('_')) return;
          if (!d._conflicts?.length && own.has(`${d._id}@${d._rev}`)) return;
          const winner = await open(d._id, d);
          if (!d._conflicts?.length) {
            if (!winner) report.refused++;
            else if (winner.t === 'settings') settingsDocs.push(winner);
            else docs.push(winner);
            return;
          }
          report.conflicts++;
          const leaves = await local.bulkGet({ docs: d._conflicts.map((rev) => ({ id: d._id, rev })) });
          const losers: { rev: string; doc?: SyncDoc }[] = await Promise.all(
            leaves.results.map(async (r) => {
              const ok = r.docs[0] && 'ok' in r.docs[0] ? r.docs[0].ok : undefined;
              return { rev: ok?._rev ?? '', doc: ok ? await open(d._id, ok) : undefined };
            }),
          );
          const versions = [winner, ...losers.map((l) => l.doc)].filter((x): x is SyncDoc => !!x && x.t === (winner ?? x).t);
          report.refused += 1 + losers.length - versions.length;
          for (const l of losers) if (l.rev) writes.push({ _id: d._id, _rev: l.rev, _deleted: true });
          if (versions.length === 0) return;
          const merged = mergeDocs(versions);
          if (!winner || !sameDoc(merged, winner)) writes.push({ _id: d._id, _rev: d._rev, ...(await encryptBody(keys, d._id, JSON.stringify(merged))) });
          if (merged.t === 'settings') settingsDocs.push(merged);
          else docs.push(merged);
        }),
      );
      if (writes.length > 0) await local.bulkDocs(writes);
      await applyOpened(docs, settingsDocs, report, state);
      state = await writeState({ ...(await readState()), appliedSeq: changes.last_seq });
    }
  }

  /** Decrypts documents that have no conflicts and applies them to Kith's database (and the settings). */
  async function applyPlain(raw: readonly PouchDoc[], report: RunReport, state: EngineState, deferSummaries = false): Promise<void> {
    const docs: SyncDoc[] = [];
    const settingsDocs: SyncDoc[] = [];
    await timed('apply:open', () =>
      inChunks(raw, CRYPTO_CHUNK / 5, async (d) => {
        if (d._deleted || d._id === META_DOC_ID || d._id.startsWith('_')) return;
        const doc = await open(d._id, d);
        if (!doc) report.refused++;
        else if (doc.t === 'settings') settingsDocs.push(doc);
        else docs.push(doc);
      }),
    );
    await applyOpened(docs, settingsDocs, report, state, deferSummaries);
  }

  /** Decrypted, checked documents into Kith's database (rows) and the settings; counted in `report`. */
  async function applyOpened(docs: SyncDoc[], settingsDocs: SyncDoc[], report: RunReport, state: EngineState, deferSummaries = false): Promise<void> {
    if (docs.length > 0) {
      const r = await timed('apply:write', async () =>
        applySyncDocs(db, docs, await deps.context(), { inStep: state.scan ? inStep : undefined, deferSummaries }),
      );
      report.applied += r.applied;
      report.refused += r.refused;
    }
    if (settingsDocs.length > 0 && deps.settings) await applySettings(settingsDocs, state);
  }

  /** The replica's last seq (0 while empty). */
  async function replicaSeq(): Promise<number | string> {
    return ((await local.info()) as { update_seq?: number | string }).update_seq ?? 0;
  }

  /**
   * The pull into an empty replica (a joining device's first run, the whole server): each
   * batch the replication writes into the replica is applied to Kith's database as it is
   * written, instead of being read back from the replica's changes afterwards. The
   * replication writes through a view of the replica that hands this its documents and
   * holds the next batch while 2 × BATCH are waiting to be applied (memory stays bounded).
   *
   * With an empty replica each document arrives with one revision and no conflict. A
   * document seen twice (a conflict on the server, or changed during the pull) is left to
   * the apply from the replica, and so is everything after a failure: the applied seq
   * moves to the replica's end only when every document written was applied here.
   *
   * People's summaries are left for one pass at the end (`refreshDeferredSummaries`,
   * run by `run`): a person's touches come a batch at a time, and recomputing the
   * person at each batch rewrote them (and their reach bucket) as many times.
   */
  async function pullIntoEmpty(report: RunReport, state: EngineState): Promise<unknown> {
    const seen = new Set<string>();
    let complete = true;
    let failure: unknown;
    /** Written, not applied yet; one consumer applies what is waiting, up to 2 × BATCH at a time. */
    const queue: PouchDoc[] = [];
    let consumer: Promise<void> | undefined;
    const drain = async () => {
      while (queue.length > 0 && failure === undefined) {
        try {
          await applyPlain(queue.splice(0, 2 * BATCH), report, state, true);
        } catch (err) {
          failure ??= err;
        }
      }
      consumer = undefined;
    };
    const writeThrough = async (req: object[] | { docs: PouchDoc[] }, opts?: { new_edits?: boolean }): Promise<WriteResult[]> => {
      while (queue.length >= 2 * BATCH && failure === undefined) await consumer;
      if (failure !== undefined) throw failure;
      const res = await local.bulkDocs(req as object[], opts);
      const docs = (Array.isArray(req) ? req : req.docs) as PouchDoc[];
      const refused = new Set(res.filter((r) => r.error).map((r) => r.id));
      for (const d of docs) {
        if (refused.has(d._id)) {
          complete = false;
          continue;
        }
        if (seen.has(d._id)) complete = false;
        else queue.push(d);
        seen.add(d._id);
      }
      consumer ??= drain();
      return res;
    };
    const target = new Proxy(local, {
      get(t, key) {
        if (key === 'bulkDocs') return writeThrough;
        const v: unknown = Reflect.get(t, key);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(t) : v;
      },
    });
    let result: unknown;
    try {
      result = await remote.replicate.to(target, REPLICATION);
    } finally {
      await consumer;
    }
    if (failure !== undefined) throw failure;
    if (complete) await writeState({ ...(await readState()), appliedSeq: await replicaSeq() });
    return result;
  }

  async function finishDeferredSummaries(): Promise<void> {
    await timed('summaries', () => refreshDeferredSummaries(db, deps.context));
  }

  async function applySettings(versions: SyncDoc[], state: EngineState): Promise<void> {
    const current = await deps.settings!.get();
    const row = settingsToSyncRow(current);
    const incoming = mergeDocs(versions);
    const merged = state.settingsPending ? mergeDocs([incoming, localVersion('settings', incoming, row, state.settingsPending)]) : incoming;
    if (stable(merged.r) !== stable(row)) await deps.settings!.set(settingsFromSyncRow(merged.r, current));
  }

  function statsOf(res: unknown): number {
    const r = res as { docs_written?: number; doc_write_failures?: number; errors?: unknown[] };
    if ((r.doc_write_failures ?? 0) > 0) {
      const first = r.errors?.[0];
      throw first instanceof Error || (first && typeof first === 'object') ? first : new Error('doc write failures');
    }
    return r.docs_written ?? 0;
  }

  return {
    /** Start the full push of every row (turn-on). `settingsPending`: this device's settings fields with their clocks. */
    async startFullPush(settingsPending?: Clocks): Promise<void> {
      const state = await readState();
      await writeState({ ...state, scan: { table: 'people', after: '', by: 'whole' }, ...(settingsPending ? { settingsPending } : {}) });
    },
    /**
     * One run: pull, apply, push, send. Each pair overlaps: what has arrived is applied
     * while the pull goes on, and what is pushed is sent while the push goes on (the
     * server's work and this device's then run side by side); each ends with a last
     * pass once its partner is done.
     */
    async run(): Promise<RunReport> {
      const report: RunReport = { pulled: 0, pushed: 0, applied: 0, refused: 0, conflicts: 0 };
      const state = await readState();
      // Summaries a joining pull left for later, when its run stopped before recomputing them.
      await finishDeferredSummaries();
      if (String(state.appliedSeq) === '0' && String(await replicaSeq()) === '0') {
        let pulled: unknown;
        try {
          pulled = await timed('pull', () => pullIntoEmpty(report, state));
        } catch (err) {
          // What was applied before the failure gets its summaries now, not at the next run.
          await finishDeferredSummaries().catch(() => undefined);
          throw err;
        }
        await finishDeferredSummaries();
        report.pulled = statsOf(pulled);
        // Whatever the pull could not apply as it came (or all of it, after a failure) is applied from the replica.
        await timed('apply', () => apply(report));
      } else {
        report.pulled = statsOf(
          await alongside(
            timed('pull', () => local.replicate.from(remote, REPLICATION)),
            () => timed('apply', () => apply(report)),
          ),
        );
      }
      const appliedBefore = (await readState()).appliedSeq;
      const replicaBefore = await replicaSeq();
      notOwn = 0;
      report.pushed = await alongside(timed('push', push), async () => {
        if (direct === 0 && !fullPush) statsOf(await timed('send', () => local.replicate.to(remote, REPLICATION)));
      });
      if (notOwn === 0 && String(appliedBefore) === String(replicaBefore)) {
        // Everything past the applied seq is what this push wrote, each row as it is here: nothing to read back.
        const end = await replicaSeq();
        if (String(end) !== String(appliedBefore)) await writeState({ ...(await readState()), appliedSeq: end });
        own.clear();
      } else {
        // Documents written by this run (pushed rows, resolved conflicts) are in the replica past the applied seq: mark them applied.
        await timed('apply', () => apply(report));
      }
      return report;
    },
  };
}

export type SyncEngine = ReturnType<typeof createEngine>;
