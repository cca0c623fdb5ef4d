/**
 * The reach buckets: what the "reach out today" list reads, derived from the
 * people table and grouped by 30-day stretches (on a fixed UTC grid), a row or a
 * few per stretch:
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
 * How a write stays cheap: a write rewrites the rows it touches, so no row may
 * grow large (a thousand people added the same day and given a circle share one
 * stretch). A stretch starts as one row, keyed `[stretch, '']`; a row that grows
 * past its family's `limit` is split in two by the next bit of a hash of each
 * person's id (`[stretch, '0']`, `[stretch, '1']`, then `'00'`...). A person is
 * always in the row of their stretch whose key is the longest prefix of their
 * hash's bits; empty rows are deleted.
 *
 * No Dexie import at run time (types only): the pure helpers are used by the
 * tests, the e2e seeder and the benchmark.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { Person } from '@/lib/model/types';
import { hash32 } from '@/lib/relationship/hash';

/** 30 days: overdue people spread over years fit in a few dozen rows. */
export const BUCKET_MS = 30 * 86_400_000;

export function bucketOf(at: number): number {
  return Math.floor(at / BUCKET_MS);
}

/** `[bucketOf(time), prefix of the id hash's bits]` */
export type BucketKey = [number, string];

export interface DueBucket {
  /** `[bucketOf(summary.dueAt), bits]` */
  key: BucketKey;
  /** Copies of the people rows, as stored. */
  people: Person[];
}

export interface RekindleEntry {
  id: string;
  /** `summary.rekindleAt` */
  at: number;
}

export interface RekindleBucket {
  /** `[bucketOf(summary.rekindleAt), bits]` */
  key: BucketKey;
  people: RekindleEntry[];
}

/** Not archived, deleted or merged (as the list's own `live` in queries.ts). */
function live(p: Person): boolean {
  return !p.deletedAt && !p.mergedInto && p.archived === 0;
}

