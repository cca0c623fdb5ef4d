/**
 * The reach buckets (lib/db/reach-buckets.ts) are derived from the people table.
 * Whatever writes people, by whichever path, the buckets must equal the ones
 * made from scratch from the people table, and the reach-out candidates read
 * from them must equal the ones the `summary.dueAt` and `summary.rekindleAt`
 * indexes give.
 */
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { liveQuery } from 'dexie';
import { createDb, type KithDB } from '@/lib/db/db';
import {
  bucketOf,
  BUCKET_LIMITS,
  BUCKET_MS,
  bucketsFromPeople,
  dueBucketOfPerson,
  dueFromBuckets,
  idBits,
  rekindleBucketOfPerson,
  rekindleIdsFromBuckets,
  restretch,
  type BucketKey,
} from '@/lib/db/reach-buckets';
import { dueCandidates, endOfLocalDay, reachOutList, rekindleCandidateIds } from '@/lib/db/queries';
import {
  addNote,
  addPerson,
  logTouch,
  markDone,
  setArchived,
  setFollowUpDone,
  snooze,
  unsnooze,
  editPerson,
  bulkEdit,
  deletePeople,
  mergePeople,
  undoDelete,
  type DeletedSnapshot,
  applyImport,
  readBackup,
  restoreBackup,
  deleteAllData,
} from '@/lib/db/writes';
import { readExisting } from '@/lib/db/read';
import { collectBackup } from '@/lib/db/read';
import { getSettings } from '@/lib/settings/store';
import { serializeBackup } from '@/lib/backup/format';
import { detectAndParse } from '@/lib/import/detect';
import { mergePlan } from '@/lib/import/merge';
import type { Person } from '@/lib/model/types';
import { emptySummary } from '@/lib/relationship/summary';
import { linkedInZip } from '@/tests/fixtures/e2e/linkedin-zip';
import { ctxAt, DAY, freshDb, NOW } from './helpers';

const dbs: KithDB[] = [];
function db(): KithDB {
  const d = freshDb();
  dbs.push(d);
  return d;
}
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.delete();
});

function person(id: string, patch: Partial<Person> = {}, dueAt?: number, rekindleAt?: number): Person {
  return {
    id,
    name: id,
    phones: [],
    emails: [],
    tags: [],
    archived: 0,
    createdAt: 1,
    updatedAt: 1,
    summary: { ...emptySummary(), ...(dueAt !== undefined ? { dueAt } : {}), ...(rekindleAt !== undefined ? { rekindleAt } : {}) },
    ...patch,
  };
}

/** What the rows hold, per 30-day stretch (how a stretch is split in rows depends on its history). */
function byStretch<E extends { id: string }>(rows: readonly { key: BucketKey; people: E[] }[]) {
  const out: Record<number, E[]> = {};
  for (const r of rows) (out[r.key[0]] ??= []).push(...r.people);
  for (const list of Object.values(out)) list.sort((a, b) => (a.id < b.id ? -1 : 1));
  return out;
}

