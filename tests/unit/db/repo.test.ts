import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KithDB } from '@/lib/db/db';
import { addNote, addPerson, linkProfile, logTouch, removeTouch, setFollowUpDone, editPerson, deleteNote, snooze, markDone } from '@/lib/db/writes';
import { findPersonByProfile } from '@/lib/db/read';
import { computeSummary } from '@/lib/relationship/summary';
import { ctxAt, DAY, freshDb, NOW } from './helpers';
import { touchesOfPerson } from '@/lib/db/touch-ranges';

let db: KithDB;
afterEach(async () => {
  await db?.delete();
});

const ada = { site: 'linkedin' as const, handle: 'Ada-Example', url: 'https://www.linkedin.com/in/ada-example/' };

describe('tables and their constraints', () => {
  it('stores a person with one profile, keyed by site and canonical handle', async () => {
    db = freshDb();
    const p = await addPerson(db, { name: ' Ada Example ', identity: ada, howWeMet: 'Milan' }, ctxAt());
    expect(p.name).toBe('Ada Example');
    expect(p.id).toMatch(/^[0-9a-f-]{36}$/);
    const profiles = await db.profiles.toArray();
    expect(profiles.map((x) => x.key)).toEqual(['linkedin:ada-example']);
    expect((await findPersonByProfile(db, 'linkedin', 'ADA-EXAMPLE'))?.person.id).toBe(p.id);
  });

  it('adding a profile that is already known returns that person instead of a duplicate', async () => {
    db = freshDb();
    const a = await addPerson(db, { name: 'Ada', identity: ada }, ctxAt());
    const b = await addPerson(db, { name: 'Ada again', identity: { ...ada, handle: 'ada-example' } }, ctxAt());
    expect(b.id).toBe(a.id);
    expect(await db.people.count()).toBe(1);
  });

  it('refuses a second row with the same profile key at the database level', async () => {
    db = freshDb();
    const a = await addPerson(db, { name: 'Ada', identity: ada }, ctxAt());
    const row = (await db.profiles.toArray())[0]!;
    await expect(db.profiles.add({ ...row, id: 'other', personId: a.id })).rejects.toThrow();
  });

  it('refuses to link a profile that belongs to someone else', async () => {
    db = freshDb();
    await addPerson(db, { name: 'Ada', identity: ada }, ctxAt());
    const b = await addPerson(db, { name: 'Bruno' }, ctxAt());
    await expect(linkProfile(db, b.id, ada, ctxAt())).rejects.toThrow('profile-owned-by-other');
    const x = await linkProfile(db, b.id, { site: 'x', handle: 'Bruno_S' }, ctxAt());
    expect(x.key).toBe('x:bruno_s');
  });

  it('refuses two touches with the same import source key (idempotent imports)', async () => {
    db = freshDb();
    const a = await addPerson(db, { name: 'Ada' }, ctxAt());
    await logTouch(db, { personId: a.id, channel: 'message', source: 'import', sourceKey: 'm1' }, ctxAt());
    await expect(logTouch(db, { personId: a.id, channel: 'message', source: 'import', sourceKey: 'm1' }, ctxAt())).rejects.toThrow();
    expect(await db.touches.count()).toBe(1);
  });

  it('refuses writes for a person that does not exist', async () => {
    db = freshDb();
    await expect(logTouch(db, { personId: 'nobody', channel: 'call', source: 'manual' }, ctxAt())).rejects.toThrow('no-such-person');
    await expect(addNote(db, { personId: 'nobody', kind: 'listening', text: 'x' }, ctxAt())).rejects.toThrow('no-such-person');
  });
});

