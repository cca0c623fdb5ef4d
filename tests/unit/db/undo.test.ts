import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { KithDB } from '@/lib/db/db';
import {
  addNote,
  addPerson,
  applyUndo,
  deletePeople,
  editPerson,
  linkProfile,
  logTouch,
  markDone,
  mergePeople,
  setPersonMuted,
  snooze,
  undoChangesSomething,
  UndoConflict,
  updateNoteText,
  withUndo,
  type WriteContext,
} from '@/lib/db/writes';
import { readMutedPeople } from '@/lib/db/read';
import { ctxAt, DAY, freshDb, NOW } from './helpers';
import { touchesOfPerson } from '@/lib/db/touch-ranges';

let db: KithDB;
afterEach(async () => {
  await db?.delete();
});

/** Every row of every table, in key order: what "the database" is, derived data included. */
async function dump(d: KithDB): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of d.tables) out[table.name] = await table.toArray();
  return out;
}

const later = (days: number) => ctxAt(NOW + days * DAY);

/** Someone due today: in the close circle, last called 30 days ago, with a promise due and a snooze that ended. */
async function duePerson(name = 'Ada'): Promise<string> {
  const p = await addPerson(db, { name, circleId: 'close', identity: { site: 'linkedin', handle: name.toLowerCase() } }, ctxAt(NOW - 40 * DAY));
  await logTouch(db, { personId: p.id, channel: 'call', source: 'manual', at: NOW - 30 * DAY }, ctxAt(NOW - 30 * DAY));
  await addNote(db, { personId: p.id, kind: 'followup', text: 'send the book', dueAt: NOW - DAY }, ctxAt(NOW - 10 * DAY));
  await addNote(db, { personId: p.id, kind: 'listening', text: 'moving to Turin' }, ctxAt(NOW - 9 * DAY));
  return p.id;
}

async function roundTrip(op: (ctx: WriteContext) => Promise<unknown>, ctx = later(0)) {
  const before = await dump(db);
  const { undo } = await withUndo(db, () => op(ctx), ctx.now);
  expect(undoChangesSomething(undo)).toBe(true);
  expect(await dump(db)).not.toStrictEqual(before);
  await applyUndo(db, undo);
  expect(await dump(db)).toStrictEqual(before);
  return undo;
}

describe('undo puts back exactly what was there', () => {
  it('Done: the touch goes, the kept promise is open again, the summary and the due bucket are as before', async () => {
    db = freshDb();
    const id = await duePerson();
    // Someone else in the same due bucket: Ada must come back to her place in it, not at its end.
    await duePerson('Bruno');
    const dueBefore = (await db.people.get(id))!.summary.dueAt;
    expect(await db.dueBuckets.count()).toBeGreaterThan(0);
    const undo = await roundTrip((ctx) => markDone(db, id, 'call', ctx, { keepDuePromises: true }));
    expect(undo.rows.some((r) => r.table === 'dueBuckets')).toBe(true);
    expect((await db.people.get(id))!.summary.dueAt).toBe(dueBefore);
    expect(await touchesOfPerson(db, id).count()).toBe(1);
  });

  it('Done on someone snoozed: the snooze comes back too', async () => {
    db = freshDb();
    const id = await duePerson();
    await snooze(db, id, NOW + 5 * DAY, ctxAt(NOW - DAY));
    await roundTrip((ctx) => markDone(db, id, 'message', ctx));
    expect((await db.people.get(id))!.snoozedUntil).toBe(NOW + 5 * DAY);
  });

  it('Snooze', async () => {
    db = freshDb();
    const id = await duePerson();
    await roundTrip((ctx) => snooze(db, id, NOW + 7 * DAY, ctx));
    expect((await db.people.get(id))!.snoozedUntil).toBeUndefined();
  });

  it('Log a touch, with a note', async () => {
    db = freshDb();
    const id = await duePerson();
    await roundTrip((ctx) => logTouch(db, { personId: id, channel: 'meeting', note: 'coffee', source: 'manual', at: NOW - 2 * DAY }, ctx));
  });

  it('Add a note and a promise', async () => {
    db = freshDb();
    const id = await duePerson();
    await roundTrip((ctx) => addNote(db, { personId: id, kind: 'listening', text: 'new job' }, ctx));
    await roundTrip((ctx) => addNote(db, { personId: id, kind: 'followup', text: 'call back', dueAt: NOW + DAY }, ctx));
  });

  it('Delete several people: tombstones become people again, with profiles, touches and notes', async () => {
    db = freshDb();
    const a = await duePerson('Ada');
    const b = await duePerson('Bruno');
    await roundTrip((ctx) => deletePeople(db, [a, b], ctx));
    expect((await db.people.get(a))!.name).toBe('Ada');
  });

  it('Merge: the moved rows go back to their person, the tombstone is a person again, the mute is where it was', async () => {
    db = freshDb();
    const a = await duePerson('Ada');
    const b = await duePerson('Bruno');
    await linkProfile(db, b, { site: 'x', handle: 'bruno_x' }, ctxAt(NOW - DAY));
    await setPersonMuted(db, b, true);
    await roundTrip((ctx) => mergePeople(db, a, b, ctx));
    expect(await readMutedPeople(db)).toEqual([b]);
    expect(await db.profiles.where('personId').equals(b).count()).toBe(2);
  });

  it('an operation that changed nothing says so', async () => {
    db = freshDb();
    const id = await duePerson();
    const { undo } = await withUndo(db, () => snooze(db, 'nobody', NOW, later(0)));
    expect(undoChangesSomething(undo)).toBe(false);
    expect(undo.rows).toEqual([]);
    expect(await db.people.get(id)).toBeDefined();
  });

  it('the record is plain data: it survives a structured clone (session storage)', async () => {
    db = freshDb();
    const id = await duePerson();
    const before = await dump(db);
    const { undo } = await withUndo(db, () => markDone(db, id, 'call', later(0)));
    await applyUndo(db, structuredClone(undo));
    expect(await dump(db)).toStrictEqual(before);
  });

  it('a failed operation writes nothing and leaves no record', async () => {
    db = freshDb();
    const id = await duePerson();
    const before = await dump(db);
    await expect(withUndo(db, () => logTouch(db, { personId: 'nobody', channel: 'call', source: 'manual' }, later(0)))).rejects.toThrow('no-such-person');
    expect(await dump(db)).toStrictEqual(before);
    expect(id).toBeTruthy();
  });
});

