// @vitest-environment node
/**
 * A joining device's first pull (an empty replica) applies each batch of documents
 * as the replication writes it, instead of reading the whole replica back
 * afterwards; a conflict on the server, or a failure mid-way, falls back to the
 * apply from the replica with nothing left out.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createDb, type KithDB } from '@/lib/db/db';
import { importedTouch } from './rows';
import type { DBCore, Middleware } from 'dexie';
import {
  addPerson,
  applySyncDocs,
  editPerson,
  logTouch,
  refreshDeferredSummaries,
  setSyncRecording,
  SUMMARIES_DEFERRED_KEY,
  type WriteContext,
} from '@/lib/db/writes';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import { deriveSyncKeys, docIdOf, randomSalt } from '@/lib/sync/crypto';
import { createEngine, type Pouch } from '@/lib/sync/engine';
import type { SyncDoc } from '@/lib/sync/merge';
import { memoryPouch } from '../../sync/pouch';
import { countDocsRead, userData } from './devices';
import { touchesOfPerson } from '@/lib/db/touch-ranges';

const ctx = (): WriteContext => ({ now: Date.now(), timeZone: 'UTC', circles: DEFAULT_CIRCLES });
let n = 0;
const freshDb = () => createDb(`kith-join-pull-${Date.now()}-${n++}`);
const keysFor = () => deriveSyncKeys('a pass phrase', randomSalt(), 1_000);
type Keys = Awaited<ReturnType<typeof keysFor>>;

/** A first device with `people` people of `touches` touches each, its documents on `server`. */
async function firstDevice(server: Pouch, keys: Keys, people: number, touches: number): Promise<KithDB> {
  const a = freshDb();
  await setSyncRecording(a, true);
  for (let i = 0; i < people; i++) {
    const p = await addPerson(a, { name: `Person ${i}` }, ctx());
    for (let j = 0; j < touches; j++) await logTouch(a, { personId: p.id, channel: 'call', source: 'manual', note: `call ${j}` }, ctx());
  }
  await createEngine({ db: a, local: memoryPouch(), remote: server, keys, context: async () => ctx() }).run();
  return a;
}

/** Each person's summary, by id: what the reach-out list and the people list show. */
async function summaries(db: KithDB) {
  return Object.fromEntries((await db.people.toArray()).map((p) => [p.id, p.summary]));
}

describe("a joining device's first pull", () => {
  it('applies the documents as they arrive and reads none of them back from its replica', async () => {
    const keys = await keysFor();
    const server = memoryPouch();
    const a = await firstDevice(server, keys, 40, 15);
    const b = freshDb();
    const replica = memoryPouch();
    const read = countDocsRead(replica);
    const report = await createEngine({ db: b, local: replica, remote: server, keys, context: async () => ctx() }).run();
    expect(report.applied).toBe(40 + 40 * 15);
    expect(read.docs).toBe(0);
    expect(await userData(b)).toEqual(await userData(a));
    // Computed once, at the end of the pull: the same as the first device's, computed at each write.
    expect(await summaries(b)).toEqual(await summaries(a));
    expect(Object.values(await summaries(b)).every((s) => s.personalTotal === 15 && s.lastPersonalChannel === 'call')).toBe(true);
    expect(await b.meta.get(SUMMARIES_DEFERRED_KEY)).toBeUndefined();
    // The next run has nothing to apply.
    const again = await createEngine({ db: b, local: replica, remote: server, keys, context: async () => ctx() }).run();
    expect(again.applied).toBe(0);
  }, 60_000);

  it('a failure while applying mid-pull leaves nothing out: the next run applies the rest from the replica', async () => {
    const keys = await keysFor();
    const server = memoryPouch();
    const a = await firstDevice(server, keys, 60, 12);
    const b = freshDb();
    const replica = memoryPouch();
    let calls = 0;
    const failing = async () => {
      if (++calls === 2) throw new Error('disk full');
      return ctx();
    };
    await expect(createEngine({ db: b, local: replica, remote: server, keys, context: failing }).run()).rejects.toThrow('disk full');
    const part = await b.touches.count();
    expect(part).toBeLessThan(60 * 12);
    // What was applied before the failure already has its summaries.
    const applied = await b.people.toArray();
    expect(applied.length).toBeGreaterThan(0);
    expect(await b.meta.get(SUMMARIES_DEFERRED_KEY)).toBeUndefined();
    const ofA = await summaries(a);
    for (const p of applied) {
      const touches = await touchesOfPerson(b, p.id).count();
      expect(p.summary.personalTotal).toBe(touches);
      if (touches === 12) expect(p.summary).toEqual(ofA[p.id]);
    }
    await createEngine({ db: b, local: replica, remote: server, keys, context: async () => ctx() }).run();
    expect(await userData(b)).toEqual(await userData(a));
    expect(await summaries(b)).toEqual(ofA);
  }, 60_000);

  it('a conflict on the server is merged from the replica: both edits survive, on the device and on the server', async () => {
    const keys = await keysFor();
    const s1 = memoryPouch();
    const a1 = freshDb();
    await setSyncRecording(a1, true);
    const ada = await addPerson(a1, { name: 'Ada Lovelace' }, ctx());
    const engine1 = createEngine({ db: a1, local: memoryPouch(), remote: s1, keys, context: async () => ctx() });
    await engine1.run();
    // A second server with the same documents, and a device that joined from it.
    const s2 = memoryPouch();
    await s1.replicate.to(s2);
    const a2 = freshDb();
    await setSyncRecording(a2, true);
    const engine2 = createEngine({ db: a2, local: memoryPouch(), remote: s2, keys, context: async () => ctx() });
    await engine2.startFullPush();
    await engine2.run();
    expect((await a2.people.get(ada.id))?.name).toBe('Ada Lovelace');
    // Each edits a different field and syncs with its own server; then the servers meet: a conflict on s1.
    await editPerson(a1, ada.id, { headline: 'Analyst' }, ctx());
    await engine1.run();
    await new Promise((r) => setTimeout(r, 5));
    await editPerson(a2, ada.id, { company: 'Analytical Engines' }, ctx());
    await engine2.run();
    await s2.replicate.to(s1);
    const id = await docIdOf(keys, 'people', ada.id);
    expect((await s1.get(id, { conflicts: true }))._conflicts).toHaveLength(1);

    const b = freshDb();
    await createEngine({ db: b, local: memoryPouch(), remote: s1, keys, context: async () => ctx() }).run();
    const merged = await b.people.get(ada.id);
    expect(merged?.headline).toBe('Analyst');
    expect(merged?.company).toBe('Analytical Engines');
    expect((await s1.get(id, { conflicts: true }))._conflicts).toBeUndefined();
  }, 60_000);
});

