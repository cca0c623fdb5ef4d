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
import { addPerson, editPerson, logTouch, setSyncRecording, type WriteContext } from '@/lib/db/writes';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import { deriveSyncKeys, docIdOf, randomSalt } from '@/lib/sync/crypto';
import { createEngine, type Pouch } from '@/lib/sync/engine';
import { memoryPouch } from '../../sync/pouch';
import { countDocsRead, userData } from './devices';

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
    await createEngine({ db: b, local: replica, remote: server, keys, context: async () => ctx() }).run();
    expect(await userData(b)).toEqual(await userData(a));
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
