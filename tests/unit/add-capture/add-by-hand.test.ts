import { afterEach, describe, expect, it } from 'vitest';
import type { KithDB } from '@/lib/db/db';
import { addPerson, addPersonByHand, addToPersonByHand, deleteNote, editPerson } from '@/lib/db/writes';
import { loadPeopleRows, personView } from '@/lib/db/read';
import { reachOutList } from '@/lib/db/queries';
import { ctxAt, DAY, freshDb, NOW } from '@/tests/unit/db/helpers';

let db: KithDB;
afterEach(async () => {
  await db?.delete();
});

describe('adding someone by hand', () => {
  it('stores a person with no profile, their contacts normalised, in the people list', async () => {
    db = freshDb();
    const p = await addPersonByHand(
      db,
      {
        name: '  Nonna Lucia ',
        howWeMet: 'Family',
        emails: ['Lucia@Example.org', 'not an address', 'lucia@example.org'],
        phones: ['+39 333 1234567', '0039 3331234567', '12'],
        birthday: { day: 3, month: 4 },
        circleId: 'close',
      },
      ctxAt(),
    );
    expect(p).toMatchObject({
      name: 'Nonna Lucia',
      howWeMet: 'Family',
      emails: ['lucia@example.org'],
      phones: ['+39 333 1234567'],
      birthday: { day: 3, month: 4 },
    });
    const view = await personView(db, p.id);
    expect(view?.profiles).toEqual([]);
    expect((await loadPeopleRows(db)).map((r) => r.name)).toEqual(['Nonna Lucia']);
  });

  it("with a circle and no touch yet, the person is in today's list once the circle's rhythm has passed", async () => {
    db = freshDb();
    const p = await addPersonByHand(db, { name: 'Marco', circleId: 'close' }, ctxAt());
    expect(p.summary.dueAt).toBeDefined();
    const dueAt = p.summary.dueAt!;
    expect(dueAt).toBeGreaterThan(NOW);
    expect(dueAt).toBeLessThanOrEqual(NOW + 30 * DAY);
    expect((await reachOutList(db, ctxAt(NOW))).map((r) => r.person.id)).not.toContain(p.id);
    expect((await reachOutList(db, ctxAt(dueAt))).map((r) => r.person.id)).toContain(p.id);
  });

  it('links pasted profiles, leaving one another person has with them', async () => {
    db = freshDb();
    const other = await addPerson(db, { name: 'Ada', identity: { site: 'github', handle: 'ada', url: '' } }, ctxAt());
    const p = await addPersonByHand(
      db,
      {
        name: 'Ada Lovelace',
        profiles: [
          { site: 'linkedin', handle: 'ada-lovelace' },
          { site: 'github', handle: 'ada' },
        ],
      },
      ctxAt(),
    );
    expect((await personView(db, p.id))?.profiles.map((x) => x.key)).toEqual(['linkedin:ada-lovelace']);
    expect((await personView(db, other.id))?.profiles.map((x) => x.key)).toEqual(['github:ada']);
  });

  it('refuses a person without a name and writes nothing', async () => {
    db = freshDb();
    await expect(addPersonByHand(db, { name: '   ', emails: ['a@example.org'] }, ctxAt())).rejects.toThrow('name-required');
    expect(await db.people.count()).toBe(0);
  });

  it('writes a captured note with its source in the same step; a deleted note keeps neither', async () => {
    db = freshDb();
    const p = await addPersonByHand(
      db,
      { name: 'Giulia', note: { text: ' She is moving to Turin ', source: { url: 'https://example.org/news', title: 'News' } } },
      ctxAt(),
    );
    const [note] = (await personView(db, p.id))!.notes;
    expect(note).toMatchObject({ kind: 'listening', text: 'She is moving to Turin', source: { url: 'https://example.org/news', title: 'News' } });
    await deleteNote(db, note!.id, ctxAt());
    const gone = await db.notes.get(note!.id);
    expect(gone?.text).toBe('');
    expect(gone?.source).toBeUndefined();
  });
});

describe('adding to an existing person instead', () => {
  it('fills what is empty and adds new contacts, never replacing what is there', async () => {
    db = freshDb();
    const p = await addPersonByHand(
      db,
      { name: 'Ada Lovelace', howWeMet: 'At the Analytical Society', emails: ['ada@example.org'], phones: ['+39 333 1234567'] },
      ctxAt(),
    );
    await editPerson(db, p.id, { birthday: undefined }, ctxAt());
    const after = await addToPersonByHand(
      db,
      p.id,
      {
        name: 'Ada L.',
        howWeMet: 'Somewhere else',
        emails: ['ADA@example.org', 'countess@example.org'],
        phones: ['0039 333 1234567', '+44 20 7946 0000'],
        birthday: { day: 10, month: 12, year: 1815 },
        circleId: 'friends',
        profiles: [{ site: 'x', handle: 'ada' }],
      },
      ctxAt(),
    );
    expect(after).toMatchObject({
      name: 'Ada Lovelace',
      howWeMet: 'At the Analytical Society',
      emails: ['ada@example.org', 'countess@example.org'],
      phones: ['+39 333 1234567', '+44 20 7946 0000'],
      birthday: { day: 10, month: 12, year: 1815 },
      circleId: 'friends',
    });
    expect((await personView(db, p.id))?.profiles.map((x) => x.key)).toEqual(['x:ada']);
  });

  it('keeps the circle or rhythm the person already has', async () => {
    db = freshDb();
    const p = await addPersonByHand(db, { name: 'Marco', rhythm: { idealDays: 10, maxDays: 20 } }, ctxAt());
    const after = await addToPersonByHand(db, p.id, { name: 'Marco', circleId: 'close' }, ctxAt());
    expect(after.circleId).toBeUndefined();
    expect(after.rhythm).toEqual({ idealDays: 10, maxDays: 20 });
  });
});
