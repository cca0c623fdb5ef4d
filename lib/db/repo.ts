/**
 * Every write to Kith's data goes through here, each in one transaction that also
 * refreshes the person's summary, so lists never have to scan touches.
 */
import type { Circle, Channel, Direction, Note, NoteKind, PageIdentity, Person, Profile, SiteId, Touch, TouchDepth, TouchSource } from '../model/types';
import { computeSummary, emptySummary } from '../relationship/summary';
import { depthOfChannel } from '../relationship/touches';
import { canonicalHandle, profileKey } from '../sites/identity';
import type { KithDB } from './db';
import { StorageError, storageErrorCode } from './errors';

/** A profile to link: site and handle, and the URL when known. */
export type ProfileIdentity = Pick<PageIdentity, 'site' | 'handle'> & { url?: string | undefined };

export interface WriteContext {
  now: number;
  timeZone: string;
  circles: Circle[];
}

export function newId(): string {
  return crypto.randomUUID();
}


/** Run a write; storage failures become a StorageError with a code the UI can word. */
export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    const code = storageErrorCode(err);
    if (code !== 'unknown') throw new StorageError(code, err);
    throw err;
  }
}

/**
 * Recompute many people's summaries: one read of their rows, one write. Loops
 * over people use this, not `refreshSummary` per person: every write to people
 * also rewrites the reach buckets it touches (lib/db/reach-buckets.ts), and one
 * write per person would rewrite a shared bucket once per person. Call inside a
 * rw transaction.
 */
export async function refreshSummaries(db: KithDB, personIds: Iterable<string>, ctx: WriteContext): Promise<void> {
  const ids = [...new Set(personIds)];
  if (ids.length === 0) return;
  const people = (await db.people.bulkGet(ids)).filter((p): p is Person => !!p && !p.deletedAt);
  if (people.length === 0) return;
  const live = people.map((p) => p.id);
  const [touches, notes] = await Promise.all([db.touches.where('personId').anyOf(live).toArray(), db.notes.where('personId').anyOf(live).toArray()]);
  const byPerson = <T extends { personId: string }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const r of rows) (map.get(r.personId) ?? map.set(r.personId, []).get(r.personId)!).push(r);
    return map;
  };
  const touchesOf = byPerson(touches);
  const notesOf = byPerson(notes);
  await db.people.bulkPut(
    people.map((person) => ({
      ...person,
      summary: computeSummary({ person, touches: touchesOf.get(person.id) ?? [], notes: notesOf.get(person.id) ?? [], circles: ctx.circles, now: ctx.now, timeZone: ctx.timeZone }),
    })),
  );
}

/** Recompute one person's summary from their rows. Call inside a rw transaction. */
export async function refreshSummary(db: KithDB, personId: string, ctx: WriteContext): Promise<Person | undefined> {
  const person = await db.people.get(personId);
  if (!person || person.deletedAt) return person;
  const [touches, notes] = await Promise.all([
    db.touches.where('personId').equals(personId).toArray(),
    db.notes.where('personId').equals(personId).toArray(),
  ]);
  const summary = computeSummary({ person, touches, notes, circles: ctx.circles, now: ctx.now, timeZone: ctx.timeZone });
  const next: Person = { ...person, summary };
  await db.people.put(next);
  return next;
}

export async function findPersonByProfile(db: KithDB, site: SiteId, handle: string): Promise<{ person: Person; profile: Profile } | undefined> {
  const profile = await db.profiles.where('key').equals(profileKey(site, handle)).first();
  if (!profile || profile.deletedAt) return undefined;
  const person = await db.people.get(profile.personId);
  if (!person || person.deletedAt) return undefined;
  return { person, profile };
}

export interface NewPersonInput {
  name: string;
  headline?: string;
  location?: string;
  photoUrl?: string;
  howWeMet?: string;
  identity?: ProfileIdentity;
  circleId?: string;
}

/** Add a person (and their profile). Adding a profile that is already known returns that person. */
export async function addPerson(db: KithDB, input: NewPersonInput, ctx: WriteContext): Promise<Person> {
  return guarded(() =>
    db.transaction('rw', db.people, db.profiles, db.touches, db.notes, async () => {
      if (input.identity) {
        const existing = await findPersonByProfile(db, input.identity.site, input.identity.handle);
        if (existing) return existing.person;
      }
      const person: Person = {
        id: newId(),
        name: input.name.trim(),
        ...(input.headline ? { headline: input.headline } : {}),
        ...(input.location ? { location: input.location } : {}),
        ...(input.photoUrl ? { photoUrl: input.photoUrl } : {}),
        ...(input.howWeMet?.trim() ? { howWeMet: input.howWeMet.trim() } : {}),
        ...(input.circleId ? { circleId: input.circleId } : {}),
        phones: [],
        emails: [],
        tags: [],
        archived: 0,
        createdAt: ctx.now,
        updatedAt: ctx.now,
        summary: emptySummary(),
      };
      await db.people.add(person);
      if (input.identity) await addProfileRow(db, person.id, input.identity, ctx.now);
      return (await refreshSummary(db, person.id, ctx)) ?? person;
    }),
  );
}

