/**
 * Read queries that must stay fast with 30,000 people and 300,000 touches: each is
 * an indexed range query over the people's summaries, never a scan of touches.
 */
import type { Note, Person } from '../model/types';
import { rankReachOut, rekindleRing, type RankedPerson } from '../relationship/rank';
import { rekindleReason } from '../relationship/reasons';
import { MAX_REKINDLE } from '../relationship/constants';
import { startOfLocalDay } from '../relationship/time';
import type { KithDB } from './db';
import type { WriteContext } from './repo';
import { refreshSummary } from './repo';

const DAY = 86_400_000;

function live(p: Person): boolean {
  return !p.deletedAt && !p.mergedInto && p.archived === 0;
}

/** The last millisecond of the local day (days are 23 to 25 hours long around DST changes). */
export function endOfLocalDay(now: number, timeZone: string): number {
  return startOfLocalDay(startOfLocalDay(now, timeZone) + DAY + 3 * 3_600_000, timeZone) - 1;
}

/** People whose summary says they may need attention by the end of the local day. */
export async function dueCandidates(db: KithDB, now: number, timeZone: string): Promise<Person[]> {
  const endOfToday = endOfLocalDay(now, timeZone);
  const rows = await db.people.where('summary.dueAt').belowOrEqual(endOfToday).toArray();
  return rows.filter(live);
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
      (p.summary.datedFollowUps ?? []).map((f) => ({ id: f.id, personId: p.id, kind: 'followup' as const, text: f.text, dueAt: f.dueAt, createdAt: 0, updatedAt: 0 })),
    );
  }
  return map;
}

/**
 * At most `max` rekindle suggestions for the day, reading only the candidates'
 * keys from the index and then just enough rows to find them.
 */
async function pickRekindleFromDb(db: KithDB, ctx: Pick<WriteContext, 'now' | 'timeZone'>, listed: Set<string>, max = MAX_REKINDLE): Promise<RankedPerson[]> {
  const ids = (await db.people.where('summary.rekindleAt').belowOrEqual(ctx.now).primaryKeys()).map(String).filter((id) => !listed.has(id));
  const ring = rekindleRing(ids, ctx.now, ctx.timeZone, max);
  const picked: RankedPerson[] = [];
  for (let i = 0; i < ring.length && picked.length < max; i += 8) {
    const rows = await db.people.bulkGet(ring.slice(i, i + 8));
    for (const person of rows) {
      if (!person || !live(person) || picked.length >= max) continue;
      const r = rekindleReason(person, ctx.now);
      if (r) picked.push({ person, reasons: [r], top: r });
    }
  }
  return picked;
}

/** Today's "reach out" list, ranked, with reasons as codes. */
export async function reachOutList(db: KithDB, ctx: Pick<WriteContext, 'now' | 'timeZone' | 'circles'>): Promise<RankedPerson[]> {
  const endOfToday = endOfLocalDay(ctx.now, ctx.timeZone);
  const people = await dueCandidates(db, ctx.now, ctx.timeZone);
  const notesByPerson = dueFollowUps(people, endOfToday);
  const ranked = rankReachOut({ people, notesByPerson, circles: ctx.circles, now: ctx.now, timeZone: ctx.timeZone, rekindleCandidates: [] });
  const rekindle = await pickRekindleFromDb(db, ctx, new Set(ranked.map((r) => r.person.id)));
  return [...ranked, ...rekindle];
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
