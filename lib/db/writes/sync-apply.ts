/**
 * What sync writes here, through the one write path:
 * - `applySyncDocs`: documents that came in (decrypted by the engine), each
 *   validated with the row schemas a backup restore uses and refused when
 *   invalid, merged with this device's changes not yet pushed (the outbox), and
 *   written in one transaction marked as sync's own, so nothing echoes back into
 *   the outbox. Summaries are recomputed for the people concerned, as every write
 *   does, or, for a joining device's first pull, once at its end
 *   (`refreshDeferredSummaries`); derived data is never taken from a document.
 * - the outbox's bookkeeping: turning recording on and off, and letting go of
 *   the entries a push has put into the local replica.
 *
 * Part of the write module: see `./index.ts`.
 */
import { z } from 'zod';
import { rowSchemas } from '@/lib/backup/format';
import type { Note, Person, PersonSummary, Profile, Touch } from '@/lib/model/types';
import { isLive } from '@/lib/relationship/people-list';
import { canonicalHandle, profileKey } from '@/lib/sites/identity';
import { localVersion, mergeDocs, stable, stillPending, type Clocks, type SyncDoc, type SyncRow } from '@/lib/sync/merge';
import { MUTES_ROW_ID, mutesFromSyncRow, mutesToSyncRow, toSyncRow } from '@/lib/sync/rows';
import type { KithDB } from '@/lib/db/db';
import { NUDGE_MUTES_KEY, readMutedPeople } from '@/lib/db/read';
import { OUTBOX_FIRST_KEY, OUTBOX_ON_KEY, outboxKey, type OutboxEntry } from './outbox';
import { refreshSummaries, rowsWithKeys, withSummaries, writeTx, type WriteContext } from './tx';
import { touchesOfPeople } from '@/lib/db/touch-ranges';

/**
 * The meta row that says a joining pull left people's summaries for later
 * (`deferSummaries`): `refreshDeferredSummaries` recomputes them all, and deletes it.
 */
export const SUMMARIES_DEFERRED_KEY = 'sync:summariesDeferred';

const EMPTY_SUMMARY: PersonSummary = { passiveSince: 0, broadcastSince: 0, personal12m: 0, inbound12m: 0, personalTotal: 0, openFollowUps: 0 };

type RowTable = 'people' | 'profiles' | 'touches' | 'notes';
const ROW_TABLES: readonly RowTable[] = ['people', 'profiles', 'touches', 'notes'];

const clocksSchema = z.record(z.string(), z.number().finite().nonnegative());
const mutesSchema = z
  .record(z.string(), z.unknown())
  .refine((r) => Object.entries(r).every(([k, v]) => (k === 'id' ? v === MUTES_ROW_ID : k.startsWith('p:') && v === true)));

/** The row a document gives, checked as a restore checks it; undefined when it must be refused. */
function checkedRow(table: SyncDoc['t'], r: SyncRow, summary?: PersonSummary): Record<string, unknown> | undefined {
  if (table === 'mutes') return mutesSchema.safeParse(r).success ? r : undefined;
  if (table === 'settings') return undefined;
  const row = table === 'people' ? { ...r, summary: summary ?? EMPTY_SUMMARY } : r;
  const parsed = rowSchemas[table].safeParse(row);
  return parsed.success ? (parsed.data as Record<string, unknown>) : undefined;
}

/**
 * The rows a bulk write left out because a key of theirs is taken (by position), from
 * the error it threw; any other failure is thrown again.
 */
function constraintFailures(err: unknown): Record<number, Error> {
  const bulk = err as { name?: string; failuresByPos?: Record<number, Error> };
  if (bulk.name !== 'BulkError' || !bulk.failuresByPos) throw err;
  if (Object.values(bulk.failuresByPos).some((e) => e.name !== 'ConstraintError')) throw err;
  return bulk.failuresByPos;
}

/** Whether a decrypted document has the shape of one: table, row with an id, clocks. */
export function isSyncDoc(doc: unknown): doc is SyncDoc {
  if (!doc || typeof doc !== 'object') return false;
  const d = doc as Partial<SyncDoc>;
  return (
    typeof d.t === 'string' &&
    ['people', 'profiles', 'touches', 'notes', 'mutes', 'settings'].includes(d.t) &&
    !!d.r &&
    typeof d.r === 'object' &&
    typeof d.r.id === 'string' &&
    d.r.id.length > 0 &&
    clocksSchema.safeParse(d.c).success
  );
}

