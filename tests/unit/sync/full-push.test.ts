// @vitest-environment node
/**
 * The full push after turn-on sends a person's profiles, touches and notes
 * together, whole people at a time, straight to the server as well as the replica
 * (each document once), so a joining device recomputes each summary about once;
 * every row still arrives, including a person with more rows than a batch.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createDb, type KithDB } from '@/lib/db/db';
import { addPerson, editPerson, logTouch, setSyncRecording, type WriteContext } from '@/lib/db/writes';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import type { Touch } from '@/lib/model/types';
import { decryptBody, deriveSyncKeys, docIdOf, randomSalt } from '@/lib/sync/crypto';
import { createEngine, type Pouch } from '@/lib/sync/engine';
import { memoryPouch } from '../../sync/pouch';
import { countDocsRead, userData } from './devices';
import { touchesOfPerson } from '@/lib/db/touch-ranges';

const ctx = (): WriteContext => ({ now: Date.now(), timeZone: 'UTC', circles: DEFAULT_CIRCLES });
let n = 0;
const freshDb = () => createDb(`kith-full-push-${Date.now()}-${n++}`);

/** `count` touches for a person, shaped like the one `logTouch` wrote; in id order, different people's touches alternate. */
async function touchesFor(db: KithDB, personId: string, count: number): Promise<void> {
  await logTouch(db, { personId, channel: 'call', source: 'manual', note: 'first' }, ctx());
  const [template] = await touchesOfPerson(db, personId).toArray();
  const rows: Touch[] = Array.from({ length: count - 1 }, (_, i) => ({
    ...template!,
    id: `t${String(i).padStart(5, '0')}-${personId}`,
    at: template!.at - i * 60_000,
  }));
  await db.touches.bulkAdd(rows);
}

/** `people` people named `Person <i>` with `touches` touches each; their ids, in the order they were added. */
async function peopleWithTouches(db: KithDB, people: number, touches: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < people; i++) {
    const p = await addPerson(db, { name: `Person ${i}` }, ctx());
    ids.push(p.id);
    await touchesFor(db, p.id, touches);
  }
  return ids;
}

type Keys = Awaited<ReturnType<typeof deriveSyncKeys>>;

/** Every write `pouch` takes (bulkDocs, its own and replication's), as the documents of each. */
function recordWrites(pouch: Pouch): { _id: string; _deleted?: boolean }[][] {
  const calls: { _id: string; _deleted?: boolean }[][] = [];
  const write = pouch.bulkDocs.bind(pouch);
  pouch.bulkDocs = (docs: object[] | { docs: object[] }, opts?: { new_edits?: boolean }) => {
    calls.push((Array.isArray(docs) ? docs : docs.docs) as { _id: string }[]);
    return write(docs as object[], opts);
  };
  return calls;
}

/** The row inside a document as written (the documents of a write carry their body). */
async function rowOf(keys: Keys, doc: { _id: string }): Promise<{ t: string; r: { id: string; personId?: string } } | undefined> {
  if (doc._id.startsWith('_')) return undefined;
  const text = await decryptBody(keys, doc._id, doc);
  return text ? (JSON.parse(text) as { t: string; r: { id: string; personId?: string } }) : undefined;
}

