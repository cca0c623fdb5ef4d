/**
 * The before-images an undo needs, recorded by a DBCore middleware: while a
 * transaction has an `UndoLog` (`startUndoLog`, only for an operation run "with
 * undo", see `lib/db/writes/undo.ts`), every write it makes to one of
 * `UNDO_TABLES` first reads the rows it is about to change, once per row. Any
 * other transaction passes through untouched.
 *
 * Why a middleware rather than each operation listing what it changes: a Done is
 * a touch, the end of a snooze, kept promises, a stamp and a summary, spread over
 * nested operations; a merge moves every row of a person. A list kept by hand
 * would miss the next field someone adds; the middleware sees every write,
 * including the reach buckets' own (it sits under that middleware), so an undo
 * can put those back exactly too.
 *
 * No Dexie import at run time (types only).
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';

/** The tables an undo puts back: the user's data, Kith's meta rows, and the reach buckets derived from people. */
export const UNDO_TABLES = ['people', 'profiles', 'touches', 'notes', 'meta', 'dueBuckets', 'rekindleBuckets'] as const;
export type UndoTable = (typeof UNDO_TABLES)[number];

/** One row as it was before the operation; `before` undefined: there was no row. */
export interface RowImage {
  table: UndoTable;
  key: string | [number, string];
  before: unknown;
}

type Key = RowImage['key'];

/** The rows one transaction changed, each read once, before its first change. */
export class UndoLog {
  private readonly rows = new Map<string, { table: UndoTable; key: Key; before: Promise<unknown> }>();

  /** Called by the middleware: returns the keys not seen yet and marks them seen. */
  claim(table: UndoTable, keys: readonly Key[]): Key[] {
    const fresh: Key[] = [];
    for (const key of keys) {
      const id = `${table}\u0000${JSON.stringify(key)}`;
      if (this.rows.has(id) || fresh.some((k) => JSON.stringify(k) === JSON.stringify(key))) continue;
      fresh.push(key);
    }
    return fresh;
  }

  remember(table: UndoTable, key: Key, before: Promise<unknown>): void {
    this.rows.set(`${table}\u0000${JSON.stringify(key)}`, { table, key, before });
  }

  /** Every row changed so far, as it was before. */
  async images(): Promise<RowImage[]> {
    const out: RowImage[] = [];
    for (const r of this.rows.values()) out.push({ table: r.table, key: r.key, before: await r.before });
    return out;
  }
}

const logs = new WeakMap<object, UndoLog>();

/** Record the before-images of what `trans` (a Dexie transaction's `idbtrans`) writes from now on. */
export function startUndoLog(trans: object): UndoLog {
  const log = new UndoLog();
  logs.set(trans, log);
  return log;
}

export function stopUndoLog(trans: object): void {
  logs.delete(trans);
}

function isUndoTable(name: string): name is UndoTable {
  return (UNDO_TABLES as readonly string[]).includes(name);
}

async function recordThenMutate(table: DBCoreTable, name: UndoTable, log: UndoLog, req: DBCoreMutateRequest) {
  const { trans } = req;
  const keyOf = (v: unknown) => table.schema.primaryKey.extractKey!(v) as Key;
  let keys: Key[];
  if (req.type === 'add' || req.type === 'put') keys = req.keys ?? req.values.map(keyOf);
  else if (req.type === 'delete') keys = req.keys;
  else keys = (await table.query({ trans, values: false, query: { index: table.schema.primaryKey, range: req.range } })).result as Key[];
  const fresh = log.claim(name, keys);
  if (fresh.length > 0) {
    // Issued before the write, in the same transaction: IndexedDB answers it with the rows as they were.
    const before = table.getMany({ trans, keys: fresh });
    fresh.forEach((key, i) =>
      log.remember(
        name,
        key,
        before.then((rows) => rows[i]),
      ),
    );
  }
  return table.mutate(req);
}

/**
 * Registered by `createDb`. Level 1: under the reach buckets' middleware (1.5),
 * so it sees their writes too; over Dexie's observability layer (0).
 */
export const undoLogMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'KithUndoLog',
  level: 1,
  create(down) {
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        if (!isUndoTable(name)) return table;
        return {
          ...table,
          mutate: (req) => {
            const log = logs.get(req.trans);
            return log ? recordThenMutate(table, name, log, req) : table.mutate(req);
          },
        };
      },
    };
  },
};
