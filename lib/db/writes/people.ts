/**
 * Writes to a person and their profiles: add, the user's edits, link and unlink a
 * profile, snooze, archive, done from the list, bulk edits, a circle's rhythm.
 * Part of the write module: see `./index.ts`.
 */
import type { FillableField } from '@/lib/import/merge';
import type { Birthday, Channel, NoteSource, PageIdentity, Person, PersonDate, Profile, Rhythm, Touch } from '@/lib/model/types';
import { normalizePersonDates } from '@/lib/relationship/dates';
import { normEmail } from '@/lib/model/email';
import { cleanPhone, samePhone } from '@/lib/relationship/duplicates';
import { isLive } from '@/lib/relationship/people-list';
import { emptySummary } from '@/lib/relationship/summary';
import { canonicalHandle, profileKey } from '@/lib/sites/identity';
import type { KithDB } from '@/lib/db/db';
import { findPersonByProfile } from '@/lib/db/read';
import { logTouch } from './touches';
import { addNote } from './notes';
import { newId, refreshSummaries, refreshSummary, stampPerson, SUMMARY_TABLES, writeTx, type WriteContext } from './tx';

/** A profile to link: site and handle, and the URL when known. */
export type ProfileIdentity = Pick<PageIdentity, 'site' | 'handle'> & { url?: string | undefined };

export type PersonPatch = Partial<
  Pick<
    Person,
    | 'name'
    | 'headline'
    | 'company'
    | 'location'
    | 'phones'
    | 'emails'
    | 'birthday'
    | 'dates'
    | 'howWeMet'
    | 'tags'
    | 'circleId'
    | 'rhythm'
    | 'snoozedUntil'
    | 'archived'
    | 'connectedAt'
  >
>;

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
  return writeTx(db, ['people', 'profiles', 'touches', 'notes'], async () => {
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
  });
}

/**
 * What the user types to add someone by hand (the add forms, the capture picker).
 * Only the name is required. E-mails and phones are normalised here, so every
 * form stores them the same way; invalid ones are left out.
 */
export interface ByHandInput {
  name: string;
  howWeMet?: string | undefined;
  emails?: readonly string[] | undefined;
  phones?: readonly string[] | undefined;
  birthday?: Birthday | undefined;
  circleId?: string | undefined;
  /** The person's own rhythm (wins over the circle's). */
  rhythm?: Rhythm | undefined;
  /** Profiles pasted as addresses, already read into site and canonical handle. */
  profiles?: readonly ProfileIdentity[] | undefined;
  /** A note written with the person: a text captured from a page, with its address. */
  note?: { text: string; source?: NoteSource | undefined } | undefined;
}

function cleanEmails(list: readonly string[] | undefined): string[] {
  return [...new Set((list ?? []).map((e) => normEmail(e)).filter((e): e is string => !!e))];
}

function cleanPhones(list: readonly string[] | undefined): string[] {
  const out: string[] = [];
  for (const raw of list ?? []) {
    const p = cleanPhone(raw);
    if (p && !out.some((q) => samePhone(p, q))) out.push(p);
  }
  return out;
}

/** Link the profiles nobody has yet; a profile another person has stays theirs (the duplicate prompt named them). */
async function linkFreeProfiles(db: KithDB, personId: string, profiles: readonly ProfileIdentity[] | undefined, now: number): Promise<number> {
  let linked = 0;
  for (const identity of profiles ?? []) {
    const key = profileKey(identity.site, identity.handle);
    const existing = await db.profiles.where('key').equals(key).first();
    if (existing && !existing.deletedAt) continue;
    if (existing) await db.profiles.delete(existing.id);
    await addProfileRow(db, personId, identity, now);
    linked++;
  }
  return linked;
}

/**
 * Add someone by hand, in one step: the person, their profiles and, when given,
 * a first note, in one transaction. A person without any profile is a person like
 * any other (lists, digest, backup, sync).
 */