export interface SyncApplyReport {
  /** Rows written here. */
  applied: number;
  /** Documents refused: invalid rows, never written. */
  refused: number;
  /** Rows left as they are because another live row holds their unique key (a profile's site and handle, an import's source key). */
  held: number;
}

export interface SyncApplyOptions {
  /**
   * Learns which rows now hold exactly their document (key `table:id`: nothing of
   * this device's own was merged in, nothing refused or held) and forgets the
   * others: the engine's full push has nothing to add to those.
   */
  inStep?: Set<string>;
  /**
   * Leave the summaries of the people concerned as they are, and mark them all for
   * `refreshDeferredSummaries` (in the same transaction). For a joining device's
   * first pull, whose batches bring a person's touches a batch at a time: each
   * person is then computed once, at the end, instead of once per batch.
   */
  deferSummaries?: boolean;
}

/**
 * Apply documents that came in from sync (people, profiles, touches, notes and
 * the mutes; the settings document is the engine's, not the database's). One
 * transaction for all of them.
 */
export async function applySyncDocs(db: KithDB, docs: readonly SyncDoc[], ctx: WriteContext, opts: SyncApplyOptions = {}): Promise<SyncApplyReport> {
  const { inStep } = opts;
  const report: SyncApplyReport = { applied: 0, refused: 0, held: 0 };
  const byTable = new Map<SyncDoc['t'], SyncDoc[]>();
  /** Each document's row as checked, the row written when nothing here is merged into it. */
  const checked = new Map<SyncDoc, Record<string, unknown>>();
  for (const d of docs) {
    const row = isSyncDoc(d) && d.t !== 'settings' ? checkedRow(d.t, d.r) : undefined;
    if (!row) {
      report.refused++;
      continue;
    }
    checked.set(d, row);
    (byTable.get(d.t) ?? byTable.set(d.t, []).get(d.t)!).push(d);
  }
  if (byTable.size === 0) return report;
  await writeTx(
    db,
    ['people', 'profiles', 'touches', 'notes', 'meta'],
    async () => {
      const concerned = new Set<string>();
      const outPut: OutboxEntry[] = [];
      const outDelete: string[] = [];
      /** The merged document, with the outbox entry kept in step; undefined when nothing changes here. */
      const mergeOne = (d: SyncDoc, local: SyncRow | undefined, entry: OutboxEntry | undefined): SyncDoc | undefined => {
        const pending: Clocks = entry?.f ?? {};
        const hasPending = Object.keys(pending).length > 0;
        const merged = hasPending ? mergeDocs([d, localVersion(d.t, d, local, pending)]) : d;
        if (entry && hasPending) {
          const still = stillPending(merged, local, pending);
          if (Object.keys(still).length === 0) outDelete.push(entry.key);
          else if (stable(still) !== stable(pending)) outPut.push({ ...entry, f: still });
        }
        if (local && stable(merged.r) === stable(local)) return undefined;
        return merged;
      };

      /** Rows written: counted, and their people concerned. */
      const wrote = (table: RowTable, puts: readonly Record<string, unknown>[]) => {
        report.applied += puts.length;
        for (const r of puts) {
          if (table === 'people') {
            if (isLive(r as unknown as Person)) concerned.add(r['id'] as string);
          } else if (typeof r['personId'] === 'string') concerned.add(r['personId']);
        }
      };

      /**
       * `group`'s rows added as their documents have them; returns the documents whose row the database refused
       * because its id or one of its unique keys is taken here (to be merged, or held, the usual way).
       */
      const addNew = async (table: RowTable, group: SyncDoc[]): Promise<SyncDoc[]> => {
        const rows = group.map((d) => {
          const row = checked.get(d)!;
          if (table !== 'profiles') return row;
          const pr = row as unknown as Profile;
          const handle = canonicalHandle(pr.handle);
          return { ...pr, handle, key: profileKey(pr.site, handle) } as unknown as Record<string, unknown>;
        });
        let failed: Record<number, Error> = {};
        try {
          await db.table(table).bulkAdd(rows);
        } catch (err) {
          failed = constraintFailures(err);
        }
        const added = rows.filter((_, i) => !failed[i]);
        wrote(table, added);
        const rest: SyncDoc[] = [];
        group.forEach((d, i) => {
          if (failed[i]) return void rest.push(d);
          if (!inStep) return;
          // A profile whose handle was written in its canonical form differs from its document.
          if (table === 'profiles' && rows[i]!['handle'] !== d.r['handle']) inStep.delete(`${table}:${d.r.id}`);
          else inStep.add(`${table}:${d.r.id}`);
        });
        return rest;
      };

      for (const table of ROW_TABLES) {
        let group = byTable.get(table);
        if (!group) continue;
        const t = db.table(table);
        // Most batches meet a table with nothing waiting in the outbox (a joining device's whole pull): one look, not a read per row.
        const waiting = (await db.syncOutbox.where('key').startsWith(outboxKey(table, '')).limit(1).primaryKeys()).length > 0;
        if (opts.deferSummaries && !waiting) {
          // A joining pull: most rows are not here yet. Each is added as its document has it, without reading first;
          // the database refuses the ones whose id (or unique key) is here already, and only those go the usual way.
          group = await addNew(table, group);
          if (group.length === 0) continue;
        }
        const ids = group.map((d) => d.r.id);
        const [rows, entries] = await Promise.all([
          t.bulkGet(ids) as Promise<(Record<string, unknown> & { id: string })[]>,
          waiting ? db.syncOutbox.bulkGet(ids.map((id) => outboxKey(table, id))) : ids.map((): OutboxEntry | undefined => undefined),
        ]);
        const puts: Record<string, unknown>[] = [];
        group.forEach((d, i) => {
          const have = rows[i];
          const merged = mergeOne(d, have ? toSyncRow(table, have) : undefined, entries[i]);
          // As written below, or already equal, with nothing pending here: the row is its document (until refused or held).
          if (inStep) {
            if (merged === d || (!merged && !Object.keys(entries[i]?.f ?? {}).length)) inStep.add(`${table}:${d.r.id}`);
            else inStep.delete(`${table}:${d.r.id}`);
          }
          if (!merged) return;
          const row = checkedRow(table, merged.r, table === 'people' ? ((have as unknown as Person | undefined)?.summary ?? EMPTY_SUMMARY) : undefined);
          if (!row) {
            report.refused++;
            inStep?.delete(`${table}:${d.r.id}`);
            return;
          }
          puts.push(row);
          if (have && typeof have['personId'] === 'string') concerned.add(have['personId']);
        });
        if (table === 'profiles') {
          const fixed = puts.map((row) => {
            const pr = row as unknown as Profile;
            const handle = canonicalHandle(pr.handle);
            if (handle !== pr.handle) inStep?.delete(`profiles:${pr.id}`);
            return { ...pr, handle, key: profileKey(pr.site, handle) };
          });
          const holders = new Map(
            (
              await rowsWithKeys<Profile>(
                db.profiles,
                'key',
                fixed.map((p) => p.key),
              )
            ).map((p) => [p.key, p]),
          );
          puts.length = 0;
          for (const pr of fixed) {
            const holder = holders.get(pr.key);
            if (holder && holder.id !== pr.id) {
              // A live profile here has the same site and handle: it stays; the two are for the user to merge.
              if (!holder.deletedAt) {
                report.held++;
                inStep?.delete(`profiles:${pr.id}`);
                continue;
              }
              await db.profiles.delete(holder.id);
            }
            holders.set(pr.key, pr);
            puts.push(pr as unknown as Record<string, unknown>);
          }
        }
        if (table === 'touches' && puts.length > 0) {
          // The unique index on the source key decides, in the write itself (no look-up first): a touch
          // whose key another touch here holds (the same import on two devices) is refused, and left out.
          let failed: Record<number, Error> = {};
          try {
            await db.touches.bulkPut(puts as unknown as Touch[]);
          } catch (err) {
            failed = constraintFailures(err);
          }
          const kept = puts.filter((r, i) => {
            if (!failed[i]) return true;
            report.held++;
            inStep?.delete(`touches:${String(r['id'])}`);
            return false;
          });
          puts.splice(0, puts.length, ...kept);
        }
        if (puts.length === 0) continue;
        if (table === 'people') await db.people.bulkPut(puts as unknown as Person[]);
        else if (table === 'profiles') await db.profiles.bulkPut(puts as unknown as Profile[]);
        else if (table === 'notes') await db.notes.bulkPut(puts as unknown as Note[]);
        wrote(table, puts);
      }

      const mutes = byTable.get('mutes');
      if (mutes) {
        const local = mutesToSyncRow(await readMutedPeople(db));
        const merged = mergeOne(mergeDocs(mutes), local, await db.syncOutbox.get(outboxKey('mutes', MUTES_ROW_ID)));
        if (merged) {
          await db.meta.put({ key: NUDGE_MUTES_KEY, value: { people: mutesFromSyncRow(merged.r) } });
          report.applied++;
        }
      }

      if (outDelete.length > 0) await db.syncOutbox.bulkDelete(outDelete);
      if (outPut.length > 0) await db.syncOutbox.bulkPut(outPut);
      if (concerned.size > 0 && opts.deferSummaries) {
        await db.meta.put({ key: SUMMARIES_DEFERRED_KEY, value: true });
      } else if (concerned.size > 0) {
        const people = (await db.people.bulkGet([...concerned])).filter((p): p is Person => !!p && isLive(p));
        await refreshSummaries(
          db,
          people.map((p) => p.id),
          ctx,
        );
      }
    },
    { fromSync: true },
  );
  return report;
}

