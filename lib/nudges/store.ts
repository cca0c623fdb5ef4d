/**
 * What Kith keeps about nudges for this device, in small rows of the Dexie `meta`
 * table: the log of nudges shown (last week only, for the policy) and digests of
 * the messages sent today (for the `duplicate` signal: hashes and handles only,
 * never text). Plus the current nudge's shape, which the background puts in
 * `browser.storage.session` for the side panel. The people muted with "not for
 * this person" are the user's data: `readMutedPeople` in `lib/db/read.ts`,
 * `setPersonMuted` in the write module (`lib/db/writes`).
 */
import type { KithDB } from '../db/db';
import { guarded } from '../db/writes';
import type { NudgeKind } from '../model/settings';
import type { SiteId } from '../model/types';
import type { Signal } from './classify';
import { pruneLog, type ShownNudge } from './policy';

export const NUDGE_LOG_KEY = 'nudge:log';
export const SENT_TODAY_KEY = 'nudge:sentToday';
/** `browser.storage.session` key of the nudge the side panel shows. */
export const CURRENT_NUDGE_KEY = 'nudge:current';
/** `browser.storage.session` key of the nudge handed to a tab's in-page card (`InPageShown`). */
export const IN_PAGE_NUDGE_KEY = 'nudge:inPage';
/** `browser.storage.session` key of the last message logged from a page (for "this was personal / a broadcast"). */
export const LAST_SENT_KEY = 'nudge:lastSent';

/** The nudge on screen: ids and codes only; the panel reads names and notes itself. */
export interface CurrentNudge {
  id: string;
  kind: NudgeKind;
  personId: string;
  site: SiteId;
  handle: string;
  at: number;
  /** The passive touch it is about (a like or wish), so that un-reacting clears it. */
  touchId?: string;
  /** promo / pitch: what made the message read as a broadcast. */
  signals?: Signal[];
  /** wish: what for. */
  occasion?: 'birthday' | 'anniversary' | 'new-job';
}

/**
 * The nudge the background handed to one tab's in-page card: the only one a
 * content script may close or mute (`nudge/card-dismiss`), and the card to take
 * down when the nudge is answered elsewhere.
 */
export interface InPageShown {
  tabId: number;
  id: string;
  personId: string;
  kind: NudgeKind;
}

/** A message just logged from a page, offered for correction. */
export interface LastSent {
  touchId: string;
  personId: string;
  depth: 'personal' | 'broadcast';
  at: number;
}

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