export async function addPersonByHand(db: KithDB, input: ByHandInput, ctx: WriteContext): Promise<Person> {
  return writeTx(db, ['people', 'profiles', 'touches', 'notes'], async () => {
    const name = input.name.trim();
    if (!name) throw new Error('name-required');
    const howWeMet = input.howWeMet?.trim();
    const person: Person = {
      id: newId(),
      name,
      ...(howWeMet ? { howWeMet } : {}),
      ...(input.birthday ? { birthday: input.birthday } : {}),
      ...(input.circleId ? { circleId: input.circleId } : {}),
      ...(input.rhythm ? { rhythm: input.rhythm } : {}),
      phones: cleanPhones(input.phones),
      emails: cleanEmails(input.emails),
      tags: [],
      archived: 0,
      createdAt: ctx.now,
      updatedAt: ctx.now,
      summary: emptySummary(),
    };
    await db.people.add(person);
    await linkFreeProfiles(db, person.id, input.profiles, ctx.now);
    if (input.note?.text.trim()) await addNote(db, { personId: person.id, kind: 'listening', text: input.note.text, source: input.note.source }, ctx);
    return (await refreshSummary(db, person.id, ctx)) ?? person;
  });
}

/**
 * "Add to this person" instead of a duplicate: what was typed joins what is there
 * and never replaces it. Empty fields are filled (how we met, birthday, circle or
 * rhythm when the person has neither), new e-mails, phones and free profiles are
 * added, and the note, if any, is written. Unlike an import's fill, this is the
 * user's own doing, so fields they edited before are filled too when empty.
 */
export async function addToPersonByHand(db: KithDB, personId: string, input: ByHandInput, ctx: WriteContext): Promise<Person> {
  return writeTx(db, ['people', 'profiles', 'touches', 'notes'], async () => {
    const person = await db.people.get(personId);
    if (!person || !isLive(person)) throw new Error('no-such-person');
    const next: Person = { ...person, updatedAt: ctx.now };
    const howWeMet = input.howWeMet?.trim();
    if (howWeMet && !person.howWeMet?.trim()) next.howWeMet = howWeMet;
    if (input.birthday && !person.birthday) next.birthday = input.birthday;
    if (!person.circleId && !person.rhythm) {
      if (input.circleId) next.circleId = input.circleId;
      if (input.rhythm) next.rhythm = input.rhythm;
    }
    const have = new Set(person.emails.map((e) => e.toLowerCase()));
    next.emails = [...person.emails, ...cleanEmails(input.emails).filter((e) => !have.has(e))];
    next.phones = [...person.phones, ...cleanPhones(input.phones).filter((p) => !person.phones.some((q) => samePhone(p, q)))];
    await db.people.put(next);
    await linkFreeProfiles(db, person.id, input.profiles, ctx.now);
    if (input.note?.text.trim()) await addNote(db, { personId: person.id, kind: 'listening', text: input.note.text, source: input.note.source }, ctx);
    return (await refreshSummary(db, person.id, ctx)) ?? next;
  });
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
  return writeTx(db, ['people', 'profiles'], async () => {
    const key = profileKey(identity.site, identity.handle);
    const existing = await db.profiles.where('key').equals(key).first();
    if (existing && !existing.deletedAt) {
      if (existing.personId === personId) return existing;
      throw new Error('profile-owned-by-other');
    }
    if (existing) await db.profiles.delete(existing.id);
    const profile = await addProfileRow(db, personId, identity, ctx.now);
    await stampPerson(db, personId, ctx.now);
    return profile;
  });
}

/** Take a profile off a person (a tombstone; the key can then be linked again). */
export async function unlinkProfile(db: KithDB, profileId: string, ctx: WriteContext): Promise<void> {
  await writeTx(db, ['people', 'profiles'], async () => {
    const p = await db.profiles.get(profileId);
    if (!p || p.deletedAt) return;
    await db.profiles.put({ ...p, url: undefined, deletedAt: ctx.now, updatedAt: ctx.now });
    await stampPerson(db, p.personId, ctx.now);
  });
}

const FILLABLE: ReadonlySet<string> = new Set<FillableField>(['name', 'headline', 'company', 'birthday', 'howWeMet', 'connectedAt', 'emails', 'phones']);

