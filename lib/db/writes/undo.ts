/**
 * Undo for any write operation: run it `withUndo`, and `applyUndo` puts back
 * exactly the rows it changed, or refuses when one of them changed since.
 * Part of the write module: see `./index.ts`; the design is in docs/undo.md.
 *
 * - `withUndo(db, fn)` runs `fn` (any operation of this module, or several) in
 *   one transaction whose writes are logged (`./undo-log.ts`): each row of
 *   people, profiles, touches, notes, meta and the reach buckets, as it was
 *   before its first change and as the operation left it. The record is plain
 *   data (structured-clonable), so a page keeps it in memory and the background
 *   in session storage.
 * - `applyUndo(db, record)` is one write: if every row of the user's data is
 *   still as the operation left it, each goes back to its before-image (a row
 *   that did not exist is deleted). Summaries come back with their rows, and the
 *   reach buckets follow the people rows through their middleware. When the
 *   bucket rows too are as the operation left them, they are put back byte for
 *   byte (the middleware's own rewrite would hold the same people in another
 *   order). Otherwise it throws `UndoConflict`: a later edit is never silently
 *   reverted.
 */
import Dexie from 'dexie';
import type { KithDB } from '@/lib/db/db';
import { startUndoLog, stopUndoLog, UNDO_TABLES, type RowImage, type UndoTable } from './undo-log';
import { newId, writeTx } from './tx';

export interface UndoRow extends RowImage {
  /** The row as the operation left it; undefined: the operation deleted it. */
  after: unknown;
}

/** What an undo needs: plain data, kept by whoever showed the "Undo". */
export interface UndoRecord {
  id: string;
  /** When the operation ran (the caller's clock). */
  at: number;
  rows: UndoRow[];
}

/** A row the operation changed has changed again since: the undo would revert that later edit. */
export class UndoConflict extends Error {
  constructor() {
    super('undo-conflict');
    this.name = 'UndoConflict';
  }
}

const BUCKETS: ReadonlySet<UndoTable> = new Set(['dueBuckets', 'rekindleBuckets']);

/** The transaction this code runs in, as the middleware sees it. */
function currentTrans(): object {
  const trans = Dexie.currentTransaction as unknown as { idbtrans?: object } | null;
  if (!trans?.idbtrans) throw new Error('undo: not in a transaction');
  return trans.idbtrans;
}

async function readRows(db: KithDB, rows: readonly { table: UndoTable; key: RowImage['key'] }[]): Promise<unknown[]> {
  const out: unknown[] = new Array(rows.length);
  const byTable = new Map<UndoTable, number[]>();
  rows.forEach((r, i) => (byTable.get(r.table) ?? byTable.set(r.table, []).get(r.table)!).push(i));
  await Promise.all(
    [...byTable].map(async ([table, idx]) => {
      const found = await db.table(table).bulkGet(idx.map((i) => rows[i]!.key));
      idx.forEach((i, j) => (out[i] = found[j]));
    }),
  );
  return out;
}

/** Puts each row back as `value` says (undefined: no row). Deletes first, so a unique key freed by one can be taken by another. */
async function putRows(db: KithDB, rows: readonly { table: UndoTable; key: RowImage['key']; value: unknown }[]): Promise<void> {
  for (const table of UNDO_TABLES) {
    const mine = rows.filter((r) => r.table === table);
    const gone = mine.filter((r) => r.value === undefined).map((r) => r.key);
    if (gone.length > 0) await db.table(table).bulkDelete(gone);
  }
  for (const table of UNDO_TABLES) {
    const back = rows.filter((r) => r.table === table && r.value !== undefined).map((r) => r.value);
    // One write per table: for people, one pass of the reach buckets' middleware.
    if (back.length > 0) await db.table(table).bulkPut(back);
  }
}

/** Structural equality of two stored rows (key order aside). */
export function sameRow(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => sameRow(x, bb[i]));
  }
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(rb, k) && sameRow((a as Record<string, unknown>)[k], rb[k]));
}

/**
 * Run `fn` (one or more operations of this module) in one transaction, and
 * return its result with what an undo needs. Call at the top, not inside
 * another write: the transaction spans every table an undo can put back.
 */
export async function withUndo<T>(db: KithDB, fn: () => Promise<T>, at = Date.now()): Promise<{ result: T; undo: UndoRecord }> {
  return writeTx(db, UNDO_TABLES, async () => {
    const trans = currentTrans();
    const log = startUndoLog(trans);
    try {
      const result = await fn();
      const images = await log.images();
      const after = await readRows(db, images);
      return { result, undo: { id: newId(), at, rows: images.map((r, i) => ({ ...r, after: after[i] })) } };
    } finally {
      stopUndoLog(trans);
    }
  });
}

/** Did the operation change anything? (A Done on someone deleted meanwhile did not.) */
export function undoChangesSomething(record: UndoRecord): boolean {
  return record.rows.some((r) => !sameRow(r.before, r.after));
}

/** Put back what the operation changed, in one write; `UndoConflict` if any of it changed since. */
export async function applyUndo(db: KithDB, record: UndoRecord): Promise<void> {
  await writeTx(db, UNDO_TABLES, async () => {
    const data = record.rows.filter((r) => !BUCKETS.has(r.table));
    const buckets = record.rows.filter((r) => BUCKETS.has(r.table));
    const [dataNow, bucketsNow] = await Promise.all([readRows(db, data), readRows(db, buckets)]);
    if (dataNow.some((v, i) => !sameRow(v, data[i]!.after))) throw new UndoConflict();
    const bucketsIntact = bucketsNow.every((v, i) => sameRow(v, buckets[i]!.after));
    const trans = currentTrans();
    const log = startUndoLog(trans);
    try {
      await putRows(
        db,
        data.map((r) => ({ table: r.table, key: r.key, value: r.before })),
      );
      if (!bucketsIntact) return;
      // The buckets as they were: the operation's before-images, and any other
      // bucket row this undo's own people writes touched goes back to how it was
      // when the undo started (the operation had not touched it).
      const target = new Map<string, { table: UndoTable; key: RowImage['key']; value: unknown }>();
      for (const r of await log.images()) {
        if (BUCKETS.has(r.table)) target.set(`${r.table}:${JSON.stringify(r.key)}`, { table: r.table, key: r.key, value: r.before });
      }
      for (const r of buckets) target.set(`${r.table}:${JSON.stringify(r.key)}`, { table: r.table, key: r.key, value: r.before });
      await putRows(db, [...target.values()]);
    } finally {
      stopUndoLog(trans);
    }
  });
}