describe('undo never reverts a later edit', () => {
  it('refuses when the person was edited since, and changes nothing', async () => {
    db = freshDb();
    const id = await duePerson();
    const { undo } = await withUndo(db, () => markDone(db, id, 'call', later(0)));
    await editPerson(db, id, { company: 'Acme' }, later(0.001));
    const afterEdit = await dump(db);
    await expect(applyUndo(db, undo)).rejects.toBeInstanceOf(UndoConflict);
    expect(await dump(db)).toStrictEqual(afterEdit);
  });

  it('refuses when the added note was corrected since', async () => {
    db = freshDb();
    const id = await duePerson();
    const { result, undo } = await withUndo(db, () => addNote(db, { personId: id, kind: 'listening', text: 'new job' }, later(0)));
    await updateNoteText(db, result.id, 'new job at Acme', later(0.001));
    await expect(applyUndo(db, undo)).rejects.toThrow('undo-conflict');
    expect((await db.notes.get(result.id))!.text).toBe('new job at Acme');
  });

  it('refuses a second undo of the same operation', async () => {
    db = freshDb();
    const id = await duePerson();
    const { undo } = await withUndo(db, () => snooze(db, id, NOW + DAY, later(0)));
    await applyUndo(db, undo);
    await expect(applyUndo(db, undo)).rejects.toBeInstanceOf(UndoConflict);
  });

  it('a later write to someone else in the same due bucket does not block it, and the list is right', async () => {
    db = freshDb();
    const a = await duePerson('Ada');
    const b = await duePerson('Bruno');
    const { undo } = await withUndo(db, () => markDone(db, a, 'call', later(0)));
    await markDone(db, b, 'call', later(0.001));
    await applyUndo(db, undo);
    const due = (await db.dueBuckets.toArray()).flatMap((r) => r.people.map((p) => p.id));
    expect(due).toContain(a);
    const ada = (await db.people.get(a))!;
    expect(due.filter((x) => x === a)).toHaveLength(1);
    expect((await db.dueBuckets.toArray()).flatMap((r) => r.people).find((p) => p.id === a)).toStrictEqual(ada);
  });
});