async function addProfileRow(db: KithDB, personId: string, identity: ProfileIdentity, now: number): Promise<Profile> {
  const handle = canonicalHandle(identity.handle);
  const profile: Profile = {
    id: newId(),
    personId,
    site: identity.site,
    handle,
    key: profileKey(identity.site, handle),
    ...(identity.url ? { url: identity.url } : {}),
    createdAt: now,
    updatedAt: now,
  };
  await db.profiles.add(profile);
  return profile;
}

/** Link one more profile to a person ("this is also ..."). Refuses a profile owned by someone else. */
export async function linkProfile(db: KithDB, personId: string, identity: ProfileIdentity, ctx: WriteContext): Promise<Profile> {
  return guarded(() =>
    db.transaction('rw', db.people, db.profiles, async () => {
      const key = profileKey(identity.site, identity.handle);
      const existing = await db.profiles.where('key').equals(key).first();
      if (existing && !existing.deletedAt) {
        if (existing.personId === personId) return existing;
        throw new Error('profile-owned-by-other');
      }
      if (existing) await db.profiles.delete(existing.id);
      const profile = await addProfileRow(db, personId, identity, ctx.now);
      await touchPerson(db, personId, ctx.now);
      return profile;
    }),
  );
}

async function touchPerson(db: KithDB, personId: string, now: number): Promise<void> {
  await db.people.update(personId, { updatedAt: now });
}

export interface TouchInput {
  personId: string;
  channel: Channel;
  depth?: TouchDepth;
  direction?: Direction;
  at?: number;
  note?: string;
  source: TouchSource;
  site?: SiteId;
  sourceKey?: string;
}

