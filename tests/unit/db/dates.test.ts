import { describe, expect, it } from 'vitest';
import 'fake-indexeddb/auto';
import { reachOutList, refreshStaleSummaries } from '@/lib/db/queries';
import { addPerson, deletePeople, dismissDate, editNote, editTouch, logTouch, mergePeople, removeDate, saveDate, addNote } from '@/lib/db/writes';
import { ctxAt, DAY, freshDb, NOW } from './helpers';

// NOW is 25 November 2026, 11:00 in Rome.
describe('dates through the write path', () => {
  it('a name day today puts the person in the list with that reason; removing it takes them out', async () => {
    const db = freshDb();
    const p = await addPerson(db, { name: 'Caterina Sforza' }, ctxAt(NOW - 400 * DAY));
    const saved = await saveDate(db, p.id, { kind: 'nameday', month: 11, day: 25 }, ctxAt());
    const date = saved!.dates![0]!;
    expect(date).toMatchObject({ kind: 'nameday', month: 11, day: 25 });
    const list = await reachOutList(db, ctxAt());
    expect(list.map((r) => [r.person.id, r.top.code, r.top.params.kind])).toEqual([[p.id, 'date-today', 'nameday']]);
    await removeDate(db, p.id, date.id, ctxAt());
    expect(await reachOutList(db, ctxAt())).toEqual([]);
    expect((await db.people.get(p.id))!.dates).toBeUndefined();
  });

  it('a yearly date comes back the next year after the daily refresh', async () => {
    const db = freshDb();
    const p = await addPerson(db, { name: 'Ada' }, ctxAt(NOW - 400 * DAY));
    await saveDate(db, p.id, { kind: 'wedding', month: 11, day: 28, year: 2016, leadDays: 3 }, ctxAt());
    expect((await reachOutList(db, ctxAt())).map((r) => [r.top.code, r.top.params.days, r.top.params.years])).toEqual([['date-soon', 3, 10]]);
    // The day after the anniversary: nothing to say, and the refresh moves the summary to next year.
    const after = ctxAt(NOW + 4 * DAY);
    expect(await reachOutList(db, after)).toEqual([]);
    expect(await refreshStaleSummaries(db, after)).toBe(1);
    expect((await db.people.get(p.id))!.summary.dueAt).toBe(Date.parse('2027-11-24T23:00:00Z'));
  });

  it('a one-off date asks how it went until a personal touch, or until dismissed', async () => {
    const db = freshDb();
    const a = await addPerson(db, { name: 'Ada' }, ctxAt(NOW - 400 * DAY));
    const b = await addPerson(db, { name: 'Bea' }, ctxAt(NOW - 400 * DAY));
    await saveDate(db, a.id, { kind: 'other', label: 'her exam', month: 11, day: 24, year: 2026, once: true }, ctxAt());
    const withB = await saveDate(db, b.id, { kind: 'other', label: 'the move', month: 11, day: 20, year: 2026, once: true }, ctxAt());
    // Same reason, same weight: the list orders them by id, so they are compared by name here.
    const list = (await reachOutList(db, ctxAt())).sort((x, y) => x.person.name.localeCompare(y.person.name));
    expect(list.map((r) => [r.person.name, r.top.code, r.top.params.days])).toEqual([
      ['Ada', 'date-after', 1],
      ['Bea', 'date-after', 5],
    ]);
    await logTouch(db, { personId: a.id, channel: 'call', source: 'manual' }, ctxAt());
    await dismissDate(db, b.id, withB!.dates![0]!.id, ctxAt());
    expect(await reachOutList(db, ctxAt())).toEqual([]);
  });

  it('refuses a day no calendar has', async () => {
    const db = freshDb();
    const p = await addPerson(db, { name: 'Ada' }, ctxAt());
    await expect(saveDate(db, p.id, { kind: 'other', month: 2, day: 30 }, ctxAt())).rejects.toThrow('invalid-date');
    await expect(saveDate(db, p.id, { kind: 'other', label: 'x', month: 2, day: 29, year: 2027, once: true }, ctxAt())).rejects.toThrow('invalid-date');
    expect((await db.people.get(p.id))!.dates).toBeUndefined();
  });

  it('a merge unites the dates; a delete wipes them', async () => {
    const db = freshDb();
    const a = await addPerson(db, { name: 'Ada' }, ctxAt());
    const b = await addPerson(db, { name: 'Ada L.' }, ctxAt());
    await saveDate(db, a.id, { kind: 'nameday', month: 12, day: 16 }, ctxAt());
    await saveDate(db, b.id, { kind: 'nameday', month: 12, day: 16 }, ctxAt());
    await saveDate(db, b.id, { kind: 'work', month: 3, day: 1, year: 2020 }, ctxAt());
    const kept = await mergePeople(db, a.id, b.id, ctxAt());
    expect(kept.dates?.map((d) => d.kind)).toEqual(['nameday', 'work']);
    await deletePeople(db, [a.id], ctxAt());
    expect((await db.people.get(a.id))!.dates).toBeUndefined();
  });

  it('timeline edits go through the write path and keep the summary right', async () => {
    const db = freshDb();
    const p = await addPerson(db, { name: 'Ada' }, ctxAt(NOW - 100 * DAY));
    const t = await logTouch(db, { personId: p.id, channel: 'call', at: NOW - 10 * DAY, source: 'manual' }, ctxAt());
    await editTouch(db, t.id, { at: NOW - 2 * DAY, note: 'about the trip' }, ctxAt());
    expect((await db.touches.get(t.id))!).toMatchObject({ at: NOW - 2 * DAY, note: 'about the trip' });
    expect((await db.people.get(p.id))!.summary.lastPersonalAt).toBe(NOW - 2 * DAY);
    const n = await addNote(db, { personId: p.id, kind: 'followup', text: 'send the book', dueAt: NOW + DAY }, ctxAt());
    await editNote(db, n.id, { text: 'send the photos', dueAt: NOW + 5 * DAY }, ctxAt());
    expect((await db.people.get(p.id))!.summary.datedFollowUps).toEqual([{ id: n.id, dueAt: NOW + 5 * DAY, text: 'send the photos' }]);
    await editNote(db, n.id, { dueAt: null }, ctxAt());
    expect((await db.notes.get(n.id))!.dueAt).toBeUndefined();
  });
});
