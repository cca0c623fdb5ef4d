/**
 * The database side of the reach-out list (live queries and the row actions),
 * loaded by the list with a dynamic import: Dexie is not on the popup's first
 * paint, which comes from the background's snapshot (`reach-snapshot.ts`).
 */
import { liveQuery } from 'dexie';
import { getDb } from '@/lib/db/db';
import { reachOutList } from '@/lib/db/queries';
import { applyUndo, markDone, snooze, withUndo, type UndoRecord, type WriteContext } from '@/lib/db/writes';
import type { Channel, Profile } from '@/lib/model/types';
import type { RankedPerson } from '@/lib/relationship/rank';

type Stop = () => void;

function watch<T>(query: () => Promise<T>, next: (value: T) => void, error: (err: unknown) => void): Stop {
  const sub = liveQuery(query).subscribe({ next, error });
  return () => sub.unsubscribe();
}

/** Today's list, recomputed whenever what it read changes. */
export function watchReach(ctx: WriteContext, next: (list: RankedPerson[]) => void, error: (err: unknown) => void): Stop {
  return watch(() => reachOutList(getDb(), ctx), next, error);
}

/** One profile per person (LinkedIn's first) for the rows shown: one query, not one per row. */
export function watchProfiles(ids: readonly string[], next: (map: Map<string, Profile>) => void, error: (err: unknown) => void): Stop {
  return watch(
    async () => {
      const rows = ids.length
        ? await getDb()
            .profiles.where('personId')
            .anyOf([...ids])
            .toArray()
        : [];
      const map = new Map<string, Profile>();
      for (const p of rows) if (!p.deletedAt && (!map.has(p.personId) || p.site === 'linkedin')) map.set(p.personId, p);
      return map;
    },
    next,
    error,
  );
}

/** Done from the list; returns what "Undo" needs. */
export async function done(personId: string, channel: Channel, ctx: WriteContext, keepDuePromises: boolean): Promise<UndoRecord> {
  const db = getDb();
  return (await withUndo(db, () => markDone(db, personId, channel, ctx, { keepDuePromises }), ctx.now)).undo;
}

/** Snooze from the list; returns what "Undo" needs. */
export async function snoozeUntil(personId: string, until: number, ctx: WriteContext): Promise<UndoRecord> {
  const db = getDb();
  return (await withUndo(db, () => snooze(db, personId, until, ctx), ctx.now)).undo;
}

export function undo(record: UndoRecord): Promise<void> {
  return applyUndo(getDb(), record);
}