describe('the per-person summary is kept in the same transaction as every write', () => {
  it('counts passive and broadcast touches since the last personal one, and a personal touch resets them', async () => {
    db = freshDb();
    const a = await addPerson(db, { name: 'Ada' }, ctxAt());
    for (let i = 0; i < 3; i++) await logTouch(db, { personId: a.id, channel: 'like', source: 'page', at: NOW - (10 - i) * DAY }, ctxAt());
    await logTouch(db, { personId: a.id, channel: 'promo', source: 'manual', at: NOW - 5 * DAY }, ctxAt());
    let p = (await db.people.get(a.id))!;
    expect(p.summary).toMatchObject({ passiveSince: 3, broadcastSince: 1, personalTotal: 0 });
    expect(p.summary.dueAt).toBeLessThanOrEqual(NOW);

    await logTouch(db, { personId: a.id, channel: 'call', source: 'manual', at: NOW - DAY }, ctxAt());
    p = (await db.people.get(a.id))!;
    expect(p.summary).toMatchObject({ passiveSince: 0, broadcastSince: 0, personalTotal: 1, lastPersonalAt: NOW - DAY, lastPersonalChannel: 'call' });

    const like = await logTouch(db, { personId: a.id, channel: 'like', source: 'page' }, ctxAt());
    expect((await db.people.get(a.id))!.summary.passiveSince).toBe(1);
    await removeTouch(db, like.id, ctxAt());
    expect((await db.people.get(a.id))!.summary.passiveSince).toBe(0);
    expect((await db.touches.get(like.id))!.deletedAt).toBe(NOW);
  });

  it('tracks open follow-ups and their due date; done and deleted ones stop counting', async () => {
    db = freshDb();
    const a = await addPerson(db, { name: 'Ada' }, ctxAt());
    const f = await addNote(db, { personId: a.id, kind: 'followup', text: 'send the article', dueAt: NOW + 2 * DAY }, ctxAt());
    const g = await addNote(db, { personId: a.id, kind: 'followup', text: 'intro to Bruno', dueAt: NOW + 5 * DAY }, ctxAt());
    let s = (await db.people.get(a.id))!.summary;
    expect(s).toMatchObject({ openFollowUps: 2, nextFollowUpAt: NOW + 2 * DAY });
    await setFollowUpDone(db, f.id, true, ctxAt());
    s = (await db.people.get(a.id))!.summary;
    expect(s).toMatchObject({ openFollowUps: 1, nextFollowUpAt: NOW + 5 * DAY });
    await deleteNote(db, g.id, ctxAt());
    s = (await db.people.get(a.id))!.summary;
    expect(s.openFollowUps).toBe(0);
    expect(s.nextFollowUpAt).toBeUndefined();
    expect((await db.notes.get(g.id))!.text).toBe('');
  });

  it('a circle gives a rhythm and so a due date; snooze pushes it; done clears the snooze', async () => {
    db = freshDb();
    const a = await addPerson(db, { name: 'Ada' }, ctxAt());
    await logTouch(db, { personId: a.id, channel: 'call', source: 'manual', at: NOW - 20 * DAY }, ctxAt());
    expect((await db.people.get(a.id))!.summary.dueAt).toBeUndefined();
    await editPerson(db, a.id, { circleId: 'close' }, ctxAt());
    expect((await db.people.get(a.id))!.summary.dueAt).toBe(NOW - 20 * DAY + 14 * DAY);
    await snooze(db, a.id, NOW + 7 * DAY, ctxAt());
    expect((await db.people.get(a.id))!.summary.dueAt).toBe(NOW + 7 * DAY);
    await markDone(db, a.id, 'meeting', ctxAt());
    const p = (await db.people.get(a.id))!;
    expect(p.snoozedUntil).toBeUndefined();
    expect(p.summary).toMatchObject({ lastPersonalAt: NOW, lastPersonalChannel: 'meeting', dueAt: NOW + 14 * DAY });
  });

  it('after any sequence of writes, the stored summary equals one recomputed from scratch', async () => {
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('touch' as const),
        channel: fc.constantFrom('call' as const, 'like' as const, 'promo' as const, 'message' as const, 'wish' as const),
        ago: fc.integer({ min: 0, max: 400 }),
      }),
      fc.record({ kind: fc.constant('note' as const), due: fc.integer({ min: -10, max: 30 }) }),
      fc.record({ kind: fc.constant('done' as const), i: fc.nat() }),
      fc.record({ kind: fc.constant('remove' as const), i: fc.nat() }),
      fc.record({ kind: fc.constant('circle' as const), c: fc.constantFrom('close' as const, 'friends' as const, '' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 25 }), async (ops) => {
        db = freshDb();
        const ctx = ctxAt();
        const a = await addPerson(db, { name: 'Ada' }, ctx);
        const touchIds: string[] = [];
        const noteIds: string[] = [];
        for (const o of ops) {
          if (o.kind === 'touch') touchIds.push((await logTouch(db, { personId: a.id, channel: o.channel, at: NOW - o.ago * DAY, source: 'manual' }, ctx)).id);
          else if (o.kind === 'note') noteIds.push((await addNote(db, { personId: a.id, kind: 'followup', text: 'x', dueAt: NOW + o.due * DAY }, ctx)).id);
          else if (o.kind === 'done' && noteIds.length) await setFollowUpDone(db, noteIds[o.i % noteIds.length]!, true, ctx);
          else if (o.kind === 'remove' && touchIds.length) await removeTouch(db, touchIds[o.i % touchIds.length]!, ctx);
          else if (o.kind === 'circle') await editPerson(db, a.id, { circleId: o.c || undefined }, ctx);
        }
        const person = (await db.people.get(a.id))!;
        const fromScratch = computeSummary({
          person,
          touches: await touchesOfPerson(db, a.id).toArray(),
          notes: await db.notes.where('personId').equals(a.id).toArray(),
          circles: ctx.circles,
          now: ctx.now,
          timeZone: ctx.timeZone,
        });
        expect(person.summary).toEqual(fromScratch);
        await db.delete();
      }),
      { numRuns: 40 },
    );
  });
});
