/**
 * The reach buckets: what the "reach out today" list reads, derived from the
 * people table and grouped by 30-day stretches (on a fixed UTC grid), one row per
 * stretch:
 * - `dueBuckets`: a copy of every live person who has a `summary.dueAt`, by the
 *   stretch that `dueAt` falls in;
 * - `rekindleBuckets`: the id of every live rekindle candidate, by the stretch
 *   its `summary.rekindleAt` falls in.
 *
 * Why: the list needs every person due by tonight (about 650 of 30,000 in the
 * benchmark) and every rekindle candidate's id (about 550). Read as people rows
 * and index keys, that is 1,200 IndexedDB values, and each costs 8-18 µs in
 * Chromium whatever its size: 15-20 ms before any of Kith's own work. The same
 * read as a few dozen bucket rows costs well under half of that (`bench/`).
 *
 * How they stay right: a DBCore middleware wraps every write to `people`, in the
 * same IndexedDB transaction, so no write path can forget them and a failed write
 * leaves both unchanged. A row's bucket depends only on its own fields, never on
 * the clock: time passing moves nothing.
 *
 * No Dexie import at run time (types only): the pure helpers are used by the
 * tests, the e2e seeder and the benchmark.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { Person } from '../model/types';

/** 30 days: overdue people spread over years fit in a few dozen rows, and a write rewrites about one month of them. */
export const BUCKET_MS = 30 * 86_400_000;

export function bucketOf(at: number): number {
  return Math.floor(at / BUCKET_MS);
}

export interface DueBucket {
  /** `bucketOf(summary.dueAt)` */
  key: number;
  /** Copies of the people rows, as stored. */
  people: Person[];
}

export interface RekindleEntry {
  id: string;
  /** `summary.rekindleAt` */
  at: number;
}

export interface RekindleBucket {
  /** `bucketOf(summary.rekindleAt)` */
  key: number;
  people: RekindleEntry[];
}

/** Not archived, deleted or merged (as the list's own `live`). */
function live(p: Person): boolean {
  return p.deletedAt === undefined && p.mergedInto === undefined && p.archived === 0;
}

