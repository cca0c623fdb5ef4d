/**
 * A person's touches, or a range of people's, through the `[personId+at]` index:
 * touches have no index on `personId` alone (schema version 6), and the compound
 * index orders them by person first, then by time (rows with the same time in id
 * order). No Dexie import at run time.
 */
import type { KithDB } from './db';

/** Every touch of `personId`, oldest first. */
export function touchesOfPerson(db: KithDB, personId: string) {
  return db.touches.where('[personId+at]').between([personId, -Infinity], [personId, Infinity], true, true);
}

/** Every touch of the people whose ids are from `lo` to `hi`, both included, by person then time. */
export function touchesOfPeople(db: KithDB, lo: string, hi: string) {
  return db.touches.where('[personId+at]').between([lo, -Infinity], [hi, Infinity], true, true);
}

/** The touches of the people whose ids come after `after`, by person then time. */
export function touchesAfterPerson(db: KithDB, after: string) {
  return db.touches.where('[personId+at]').above([after, Infinity]);
}
