/**
 * Popup, side panel, options page (and the background's daily refresh) writing at
 * the same time ("Nothing lost", a promise in the README). Each extension context has its own
 * Dexie instance on the same database; here each is a separate Dexie instance on
 * one fake-indexeddb database, so writes really go through separate connections.
 *
 * Every context fires its own random stream of writes on the same few people
 * (logTouch, addNote, removeTouch, editPerson (circle, snooze, birthday, rhythm, archive, and company), markDone,
 * setFollowUpDone, deleteNote, updateTouch), some awaited, some fired without
 * waiting as rapid clicks do. Afterwards every person's stored summary equals
 * computeSummary recomputed from scratch from the stored rows, and every write
 * that reported success is there (no lost update).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type KithDB } from '@/lib/db/db';
import { refreshStaleSummaries } from '@/lib/db/queries';
import { editPerson, updateTouch, addNote, addPerson, deleteNote, logTouch, markDone, removeTouch, setFollowUpDone } from '@/lib/db/writes';
import type { Channel, Note, Touch } from '@/lib/model/types';
import { computeSummary } from '@/lib/relationship/summary';
import { ctxAt, DAY, NOW } from './helpers';

const CHANNELS: Channel[] = ['call', 'video', 'meeting', 'message', 'email', 'like', 'wish', 'repost', 'promo', 'newsletter', 'connected'];
const CONTEXTS = ['popup', 'sidepanel', 'options'] as const;

/** A small deterministic PRNG (mulberry32), so a failure can be replayed by its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(l: readonly T[]): T => l[Math.floor(next() * l.length)]! };
}

const open: KithDB[] = [];
afterEach(async () => {
  for (const d of open.splice(0)) d.close();
});

async function run(seed: number, opsPerContext: number) {
  const name = `kith-concurrency-${seed}-${Math.random().toString(36).slice(2)}`;
  const dbs = Object.fromEntries(CONTEXTS.map((c) => [c, createDb(name)])) as Record<(typeof CONTEXTS)[number], KithDB>;
  const background = createDb(name);
  open.push(...Object.values(dbs), background);
  const ctx = ctxAt();
  const r = rng(seed);

  // The same few people for everyone, with a little history.
  const ids: string[] = [];
  for (let i = 0; i < 5; i++) {
    const p = await addPerson(
      dbs.options,
      { name: `Person ${i}`, identity: { site: 'linkedin', handle: `person-${i}` }, ...(i % 2 ? { circleId: 'close' } : {}) },
      ctx,
    );
    ids.push(p.id);
    await logTouch(dbs.options, { personId: p.id, channel: 'call', source: 'manual', at: NOW - (10 + i * 20) * DAY }, ctx);
    await addNote(dbs.options, { personId: p.id, kind: 'followup', text: 'send the article', dueAt: NOW - DAY }, ctx);
  }
  const touchIds: string[] = (await dbs.options.touches.toArray()).map((t) => t.id);
  const noteIds: string[] = (await dbs.options.notes.toArray()).map((n) => n.id);
  const addedTouches: string[] = [];
  const addedNotes: string[] = [];
  const counts: Record<string, number> = {};

  const op = (db: KithDB): Promise<unknown> => {
    const personId = r.pick(ids);
    const kind = r.pick([
      'logTouch',
      'logTouch',
      'addNote',
      'removeTouch',
      'editSchedule',
      'editPerson',
      'markDone',
      'setFollowUpDone',
      'deleteNote',
      'updateTouch',
    ] as const);
    counts[kind] = (counts[kind] ?? 0) + 1;
    switch (kind) {
      case 'logTouch':
        return logTouch(db, { personId, channel: r.pick(CHANNELS), source: 'manual', at: NOW - r.int(400) * DAY }, ctx).then((t) => {
          touchIds.push(t.id);
          addedTouches.push(t.id);
        });
      case 'addNote': {
        const followup = r.next() < 0.5;
        return addNote(
          db,
          { personId, kind: followup ? 'followup' : 'listening', text: `note ${r.int(1e6)}`, ...(followup ? { dueAt: NOW + (r.int(20) - 10) * DAY } : {}) },
          ctx,
        ).then((n) => {
          noteIds.push(n.id);
          addedNotes.push(n.id);
        });
      }
      case 'removeTouch':
        return removeTouch(db, r.pick(touchIds), ctx);
      case 'editSchedule': {
        const patches = [
          { circleId: r.pick(['close', 'friends', 'network', undefined]) },
          { snoozedUntil: r.next() < 0.5 ? NOW + 3 * DAY : undefined },
          { birthday: { month: 1 + r.int(12), day: 1 + r.int(28) } },
          { rhythm: r.pick([undefined, { idealDays: 1 + r.int(30), maxDays: 31 + r.int(30) }]) },
          { connectedAt: NOW - r.int(30) * DAY },
          { archived: r.pick([0, 1] as const) },
        ];
        return editPerson(db, personId, r.pick(patches) as never, ctx);
      }
      case 'editPerson':
        return editPerson(db, personId, { company: `Company ${r.int(100)}`, circleId: r.pick(['close', 'friends', undefined]) }, ctx);
      case 'markDone':
        return markDone(db, personId, r.pick(['call', 'message', 'meeting'] as const), ctx, { keepDuePromises: r.next() < 0.5 }).then((t) => {
          touchIds.push(t.id);
          addedTouches.push(t.id);
        });
      case 'setFollowUpDone':
        return setFollowUpDone(db, r.pick(noteIds), r.next() < 0.7, ctx);
      case 'deleteNote':
        return deleteNote(db, r.pick(noteIds), ctx);
      case 'updateTouch':
        return updateTouch(db, r.pick(touchIds), { at: NOW - r.int(300) * DAY, channel: r.pick(CHANNELS) }, ctx);
    }
  };

  const errors: unknown[] = [];
  const contextRun = async (db: KithDB) => {
    const inFlight: Promise<unknown>[] = [];
    for (let i = 0; i < opsPerContext; i++) {
      const p = op(db).catch((e: unknown) => errors.push(e));
      // Some writes are awaited, some fired while others are still running (rapid clicks).
      if (r.next() < 0.5) await p;
      else inFlight.push(p);
      if (r.next() < 0.3) await new Promise((res) => setTimeout(res, r.int(3)));
    }
    await Promise.all(inFlight);
  };
  await Promise.all([...CONTEXTS.map((c) => contextRun(dbs[c])), refreshStaleSummaries(background, ctx), refreshStaleSummaries(background, ctx)]);
  expect(errors).toEqual([]);

  // From scratch, through a fresh connection.
  const check = createDb(name);
  open.push(check);
  const [people, touches, notes] = await Promise.all([check.people.toArray(), check.touches.toArray(), check.notes.toArray()]);
  const mismatches: string[] = [];
  for (const p of people) {
    const own = (l: Array<Touch | Note>) => l.filter((x) => x.personId === p.id);
    const expected = computeSummary({
      person: p,
      touches: own(touches) as Touch[],
      notes: own(notes) as Note[],
      circles: ctx.circles,
      now: ctx.now,
      timeZone: ctx.timeZone,
    });
    try {
      expect(p.summary).toEqual(expected);
    } catch {
      mismatches.push(`${p.name}: stored ${JSON.stringify(p.summary)} != recomputed ${JSON.stringify(expected)}`);
    }
  }
  expect(mismatches, `seed ${seed}`).toEqual([]);
  // No write that said it succeeded was lost.
  const storedTouches = new Set(touches.map((t) => t.id));
  const storedNotes = new Set(notes.map((n) => n.id));
  expect(addedTouches.filter((id) => !storedTouches.has(id))).toEqual([]);
  expect(addedNotes.filter((id) => !storedNotes.has(id))).toEqual([]);
  await check.delete();
  return { people: people.length, touches: touches.length, notes: notes.length, ops: counts };
}

describe('three contexts writing at once', () => {
  it('every summary equals the one recomputed from scratch, for several interleavings', { timeout: 60_000 }, async () => {
    const seen: string[] = [];
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const out = await run(seed, 40);
      seen.push(`seed ${seed}: ${out.people} people, ${out.touches} touches, ${out.notes} notes`);
    }
    console.log(`concurrency: ${CONTEXTS.length} contexts x 40 writes + background refresh; ${seen.join('; ')}`);
  });
});
