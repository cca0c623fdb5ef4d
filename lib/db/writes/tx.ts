/**
 * The one way a write to Kith's data starts: `writeTx` opens the read-write
 * transaction every operation in `lib/db/writes` runs in, and turns storage
 * failures into a `StorageError` the UI can word. A hook that must see every
 * change (a sync outbox) belongs here and nowhere else.
 */
import Dexie from 'dexie';
import type { Circle, Note, Person, Touch } from '@/lib/model/types';
import { computeSummary } from '@/lib/relationship/summary';
import type { KithDB } from '@/lib/db/db';
import { StorageError, storageErrorCode } from '@/lib/db/errors';
import { markFromSync, OUTBOX_TABLE } from './outbox';
import { touchesOfPerson } from '@/lib/db/touch-ranges';

export interface WriteContext {
  now: number;
  timeZone: string;
  circles: Circle[];
}

export function newId(): string {
  return crypto.randomUUID();
}

/** Run a write; storage failures become a StorageError with a code the UI can word. */
export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const code = storageErrorCode(err);
    if (code !== 'unknown') throw new StorageError(code, err);
    throw err;
  }
}

/**
 * The tables a write operation may name. The reach buckets only for an undo,
 * which puts their rows back as they were (`./undo.ts`); everything else leaves
 * them to their middleware.
 */
export type WriteTable = 'people' | 'profiles' | 'touches' | 'notes' | 'meta' | 'restoreUndo' | 'dueBuckets' | 'rekindleBuckets' | 'syncOutbox';

/**
 * Open the read-write transaction of one write operation over `tables`, and run
 * `fn` in it. An operation called from inside another one joins the outer
 * transaction (Dexie nests them), so a compound operation (mark done = keep the
 * due promises + log a touch) still commits, or fails, as one.
 *
 * Every such transaction also spans sync's outbox, so that the outbox middleware
 * (`./outbox.ts`) records each changed row in the same transaction as the change.
 * `fromSync`: the writes come in from sync (`applySyncDocs`) and are not recorded.
 */
export function writeTx<T>(db: KithDB, tables: readonly WriteTable[], fn: () => Promise<T>, opts: { fromSync?: boolean } = {}): Promise<T> {
  const names = new Set<string>(tables);
  // A database opened at an older version (the upgrade tests) has no outbox.
  if (db.tables.some((t) => t.name === OUTBOX_TABLE)) names.add(OUTBOX_TABLE);
  return guarded(() =>
    db.transaction(
      'rw',
      [...names].map((t) => db.table(t)),
      opts.fromSync
        ? () => {
            markFromSync(Dexie.currentTransaction.idbtrans);
            return fn();
          }
        : fn,
    ),
  );
}

/** The usual set: a person's row and what their summary is computed from. */
export const SUMMARY_TABLES: readonly WriteTable[] = ['people', 'touches', 'notes'];

/**
 * Recompute many people's summaries: one read of their rows, one write. Loops
 * over people use this, not `refreshSummary` per person: every write to people
 * also rewrites the reach buckets it touches (lib/db/reach-buckets.ts), and one
 * write per person would rewrite a shared bucket once per person. Call inside a
 * write transaction.
 */
/**
 * The rows of `table` whose `index` holds one of `keys`, as `where(index).anyOf(keys)`
 * finds them (each key's rows in primary-key order), but with one request per key, all
 * in flight at once: `anyOf` walks one cursor from key to key, a round trip to the
 * browser's IndexedDB for each, several times slower for hundreds of keys.
 */
export async function rowsWithKeys<T>(
  table: { where(index: string): { equals(key: string): { toArray(): PromiseLike<T[]> } } },
  index: string,
  keys: readonly string[],
): Promise<T[]> {
  const each = await Promise.all([...new Set(keys)].sort().map((k) => table.where(index).equals(k).toArray()));
  return each.flat();
}

export async function refreshSummaries(db: KithDB, personIds: Iterable<string>, ctx: WriteContext): Promise<void> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return;
  const people = (await db.people.bulkGet(ids)).filter((p): p is Person => !!p && !p.deletedAt);
  if (people.length === 0) return;
  const live = people.map((p) => p.id);
  const [touches, notes] = await Promise.all([
    Promise.all(live.map((id) => touchesOfPerson(db, id).toArray())).then((each) => each.flat()),
    rowsWithKeys<Note>(db.notes, 'personId', live),
  ]);
  await db.people.bulkPut(withSummaries(people, touches, notes, ctx));
}

/**
 * `people` with their summaries computed from `touches` and `notes` (rows of other
 * people among them are left out): the one place the rows are grouped by person for it.
 */
export function withSummaries(people: readonly Person[], touches: readonly Touch[], notes: readonly Note[], ctx: WriteContext): Person[] {
  const byPerson = <T extends { personId: string }>(rows: readonly T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) (map.get(r.personId) ?? map.set(r.personId, []).get(r.personId)!).push(r);
    return map;
  };
  const touchesOf = byPerson(touches);
  const notesOf = byPerson(notes);
  return people.map((person) => ({
    ...person,
    summary: computeSummary({
      person,
      touches: touchesOf.get(person.id) ?? [],
      notes: notesOf.get(person.id) ?? [],
      circles: ctx.circles,
      now: ctx.now,
      timeZone: ctx.timeZone,
    }),
  }));
}

/** Recompute one person's summary from their rows. Call inside a write transaction. */
export async function refreshSummary(db: KithDB, personId: string, ctx: WriteContext): Promise<Person | undefined> {
  const person = await db.people.get(personId);
  if (!person || person.deletedAt) return person;
  const [touches, notes] = await Promise.all([touchesOfPerson(db, personId).toArray(), db.notes.where('personId').equals(personId).toArray()]);
  const summary = computeSummary({ person, touches, notes, circles: ctx.circles, now: ctx.now, timeZone: ctx.timeZone });
  const next: Person = { ...person, summary };
  await db.people.put(next);
  return next;
}

/** A change to what belongs to a person (a profile, a touch, a note) is a change to the person: `updatedAt`. */
export async function stampPerson(db: KithDB, personId: string, now: number): Promise<void> {
  await db.people.update(personId, { updatedAt: now });
}