describe("a joining pull's batch, added without reading first", () => {
  const now = Date.now();
  const clocks = (r: object) => Object.fromEntries(Object.keys(r).map((k) => [k, now]));
  const doc = <T extends SyncDoc['t']>(t: T, r: { id: string } & Record<string, unknown>): SyncDoc => ({ t, r, c: clocks(r) }) as SyncDoc;
  const person = (id: string, name: string, headline?: string) => ({
    id,
    name,
    ...(headline ? { headline } : {}),
    phones: [],
    emails: [],
    tags: [],
    archived: 0,
    createdAt: now,
    updatedAt: now,
  });
  const profile = (id: string, personId: string, handle: string, deletedAt?: number) => ({
    id,
    personId,
    site: 'linkedin',
    handle,
    key: `linkedin:${handle.toLowerCase()}`,
    createdAt: now,
    updatedAt: now,
    ...(deletedAt ? { deletedAt } : {}),
  });
  const touch = (id: string, personId: string, sourceKey: string, note: string) => importedTouch(now, id, personId, sourceKey, note);

  /** A device that holds a few rows already, some of them with the ids or unique keys of what comes in. */
  async function deviceWithRows(): Promise<KithDB> {
    const db = freshDb();
    await applySyncDocs(
      db,
      [
        doc('people', person('p-1', 'Grace', 'here')),
        doc('people', person('p-here', 'Only here')),
        doc('profiles', profile('pr-here', 'p-1', 'grace')),
        doc('profiles', profile('pr-gone', 'p-here', 'old', now - 5000)),
        doc('touches', touch('t-here', 'p-1', 'linkedin:msg:1', 'imported here')),
      ],
      ctx(),
    );
    return db;
  }

  const incoming = (): SyncDoc[] => [
    // Here already: merged the usual way.
    doc('people', person('p-1', 'Grace', 'there')),
    doc('people', person('p-2', 'Ada')),
    // Another live profile here has this site and handle: held.
    doc('profiles', profile('pr-there', 'p-2', 'grace')),
    // Its holder here is deleted: the holder goes, this one is written.
    doc('profiles', profile('pr-old', 'p-2', 'old')),
    // Written with its handle in canonical form.
    doc('profiles', { ...profile('pr-ada', 'p-2', 'Ada-L'), key: 'linkedin:ada-l' }),
    // The same message imported here under another id: held; two new ones with one key: the second held.
    doc('touches', touch('t-there', 'p-2', 'linkedin:msg:1', 'imported there')),
    doc('touches', touch('t-a', 'p-2', 'linkedin:msg:2', 'first')),
    doc('touches', touch('t-b', 'p-2', 'linkedin:msg:2', 'second')),
    doc('touches', touch('t-here', 'p-1', 'linkedin:msg:1', 'edited there')),
    doc('touches', touch('t-c', 'p-2', 'linkedin:msg:3', 'new')),
    doc('notes', { id: 'n-1', personId: 'p-2', kind: 'listening', text: 'Met at the conference', createdAt: now, updatedAt: now }),
    // Invalid: refused.
    doc('people', { id: 'bad', name: 42 }),
  ];

  it('writes, holds and refuses exactly what the usual apply does, and the same summaries once the pass is done', async () => {
    const usual = await deviceWithRows();
    const usualInStep = new Set<string>();
    const usualReport = await applySyncDocs(usual, incoming(), ctx(), { inStep: usualInStep });

    const joining = await deviceWithRows();
    const joiningInStep = new Set<string>();
    const joiningReport = await applySyncDocs(joining, incoming(), ctx(), { inStep: joiningInStep, deferSummaries: true });
    await refreshDeferredSummaries(joining, ctx());

    expect(joiningReport).toEqual(usualReport);
    expect(joiningReport).toEqual({ applied: 8, refused: 1, held: 3 });
    expect(await userData(joining)).toEqual(await userData(usual));
    expect(await summaries(joining)).toEqual(await summaries(usual));
    expect([...joiningInStep].sort()).toEqual([...usualInStep].sort());

    const profiles = (await joining.profiles.toArray()).map((p) => [p.id, p.key]).sort();
    expect(profiles).toEqual([
      ['pr-ada', 'linkedin:ada-l'],
      ['pr-here', 'linkedin:grace'],
      ['pr-old', 'linkedin:old'],
    ]);
    expect((await joining.touches.toArray()).map((t) => [t.id, t.note]).sort()).toEqual([
      ['t-a', 'first'],
      ['t-c', 'new'],
      ['t-here', 'edited there'],
    ]);
    expect((await joining.people.get('p-1'))?.headline).toBe('there');
    expect((await joining.people.get('p-2'))?.summary.personalTotal).toBe(2);
    expect(await joining.notes.get('n-1')).toBeDefined();
    // Rows written as their documents have them; a handle rewritten in canonical form is not.
    expect(joiningInStep.has('people:p-2')).toBe(true);
    expect(joiningInStep.has('profiles:pr-ada')).toBe(false);
  });
});