/**
 * An edit by the user, wherever it is made (side panel, options page, in-page
 * card): the fields that change are written, and the fillable ones among them are
 * remembered in `userEdited`, so that an import never fills them again (an e-mail
 * removed on purpose stays removed). `undefined` in a patch clears the field; an
 * empty name keeps the name there was.
 */
export async function editPerson(db: KithDB, personId: string, patch: PersonPatch, ctx: WriteContext): Promise<Person | undefined> {
  return writeTx(db, SUMMARY_TABLES, async () => {
    const person = await db.people.get(personId);
    if (!person || !isLive(person)) return undefined;
    const next: Person = { ...person, updatedAt: ctx.now };
    const edited = new Set(person.userEdited ?? []);
    for (const [k, v] of Object.entries(patch) as [keyof PersonPatch, unknown][]) {
      const before = (person as unknown as Record<string, unknown>)[k];
      if (JSON.stringify(before) === JSON.stringify(v)) continue;
      if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
      else (next as unknown as Record<string, unknown>)[k] = v;
      if (FILLABLE.has(k)) edited.add(k as FillableField);
    }
    if (edited.size > 0) next.userEdited = [...edited].sort();
    if (next.name.trim() === '') next.name = person.name;
    await db.people.put(next);
    return refreshSummary(db, personId, ctx);
  });
}

/** A date as the editor sends it: without an id when it is new. */
export type DateInput = Omit<PersonDate, 'id'> & { id?: string };

/**
 * Add a date to a person, or replace the one with the same id. Refuses a date no
 * calendar has ('invalid-date'). The summary (and so today's list) follows.
 */
export async function saveDate(db: KithDB, personId: string, input: DateInput, ctx: WriteContext): Promise<Person | undefined> {
  return writeTx(db, SUMMARY_TABLES, async () => {
    const person = await db.people.get(personId);
    if (!person || !isLive(person)) return undefined;
    const thisYear = new Date(ctx.now).getUTCFullYear();
    const date = { ...input, id: input.id ?? newId() };
    const [clean] = normalizePersonDates([date], thisYear);
    if (!clean) throw new Error('invalid-date');
    const dates = person.dates ?? [];
    const at = dates.findIndex((d) => d.id === clean.id);
    const next = at === -1 ? [...dates, clean] : dates.map((d, i) => (i === at ? clean : d));
    return editPerson(db, personId, { dates: next }, ctx);
  });
}

/** Take a date off a person. */
export async function removeDate(db: KithDB, personId: string, dateId: string, ctx: WriteContext): Promise<Person | undefined> {
  return writeTx(db, SUMMARY_TABLES, async () => {
    const person = await db.people.get(personId);
    if (!person || !isLive(person)) return undefined;
    const next = (person.dates ?? []).filter((d) => d.id !== dateId);
    return editPerson(db, personId, { dates: next.length > 0 ? next : undefined }, ctx);
  });
}

/** "Don't ask again": a one-off date that has passed stops asking how it went. */
export async function dismissDate(db: KithDB, personId: string, dateId: string, ctx: WriteContext): Promise<Person | undefined> {
  return writeTx(db, SUMMARY_TABLES, async () => {
    const person = await db.people.get(personId);
    if (!person || !isLive(person)) return undefined;
    const next = (person.dates ?? []).map((d) => (d.id === dateId && d.once ? { ...d, dismissedAt: ctx.now } : d));
    return editPerson(db, personId, { dates: next }, ctx);
  });
}

export function snooze(db: KithDB, personId: string, until: number, ctx: WriteContext) {
  return editPerson(db, personId, { snoozedUntil: until }, ctx);
}

/** End a snooze now: the person is back in the lists as their rhythm says. */
export function unsnooze(db: KithDB, personId: string, ctx: WriteContext) {
  return editPerson(db, personId, { snoozedUntil: undefined }, ctx);
}

export function setArchived(db: KithDB, personId: string, archived: boolean, ctx: WriteContext) {
  return editPerson(db, personId, { archived: archived ? 1 : 0 }, ctx);
}

