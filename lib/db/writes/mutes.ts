/**
 * "Not for this person": the people the user muted for nudges, one row of the
 * `meta` table (`NUDGE_MUTES_KEY`). The user's own choice, so it is user data and
 * goes through the write module like a note; the other `meta` rows (the nudge log,
 * digests of today's messages, the last digest day) are this device's bookkeeping.
 * Part of the write module: see `./index.ts`.
 */
import type { KithDB } from '@/lib/db/db';
import { NUDGE_MUTES_KEY, readMutedPeople } from '@/lib/db/read';
import { writeTx } from './tx';

export async function setPersonMuted(db: KithDB, personId: string, muted: boolean): Promise<void> {
  await writeTx(db, ['meta'], async () => {
    const people = new Set(await readMutedPeople(db));
    if (muted) people.add(personId);
    else people.delete(personId);
    await db.meta.put({ key: NUDGE_MUTES_KEY, value: { people: [...people] } });
  });
}