function finite(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

/** The 32 bits of a hash of the id (the rekindle ring's), as a string of '0' and '1'. */
export function idBits(id: string): string {
  return hash32(id).toString(2).padStart(32, '0');
}

/** The longest of `prefixes` that starts `bits`; undefined if none does. */
function homeOf(prefixes: Iterable<string>, bits: string): string | undefined {
  let best: string | undefined;
  for (const p of prefixes) if (bits.startsWith(p) && (best === undefined || p.length > best.length)) best = p;
  return best;
}

/** `list` as one row, or split by the next bits of the ids' hashes until each part holds at most `limit`. */
function splitToFit<E extends { id: string }>(prefix: string, list: E[], limit: number, out: Map<string, E[]>): void {
  if (list.length <= limit || prefix.length >= 32) {
    out.set(prefix, list);
    return;
  }
  const zero: E[] = [];
  const one: E[] = [];
  for (const e of list) (idBits(e.id)[prefix.length] === '0' ? zero : one).push(e);
  // An entry's home is its longest matching row, so no existing longer row can be one of these halves.
  if (zero.length > 0) splitToFit(prefix + '0', zero, limit, out);
  if (one.length > 0) splitToFit(prefix + '1', one, limit, out);
}

/**
 * One stretch's rows after a change. `rows` holds every prefix the stretch has,
 * with the entries of those the change touches (the homes of `drop` and `add`;
 * the others may be `undefined`); `drop` are the ids leaving, `add` the entries
 * arriving. Returns the rows to write (whole) and the prefixes to delete.
 */
export function restretch<E extends { id: string }>(
  rows: ReadonlyMap<string, E[] | undefined>,
  drop: ReadonlySet<string>,
  add: readonly E[],
  limit: number,
): { put: Map<string, E[]>; gone: string[] } {
  const prefixes = [...rows.keys()];
  const work = new Map<string, E[]>();
  const touch = (prefix: string): E[] => {
    let list = work.get(prefix);
    if (!list) work.set(prefix, (list = (rows.get(prefix) ?? []).filter((e) => !drop.has(e.id))));
    return list;
  };
  for (const id of drop) {
    const home = homeOf(prefixes, idBits(id));
    if (home !== undefined) touch(home);
  }
  for (const e of add) {
    let home = homeOf(prefixes, idBits(e.id));
    // No row matches: the stretch's root row (it matches every id, and loses to any longer one).
    if (home === undefined) prefixes.push((home = ''));
    touch(home).push(e);
  }
  const put = new Map<string, E[]>();
  for (const [prefix, list] of work) if (list.length > 0) splitToFit(prefix, list, limit, put);
  const gone = [...work.keys()].filter((prefix) => rows.has(prefix) && !put.has(prefix));
  return { put, gone };
}

interface Family<E extends { id: string }> {
  store: string;
  /** The stretch a stored person row belongs in; undefined = none. */
  bucket(p: Person): number | undefined;
  entry(p: Person): E;
  /** Entries a row may hold before it is split. */
  limit: number;
}

const DUE: Family<Person> = {
  store: 'dueBuckets',
  limit: 128,
  bucket: (p) => (live(p) && finite(p.summary?.dueAt) ? bucketOf(p.summary.dueAt) : undefined),
  // A copy now: the caller's object could still change before the bucket is written.
  entry: (p) => structuredClone(p),
};

const REKINDLE: Family<RekindleEntry> = {
  store: 'rekindleBuckets',
  // Entries of an id and a number: a row of a thousand is still small.
  limit: 1024,
  bucket: (p) => (live(p) && finite(p.summary?.rekindleAt) ? bucketOf(p.summary.rekindleAt) : undefined),
  entry: (p) => ({ id: p.id, at: p.summary.rekindleAt! }),
};

const FAMILIES: readonly Family<{ id: string }>[] = [DUE, REKINDLE];
export const BUCKET_STORES = FAMILIES.map((f) => f.store);
/** Entries a row may hold, per store (for the tests). */
export const BUCKET_LIMITS: Readonly<Record<string, number>> = Object.fromEntries(FAMILIES.map((f) => [f.store, f.limit]));

/** The due bucket a stored person row belongs in; undefined = none (never due, archived, deleted or merged). */
export function dueBucketOfPerson(p: Person | undefined): number | undefined {
  return p ? DUE.bucket(p) : undefined;
}

/** The rekindle bucket a stored person row belongs in; undefined = none. */
export function rekindleBucketOfPerson(p: Person | undefined): number | undefined {
  return p ? REKINDLE.bucket(p) : undefined;
}

function fromScratch<E extends { id: string }>(family: Family<E>, people: Iterable<Person>): { key: BucketKey; people: E[] }[] {
  const byStretch = new Map<number, E[]>();
  for (const p of people) {
    const t = family.bucket(p);
    if (t === undefined) continue;
    (byStretch.get(t) ?? byStretch.set(t, []).get(t)!).push(family.entry(p));
  }
  const out: { key: BucketKey; people: E[] }[] = [];
  for (const [t, list] of [...byStretch].sort((a, b) => a[0] - b[0])) {
    const rows = new Map<string, E[]>();
    splitToFit('', list, family.limit, rows);
    for (const [prefix, entries] of [...rows].sort((a, b) => (a[0] < b[0] ? -1 : 1))) out.push({ key: [t, prefix], people: entries });
  }
  return out;
}

/** The key range of every row of the stretches up to `t`, for a query. */
export function upToStretch(t: number): BucketKey {
  return [t, '\uffff'];
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
async function moveIn<E extends { id: string }>(
  core: DBCore,
  trans: DBCoreTransaction,
  family: Family<E>,
  was: Map<string, Person | undefined>,
  now: Map<string, Person | undefined>,
): Promise<void> {
  // Per stretch: the ids leaving it, the entries arriving.
  const changes = new Map<number, { drop: Set<string>; add: E[] }>();
  const at = (t: number) => changes.get(t) ?? changes.set(t, { drop: new Set(), add: [] }).get(t)!;
  for (const [id, next] of now) {
    const prev = was.get(id);
    const from = prev ? family.bucket(prev) : undefined;
    const to = next ? family.bucket(next) : undefined;
    if (from !== undefined) at(from).drop.add(id);
    if (to !== undefined) {
      at(to).drop.add(id);
      at(to).add.push(family.entry(next!));
    }
  }
  if (changes.size === 0) return;
  const table = core.table(family.store);
  const stretches = [...changes.keys()];
  // The rows each stretch has (keys only), then the entries of the ones the change touches.
  const prefixesOf = await Promise.all(
    stretches.map(async (t) => {
      const found = await table.query({
        trans,
        values: false,
        query: { index: table.schema.primaryKey, range: { type: 2 /* Range */, lower: [t, ''], upper: upToStretch(t), lowerOpen: false, upperOpen: false } },
      });
      return (found.result as BucketKey[]).map((k) => k[1]);
    }),
  );
  const needed: BucketKey[] = [];
  stretches.forEach((t, i) => {
    const { drop, add } = changes.get(t)!;
    const homes = new Set<string>();
    for (const id of [...drop, ...add.map((e) => e.id)]) {
      const home = homeOf(prefixesOf[i]!, idBits(id));
      if (home !== undefined) homes.add(home);
    }
    for (const home of homes) needed.push([t, home]);
  });
  const loaded = (await table.getMany({ trans, keys: needed })) as ({ key: BucketKey; people: E[] } | undefined)[];
  const entries = new Map<string, E[]>();
  loaded.forEach((row, i) => row && entries.set(JSON.stringify(needed[i]), row.people));
  const puts: { key: BucketKey; people: E[] }[] = [];
  const deletes: BucketKey[] = [];
  stretches.forEach((t, i) => {
    const rows = new Map<string, E[] | undefined>(prefixesOf[i]!.map((prefix) => [prefix, entries.get(JSON.stringify([t, prefix]))]));
    const { drop, add } = changes.get(t)!;
    const { put, gone } = restretch(rows, drop, add, family.limit);
    for (const [prefix, list] of put) puts.push({ key: [t, prefix], people: list });
    for (const prefix of gone) deletes.push([t, prefix]);
  });
  if (deletes.length > 0) check(await table.mutate({ type: 'delete', trans, keys: deletes }));
  if (puts.length > 0) check(await table.mutate({ type: 'put', trans, values: puts }));
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