/**
 * "Done" from the reach-out list: log the personal touch, say how. When the
 * person was listed for a promise that is due, reaching out is keeping it: those
 * follow-ups are marked done in the same transaction.
 */
export async function markDone(db: KithDB, personId: string, channel: Channel, ctx: WriteContext, opts: { keepDuePromises?: boolean } = {}): Promise<Touch> {
  return writeTx(db, SUMMARY_TABLES, async () => {
    if (opts.keepDuePromises) {
      const due = (await db.notes.where('personId').equals(personId).toArray()).filter(
        (n) => n.kind === 'followup' && !n.doneAt && !n.deletedAt && n.dueAt !== undefined && n.dueAt <= ctx.now,
      );
      for (const n of due) await db.notes.put({ ...n, doneAt: ctx.now, updatedAt: ctx.now });
    }
    return logTouch(db, { personId, channel, depth: 'personal', source: 'manual' }, ctx);
  });
}

export type BulkOp =
  | { kind: 'add-tag'; tag: string }
  | { kind: 'remove-tag'; tag: string }
  | { kind: 'set-circle'; circleId: string | undefined }
  | { kind: 'archive'; archived: boolean }
  /** Snooze until then; `undefined` ends the snooze. */
  | { kind: 'snooze'; until: number | undefined };

/** One edit for many people, in one transaction. Returns how many changed. */
export async function bulkEdit(db: KithDB, ids: readonly string[], op: BulkOp, ctx: WriteContext): Promise<number> {
  return writeTx(db, SUMMARY_TABLES, async () => {
    const people = await db.people.bulkGet([...ids]);
    // Written together at the end: one write of people (see refreshSummaries).
    const changed: Person[] = [];
    for (const p of people) {
      if (!p || !isLive(p)) continue;
      const next: Person = { ...p, updatedAt: ctx.now };
      if (op.kind === 'add-tag') {
        const tag = op.tag.trim();
        if (!tag || p.tags.includes(tag)) continue;
        next.tags = [...p.tags, tag];
      } else if (op.kind === 'remove-tag') {
        if (!p.tags.includes(op.tag)) continue;
        next.tags = p.tags.filter((t) => t !== op.tag);
      } else if (op.kind === 'set-circle') {
        if (p.circleId === op.circleId) continue;
        if (op.circleId === undefined) delete next.circleId;
        else next.circleId = op.circleId;
      } else if (op.kind === 'snooze') {
        if (op.until === undefined) {
          if (p.snoozedUntil === undefined) continue;
          delete next.snoozedUntil;
        } else {
          if (p.snoozedUntil === op.until) continue;
          next.snoozedUntil = op.until;
        }
      } else {
        const a = op.archived ? 1 : 0;
        if (p.archived === a) continue;
        next.archived = a;
      }
      changed.push(next);
    }
    await db.people.bulkPut(changed);
    if (op.kind === 'set-circle' || op.kind === 'snooze')
      await refreshSummaries(
        db,
        changed.map((p) => p.id),
        ctx,
      );
    return changed.length;
  });
}

/** People in a circle get their summary recomputed (its rhythm changed, or it was removed). */
export async function refreshCircle(db: KithDB, circleId: string, ctx: WriteContext, opts: { clear?: boolean } = {}): Promise<number> {
  return writeTx(db, SUMMARY_TABLES, async () => {
    const ids = await db.people.where('circleId').equals(circleId).primaryKeys();
    if (opts.clear) {
      const people = (await db.people.bulkGet(ids)).filter((p): p is Person => !!p);
      await db.people.bulkPut(
        people.map((p) => {
          const next = { ...p, updatedAt: ctx.now };
          delete next.circleId;
          return next;
        }),
      );
    }
    await refreshSummaries(db, ids, ctx);
    return ids.length;
  });
}

/** Summaries that depend on the date (a birthday passed, a week of welcome ended) are recomputed: the daily alarm's write. */
export async function refreshSummariesOf(db: KithDB, personIds: readonly string[], ctx: WriteContext): Promise<void> {
  await writeTx(db, SUMMARY_TABLES, () => refreshSummaries(db, personIds, ctx));
}