describe('summaries left for later by a joining pull', () => {
  /** Fails the writes to people after the first `ok` while `failing.on` (a disk that fills up, a worker stopped). */
  function failingPeopleWrites(ok: number): { middleware: Middleware<DBCore>; failing: { on: boolean } } {
    const failing = { on: true };
    let writes = 0;
    const middleware: Middleware<DBCore> = {
      stack: 'dbcore',
      name: 'fail-people-writes',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          if (name !== 'people') return table;
          return {
            ...table,
            mutate: (req) =>
              failing.on && (req.type === 'put' || req.type === 'add') && ++writes > ok ? Promise.reject(new Error('disk full')) : table.mutate(req),
          };
        },
      }),
    };
    return { middleware, failing };
  }

  async function deferredDevice(db: KithDB, people: number): Promise<{ source: KithDB }> {
    const source = freshDb();
    for (let i = 0; i < people; i++) {
      const p = await addPerson(source, { name: `Person ${i}` }, ctx());
      for (let j = 0; j <= i % 3; j++) await logTouch(source, { personId: p.id, channel: 'message', source: 'manual', note: `hi ${j}` }, ctx());
    }
    const clocks = (r: object) => Object.fromEntries(Object.keys(r).map((k) => [k, 1]));
    const docs = [
      ...(await source.people.toArray()).map(({ summary: _s, ...r }) => ({ t: 'people' as const, r, c: clocks(r) })),
      ...(await source.touches.toArray()).map((r) => ({ t: 'touches' as const, r, c: clocks(r) })),
    ];
    const report = await applySyncDocs(db, docs as SyncDoc[], ctx(), { deferSummaries: true });
    expect(report.applied).toBe(docs.length);
    return { source };
  }

  it('are empty until the pass, then each person has the summary their rows give', async () => {
    const b = freshDb();
    const { source } = await deferredDevice(b, 7);
    expect(await b.meta.get(SUMMARIES_DEFERRED_KEY)).toBeDefined();
    expect(Object.values(await summaries(b)).every((s) => s.personalTotal === 0 && s.lastPersonalAt === undefined)).toBe(true);
    expect(await refreshDeferredSummaries(b, ctx(), 3)).toBe(7);
    expect(await summaries(b)).toEqual(await summaries(source));
    expect(await b.meta.get(SUMMARIES_DEFERRED_KEY)).toBeUndefined();
    // Nothing left to do: no person is written again.
    expect(await refreshDeferredSummaries(b, ctx(), 3)).toBe(0);
  });

  it('a pass cut short is done again, whole, by the next one', async () => {
    const b = freshDb();
    const { middleware, failing } = failingPeopleWrites(2);
    b.use(middleware);
    const { source } = await deferredDevice(b, 7);
    // The deferred apply writes people once, the pass's first page once; its second page fails.
    await expect(refreshDeferredSummaries(b, ctx(), 3)).rejects.toThrow();
    expect(Object.values(await summaries(b)).filter((s) => s.personalTotal > 0)).toHaveLength(3);
    expect(await b.meta.get(SUMMARIES_DEFERRED_KEY)).toBeDefined();
    failing.on = false;
    expect(await refreshDeferredSummaries(b, ctx(), 3)).toBe(4);
    expect(await summaries(b)).toEqual(await summaries(source));
    expect(await b.meta.get(SUMMARIES_DEFERRED_KEY)).toBeUndefined();
  });
});
