/**
 * Upgrade harness (Dexie's own upgrade tests are the model): for every schema
 * version Kith has shipped, a database made by that version is opened by the
 * current code with every row intact; and a fresh install opens with every
 * version defined. Each new version adds a saved database of the one before to SAVED below.
 */
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { createDb } from '@/lib/db/db';
import { bucketsFromPeople } from '@/lib/db/reach-buckets';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '@/lib/db/schema';
import { touchesOfPerson } from '@/lib/db/touch-ranges';
import type { Note, Person, Profile, Touch } from '@/lib/model/types';

const person: Person = {
  id: 'p1',
  name: 'Ada Example',
  phones: ['+39 333 000 0000'],
  emails: ['ada@example.org'],
  birthday: { day: 29, month: 2 },
  tags: ['milan'],
  circleId: 'close',
  archived: 0,
  createdAt: 1,
  updatedAt: 2,
  summary: { passiveSince: 1, broadcastSince: 0, personal12m: 1, inbound12m: 0, personalTotal: 1, openFollowUps: 1, dueAt: 5, birthdayKey: '02-29' },
};
const profile: Profile = { id: 'pr1', personId: 'p1', site: 'linkedin', handle: 'ada-example', key: 'linkedin:ada-example', createdAt: 1, updatedAt: 1 };
const touch: Touch = { id: 't1', personId: 'p1', depth: 'personal', direction: 'out', channel: 'call', at: 3, source: 'manual', createdAt: 3, updatedAt: 3 };
const note: Note = { id: 'n1', personId: 'p1', kind: 'followup', text: 'send the article', dueAt: 9, createdAt: 4, updatedAt: 4 };

/** Rows as each version wrote them. */
const SAVED: Record<number, { people: unknown[]; profiles: unknown[]; touches: unknown[]; notes: unknown[] }> = {
  1: { people: [person], profiles: [profile], touches: [touch], notes: [note] },
  // Version 2 added only the derived due buckets (built from people).
  2: { people: [person], profiles: [profile], touches: [touch], notes: [note] },
  // Version 3 added only the store of the rows a replace-restore replaced.
  3: { people: [person], profiles: [profile], touches: [touch], notes: [note] },
  // Version 4 added only sync's outbox.
  4: { people: [person], profiles: [profile], touches: [touch], notes: [note] },
  // Version 5 added only `updatedAt` indexes on profiles, touches and notes.
  5: { people: [person], profiles: [profile], touches: [touch], notes: [note] },
  // Version 6 dropped only two indexes of touches (`personId`, `at`).
  6: { people: [person], profiles: [profile], touches: [touch], notes: [note] },
};

describe('schema upgrades', () => {
  it('keeps a saved database for every earlier version', () => {
    for (const v of SCHEMA_VERSIONS) expect(SAVED[v.version], `saved rows for version ${v.version}`).toBeDefined();
  });

  it.each(SCHEMA_VERSIONS.map((v) => v.version))('a database made by version %i opens in the current version with every row intact', async (version) => {
    const name = `upgrade-from-${version}-${Math.random()}`;
    const old = createDb(name, version);
    const rows = SAVED[version]!;
    await old.transaction('rw', old.people, old.profiles, old.touches, old.notes, async () => {
      await old.people.bulkAdd(rows.people as Person[]);
      await old.profiles.bulkAdd(rows.profiles as Profile[]);
      await old.touches.bulkAdd(rows.touches as Touch[]);
      await old.notes.bulkAdd(rows.notes as Note[]);
    });
    old.close();

    const db = createDb(name);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(await db.people.toArray()).toEqual(rows.people);
    expect(await db.profiles.toArray()).toEqual(rows.profiles);
    expect(await db.touches.toArray()).toEqual(rows.touches);
    expect(await db.notes.toArray()).toEqual(rows.notes);
    // The indexes work after the upgrade.
    expect(await db.people.where('summary.dueAt').belowOrEqual(5).count()).toBe(1);
    expect(await db.profiles.where('key').equals('linkedin:ada-example').count()).toBe(1);
    // What changed since a time, on every table of the user's rows (the search index's catch-up).
    for (const t of [db.people, db.profiles, db.touches, db.notes] as const) expect(await t.where('updatedAt').aboveOrEqual(1).count()).toBe(1);
    // A person's touches, through the index that has their id first.
    expect(await touchesOfPerson(db, 'p1').toArray()).toEqual(rows.touches);
    // The derived reach buckets hold the due people, whichever version made the rows.
    const built = bucketsFromPeople(rows.people as Person[]);
    expect(await db.dueBuckets.toArray()).toEqual(built.dueBuckets);
    expect(await db.rekindleBuckets.toArray()).toEqual(built.rekindleBuckets);
    expect(await db.dueBuckets.count()).toBe(1);
    await db.delete();
  });

  it('a version 2 database gains an empty store for the rows a restore replaced, and can keep them', async () => {
    const name = `upgrade-undo-${Math.random()}`;
    const old = createDb(name, 2);
    await old.transaction('rw', old.people, async () => {
      await old.people.bulkAdd([person]);
    });
    old.close();
    const db = createDb(name);
    await db.open();
    expect(await db.restoreUndo.count()).toBe(0);
    const row = { id: 'last' as const, at: 7, people: [person], profiles: [profile], touches: [touch], notes: [note] };
    await db.restoreUndo.put(row);
    expect(await db.restoreUndo.get('last')).toEqual(row);
    await db.delete();
  });

  it('a fresh install opens with every version defined and the current indexes', async () => {
    const db = createDb(`fresh-${Math.random()}`);
    await db.open();
    expect(db.verno).toBe(CURRENT_SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name).sort()).toEqual([
      'dueBuckets',
      'meta',
      'notes',
      'people',
      'profiles',
      'rekindleBuckets',
      'restoreUndo',
      'syncOutbox',
      'touches',
    ]);
    expect(db.people.schema.indexes.map((i) => i.name)).toContain('summary.dueAt');
    // A person's touches are found through `[personId+at]`: no index repeats its first half.
    expect(db.touches.schema.indexes.map((i) => i.name).sort()).toEqual(['[personId+at]', 'sourceKey', 'updatedAt']);
    await db.delete();
  });

  it('versions are strictly increasing and never redefined', () => {
    const versions = SCHEMA_VERSIONS.map((v) => v.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));
    expect(new Set(versions).size).toBe(versions.length);
    expect(Dexie.semVer).toBeTruthy();
  });
});