/**
 * Recompute every live person's summary, when a joining pull left them for later
 * (`deferSummaries`); nothing to do otherwise. People are taken in pages of `page`,
 * in id order, each page one transaction that reads its people's touches and notes
 * as one range of the `personId` index (not a request per person), and writes only
 * the people whose summary changed. The marker goes with the last page, so a pass
 * cut short (the worker stopped) is done again, whole, by the next one.
 *
 * Returns how many people were written. `context` may be a function: it is asked
 * only when there is something to do.
 */
export async function refreshDeferredSummaries(db: KithDB, context: WriteContext | (() => Promise<WriteContext>), page = 2000): Promise<number> {
  if (!(await db.meta.get(SUMMARIES_DEFERRED_KEY))) return 0;
  const ctx = typeof context === 'function' ? await context() : context;
  let after: string | undefined;
  let written = 0;
  for (let done = false; !done;) {
    // Only summaries change (derived, never synced): nothing for the outbox to record, as in `applySyncDocs`.
    done = await writeTx(
      db,
      ['people', 'touches', 'notes', 'meta'],
      async () => {
        const people = await (after === undefined ? db.people.orderBy('id') : db.people.where('id').above(after)).limit(page).toArray();
        if (people.length > 0) {
          const lo = people[0]!.id;
          const hi = people[people.length - 1]!.id;
          after = hi;
          const [touches, notes] = await Promise.all([touchesOfPeople(db, lo, hi).toArray(), db.notes.where('personId').between(lo, hi, true, true).toArray()]);
          const live = people.filter(isLive);
          const computed = withSummaries(live, touches, notes, ctx);
          const changed = computed.filter((p, i) => stable(p.summary) !== stable(live[i]!.summary));
          if (changed.length > 0) await db.people.bulkPut(changed);
          written += changed.length;
        }
        if (people.length < page) {
          await db.meta.delete(SUMMARIES_DEFERRED_KEY);
          return true;
        }
        return false;
      },
      { fromSync: true },
    );
  }
  return written;
}

