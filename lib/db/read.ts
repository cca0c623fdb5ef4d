/**
 * Reads of one person or of everyone, for the panels, the people list, the import
 * preview, the nudges and the backup. Nothing here writes: every write goes
 * through `lib/db/writes` (see there). The reach-out list's fast range queries
 * are in `queries.ts`.
 */
import { BACKUP_FORMAT_VERSION, type BackupData } from '@/lib/backup/format';
import type { ExistingPerson, MergeExisting } from '@/lib/import/merge';
import type { Settings } from '@/lib/model/settings';
import type { Person, Profile, SiteId } from '@/lib/model/types';
import { isLive, toRow, type PersonRow } from '@/lib/relationship/people-list';
import { profileKey } from '@/lib/sites/identity';
import type { KithDB } from './db';
import { CURRENT_SCHEMA_VERSION } from './schema';

/**
 * The `meta` row of the people muted with "not for this person" (nudges). User
 * data, unlike the other `meta` rows (device bookkeeping): written only by
 * `setPersonMuted` in the write module.
 */
export const NUDGE_MUTES_KEY = 'nudge:mutes';

export async function findPersonByProfile(db: KithDB, site: SiteId, handle: string): Promise<{ person: Person; profile: Profile } | undefined> {
  const profile = await db.profiles.where('key').equals(profileKey(site, handle)).first();
  if (!profile || profile.deletedAt) return undefined;
  const person = await db.people.get(profile.personId);
  if (!person || !isLive(person)) return undefined;
  return { person, profile };
}

/** Everything the panel shows for one person. */
export async function personView(db: KithDB, personId: string) {
  const [person, profiles, touches, notes] = await Promise.all([
    db.people.get(personId),
    db.profiles.where('personId').equals(personId).toArray(),
    db.touches.where('[personId+at]').between([personId, -Infinity], [personId, Infinity]).reverse().toArray(),
    db.notes.where('personId').equals(personId).toArray(),
  ]);
  if (!person || !isLive(person)) return undefined;
  return {
    person,
    profiles: profiles.filter((p) => !p.deletedAt),
    touches: touches.filter((t) => !t.deletedAt),
    notes: notes.filter((n) => !n.deletedAt).sort((a, b) => b.createdAt - a.createdAt),
  };
}
export type PersonView = NonNullable<Awaited<ReturnType<typeof personView>>>;

/** Every live person as a list row (one read of two tables). */
export async function loadPeopleRows(db: KithDB): Promise<PersonRow[]> {
  const [people, profiles] = await db.transaction('r', db.people, db.profiles, () => Promise.all([db.people.toArray(), db.profiles.toArray()]));
  const byPerson = new Map<string, Profile[]>();
  for (const pr of profiles) {
    if (pr.deletedAt) continue;
    const list = byPerson.get(pr.personId);
    if (list) list.push(pr);
    else byPerson.set(pr.personId, [pr]);
  }
  const rows: PersonRow[] = [];
  for (const p of people) if (isLive(p)) rows.push(toRow(p, byPerson.get(p.id) ?? []));
  return rows;
}

/** What `mergePlan` needs to know about the database. */
export async function readExisting(db: KithDB): Promise<MergeExisting> {
  const [people, profiles, touchKeys] = await db.transaction('r', db.people, db.profiles, db.touches, () =>
    Promise.all([db.people.toArray(), db.profiles.toArray(), db.touches.orderBy('sourceKey').keys()]),
  );
  const keysByPerson = new Map<string, string[]>();
  for (const pr of profiles) {
    if (pr.deletedAt) continue;
    const l = keysByPerson.get(pr.personId);
    if (l) l.push(pr.key);
    else keysByPerson.set(pr.personId, [pr.key]);
  }
  const out: ExistingPerson[] = [];
  for (const p of people) {
    if (!isLive(p)) continue;
    const e: ExistingPerson = { id: p.id, name: p.name, emails: p.emails, phones: p.phones, profileKeys: keysByPerson.get(p.id) ?? [] };
    if (p.headline) e.headline = p.headline;
    if (p.company) e.company = p.company;
    if (p.birthday) e.birthday = p.birthday;
    if (p.howWeMet) e.howWeMet = p.howWeMet;
    if (p.connectedAt !== undefined) e.connectedAt = p.connectedAt;
    if (p.userEdited?.length) e.userEdited = p.userEdited;
    out.push(e);
  }
  return { people: out, existingTouchKeys: new Set(touchKeys.map(String)) };
}

export async function readMutedPeople(db: KithDB): Promise<string[]> {
  const v = (await db.meta.get(NUDGE_MUTES_KEY))?.value as { people?: unknown } | undefined;
  return Array.isArray(v?.people) ? v.people.filter((p): p is string => typeof p === 'string') : [];
}

/**
 * Everything a backup holds, read in one transaction. `settings` come from
 * browser storage: the caller reads them first, outside the Dexie transaction,
 * which would otherwise commit while awaiting a foreign promise.
 */
export async function collectBackup(db: KithDB, settings: Settings, now = Date.now()): Promise<BackupData & { settings: Settings }> {
  const [people, profiles, touches, notes] = await db.transaction('r', db.people, db.profiles, db.touches, db.notes, async () =>
    Promise.all([db.people.toArray(), db.profiles.toArray(), db.touches.toArray(), db.notes.toArray()]),
  );
  return {
    format: 'kith-backup' as const,
    version: BACKUP_FORMAT_VERSION,
    exportedAt: now,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings,
    tables: { people, profiles, touches, notes },
  };
}
