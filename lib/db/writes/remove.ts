/**
 * Writes that take people away or fold them together: delete (tombstones) and its
 * undo, merge two people into one, delete everything. Part of the write module:
 * see `./index.ts`.
 */
import type { Note, Person, PersonDate, Profile, Touch } from '@/lib/model/types';
import { isLive } from '@/lib/relationship/people-list';
import type { KithDB } from '@/lib/db/db';
import { readMutedPeople } from '@/lib/db/read';
import { setPersonMuted } from './mutes';
import { refreshSummaries, refreshSummary, writeTx, type WriteContext } from './tx';
import { touchesOfPerson } from '@/lib/db/touch-ranges';

/** Everything a delete takes away, so that "Undo" can put it back exactly. */
export interface DeletedSnapshot {
  people: Person[];
  profiles: Profile[];
  touches: Touch[];
  notes: Note[];
}

/**
 * Delete people: each becomes a tombstone (content wiped, `deletedAt` set), and so
 * do their profiles, touches and notes. Returns the rows as they were, for undo.
 */
export async function deletePeople(db: KithDB, ids: readonly string[], ctx: WriteContext): Promise<DeletedSnapshot> {
  return writeTx(db, ['people', 'profiles', 'touches', 'notes'], async () => {
    const snap: DeletedSnapshot = { people: [], profiles: [], touches: [], notes: [] };
    const tombstones: Person[] = [];
    for (const id of ids) {
      const p = await db.people.get(id);
      if (!p || !isLive(p)) continue;
      const [profiles, touches, notes] = await Promise.all([
        db.profiles.where('personId').equals(id).toArray(),
        touchesOfPerson(db, id).toArray(),
        db.notes.where('personId').equals(id).toArray(),
      ]);
      snap.people.push(p);
      snap.profiles.push(...profiles);
      snap.touches.push(...touches);
      snap.notes.push(...notes);
      const at = { deletedAt: ctx.now, updatedAt: ctx.now };
      tombstones.push({
        id: p.id,
        name: '',
        phones: [],
        emails: [],
        tags: [],
        archived: p.archived,
        createdAt: p.createdAt,
        summary: { passiveSince: 0, broadcastSince: 0, personal12m: 0, inbound12m: 0, personalTotal: 0, openFollowUps: 0 },
        ...at,
      });
      await db.profiles.bulkPut(
        profiles
          .filter((x) => !x.deletedAt)
          .map((x) => ({ id: x.id, personId: x.personId, site: x.site, handle: x.handle, key: x.key, createdAt: x.createdAt, ...at })),
      );
      await db.touches.bulkPut(
        touches
          .filter((x) => !x.deletedAt)
          .map((x) => {
            const { note: _n, ...rest } = x;
            return { ...rest, ...at };
          }),
      );
      await db.notes.bulkPut(notes.filter((x) => !x.deletedAt).map((x) => ({ ...x, text: '', source: undefined, ...at })));
    }
    // One write of people for all of them (see refreshSummaries).
    await db.people.bulkPut(tombstones);
    return snap;
  });
}

/** Undo a delete: the rows come back as they were (a profile re-linked meanwhile stays with its new owner). */
export async function undoDelete(db: KithDB, snap: DeletedSnapshot, ctx: WriteContext): Promise<void> {
  await writeTx(db, ['people', 'profiles', 'touches', 'notes'], async () => {
    await db.people.bulkPut(snap.people.map((p) => ({ ...p, updatedAt: ctx.now })));
    for (const pr of snap.profiles) {
      const holder = await db.profiles.where('key').equals(pr.key).first();
      if (holder && holder.id !== pr.id) {
        if (!holder.deletedAt) continue;
        await db.profiles.delete(holder.id);
      }
      await db.profiles.put({ ...pr, updatedAt: ctx.now });
    }
    await db.touches.bulkPut(snap.touches.map((t) => ({ ...t, updatedAt: ctx.now })));
    await db.notes.bulkPut(snap.notes.map((n) => ({ ...n, updatedAt: ctx.now })));
    await refreshSummaries(
      db,
      snap.people.map((p) => p.id),
      ctx,
    );
  });
}

