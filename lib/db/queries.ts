/**
 * Read queries that must stay fast with 30,000 people and 300,000 touches: each is
 * a range query over the people's summaries (indexed, or their buckets), never a
 * scan of touches.
 */
import type { Note, Person } from '@/lib/model/types';
import { rankReachOut, rekindleRing, type RankedPerson } from '@/lib/relationship/rank';
import { rekindleReason } from '@/lib/relationship/reasons';
import { MAX_REKINDLE } from '@/lib/relationship/constants';
import { startOfLocalDay } from '@/lib/relationship/time';
import type { KithDB } from './db';
import { refreshSummariesOf, type WriteContext } from './writes';
import { bucketOf, dueFromBuckets, rekindleIdsFromBuckets, upToStretch } from './reach-buckets';

const DAY = 86_400_000;

function live(p: Person): boolean {
  return !p.deletedAt && !p.mergedInto && p.archived === 0;
}

/** The last millisecond of the local day (days are 23 to 25 hours long around DST changes). */
export function endOfLocalDay(now: number, timeZone: string): number {
  return startOfLocalDay(startOfLocalDay(now, timeZone) + DAY + 3 * 3_600_000, timeZone) - 1;
}

/**
 * Live people whose summary says they may need attention by the end of the local
 * day: from the due buckets (lib/db/reach-buckets.ts), a few dozen rows instead of
 * one per person.
 */
export async function dueCandidates(db: KithDB, now: number, timeZone: string): Promise<Person[]> {
  const endOfToday = endOfLocalDay(now, timeZone);
  const rows = await db.dueBuckets
    .where('key')
    .belowOrEqual(upToStretch(bucketOf(endOfToday)))
    .toArray();
  return dueFromBuckets(rows, endOfToday);
}

/** The ids of the live rekindle candidates at `now`, from the rekindle buckets. */
export async function rekindleCandidateIds(db: KithDB, now: number): Promise<string[]> {
  const rows = await db.rekindleBuckets
    .where('key')
    .belowOrEqual(upToStretch(bucketOf(now)))
    .toArray();
  return rekindleIdsFromBuckets(rows, now);
}

/**
 * The dated open follow-ups of the people who have one due by the end of the day,
 * from their summaries: the notes table is not read at all.
 */
function dueFollowUps(people: Person[], endOfToday: number): Map<string, Note[]> {
  const map = new Map<string, Note[]>();
  for (const p of people) {
    const due = p.summary.nextFollowUpAt;
    if (due === undefined || due > endOfToday) continue;
    map.set(
      p.id,
      (p.summary.datedFollowUps ?? []).map((f) => ({
        id: f.id,
        personId: p.id,
        kind: 'followup' as const,
        text: f.text,
        dueAt: f.dueAt,
        createdAt: 0,
        updatedAt: 0,
      })),
    );
  }
  return map;
}

/** How many rekindle rows one read asks for: the day's few, and some spare for the snoozed. */
const REKINDLE_BATCH = 8;

/**
 * At most `max` rekindle suggestions for the day. `ring` is the day's rotation
 * over every candidate's id, without the people already in the list; rows are
 * read a few at a time, and the snoozed are skipped.
 */
async function pickRekindleFromDb(db: KithDB, now: number, ring: readonly string[], max = MAX_REKINDLE): Promise<RankedPerson[]> {
  const picked: RankedPerson[] = [];
  for (let i = 0; i < ring.length && picked.length < max; i += REKINDLE_BATCH) {
    for (const person of await db.people.bulkGet(ring.slice(i, i + REKINDLE_BATCH))) {
      if (!person || !live(person) || picked.length >= max) continue;
      const r = rekindleReason(person, now);
      if (r) picked.push({ person, reasons: [r], top: r });
    }
  }
  return picked;
}

/**
 * Today's "reach out" list, ranked, with reasons as codes. The two bucket reads
 * (the due people, and the ids of the rekindle candidates) are independent
 * read-only transactions, so they are started together; then the due people are
 * ranked, and only then are rekindle rows read: the people already in the list
 * are left out of the ring first, so one small read almost always finds the day's
 * few.
 */
export async function reachOutList(db: KithDB, ctx: Pick<WriteContext, 'now' | 'timeZone' | 'circles'>): Promise<RankedPerson[]> {
  return (await reachOutWithCandidates(db, ctx)).ranked;
}

/** The list, and the due candidates it was ranked from (the daily refresh needs both: one read). */
async function reachOutWithCandidates(
  db: KithDB,
  ctx: Pick<WriteContext, 'now' | 'timeZone' | 'circles'>,
): Promise<{ ranked: RankedPerson[]; people: Person[] }> {
  const endOfToday = endOfLocalDay(ctx.now, ctx.timeZone);
  const [people, rekindleIds] = await Promise.all([dueCandidates(db, ctx.now, ctx.timeZone), rekindleCandidateIds(db, ctx.now)]);
  const notesByPerson = dueFollowUps(people, endOfToday);
  const ranked = rankReachOut({ people, notesByPerson, circles: ctx.circles, now: ctx.now, timeZone: ctx.timeZone, rekindleCandidates: [] });
  const listed = new Set(ranked.map((r) => r.person.id));
  // The ring over every candidate (its rotation does not depend on today's list), walked past the people listed.
  const ring = rekindleRing(rekindleIds, ctx.now, ctx.timeZone).filter((id) => !listed.has(id));
  const rekindle = await pickRekindleFromDb(db, ctx.now, ring);
  return { ranked: [...ranked, ...rekindle], people };
}

/**
 * Summaries depend on the date (a birthday passes, a week of welcome ends), so a
 * candidate whose reasons have all expired is recomputed; the daily alarm calls this.
 */
export async function refreshStaleSummaries(db: KithDB, ctx: WriteContext): Promise<number> {
  const { ranked, people } = await reachOutWithCandidates(db, ctx);
  const listed = new Set(ranked.map((r) => r.person.id));
  const stale = people.filter((p) => !listed.has(p.id));
  if (stale.length === 0) return 0;
  await refreshSummariesOf(
    db,
    stale.map((p) => p.id),
    ctx,
  );
  return stale.length;
}
