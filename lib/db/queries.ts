/**
 * Read queries that must stay fast with 30,000 people and 300,000 touches: each is
 * an indexed range query over the people's summaries, never a scan of touches.
 */
import type { Note, Person } from '../model/types';
import { rankReachOut, type RankedPerson } from '../relationship/rank';
import { startOfLocalDay } from '../relationship/time';
import type { KithDB } from './db';
import type { WriteContext } from './repo';
import { refreshSummary } from './repo';

const DAY = 86_400_000;

function live(p: Person): boolean {
  return !p.deletedAt && !p.mergedInto && p.archived === 0;
}

/** People whose summary says they may need attention by the end of the local day. */
export async function dueCandidates(db: KithDB, now: number, timeZone: string): Promise<Person[]> {
  const endOfToday = startOfLocalDay(now + DAY + 3 * 3_600_000, timeZone) - 1;
  const rows = await db.people.where('summary.dueAt').belowOrEqual(endOfToday).toArray();
  return rows.filter(live);
}

export async function rekindleCandidates(db: KithDB, now: number, limit = 500): Promise<Person[]> {
  const rows = await db.people.where('summary.rekindleAt').belowOrEqual(now).limit(limit).toArray();
  return rows.filter(live);
}

async function openFollowUps(db: KithDB, people: Person[]): Promise<Map<string, Note[]>> {
  const withOpen = people.filter((p) => p.summary.openFollowUps > 0).map((p) => p.id);
  const map = new Map<string, Note[]>();
  if (withOpen.length === 0) return map;
  const notes = await db.notes.where('personId').anyOf(withOpen).toArray();
  for (const n of notes) {
    if (n.deletedAt || n.kind !== 'followup' || n.doneAt) continue;
    const list = map.get(n.personId) ?? [];
    list.push(n);
    map.set(n.personId, list);
  }
  return map;
}

/** Today's "reach out" list, ranked, with reasons as codes. */
export async function reachOutList(db: KithDB, ctx: Pick<WriteContext, 'now' | 'timeZone' | 'circles'>): Promise<RankedPerson[]> {
  const [people, rekindle] = await Promise.all([dueCandidates(db, ctx.now, ctx.timeZone), rekindleCandidates(db, ctx.now)]);
  const notesByPerson = await openFollowUps(db, people);
  return rankReachOut({
    people,
    notesByPerson,
    circles: ctx.circles,
    now: ctx.now,
    timeZone: ctx.timeZone,
    rekindleCandidates: rekindle,
  });
}

/**
 * Summaries depend on the date (a birthday passes, a week of welcome ends), so a
 * candidate whose reasons have all expired is recomputed; the daily alarm calls this.
 */
export async function refreshStaleSummaries(db: KithDB, ctx: WriteContext): Promise<number> {
  const ranked = await reachOutList(db, ctx);
  const listed = new Set(ranked.map((r) => r.person.id));
  const people = await dueCandidates(db, ctx.now, ctx.timeZone);
  const stale = people.filter((p) => !listed.has(p.id));
  if (stale.length === 0) return 0;
  await db.transaction('rw', db.people, db.touches, db.notes, async () => {
    for (const p of stale) await refreshSummary(db, p.id, ctx);
  });
  return stale.length;
}