/** No row empty or over its limit; every entry in its home: the row of its stretch with the longest prefix of its id's hash bits. */
function expectWellFormed(rows: readonly { key: BucketKey; people: { id: string }[] }[], limit: number) {
  const prefixes = new Map<number, string[]>();
  for (const r of rows) (prefixes.get(r.key[0]) ?? prefixes.set(r.key[0], []).get(r.key[0])!).push(r.key[1]);
  for (const r of rows) {
    expect(r.people.length, `row ${JSON.stringify(r.key)}`).toBeGreaterThan(0);
    expect(r.people.length, `row ${JSON.stringify(r.key)}`).toBeLessThanOrEqual(limit);
    for (const e of r.people) {
      const bits = idBits(e.id);
      const home = prefixes
        .get(r.key[0])!
        .filter((p) => bits.startsWith(p))
        .sort((a, b) => b.length - a.length)[0];
      expect(home, `${e.id} in ${JSON.stringify(r.key)}`).toBe(r.key[1]);
    }
  }
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
const isLive = (p: Person) => !p.deletedAt && !p.mergedInto && p.archived === 0;

async function expectConsistent(d: KithDB, now = NOW) {
  const [due, rekindle, people] = await Promise.all([d.dueBuckets.toArray(), d.rekindleBuckets.toArray(), d.people.toArray()]);
  expectWellFormed(due, BUCKET_LIMITS.dueBuckets!);
  expectWellFormed(rekindle, BUCKET_LIMITS.rekindleBuckets!);
  const scratch = bucketsFromPeople(people);
  expect(byStretch(due)).toEqual(byStretch(scratch.dueBuckets));
  expect(byStretch(rekindle)).toEqual(byStretch(scratch.rekindleBuckets));
  // What the list reads equals what the indexes give.
  const end = endOfLocalDay(now, 'Europe/Rome');
  const dueByIndex = (await d.people.where('summary.dueAt').belowOrEqual(end).toArray()).filter(isLive);
  expect([...(await dueCandidates(d, now, 'Europe/Rome'))].sort(byId)).toEqual(dueByIndex.sort(byId));
  const rekindleByIndex = (await d.people.where('summary.rekindleAt').belowOrEqual(now).toArray()).filter(isLive);
  expect((await rekindleCandidateIds(d, now)).sort()).toEqual(rekindleByIndex.map((p) => p.id).sort());
}

describe('reach buckets: the pure parts', () => {
  it('a person is in the bucket of the 30 days their dueAt (rekindleAt) falls in; never due, archived, deleted or merged: in none', () => {
    expect(bucketOf(0)).toBe(0);
    expect(bucketOf(BUCKET_MS - 1)).toBe(0);
    expect(bucketOf(BUCKET_MS)).toBe(1);
    expect(bucketOf(-1)).toBe(-1);
    expect(dueBucketOfPerson(person('a', {}, NOW))).toBe(Math.floor(NOW / BUCKET_MS));
    expect(rekindleBucketOfPerson(person('a', {}, NOW))).toBeUndefined();
    expect(rekindleBucketOfPerson(person('a', {}, undefined, NOW - 90 * DAY))).toBe(Math.floor((NOW - 90 * DAY) / BUCKET_MS));
    expect(dueBucketOfPerson(person('a'))).toBeUndefined();
    for (const patch of [{ archived: 1 as const }, { deletedAt: NOW }, { mergedInto: 'b' }]) {
      expect(dueBucketOfPerson(person('a', patch, NOW, NOW))).toBeUndefined();
      expect(rekindleBucketOfPerson(person('a', patch, NOW, NOW))).toBeUndefined();
    }
    expect(dueBucketOfPerson(undefined)).toBeUndefined();
  });

  it('from scratch: one row per bucket, in key order; reading keeps only who is due by then', () => {
    const old = Date.UTC(2019, 5, 1);
    const { dueBuckets: rows, rekindleBuckets } = bucketsFromPeople([
      person('a', {}, NOW),
      person('b', {}, NOW + 40 * DAY),
      person('c', {}, old, NOW - DAY),
      person('d', {}, undefined, NOW + DAY),
      person('e', { archived: 1 }, NOW, NOW),
    ]);
    expect(rows.map((r) => [r.key, r.people.map((p) => p.id)])).toEqual([
      [[bucketOf(old), ''], ['c']],
      [[bucketOf(NOW), ''], ['a']],
      [[bucketOf(NOW + 40 * DAY), ''], ['b']],
    ]);
    // Copies of the whole rows.
    expect(rows[0]!.people[0]).toEqual(person('c', {}, old, NOW - DAY));
    expect(
      dueFromBuckets(rows, NOW)
        .map((p) => p.id)
        .sort(),
    ).toEqual(['a', 'c']);
    expect(dueFromBuckets(rows, old).map((p) => p.id)).toEqual(['c']);
    expect(rekindleBuckets.flatMap((r) => r.people)).toEqual([
      { id: 'c', at: NOW - DAY },
      { id: 'd', at: NOW + DAY },
    ]);
    expect(rekindleIdsFromBuckets(rekindleBuckets, NOW)).toEqual(['c']);
  });
});

describe("a stretch splits its rows by the ids' hash bits as it grows", () => {
  type E = { id: string; v: number };
  const asRows = (m: Map<string, E[]>, t = 7) => [...m].map(([prefix, people]) => ({ key: [t, prefix] as BucketKey, people }));

  it('after any sequence of arrivals and departures, rows hold exactly the entries, each in its home, none over the limit', () => {
    const limit = 4;
    const op = fc.record({
      add: fc.uniqueArray(fc.nat({ max: 80 }), { maxLength: 30 }),
      drop: fc.uniqueArray(fc.nat({ max: 80 }), { maxLength: 30 }),
      v: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 25 }), (ops) => {
        let rows = new Map<string, E[]>();
        const model = new Map<string, E>();
        for (const o of ops) {
          const drop = new Set(o.drop.map((n) => `id-${n}`));
          const add = o.add.map((n) => ({ id: `id-${n}`, v: o.v }));
          // As the middleware does: an updated entry leaves its row and arrives again.
          for (const e of add) drop.add(e.id);
          const { put, gone } = restretch(rows, drop, add, limit);
          for (const prefix of gone) rows.delete(prefix);
          rows = new Map([...rows, ...put]);
          for (const id of drop) model.delete(id);
          for (const e of add) model.set(e.id, e);
          expect(gone.every((prefix) => !put.has(prefix))).toBe(true);
        }
        expectWellFormed(asRows(rows), limit);
        expect([...rows.values()].flat().sort((a, b) => (a.id < b.id ? -1 : 1))).toEqual([...model.values()].sort((a, b) => (a.id < b.id ? -1 : 1)));
      }),
      { numRuns: 300 },
    );
  });

  it("a row that empties is deleted; a newcomer that matches no row goes to a new root row, which never takes a longer row's place", () => {
    // Ids whose hashes start with 0 and with 1.
    const ids = Array.from({ length: 200 }, (_, i) => `p${i}`);
    const zero = ids.filter((id) => idBits(id)[0] === '0');
    const one = ids.filter((id) => idBits(id)[0] === '1');
    const e = (id: string) => ({ id, v: 0 });
    let { put } = restretch(new Map(), new Set(), [...zero.slice(0, 3), ...one.slice(0, 3)].map(e), 4);
    expect([...put.keys()].sort()).toEqual(['0', '1']);
    // Every "0" leaves: its row goes.
    const after = restretch(new Map(put), new Set(zero.slice(0, 3)), [], 4);
    expect(after.gone).toEqual(['0']);
    const rows = new Map([...put].filter(([k]) => k !== '0'));
    // A "0" arrives: no row matches it, so a root row takes it; a "1" still goes to row "1".
    ({ put } = restretch(rows, new Set(), [e(zero[3]!), e(one[3]!)], 4));
    expect(put.get('')!.map((x) => x.id)).toEqual([zero[3]]);
    expect(put.get('1')!.map((x) => x.id)).toContain(one[3]);
    const all = new Map([...rows, ...put]);
    expectWellFormed(asRows(all), 4);
    // The root grows past the limit: it splits, and only into rows of "0".
    const grown = restretch(all, new Set(), zero.slice(4, 9).map(e), 4);
    expect(grown.gone).toEqual(['']);
    expect([...grown.put.keys()].every((k) => k.startsWith('0'))).toBe(true);
    expectWellFormed(asRows(new Map([...[...all].filter(([k]) => k !== ''), ...grown.put])), 4);
  });
});