function finite(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

interface Family<E extends { id: string }> {
  store: string;
  /** The bucket a stored person row belongs in; undefined = none. */
  bucket(p: Person): number | undefined;
  entry(p: Person): E;
}

const DUE: Family<Person> = {
  store: 'dueBuckets',
  bucket: (p) => (live(p) && finite(p.summary?.dueAt) ? bucketOf(p.summary.dueAt) : undefined),
  // A copy now: the caller's object could still change before the bucket is written.
  entry: (p) => structuredClone(p),
};

const REKINDLE: Family<RekindleEntry> = {
  store: 'rekindleBuckets',
  bucket: (p) => (live(p) && finite(p.summary?.rekindleAt) ? bucketOf(p.summary.rekindleAt) : undefined),
  entry: (p) => ({ id: p.id, at: p.summary.rekindleAt! }),
};

const FAMILIES: readonly Family<{ id: string }>[] = [DUE, REKINDLE];
export const BUCKET_STORES = FAMILIES.map((f) => f.store);

/** The due bucket a stored person row belongs in; undefined = none (never due, archived, deleted or merged). */
export function dueBucketOfPerson(p: Person | undefined): number | undefined {
  return p ? DUE.bucket(p) : undefined;
}

/** The rekindle bucket a stored person row belongs in; undefined = none. */
export function rekindleBucketOfPerson(p: Person | undefined): number | undefined {
  return p ? REKINDLE.bucket(p) : undefined;
}

function fromScratch<E extends { id: string }>(family: Family<E>, people: Iterable<Person>): { key: number; people: E[] }[] {
  const byKey = new Map<number, E[]>();
  for (const p of people) {
    const key = family.bucket(p);
    if (key === undefined) continue;
    const list = byKey.get(key);
    if (list) list.push(family.entry(p));
    else byKey.set(key, [family.entry(p)]);
  }
  return [...byKey].sort((a, b) => a[0] - b[0]).map(([key, list]) => ({ key, people: list }));
}

/** Both kinds of buckets made from scratch from people rows (the schema upgrade, the seeders, the tests' oracle). */
export function bucketsFromPeople(people: readonly Person[]): { dueBuckets: DueBucket[]; rekindleBuckets: RekindleBucket[] } {
  return { dueBuckets: fromScratch(DUE, people), rekindleBuckets: fromScratch(REKINDLE, people) };
}

/** The people in these due buckets who are due by `until`. */
export function dueFromBuckets(rows: readonly DueBucket[], until: number): Person[] {
  const out: Person[] = [];
  for (const row of rows) for (const p of row.people) if (p.summary.dueAt !== undefined && p.summary.dueAt <= until) out.push(p);
  return out;
}

/** The ids in these rekindle buckets that are candidates by `until`. */
export function rekindleIdsFromBuckets(rows: readonly RekindleBucket[], until: number): string[] {
  const out: string[] = [];
  for (const row of rows) for (const e of row.people) if (e.at <= until) out.push(e.id);
  return out;
}

function hasBuckets(trans: DBCoreTransaction): boolean {
  const names = (trans as Partial<IDBTransaction>).objectStoreNames;
  return !!names && BUCKET_STORES.every((s) => names.contains(s));
}

function check(res: DBCoreMutateResponse): void {
  if (res.numFailures) throw Object.values(res.failures)[0] ?? new Error('reach buckets: write failed');
}

/** Move the people whose rows changed (`was` → `now`, per id) between one family's buckets. */
async function moveIn<E extends { id: string }>(core: DBCore, trans: DBCoreTransaction, family: Family<E>, was: Map<string, Person | undefined>, now: Map<string, Person | undefined>): Promise<void> {
  const drop = new Map<number, Set<string>>();
  const put = new Map<number, E[]>();
  const dropIn = (key: number, id: string) => (drop.get(key) ?? drop.set(key, new Set()).get(key)!).add(id);
  for (const [id, next] of now) {
    const prev = was.get(id);
    const from = prev ? family.bucket(prev) : undefined;
    const to = next ? family.bucket(next) : undefined;
    if (from !== undefined) dropIn(from, id);
    if (to !== undefined) {
      dropIn(to, id);
      (put.get(to) ?? put.set(to, []).get(to)!).push(family.entry(next!));
    }
  }
  if (drop.size === 0) return;
  const table = core.table(family.store);
  const keys = [...drop.keys()];
  const rows = (await table.getMany({ trans, keys })) as ({ key: number; people: E[] } | undefined)[];
  const puts: { key: number; people: E[] }[] = [];
  const deletes: number[] = [];
  keys.forEach((key, i) => {
    const gone = drop.get(key)!;
    const list = (rows[i]?.people ?? []).filter((e) => !gone.has(e.id)).concat(put.get(key) ?? []);
    if (list.length > 0) puts.push({ key, people: list });
    else if (rows[i]) deletes.push(key);
  });
  if (puts.length > 0) check(await table.mutate({ type: 'put', trans, values: puts }));
  if (deletes.length > 0) check(await table.mutate({ type: 'delete', trans, keys: deletes }));
}

/**
 * One write to `people`, and the same change to the buckets. The rows as they
 * were are read first (a request issued before the write, in the same
 * transaction), then the write, then only the buckets it touches.
 */
async function mutatePeople(core: DBCore, people: DBCoreTable, req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
  const { trans } = req;
  if (!hasBuckets(trans)) return people.mutate(req);
  const keyOf = (v: unknown) => people.schema.primaryKey.extractKey!(v) as string;
  let keys: string[];
  let before: Promise<(Person | undefined)[]>;
  if (req.type === 'add') {
    keys = req.keys ?? req.values.map(keyOf);
    before = Promise.resolve(keys.map(() => undefined));
  } else if (req.type === 'put') {
    keys = req.keys ?? req.values.map(keyOf);
    before = people.getMany({ trans, keys });
  } else if (req.type === 'delete') {
    keys = req.keys;
    before = people.getMany({ trans, keys });
  } else {
    // deleteRange: `clear()` (every row) empties the buckets too; any other range is read first.
    if (req.range.type === 3 /* Any */) {
      const res = await people.mutate(req);
      for (const store of BUCKET_STORES) check(await core.table(store).mutate({ type: 'deleteRange', trans, range: req.range }));
      return res;
    }
    const rows = (await people.query({ trans, values: true, query: { index: people.schema.primaryKey, range: req.range } })).result as Person[];
    keys = rows.map(keyOf);
    before = Promise.resolve(rows);
  }
  const [old, res] = await Promise.all([before, people.mutate(req)]);

  // Per id: the row before this write, and after it (a later value for the same id wins).
  const was = new Map<string, Person | undefined>();
  const now = new Map<string, Person | undefined>();
  keys.forEach((id, i) => {
    if (res.failures[i]) return;
    if (!was.has(id)) was.set(id, old[i]);
    now.set(id, req.type === 'add' || req.type === 'put' ? (req.values[i] as Person) : undefined);
  });
  await Promise.all(FAMILIES.map((family) => moveIn(core, trans, family, was, now)));
  return res;
}

/**
 * Registered by `createDb`. Level 1.5: under Dexie's hooks (2), so it sees the
 * values as written; over its observability layer (0), so live queries that read
 * the buckets hear of these writes.
 */
export const reachBucketsMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'KithReachBuckets',
  level: 1.5,
  create(down) {
    const exists = BUCKET_STORES.every((s) => down.schema.tables.some((t) => t.name === s));
    return {
      transaction(stores, mode, options) {
        // Every transaction that may write people may write the buckets too.
        const more = exists && mode === 'readwrite' && stores.includes('people');
        return down.transaction(more ? [...new Set([...stores, ...BUCKET_STORES])] : stores, mode, options);
      },
      table(name) {
        const table = down.table(name);
        if (name !== 'people') return table;
        return { ...table, mutate: (req) => mutatePeople(down, table, req) };
      },
    };
  },
};