describe('the full push after turn-on', () => {
  it('sends each person with their touches in one write, each document once, and every row reaches a joining device, a person with more rows than a batch too', async () => {
    const a = freshDb();
    const people = [];
    for (const name of ['Ada Lovelace', 'Bruno Sample', 'Carla Rossi']) people.push(await addPerson(a, { name }, ctx()));
    const [ada, bruno, carla] = people.map((p) => p.id) as [string, string, string];
    await touchesFor(a, ada, 1_050);
    await touchesFor(a, bruno, 4);
    await touchesFor(a, carla, 7);
    // Enough people that the push takes several pages of whole people.
    const others: string[] = [];
    for (let i = 0; i < 120; i++) {
      const p = await addPerson(a, { name: `Person ${i}` }, ctx());
      others.push(p.id);
      await touchesFor(a, p.id, 6);
    }
    const keys = await deriveSyncKeys('a pass phrase', randomSalt(), 1_000);
    const server = memoryPouch();
    const writes = recordWrites(server);
    const replicaA = memoryPouch();
    const readBack = countDocsRead(replicaA);
    const engineA = createEngine({ db: a, local: replicaA, remote: server, keys, context: async () => ctx() });
    await engineA.startFullPush();
    await engineA.run();
    // What A wrote is A's rows as they are: none of it is read back from the replica to be applied.
    expect(readBack.docs).toBe(0);

    const onServer = (await server.allDocs({})).rows.filter((r) => !r.id.startsWith('_'));
    expect(onServer).toHaveLength(123 + 1_050 + 4 + 7 + 120 * 6);
    // Each document went to the server once: none uploaded again by the send that follows.
    expect(writes.flat().filter((d) => !d._id.startsWith('_'))).toHaveLength(onServer.length);
    // The write each person's touches went in: one for each person.
    const writeOf = new Map<string, Set<number>>();
    for (const [i, docs] of writes.entries()) {
      for (const doc of docs) {
        const row = await rowOf(keys, doc);
        if (row?.t !== 'touches') continue;
        const owner = row.r.personId!;
        (writeOf.get(owner) ?? writeOf.set(owner, new Set()).get(owner)!).add(i);
      }
    }
    expect(writeOf.size).toBe(123);
    for (const id of [bruno, carla, ...others]) expect(writeOf.get(id)?.size).toBe(1);
    expect(new Set([...writeOf.values()].flatMap((s) => [...s])).size).toBeGreaterThan(1);

    const b = freshDb();
    const engineB = createEngine({ db: b, local: memoryPouch(), remote: server, keys, context: async () => ctx() });
    await engineB.startFullPush();
    await engineB.run();
    for (const [id, count] of [
      [ada, 1_050],
      [bruno, 4],
      [carla, 7],
    ] as const) {
      expect(await touchesOfPerson(b, id).count()).toBe(count);
      expect((await b.people.get(id))?.summary.personalTotal).toBe(count);
    }
    expect(await b.touches.count()).toBe(1_050 + 4 + 7 + 120 * 6);
  }, 120_000);

  it('a server that fails while the push writes to it loses nothing: the next run uploads what it lacks from the replica', async () => {
    const a = freshDb();
    const ids = await peopleWithTouches(a, 80, 30);
    const keys = await deriveSyncKeys('a pass phrase', randomSalt(), 1_000);
    const server = memoryPouch();
    const write = server.bulkDocs.bind(server);
    let calls = 0;
    // The server takes the first write, then fails every one (as if stopped) until it is back.
    let down = false;
    server.bulkDocs = (docs: object[], opts?: { new_edits?: boolean }) => {
      if (down || ++calls > 1) {
        down = true;
        return Promise.reject(new Error('server stopped'));
      }
      return write(docs, opts);
    };
    const engineA = createEngine({ db: a, local: memoryPouch(), remote: server, keys, context: async () => ctx() });
    await engineA.startFullPush();
    await expect(engineA.run()).rejects.toThrow();
    const partly = (await server.allDocs({})).rows.length;
    expect(partly).toBeGreaterThan(0);
    expect(partly).toBeLessThan(80 * 31);

    down = false;
    server.bulkDocs = write;
    await engineA.run();
    expect((await server.allDocs({})).rows).toHaveLength(80 * 31);
    const b = freshDb();
    await createEngine({ db: b, local: memoryPouch(), remote: server, keys, context: async () => ctx() }).run();
    for (const id of ids) expect(await touchesOfPerson(b, id).count()).toBe(30);
  }, 60_000);

  it('reads and encrypts the next page while the last one is being written, and never moves its cursor past a page not written', async () => {
    const a = freshDb();
    const ids = await peopleWithTouches(a, 300, 10);
    const keys = await deriveSyncKeys('a pass phrase', randomSalt(), 1_000);
    const server = memoryPouch();
    const replica = memoryPouch();
    // A replica that holds a document already (an earlier sync with this server): each page is looked up in it.
    await replica.bulkDocs([{ _id: await docIdOf(keys, 'notes', 'from-before'), _rev: '1-00000000000000000000000000000000', v: 1 }], { new_edits: false });
    const events: string[] = [];
    let readStarted = () => {};
    const read = replica.allDocs.bind(replica);
    replica.allDocs = (opts) => {
      if (opts.keys) {
        events.push('read');
        readStarted();
      }
      return read(opts);
    };
    const write = replica.bulkDocs.bind(replica);
    let writes = 0;
    let failAt = 3;
    replica.bulkDocs = async (docs: object[], opts?: { new_edits?: boolean }) => {
      if (!Array.isArray(docs) || (docs[0] as { _id: string })._id.startsWith('_')) return write(docs, opts);
      const n = ++writes;
      events.push(`write ${n}`);
      // A slow disk: the write takes until the next page is read (or 2 s, when nothing reads meanwhile).
      await new Promise<void>((r) => {
        readStarted = r;
        setTimeout(r, 2_000);
      });
      if (n === failAt) throw new Error('disk full');
      const res = await write(docs, opts);
      events.push(`written ${n}`);
      return res;
    };
    const engineA = createEngine({ db: a, local: replica, remote: server, keys, context: async () => ctx() });
    await engineA.startFullPush();
    await expect(engineA.run()).rejects.toThrow('disk full');
    expect(writes).toBe(3);
    // The second page was read while the first was being written.
    expect(events.indexOf('read', events.indexOf('write 1'))).toBeLessThan(events.indexOf('written 1'));

    failAt = 0;
    await engineA.run();
    const b = freshDb();
    await createEngine({ db: b, local: memoryPouch(), remote: server, keys, context: async () => ctx() }).run();
    expect(await b.people.count()).toBe(300);
    for (const id of ids) expect(await touchesOfPerson(b, id).count()).toBe(10);
  }, 60_000);

  it("a first device's full push looks up none of its documents in its empty replica; resumed after a failure, it looks them up", async () => {
    const a = freshDb();
    const ids = await peopleWithTouches(a, 300, 10);
    const keys = await deriveSyncKeys('a pass phrase', randomSalt(), 1_000);
    const server = memoryPouch();
    const replica = memoryPouch();
    let lookedUp = 0;
    const read = replica.allDocs.bind(replica);
    replica.allDocs = (opts) => {
      lookedUp += opts.keys?.length ?? 0;
      return read(opts);
    };
    const write = replica.bulkDocs.bind(replica);
    let writes = 0;
    let failAt = 3;
    replica.bulkDocs = async (docs: object[], opts?: { new_edits?: boolean }) => {
      if (Array.isArray(docs) && !(docs[0] as { _id: string })._id.startsWith('_') && ++writes === failAt) throw new Error('disk full');
      return write(docs, opts);
    };
    const engineA = createEngine({ db: a, local: replica, remote: server, keys, context: async () => ctx() });
    await engineA.startFullPush();
    await expect(engineA.run()).rejects.toThrow('disk full');
    expect(writes).toBe(3);
    expect(lookedUp).toBe(0);

    failAt = 0;
    await engineA.run();
    // From where it stopped on, the replica may hold what it wrote before the failure: what is left is looked up (the
    // page whose write failed came back from the server, which had taken it, in the pull before).
    expect(lookedUp).toBeGreaterThan(0);
    const b = freshDb();
    await createEngine({ db: b, local: memoryPouch(), remote: server, keys, context: async () => ctx() }).run();
    expect(await b.people.count()).toBe(300);
    for (const id of ids) expect(await touchesOfPerson(b, id).count()).toBe(10);
    expect(await userData(b)).toEqual(await userData(a));
  }, 60_000);

  it('a joining device sends back nothing of what it just received, even rows whose fields changed at different times', async () => {
    const a = freshDb();
    const keys = await deriveSyncKeys('a pass phrase', randomSalt(), 1_000);
    const server = memoryPouch();
    const engineA = createEngine({ db: a, local: memoryPouch(), remote: server, keys, context: async () => ctx() });
    // Recorded as they happen: each field carries the time it changed, not the row's last change.
    await setSyncRecording(a, true);
    const ada = await addPerson(a, { name: 'Ada Lovelace' }, ctx());
    await logTouch(a, { personId: ada.id, channel: 'call', source: 'manual', note: 'first' }, ctx());
    await engineA.run();
    await new Promise((r) => setTimeout(r, 5));
    await editPerson(a, ada.id, { headline: 'Analyst' }, ctx());
    await engineA.run();
    const revs = async () => (await server.allDocs({})).rows.map((r) => `${r.id}@${r.value?.rev}`).sort();
    const before = await revs();
    expect(before.length).toBeGreaterThanOrEqual(2);

    const b = freshDb();
    await setSyncRecording(b, true);
    const engineB = createEngine({ db: b, local: memoryPouch(), remote: server, keys, context: async () => ctx() });
    await engineB.startFullPush();
    const report = await engineB.run();
    expect(report.pushed).toBe(0);
    expect(await revs()).toEqual(before);
    expect((await b.people.get(ada.id))?.headline).toBe('Analyst');
    expect(await touchesOfPerson(b, ada.id).count()).toBe(1);
  }, 60_000);
});