describe('reach buckets follow every write to people', () => {
  it('after any sequence of writes, by any path, the buckets equal the ones made from scratch', async () => {
    const who = fc.nat({ max: 3 });
    const op = fc.oneof(
      fc.record({
        kind: fc.constant('touch' as const),
        p: who,
        channel: fc.constantFrom('call' as const, 'like' as const, 'promo' as const),
        ago: fc.integer({ min: 0, max: 400 }),
      }),
      fc.record({ kind: fc.constant('note' as const), p: who, due: fc.integer({ min: -60, max: 60 }) }),
      fc.record({ kind: fc.constant('done-note' as const), i: fc.nat() }),
      fc.record({ kind: fc.constant('markDone' as const), p: who }),
      fc.record({ kind: fc.constant('circle' as const), p: who, c: fc.constantFrom('close' as const, 'friends' as const, '' as const) }),
      fc.record({ kind: fc.constant('snooze' as const), p: who, days: fc.integer({ min: -5, max: 90 }) }),
      fc.record({ kind: fc.constant('archive' as const), p: who, on: fc.boolean() }),
      fc.record({ kind: fc.constant('bulk' as const), on: fc.boolean(), days: fc.integer({ min: 1, max: 60 }) }),
      fc.record({ kind: fc.constant('delete' as const), p: who }),
      fc.record({ kind: fc.constant('undo' as const) }),
      fc.record({ kind: fc.constant('merge' as const), a: who, b: who }),
      fc.record({
        kind: fc.constant('raw-update' as const),
        p: who,
        dueDays: fc.option(fc.integer({ min: -900, max: 900 })),
        rekindleDays: fc.option(fc.integer({ min: -900, max: 900 })),
      }),
      fc.record({ kind: fc.constant('raw-bulkPut-twice' as const), p: who, d1: fc.integer({ min: -900, max: 900 }), d2: fc.integer({ min: -900, max: 900 }) }),
      fc.record({ kind: fc.constant('raw-delete' as const), p: who }),
      fc.record({ kind: fc.constant('raw-range-delete' as const) }),
      fc.record({ kind: fc.constant('aborted' as const), p: who, dueDays: fc.integer({ min: -900, max: 900 }) }),
      // Many people due in the same stretch: its rows split (and empty again).
      fc.record({
        kind: fc.constant('crowd' as const),
        from: fc.nat({ max: 300 }),
        n: fc.integer({ min: 1, max: 200 }),
        dueDays: fc.integer({ min: -40, max: 40 }),
      }),
      fc.record({ kind: fc.constant('uncrowd' as const), from: fc.nat({ max: 300 }), n: fc.integer({ min: 1, max: 200 }) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 20 }), async (ops) => {
        const d = createDb(`due-prop-${Math.random().toString(36).slice(2)}`);
        try {
          const ctx = ctxAt();
          const ids: string[] = [];
          for (const name of ['Ada', 'Bruno', 'Carla', 'Dario'])
            ids.push((await addPerson(d, { name, ...(name === 'Ada' ? { circleId: 'close' } : {}) }, ctx)).id);
          const notes: string[] = [];
          let undo: DeletedSnapshot | undefined;
          const id = (i: number) => ids[i % ids.length]!;
          for (const o of ops) {
            // Kith may refuse a write (a person deleted a step before): that is fine, any other error is not.
            await apply(o).catch((err: unknown) => expect(String((err as Error).message)).toMatch(/^(no-such-person|same-person)$/));
          }
          await expectConsistent(d);
          async function apply(o: (typeof ops)[number]) {
            switch (o.kind) {
              case 'touch':
                await logTouch(d, { personId: id(o.p), channel: o.channel, at: NOW - o.ago * DAY, source: 'manual' }, ctx);
                break;
              case 'note':
                notes.push((await addNote(d, { personId: id(o.p), kind: 'followup', text: 'send it', dueAt: NOW + o.due * DAY }, ctx)).id);
                break;
              case 'done-note':
                if (notes.length) await setFollowUpDone(d, notes[o.i % notes.length]!, true, ctx);
                break;
              case 'markDone':
                await markDone(d, id(o.p), 'call', ctx);
                break;
              case 'circle':
                await editPerson(d, id(o.p), { circleId: o.c || undefined }, ctx);
                break;
              case 'snooze':
                if (o.days > 0) await snooze(d, id(o.p), NOW + o.days * DAY, ctx);
                else await unsnooze(d, id(o.p), ctx);
                break;
              case 'archive':
                await setArchived(d, id(o.p), o.on, ctx);
                break;
              case 'bulk':
                await bulkEdit(d, ids, o.on ? { kind: 'snooze', until: NOW + o.days * DAY } : { kind: 'set-circle', circleId: 'friends' }, ctx);
                break;
              case 'delete':
                undo = await deletePeople(d, [id(o.p)], ctx);
                break;
              case 'undo':
                if (undo) await undoDelete(d, undo, ctx);
                undo = undefined;
                break;
              case 'merge': {
                const [keep, drop] = [id(o.a), id(o.b)];
                const rows = await d.people.bulkGet([keep, drop]);
                if (keep !== drop && rows.every((p) => p && !p.deletedAt && !p.mergedInto)) await mergePeople(d, keep, drop, ctx);
                break;
              }
              case 'raw-update':
                await d.people
                  .where('id')
                  .equals(id(o.p))
                  .modify((p) => {
                    if (o.dueDays === null) delete p.summary.dueAt;
                    else p.summary.dueAt = NOW + o.dueDays * DAY;
                    if (o.rekindleDays === null) delete p.summary.rekindleAt;
                    else p.summary.rekindleAt = NOW + o.rekindleDays * DAY;
                  });
                break;
              case 'raw-bulkPut-twice': {
                const p = await d.people.get(id(o.p));
                if (p)
                  await d.people.bulkPut([
                    { ...p, summary: { ...p.summary, dueAt: NOW + o.d1 * DAY, rekindleAt: NOW + o.d2 * DAY } },
                    { ...p, summary: { ...p.summary, dueAt: NOW + o.d2 * DAY, rekindleAt: NOW + o.d1 * DAY } },
                  ]);
                break;
              }
              case 'raw-delete':
                await d.people.delete(id(o.p));
                break;
              case 'raw-range-delete': {
                const sorted = [...ids].sort();
                await d.people.where(':id').between(sorted[1]!, sorted[2]!, true, true).delete();
                break;
              }
              case 'crowd':
                await d.people.bulkPut(Array.from({ length: o.n }, (_, i) => person(`crowd-${o.from + i}`, {}, NOW + o.dueDays * DAY, NOW - o.dueDays * DAY)));
                break;
              case 'uncrowd':
                await d.people.bulkDelete(Array.from({ length: o.n }, (_, i) => `crowd-${o.from + i}`));
                break;
              case 'aborted':
                await expect(
                  d.transaction('rw', d.people, async () => {
                    const p = await d.people.get(id(o.p));
                    if (p) await d.people.put({ ...p, summary: { ...p.summary, dueAt: NOW + o.dueDays * DAY, rekindleAt: NOW - o.dueDays * DAY } });
                    throw new Error('changed my mind');
                  }),
                ).rejects.toThrow('changed my mind');
                break;
            }
          }
        } finally {
          await d.delete();
        }
      }),
      { numRuns: 60 },
    );
  });

  it('an edit of many people writes their buckets a fixed number of times, not once per person', async () => {
    const d = db();
    // Counts the bucket writes that reach IndexedDB (under the buckets' own middleware).
    let bucketWrites = 0;
    d.use({
      stack: 'dbcore',
      name: 'CountBucketWrites',
      level: 1,
      create: (down) => ({
        ...down,
        table: (name) => {
          const t = down.table(name);
          return name === 'dueBuckets' || name === 'rekindleBuckets' ? { ...t, mutate: (req) => (bucketWrites++, t.mutate(req)) } : t;
        },
      }),
    });
    const ctx = ctxAt();
    // 300 people added the same day: with a circle, all are due in the same 30 days.
    const people = Array.from({ length: 300 }, (_, i) => person(`p${String(i).padStart(3, '0')}`, { createdAt: NOW - 200 * DAY }));
    await d.people.bulkAdd(people);
    const ids = people.map((p) => p.id);
    for (const op of [
      { kind: 'set-circle', circleId: 'friends' },
      { kind: 'snooze', until: NOW + 3 * DAY },
      { kind: 'archive', archived: true },
    ] as const) {
      bucketWrites = 0;
      expect(await bulkEdit(d, ids, op, ctx)).toBe(300);
      expect(bucketWrites, op.kind).toBeLessThanOrEqual(4);
    }
    bucketWrites = 0;
    const undo = await deletePeople(d, ids.slice(0, 100), ctx);
    expect(bucketWrites).toBeLessThanOrEqual(2);
    await undoDelete(d, undo, ctx);
    await expectConsistent(d);
  });

  it('a bulkAdd with a duplicate key keeps the rows written and only those', async () => {
    const d = db();
    await d.people.add(person('a', {}, NOW));
    await expect(d.people.bulkAdd([person('b', {}, NOW), person('a', {}, NOW + 100 * DAY), person('c', {}, NOW - 400 * DAY)])).rejects.toThrow();
    expect((await d.people.toArray()).map((p) => p.id).sort()).toEqual(['a', 'b', 'c']);
    await expectConsistent(d);
    // a kept its first dueAt: its bucket did not move.
    expect((await dueCandidates(d, NOW, 'Europe/Rome')).map((p) => p.id).sort()).toEqual(['a', 'b', 'c']);
  });

  it('clear() and "delete all data" empty them; an import and a restore (replacing what was there) fill them', async () => {
    const d = db();
    await d.people.bulkAdd([person('a', {}, NOW), person('b', {}, NOW - 90 * DAY, NOW)]);
    expect(await d.dueBuckets.count()).toBeGreaterThan(0);
    expect(await d.rekindleBuckets.count()).toBe(1);
    await d.people.clear();
    expect(await d.dueBuckets.count()).toBe(0);
    expect(await d.rekindleBuckets.count()).toBe(0);
    await d.people.bulkAdd([person('a', {}, NOW, NOW)]);
    await deleteAllData(d);
    expect(await d.dueBuckets.count()).toBe(0);
    expect(await d.rekindleBuckets.count()).toBe(0);

    const parse = () => detectAndParse('Basic_LinkedInDataExport.zip', linkedInZip(), { now: NOW });
    await applyImport(d, mergePlan(await readExisting(d), parse()), ctxAt());
    const imported = await d.people.toArray();
    expect(imported.length).toBeGreaterThan(0);
    // Give them all a rhythm: they become due, and the buckets hold them.
    await bulkEdit(
      d,
      imported.map((p) => p.id),
      { kind: 'set-circle', circleId: 'close' },
      ctxAt(),
    );
    expect((await d.dueBuckets.toArray()).flatMap((r) => r.people).length).toBe(imported.length);
    await expectConsistent(d);

    // A backup of it, restored into another database, in place of what was there.
    const other = db();
    await other.people.bulkAdd([person('stale', {}, NOW - DAY)]);
    await restoreBackup(other, await readBackup(serializeBackup(await collectBackup(d, await getSettings(), NOW))), ctxAt(), { mode: 'replace' });
    expect((await other.dueBuckets.toArray()).flatMap((r) => r.people.map((p) => p.name)).sort()).toEqual(imported.map((p) => p.name).sort());
    await expectConsistent(other);
  });

  it('a database of version 1 gets both kinds of buckets built from its people when it is upgraded', async () => {
    const name = `due-upgrade-${Math.random()}`;
    const old = createDb(name, 1);
    await old.people.bulkAdd([
      person('due', {}, NOW - 5 * DAY),
      person('later', {}, NOW + 200 * DAY),
      person('never'),
      person('archived', { archived: 1 }, NOW, NOW),
      person('old', {}, Date.UTC(2012, 0, 1)),
      person('quiet', {}, undefined, NOW - 30 * DAY),
    ]);
    old.close();
    const d = createDb(name);
    dbs.push(d);
    await d.open();
    expect((await d.dueBuckets.toArray()).flatMap((r) => r.people.map((p) => p.id)).sort()).toEqual(['due', 'later', 'old']);
    await expectConsistent(d);
    expect((await dueCandidates(d, NOW, 'Europe/Rome')).map((p) => p.id).sort()).toEqual(['due', 'old']);
    expect(await rekindleCandidateIds(d, NOW)).toEqual(['quiet']);
  });

  it('a live query of the list hears of a write that changes who is due', async () => {
    const d = db();
    const ctx = ctxAt();
    const ada = await addPerson(d, { name: 'Ada' }, ctx);
    const seen: string[][] = [];
    const sub = liveQuery(() => reachOutList(d, ctx)).subscribe({ next: (list) => seen.push(list.map((r) => r.person.name)) });
    try {
      await expect.poll(() => seen.length).toBe(1);
      expect(seen[0]).toEqual([]);
      // A follow-up due yesterday: Ada is due now.
      await addNote(d, { personId: ada.id, kind: 'followup', text: 'send the article', dueAt: NOW - DAY }, ctx);
      await expect.poll(() => seen.at(-1)).toEqual(['Ada']);
      // Archived: gone from the list.
      await setArchived(d, ada.id, true, ctx);
      await expect.poll(() => seen.at(-1)).toEqual([]);
    } finally {
      sub.unsubscribe();
    }
  });
});