// --- the outbox's bookkeeping ---------------------------------------------------------

/** Turn recording on (every later write is recorded) or off (and forget what was recorded). */
export async function setSyncRecording(db: KithDB, on: boolean): Promise<void> {
  await writeTx(db, ['meta'], async () => {
    if (!on) return db.syncOutbox.clear();
    if ((await db.syncOutbox.get(OUTBOX_ON_KEY))?.on) return;
    await db.syncOutbox.put({ key: OUTBOX_ON_KEY, on: true });
    // The mutes are one document: what is muted here joins what the server has (a row's full push covers the rest).
    const muted = await readMutedPeople(db);
    if (muted.length > 0) {
      const at = Date.now();
      const f: Clocks = {};
      for (const k of Object.keys(mutesToSyncRow(muted))) if (k !== 'id') f[k] = at;
      await db.syncOutbox.put({ key: outboxKey('mutes', MUTES_ROW_ID), t: 'mutes', id: MUTES_ROW_ID, f });
    }
  });
}

/** Up to `limit` outbox entries, in key order. */
export async function readOutbox(db: KithDB, limit: number): Promise<OutboxEntry[]> {
  return db.syncOutbox.where('key').aboveOrEqual(OUTBOX_FIRST_KEY).limit(limit).toArray();
}

export async function outboxCount(db: KithDB): Promise<number> {
  return db.syncOutbox.where('key').aboveOrEqual(OUTBOX_FIRST_KEY).count();
}

/** Let go of entries now in the local replica; an entry changed since it was read stays (that change is not pushed yet). */
export async function ackOutbox(db: KithDB, entries: readonly OutboxEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await writeTx(db, [], async () => {
    const now = await db.syncOutbox.bulkGet(entries.map((e) => e.key));
    const done = entries.filter((e, i) => now[i] && stable(now[i]!.f) === stable(e.f)).map((e) => e.key);
    await db.syncOutbox.bulkDelete(done);
  });
}