export function makeTouch(input: TouchInput, now: number): Touch {
  return {
    id: newId(),
    personId: input.personId,
    channel: input.channel,
    depth: input.depth ?? depthOfChannel(input.channel) ?? 'personal',
    direction: input.direction ?? 'out',
    at: input.at ?? now,
    ...(input.note?.trim() ? { note: input.note.trim() } : {}),
    source: input.source,
    ...(input.site ? { site: input.site } : {}),
    ...(input.sourceKey ? { sourceKey: input.sourceKey } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

export async function logTouch(db: KithDB, input: TouchInput, ctx: WriteContext): Promise<Touch> {
  return guarded(() =>
    db.transaction('rw', db.people, db.touches, db.notes, async () => {
      const person = await db.people.get(input.personId);
      if (!person || person.deletedAt) throw new Error('no-such-person');
      const touch = makeTouch(input, ctx.now);
      await db.touches.add(touch);
      // A personal touch ends a snooze: the person was reached.
      if (touch.depth === 'personal' && person.snoozedUntil) await db.people.update(person.id, { snoozedUntil: undefined });
      await touchPerson(db, person.id, ctx.now);
      await refreshSummary(db, person.id, ctx);
      return touch;
    }),
  );
}

/** Take a touch back (a tombstone, as every delete: see DESIGN.md on sync). */
export async function removeTouch(db: KithDB, touchId: string, ctx: WriteContext): Promise<void> {
  await guarded(() =>
    db.transaction('rw', db.people, db.touches, db.notes, async () => {
      const touch = await db.touches.get(touchId);
      if (!touch || touch.deletedAt) return;
      await db.touches.put({ ...touch, note: undefined, deletedAt: ctx.now, updatedAt: ctx.now });
      await refreshSummary(db, touch.personId, ctx);
    }),
  );
}

export interface NoteInput {
  personId: string;
  kind: NoteKind;
  text: string;
  dueAt?: number;
}

export async function addNote(db: KithDB, input: NoteInput, ctx: WriteContext): Promise<Note> {
  return guarded(() =>
    db.transaction('rw', db.people, db.touches, db.notes, async () => {
      const person = await db.people.get(input.personId);
      if (!person || person.deletedAt) throw new Error('no-such-person');
      const note: Note = {
        id: newId(),
        personId: input.personId,
        kind: input.kind,
        text: input.text.trim(),
        ...(input.kind === 'followup' && input.dueAt !== undefined ? { dueAt: input.dueAt } : {}),
        createdAt: ctx.now,
        updatedAt: ctx.now,
      };
      await db.notes.add(note);
      await touchPerson(db, person.id, ctx.now);
      await refreshSummary(db, person.id, ctx);
      return note;
    }),
  );
}

export async function setFollowUpDone(db: KithDB, noteId: string, done: boolean, ctx: WriteContext): Promise<void> {
  await guarded(() =>
    db.transaction('rw', db.people, db.touches, db.notes, async () => {
      const note = await db.notes.get(noteId);
      if (!note || note.deletedAt) return;
      await db.notes.put({ ...note, doneAt: done ? ctx.now : undefined, updatedAt: ctx.now });
      await refreshSummary(db, note.personId, ctx);
    }),
  );
}

export async function deleteNote(db: KithDB, noteId: string, ctx: WriteContext): Promise<void> {
  await guarded(() =>
    db.transaction('rw', db.people, db.touches, db.notes, async () => {
      const note = await db.notes.get(noteId);
      if (!note || note.deletedAt) return;
      await db.notes.put({ ...note, text: '', deletedAt: ctx.now, updatedAt: ctx.now });
      await refreshSummary(db, note.personId, ctx);
    }),
  );
}

export type PersonPatch = Partial<
  Pick<Person, 'name' | 'headline' | 'company' | 'location' | 'phones' | 'emails' | 'birthday' | 'howWeMet' | 'tags' | 'circleId' | 'rhythm' | 'snoozedUntil' | 'archived' | 'connectedAt'>
>;

export async function updatePerson(db: KithDB, personId: string, patch: PersonPatch, ctx: WriteContext): Promise<Person | undefined> {
  return guarded(() =>
    db.transaction('rw', db.people, db.touches, db.notes, async () => {
      const person = await db.people.get(personId);
      if (!person || person.deletedAt) return undefined;
      const next: Person = { ...person, updatedAt: ctx.now };
      for (const [k, v] of Object.entries(patch) as [keyof PersonPatch, unknown][]) {
        // `undefined` in a patch clears the field.
        if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
        else (next as unknown as Record<string, unknown>)[k] = v;
      }
      await db.people.put(next);
      return refreshSummary(db, personId, ctx);
    }),
  );
}

export function snooze(db: KithDB, personId: string, until: number, ctx: WriteContext) {
  return updatePerson(db, personId, { snoozedUntil: until }, ctx);
}

/** End a snooze now: the person is back in the lists as their rhythm says. */
export function unsnooze(db: KithDB, personId: string, ctx: WriteContext) {
  return updatePerson(db, personId, { snoozedUntil: undefined }, ctx);
}

export function setArchived(db: KithDB, personId: string, archived: boolean, ctx: WriteContext) {
  return updatePerson(db, personId, { archived: archived ? 1 : 0 }, ctx);
}

/**
 * "Done" from the reach-out list: log the personal touch, say how. When the
 * person was listed for a promise that is due, reaching out is keeping it: those
 * follow-ups are marked done in the same transaction.
 */
export async function markDone(db: KithDB, personId: string, channel: Channel, ctx: WriteContext, opts: { keepDuePromises?: boolean } = {}): Promise<Touch> {
  return guarded(() =>
    db.transaction('rw', db.people, db.touches, db.notes, async () => {
      if (opts.keepDuePromises) {
        const due = (await db.notes.where('personId').equals(personId).toArray()).filter((n) => n.kind === 'followup' && !n.doneAt && !n.deletedAt && n.dueAt !== undefined && n.dueAt <= ctx.now);
        for (const n of due) await db.notes.put({ ...n, doneAt: ctx.now, updatedAt: ctx.now });
      }
      return logTouch(db, { personId, channel, depth: 'personal', source: 'manual' }, ctx);
    }),
  );
}

/** Everything the panel shows for one person. */
export async function personView(db: KithDB, personId: string) {
  const [person, profiles, touches, notes] = await Promise.all([
    db.people.get(personId),
    db.profiles.where('personId').equals(personId).toArray(),
    db.touches.where('[personId+at]').between([personId, -Infinity], [personId, Infinity]).reverse().toArray(),
    db.notes.where('personId').equals(personId).toArray(),
  ]);
  if (!person || person.deletedAt) return undefined;
  return {
    person,
    profiles: profiles.filter((p) => !p.deletedAt),
    touches: touches.filter((t) => !t.deletedAt),
    notes: notes.filter((n) => !n.deletedAt).sort((a, b) => b.createdAt - a.createdAt),
  };
}
export type PersonView = NonNullable<Awaited<ReturnType<typeof personView>>>;