describe('property: an operation and its undo leave the database as it was', () => {
  const PERSON = fc.record({
    name: fc.constantFrom('Ada', 'Bruno', 'Chiara', 'Dario', 'Elena'),
    circle: fc.constantFrom<string | undefined>('close', 'friends', 'network', undefined),
    touchesAgo: fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 3 }),
    followUpIn: fc.option(fc.integer({ min: -20, max: 20 }), { nil: undefined }),
    snoozeIn: fc.option(fc.integer({ min: -5, max: 20 }), { nil: undefined }),
    muted: fc.boolean(),
    deleted: fc.boolean(),
    archived: fc.boolean(),
  });
  type Spec = typeof PERSON extends fc.Arbitrary<infer T> ? T : never;

  async function build(specs: Spec[]): Promise<string[]> {
    const ids: string[] = [];
    for (const [i, s] of specs.entries()) {
      const c = ctxAt(NOW - 500 * DAY);
      const p = await addPerson(
        db,
        { name: s.name, ...(s.circle ? { circleId: s.circle } : {}), ...(i % 2 === 0 ? { identity: { site: 'linkedin', handle: `h${i}` } } : {}) },
        c,
      );
      ids.push(p.id);
      for (const ago of s.touchesAgo) await logTouch(db, { personId: p.id, channel: 'call', source: 'manual', at: NOW - ago * DAY }, ctxAt(NOW - ago * DAY));
      if (s.followUpIn !== undefined) await addNote(db, { personId: p.id, kind: 'followup', text: `promise ${i}`, dueAt: NOW + s.followUpIn * DAY }, c);
      if (s.snoozeIn !== undefined) await snooze(db, p.id, NOW + s.snoozeIn * DAY, ctxAt(NOW - 2 * DAY));
      if (s.muted) await setPersonMuted(db, p.id, true);
      if (s.archived) await editPerson(db, p.id, { archived: 1 }, ctxAt(NOW - DAY));
    }
    const gone = ids.filter((_, i) => specs[i]!.deleted && i > 0);
    if (gone.length) await deletePeople(db, gone, ctxAt(NOW - DAY));
    return ids;
  }

  const OP = fc.oneof(
    fc.record({ kind: fc.constant('done' as const), who: fc.nat(), keep: fc.boolean() }),
    fc.record({ kind: fc.constant('snooze' as const), who: fc.nat(), days: fc.integer({ min: 1, max: 60 }) }),
    fc.record({
      kind: fc.constant('log' as const),
      who: fc.nat(),
      ago: fc.integer({ min: 0, max: 90 }),
      depth: fc.constantFrom('personal', 'passive', 'broadcast'),
    }),
    fc.record({ kind: fc.constant('note' as const), who: fc.nat(), followUp: fc.boolean() }),
    fc.record({ kind: fc.constant('delete' as const), who: fc.nat(), also: fc.nat() }),
    fc.record({ kind: fc.constant('merge' as const), who: fc.nat(), other: fc.nat() }),
  );
  type Op = typeof OP extends fc.Arbitrary<infer T> ? T : never;

  function run(op: Op, ids: string[], ctx: WriteContext): Promise<unknown> {
    const who = ids[op.who % ids.length]!;
    switch (op.kind) {
      case 'done':
        return markDone(db, who, 'call', ctx, { keepDuePromises: op.keep });
      case 'snooze':
        return snooze(db, who, ctx.now + op.days * DAY, ctx);
      case 'log':
        return logTouch(
          db,
          {
            personId: who,
            channel: op.depth === 'personal' ? 'video' : op.depth === 'passive' ? 'like' : 'newsletter',
            source: 'manual',
            at: ctx.now - op.ago * DAY,
          },
          ctx,
        );
      case 'note':
        return addNote(
          db,
          { personId: who, kind: op.followUp ? 'followup' : 'listening', text: 'heard', ...(op.followUp ? { dueAt: ctx.now + 3 * DAY } : {}) },
          ctx,
        );
      case 'delete':
        return deletePeople(db, [...new Set([who, ids[op.also % ids.length]!])], ctx);
      case 'merge':
        return mergePeople(db, who, ids[op.other % ids.length]!, ctx);
    }
  }

  it('for random databases and a random Done, Snooze, Log, Add note, Delete or Merge', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(PERSON, { minLength: 1, maxLength: 6 }), OP, async (specs, op) => {
        db = freshDb();
        try {
          const ids = await build(specs);
          const before = await dump(db);
          let undo;
          try {
            ({ undo } = await withUndo(db, () => run(op, ids, later(0)), NOW));
          } catch {
            // Refused (a merge of someone with themselves, a deleted person): nothing was written.
            expect(await dump(db)).toStrictEqual(before);
            return;
          }
          await applyUndo(db, undo);
          expect(await dump(db)).toStrictEqual(before);
        } finally {
          await db.delete();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
