/**
 * A person's rows, or a range of people's, in the tables keyed by person
 * (profiles, touches, notes). Touches have no index on `personId` alone (schema
 * version 6): they are read through `[personId+at]`, which orders them by person
 * first, then by time (rows with the same time in id order). The other tables use
 * their `personId` index. No Dexie import at run time.
 */
import type { KithDB } from './db';

/** The tables whose rows belong to a person. */
export type PersonTable = 'profiles' | 'touches' | 'notes';

/** Every touch of the people whose ids are from `lo` to `hi`, both included, by person then time. */
export function touchesOfPeople(db: KithDB, lo: string, hi: string) {
  return db.touches.where('[personId+at]').between([lo, -Infinity], [hi, Infinity], true, true);
}

/** Every touch of `personId`, oldest first. */
export function touchesOfPerson(db: KithDB, personId: string) {
  return touchesOfPeople(db, personId, personId);
}

/** The rows of `table` of the people whose ids are from `lo` to `hi`, both included, by person. */
export function rowsOfPeople(db: KithDB, table: PersonTable, lo: string, hi: string) {
  return table === 'touches' ? touchesOfPeople(db, lo, hi) : db.table(table).where('personId').between(lo, hi, true, true);
}

/** The rows of `table` of the people whose ids come after `after`, by person. */
export function rowsAfterPerson(db: KithDB, table: PersonTable, after: string) {
  return table === 'touches' ? db.touches.where('[personId+at]').above([after, Infinity]) : db.table(table).where('personId').above(after);
}

/** The ids of the people who have rows in `table`, each once, in order. */
export async function peopleWithRows(db: KithDB, table: PersonTable): Promise<string[]> {
  if (table !== 'touches') return (await db.table(table).orderBy('personId').uniqueKeys()) as string[];
  const keys = (await db.touches.orderBy('[personId+at]').uniqueKeys()) as unknown as [string, number][];
  return [...new Set(keys.map(([id]) => id))];
}
