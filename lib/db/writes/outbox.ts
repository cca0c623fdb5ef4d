/**
 * Sync's outbox: a DBCore middleware that, under every put or add to people,
 * profiles, touches, notes and the mutes row, records in `syncOutbox` which
 * fields of which row changed and when, in the same IndexedDB transaction as
 * the change. A crash between saving and pushing therefore loses nothing: the
 * entry commits with the row or not at all.
 *
 * - It records only while sync is on (the `!on` row of `syncOutbox`, read once
 *   per transaction), because recording reads the rows before the write to know
 *   which fields changed: that read is not paid by someone who never syncs (an
 *   import of 30,000 people). Turning sync on pushes every row anyway.
 * - It records per field (`changedFields`), with this device's clock, so that
 *   edits to different fields made offline on two devices both survive the merge.
 *   A write that changes only derived data (a person's summary) records nothing.
 * - Writes that come in from sync (`applySyncDocs`) run in a transaction marked
 *   with `markFromSync`: they record nothing, so nothing echoes back.
 * - Only transactions opened by `writeTx` include `syncOutbox`; a write elsewhere
 *   (a schema upgrade) records nothing.
 *
 * Part of the write module: see `./index.ts`. No Dexie import at run time.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreMutateResponse, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { Clocks, SyncRow, SyncTable } from '@/lib/sync/merge';
import { changedFields } from '@/lib/sync/merge';
import { MUTES_ROW_ID, mutesToSyncRow, toSyncRow } from '@/lib/sync/rows';
import { NUDGE_MUTES_KEY } from '@/lib/db/read';

export const OUTBOX_TABLE = 'syncOutbox';
/** The row saying whether sync records; sorts before every `table:id` key. */
export const OUTBOX_ON_KEY = '!on';
/** Outbox keys: everything above the `!on` row. */
export const OUTBOX_FIRST_KEY = '"';

export interface OutboxEntry {
  /** `${table}:${id}` */
  key: string;
  t?: SyncTable;
  id?: string;
  /** Changed fields, each with the time of its last change here. */
  f?: Clocks;
  /** Only on the `!on` row. */
  on?: boolean;
}

export function outboxKey(table: SyncTable, id: string): string {
  return `${table}:${id}`;
}

const WATCHED: Record<string, 'people' | 'profiles' | 'touches' | 'notes' | 'mutes'> = {
  people: 'people',
  profiles: 'profiles',
  touches: 'touches',
  notes: 'notes',
  meta: 'mutes',
};

const fromSync = new WeakSet<object>();
const recording = new WeakMap<object, Promise<boolean>>();

/** Mark a transaction as sync's own: its writes are not recorded (see `applySyncDocs`). */
export function markFromSync(trans: object): void {
  fromSync.add(trans);
}

function hasOutbox(trans: DBCoreTransaction): boolean {
  const names = (trans as unknown as IDBTransaction).objectStoreNames;
  return !!names && names.contains(OUTBOX_TABLE);
}

function toRow(table: string, value: unknown): SyncRow | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (table === 'meta') {
    const v = (value as { key?: unknown; value?: { people?: unknown } }).value;
    return mutesToSyncRow(Array.isArray(v?.people) ? v.people.filter((p): p is string => typeof p === 'string') : []);
  }
  return toSyncRow(table as 'people', value as { id: string });
}

function rowKey(table: string, value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (table === 'meta') return (value as { key?: unknown }).key === NUDGE_MUTES_KEY ? NUDGE_MUTES_KEY : undefined;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' ? id : undefined;
}

export const syncOutboxMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'kith-sync-outbox',
  create(down) {
    const outbox = (): DBCoreTable => down.table(OUTBOX_TABLE);
    const isRecording = (trans: DBCoreTransaction): Promise<boolean> => {
      let p = recording.get(trans);
      if (!p) {
        p = outbox()
          .get({ trans, key: OUTBOX_ON_KEY })
          .then((row: OutboxEntry | undefined) => row?.on === true);
        recording.set(trans, p);
      }
      return p;
    };
    return {
      ...down,
      table(name) {
        const table = down.table(name);
        const synced = WATCHED[name];
        if (!synced) return table;
        return {
          ...table,
          async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
            if ((req.type !== 'put' && req.type !== 'add') || fromSync.has(req.trans) || !hasOutbox(req.trans)) return table.mutate(req);
            if (!(await isRecording(req.trans))) return table.mutate(req);
            const picked: { index: number; key: string; value: unknown }[] = [];
            req.values.forEach((value, index) => {
              const key = rowKey(name, value);
              if (key !== undefined) picked.push({ index, key, value });
            });
            if (picked.length === 0) return table.mutate(req);
            const rowIds = picked.map((p) => (name === 'meta' ? MUTES_ROW_ID : p.key));
            const keys = rowIds.map((id) => outboxKey(synced, id));
            const [before, entries] = await Promise.all([
              table.getMany({ trans: req.trans, keys: picked.map((p) => p.key) }),
              outbox().getMany({ trans: req.trans, keys }),
            ]);
            const res = await table.mutate(req);
            const now = Date.now();
            const byKey = new Map<string, OutboxEntry>();
            picked.forEach((p, i) => {
              if (res.failures[p.index]) return;
              const next = toRow(name, p.value);
              if (!next) return;
              const key = keys[i]!;
              const entry = byKey.get(key) ?? (entries[i] as OutboxEntry | undefined) ?? { key, t: synced, id: rowIds[i]!, f: {} };
              const prevRow = toRow(name, before[i]);
              const changed = changedFields(prevRow, next, now);
              if (Object.keys(changed).length === 0) return;
              const f = { ...entry.f };
              // A field's clock only moves forward on this device, even if the wall clock steps back.
              for (const k of Object.keys(changed)) f[k] = Math.max(now, (f[k] ?? 0) + 1);
              byKey.set(key, { ...entry, f });
            });
            if (byKey.size > 0) await outbox().mutate({ type: 'put', trans: req.trans, values: [...byKey.values()] });
            return res;
          },
        };
      },
    };
  },
};