function unionBy(a: readonly string[], b: readonly string[], key: (s: string) => string): string[] {
  const out = [...a];
  const seen = new Set(a.map(key));
  for (const x of b) {
    const k = key(x);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}

/**
 * Merge `dropId` into `keepId`: profiles, touches and notes move to the kept
 * person; e-mails, phones and tags are united; empty fields of the kept person are
 * filled from the other, dates are united, and a different "how we met" is appended, so nothing is
 * lost. The other person becomes a tombstone pointing at the kept one
 * (`mergedInto`). The kept person's summary is recomputed. One transaction.
 */
export async function mergePeople(db: KithDB, keepId: string, dropId: string, ctx: WriteContext): Promise<Person> {
  if (keepId === dropId) throw new Error('same-person');
  return writeTx(db, ['people', 'profiles', 'touches', 'notes', 'meta'], async () => {
    const [keep, drop] = await db.people.bulkGet([keepId, dropId]);
    if (!keep || !isLive(keep) || !drop || !isLive(drop)) throw new Error('no-such-person');
    const next: Person = { ...keep, updatedAt: ctx.now };
    for (const k of ['headline', 'company', 'location', 'photoUrl', 'birthday', 'circleId', 'rhythm', 'connectedAt'] as const) {
      if (next[k] === undefined && drop[k] !== undefined) (next as unknown as Record<string, unknown>)[k] = drop[k];
    }
    if (drop.connectedAt !== undefined && next.connectedAt !== undefined) next.connectedAt = Math.min(next.connectedAt, drop.connectedAt);
    if (drop.howWeMet && drop.howWeMet !== keep.howWeMet) next.howWeMet = keep.howWeMet ? `${keep.howWeMet}\n\n${drop.howWeMet}` : drop.howWeMet;
    next.emails = unionBy(keep.emails, drop.emails, (s) => s.toLowerCase());
    next.phones = unionBy(keep.phones, drop.phones, (s) => s.replace(/\D/g, ''));
    next.tags = unionBy(keep.tags, drop.tags, (s) => s);
    // Dates are united too; the same date written on both is kept once.
    const dateKey = (d: PersonDate) => JSON.stringify([d.kind, d.month, d.day, d.year ?? null, d.once ?? false, (d.label ?? '').toLowerCase()]);
    const keptDates = new Set((keep.dates ?? []).map(dateKey));
    const dates = [...(keep.dates ?? []), ...(drop.dates ?? []).filter((d) => !keptDates.has(dateKey(d)))];
    if (dates.length > 0) next.dates = dates;
    if (keep.archived === 0 || drop.archived === 0) next.archived = 0;
    const edited = new Set([...(keep.userEdited ?? []), ...(drop.userEdited ?? [])]);
    if (edited.size > 0) next.userEdited = [...edited].sort();
    await db.people.put(next);
    await db.profiles.where('personId').equals(dropId).modify({ personId: keepId, updatedAt: ctx.now });
    await touchesOfPerson(db, dropId).modify({ personId: keepId, updatedAt: ctx.now });
    await db.notes.where('personId').equals(dropId).modify({ personId: keepId, updatedAt: ctx.now });
    await db.people.put({
      id: drop.id,
      name: '',
      phones: [],
      emails: [],
      tags: [],
      archived: drop.archived,
      createdAt: drop.createdAt,
      updatedAt: ctx.now,
      deletedAt: ctx.now,
      mergedInto: keepId,
      summary: { passiveSince: 0, broadcastSince: 0, personal12m: 0, inbound12m: 0, personalTotal: 0, openFollowUps: 0 },
    });
    // "Not for this person" said of either one holds for the person kept.
    if ((await readMutedPeople(db)).includes(dropId)) {
      await setPersonMuted(db, dropId, false);
      await setPersonMuted(db, keepId, true);
    }
    return (await refreshSummary(db, keepId, ctx)) ?? next;
  });
}

/** "Delete all my data": every row of every table Kith keeps, in one transaction. */
export async function deleteAllData(db: KithDB): Promise<void> {
  // The rows a restore replaced go too: "delete all" leaves no copy behind.
  await writeTx(db, ['people', 'profiles', 'touches', 'notes', 'meta', 'restoreUndo'], async () => {
    await Promise.all([db.people.clear(), db.profiles.clear(), db.touches.clear(), db.notes.clear(), db.meta.clear(), db.restoreUndo.clear()]);
  });
}
