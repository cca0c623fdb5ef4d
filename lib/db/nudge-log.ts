/**
 * What Kith keeps about nudges for this device, in small rows of the Dexie `meta`
 * table: the log of nudges shown (last week only, for the policy) and digests of
 * the messages sent today (for the `duplicate` signal: hashes and handles only,
 * never text). The nudge on screen is in session storage (`lib/nudges/session.ts`).
 * The people muted with "not for this person" are the user's data:
 * `readMutedPeople` in `read.ts`, `setPersonMuted` in the write module (`writes/`).
 */
import { pruneLog, type ShownNudge } from '@/lib/nudges/policy';
import type { KithDB } from './db';
import { guarded } from './writes';

export const NUDGE_LOG_KEY = 'nudge:log';
export const SENT_TODAY_KEY = 'nudge:sentToday';

interface SentToday {
  day: string;
  entries: { hash: string; handle: string }[];
}

/** At most this many digests a day: far more than anyone sends by hand. */
const MAX_SENT_TODAY = 500;

async function metaValue<T>(db: KithDB, key: string): Promise<T | undefined> {
  return (await db.meta.get(key))?.value as T | undefined;
}

export async function readNudgeLog(db: KithDB): Promise<ShownNudge[]> {
  const v = await metaValue<ShownNudge[]>(db, NUDGE_LOG_KEY);
  return Array.isArray(v) ? v : [];
}

export async function recordShown(db: KithDB, entry: ShownNudge): Promise<void> {
  await guarded(() =>
    db.transaction('rw', db.meta, async () => {
      const log = await readNudgeLog(db);
      await db.meta.put({ key: NUDGE_LOG_KEY, value: pruneLog([...log, entry], entry.at) });
    }),
  );
}

/** Whether `hash` was sent today to someone other than `handle`. */
export async function sentToOthersToday(db: KithDB, day: string, hash: string, handle: string): Promise<boolean> {
  const v = await metaValue<SentToday>(db, SENT_TODAY_KEY);
  if (!v || v.day !== day) return false;
  return v.entries.some((e) => e.hash === hash && e.handle !== handle);
}

export async function addSentToday(db: KithDB, day: string, hash: string, handle: string): Promise<void> {
  await guarded(() =>
    db.transaction('rw', db.meta, async () => {
      const v = await metaValue<SentToday>(db, SENT_TODAY_KEY);
      const entries = v && v.day === day ? v.entries : [];
      if (!entries.some((e) => e.hash === hash && e.handle === handle)) entries.push({ hash, handle });
      await db.meta.put({ key: SENT_TODAY_KEY, value: { day, entries: entries.slice(-MAX_SENT_TODAY) } satisfies SentToday });
    }),
  );
}
