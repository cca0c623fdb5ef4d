import { afterEach, describe, expect, it } from 'vitest';
import type { KithDB } from '@/lib/db/db';
import { endOfLocalDay, reachOutList } from '@/lib/db/queries';
import { addPerson } from '@/lib/db/writes';
import type { Person } from '@/lib/model/types';
import { computeSummary, emptySummary } from '@/lib/relationship/summary';
import { ctxAt, DAY, freshDb, NOW } from './helpers';

let db: KithDB;
afterEach(async () => {
  await db?.delete();
});

/** A person who used to talk often (6 calls) but not for a year: a rekindle candidate. */
function oldFriend(i: number): Person {
  const touches = Array.from({ length: 6 }, (_, k) => ({
    id: `t${i}-${k}`,
    personId: `p${i}`,
    depth: 'personal' as const,
    direction: 'out' as const,
    channel: 'call' as const,
    at: NOW - (400 + k * 10) * DAY,
    source: 'import' as const,
    createdAt: 0,
    updatedAt: 0,
  }));
  const base: Person = { id: `p${i}`, name: `Friend ${i}`, phones: [], emails: [], tags: [], archived: 0, createdAt: 0, updatedAt: 0, summary: emptySummary() };
  return { ...base, summary: computeSummary({ person: base, touches, notes: [], circles: ctxAt().circles, now: NOW, timeZone: 'Europe/Rome' }) };
}

describe('the reach-out query', () => {
  it('someone added by hand to "close" with nothing logged comes up when the rhythm says, counted from the day they were added', async () => {
    db = freshDb();
    const added = NOW - 20 * DAY;
    const mara = await addPerson(db, { name: 'Mara Close', circleId: 'close' }, ctxAt(added));
    await addPerson(db, { name: 'Nico Nocircle' }, ctxAt(added));
    // Close is every 2 weeks (amber), 3 weeks at most (red): not due the week they were added...
    expect(await reachOutList(db, ctxAt(added + 7 * DAY))).toEqual([]);
    // ...amber after two weeks, red after three; the person with no circle never.
    const amber = await reachOutList(db, ctxAt(NOW));
    expect(amber.map((r) => [r.person.id, r.top.code])).toEqual([[mara.id, 'overdue-amber']]);
    const red = await reachOutList(db, ctxAt(NOW + 2 * DAY));
    expect(red.map((r) => [r.person.name, r.top.code])).toEqual([['Mara Close', 'overdue-red']]);
  });

  it('suggests at most 3 people to rekindle a day, different ones the next day, reading only the index', async () => {
    db = freshDb();
    await db.people.bulkAdd(Array.from({ length: 12 }, (_, i) => oldFriend(i)));
    const today = (await reachOutList(db, ctxAt(NOW))).map((r) => `${r.top.code}:${r.person.id}`);
    const tomorrow = (await reachOutList(db, ctxAt(NOW + DAY))).map((r) => r.person.id);
    expect(today).toHaveLength(3);
    expect(today.every((x) => x.startsWith('rekindle:'))).toBe(true);
    expect(tomorrow).toHaveLength(3);
    expect(tomorrow.some((id) => today.includes(`rekindle:${id}`))).toBe(false);
    // The same all day long.
    expect((await reachOutList(db, ctxAt(NOW + 3_600_000))).map((r) => `${r.top.code}:${r.person.id}`)).toEqual(today);
  });

  it('skips archived candidates and still finds 3', async () => {
    db = freshDb();
    const people = Array.from({ length: 12 }, (_, i) => oldFriend(i));
    const first = (
      await (async () => {
        await db.people.bulkAdd(people);
        return reachOutList(db, ctxAt(NOW));
      })()
    ).map((r) => r.person.id);
    await db.people.update(first[0]!, { archived: 1 });
    const after = (await reachOutList(db, ctxAt(NOW))).map((r) => r.person.id);
    expect(after).toHaveLength(3);
    expect(after).not.toContain(first[0]);
  });

  it('the end of the local day is the last millisecond before the next midnight, also on DST days', () => {
    const rome = 'Europe/Rome';
    // 2026-03-29: clocks go forward (23-hour day). 22:30 local = 20:30 UTC.
    expect(new Date(endOfLocalDay(Date.UTC(2026, 2, 29, 20, 30), rome) + 1).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // 2026-10-25: clocks go back (25-hour day). 23:30 local = 22:30 UTC.
    expect(new Date(endOfLocalDay(Date.UTC(2026, 9, 25, 22, 30), rome) + 1).toISOString()).toBe('2026-10-25T23:00:00.000Z');
    // Late in the evening it is still today, not tomorrow.
    expect(new Date(endOfLocalDay(Date.UTC(2026, 10, 25, 22, 30), rome) + 1).toISOString()).toBe('2026-11-25T23:00:00.000Z');
  });
});
