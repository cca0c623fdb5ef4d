/**
 * What one synced document holds once decrypted, and Kith's merge of two or
 * more versions of it. Pure: no PouchDB, no Dexie, no WebCrypto.
 *
 * A document is `{ t, r, c }`: the table, the row as synced (derived fields
 * stripped), and a clock per field: when that field was last changed, in the
 * writing device's epoch milliseconds. Every top-level key of the row except
 * `id` is a field (the mutes row's fields are `p:<personId>`), and a field that
 * was removed keeps its clock with no value.
 *
 * The merge is a join: per field, the value with the larger clock wins; equal
 * clocks are broken by the value's canonical JSON (larger wins), so every device
 * picks the same value whatever order versions arrive in. It is commutative,
 * associative and idempotent, so replicas that have seen the same versions hold
 * the same document. Two rules sit on top:
 * - edits to different fields both survive (each field has its own clock);
 * - a deletion wins: when any version is a tombstone (`deletedAt` set), the
 *   merge is the join of the tombstones alone, so a concurrent edit never brings
 *   a deleted row's content back.
 */

/** The synced tables: Kith's rows, the nudge mutes, the settings that belong to the person. */
export type SyncTable = 'people' | 'profiles' | 'touches' | 'notes' | 'mutes' | 'settings';
export const SYNC_TABLES: readonly SyncTable[] = ['people', 'profiles', 'touches', 'notes', 'mutes', 'settings'];

export type SyncRow = Record<string, unknown> & { id: string };
export type Clocks = Record<string, number>;

export interface SyncDoc {
  t: SyncTable;
  r: SyncRow;
  c: Clocks;
}

/** JSON with object keys sorted and undefined dropped: equal values, equal text. */
export function stable(value: unknown): string {
  if (value === undefined) return '';
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : sortKeys(v)));
  if (value !== null && typeof value === 'object') {
    const src = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(src).sort()) {
      if (src[k] !== undefined) Object.defineProperty(out, k, { value: sortKeys(src[k]), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

function fieldsOf(docs: readonly SyncDoc[]): string[] {
  const set = new Set<string>();
  for (const d of docs) {
    for (const k of Object.keys(d.r)) if (k !== 'id') set.add(k);
    for (const k of Object.keys(d.c)) if (k !== 'id') set.add(k);
  }
  return [...set].sort();
}

function has(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

/** Per field, the version with the larger (clock, canonical value). */
function join(docs: readonly SyncDoc[]): SyncDoc {
  const first = docs[0]!;
  const r: SyncRow = { id: first.r.id };
  const c: Clocks = {};
  for (const f of fieldsOf(docs)) {
    let best: SyncDoc | undefined;
    let bestClock = -Infinity;
    let bestText = '';
    for (const d of docs) {
      const clock = has(d.c, f) ? d.c[f]! : 0;
      const text = has(d.r, f) ? stable(d.r[f]) : '';
      if (!best || clock > bestClock || (clock === bestClock && text > bestText)) {
        best = d;
        bestClock = clock;
        bestText = text;
      }
    }
    if (has(best!.r, f) && best!.r[f] !== undefined) Object.defineProperty(r, f, { value: best!.r[f], enumerable: true, writable: true, configurable: true });
    if (has(best!.c, f)) c[f] = best!.c[f]!;
  }
  return { t: first.t, r, c };
}

export function isTombstone(doc: SyncDoc): boolean {
  return doc.r['deletedAt'] !== undefined;
}

/** Kith's merge of every version of one document (at least one). */
export function mergeDocs(docs: readonly SyncDoc[]): SyncDoc {
  if (docs.length === 0) throw new Error('nothing to merge');
  const tombstones = docs.filter(isTombstone);
  return join(tombstones.length > 0 ? tombstones : docs);
}

export function sameDoc(a: SyncDoc, b: SyncDoc): boolean {
  return a.t === b.t && stable(a.r) === stable(b.r) && stable(a.c) === stable(b.c);
}

/**
 * This device's version of a document: what the synced version `base` holds,
 * with the fields changed here since (`pending`, with their clocks) taken from the
 * local row. Fields not changed here are never read from the local row: it may
 * lag behind a version pulled but not yet applied.
 */
export function localVersion(table: SyncTable, base: SyncDoc | undefined, local: SyncRow | undefined, pending: Clocks): SyncDoc {
  if (!base) {
    const r: SyncRow = local ? { ...local } : { id: '' };
    const c: Clocks = {};
    for (const k of Object.keys(r)) if (k !== 'id') c[k] = pending[k] ?? 0;
    for (const [k, at] of Object.entries(pending)) c[k] = at;
    return { t: table, r, c };
  }
  const deletedAt = local && local['deletedAt'] !== undefined ? pending['deletedAt'] : undefined;
  // Deleted elsewhere: edits made here to a row that is gone are void (a tombstone keeps no content).
  if (deletedAt === undefined && isTombstone(base)) return base;
  if (local && deletedAt !== undefined) {
    // Deleted here: the tombstone as written (content wiped), every field of the base gone as of the deletion.
    const c: Clocks = {};
    for (const f of new Set([...Object.keys(base.r), ...Object.keys(base.c), ...Object.keys(local)])) if (f !== 'id') c[f] = pending[f] ?? deletedAt;
    return { t: table, r: { ...local }, c };
  }
  const r: SyncRow = { ...base.r };
  const c: Clocks = { ...base.c };
  for (const [f, at] of Object.entries(pending)) {
    const v = local?.[f];
    if (v === undefined) delete r[f];
    else Object.defineProperty(r, f, { value: v, enumerable: true, writable: true, configurable: true });
    c[f] = at;
  }
  return { t: table, r, c };
}

/**
 * The fields of `next` that differ from `prev` (every field of `next` when there
 * was no `prev`), each with the clock `at`. `id` is never a field.
 */
export function changedFields(prev: SyncRow | undefined, next: SyncRow, at: number): Clocks {
  const out: Clocks = {};
  const keys = new Set([...Object.keys(next), ...(prev ? Object.keys(prev) : [])]);
  for (const k of keys) {
    if (k === 'id') continue;
    if (!prev || stable(prev[k]) !== stable(next[k])) out[k] = at;
  }
  return out;
}

/**
 * The pending fields that still hold after a merge: those whose merged value
 * and clock are still the local ones. A pending field a later remote edit beat is
 * no longer this device's to push.
 */
export function stillPending(merged: SyncDoc, local: SyncRow | undefined, pending: Clocks): Clocks {
  const out: Clocks = {};
  for (const [f, at] of Object.entries(pending)) {
    if (merged.c[f] === at && stable(merged.r[f]) === stable(local?.[f])) out[f] = at;
  }
  return out;
}
