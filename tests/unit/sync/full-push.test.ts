// @vitest-environment node
/**
 * The full push after turn-on sends a person's profiles, touches and notes
 * together, person after person, so a joining device recomputes each summary about
 * once; every row still arrives, including a person with more rows than a batch.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { createDb, type KithDB } from '@/lib/db/db';
import { addPerson, editPerson, logTouch, setSyncRecording, type WriteContext } from '@/lib/db/writes';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import type { Touch } from '@/lib/model/types';
import { decryptBody, deriveSyncKeys, randomSalt } from '@/lib/sync/crypto';
import { createEngine, type Pouch } from '@/lib/sync/engine';
import { memoryPouch } from '../../sync/pouch';

const ctx = (): WriteContext => ({ now: Date.now(), timeZone: 'UTC', circles: DEFAULT_CIRCLES });
let n = 0;
const freshDb = () => createDb(`kith-full-push-${Date.now()}-${n++}`);

/** `count` touches for a person, shaped like the one `logTouch` wrote; in id order, different people's touches alternate. */
async function touchesFor(db: KithDB, personId: string, count: number): Promise<void> {
  await logTouch(db, { personId, channel: 'call', source: 'manual', note: 'first' }, ctx());
  const [template] = await db.touches.where('personId').equals(personId).toArray();
  const rows: Touch[] = Array.from({ length: count - 1 }, (_, i) => ({
    ...template!,
    id: `t${String(i).padStart(5, '0')}-${personId}`,
    at: template!.at - i * 60_000,
  }));
  await db.touches.bulkAdd(rows);
}

/** The documents in `pouch`, decrypted, in the order it received them. */
async function docsInOrder(pouch: Pouch, keys: Awaited<ReturnType<typeof deriveSyncKeys>>): Promise<{ t: string; r: { personId?: string } }[]> {
  const { results } = await pouch.changes({ include_docs: true });
  const out: { t: string; r: { personId?: string } }[] = [];
  for (const ch of results) {
    if (!ch.doc || ch.id.startsWith('_')) continue;
    const text = await decryptBody(keys, ch.id, ch.doc);
    if (text) out.push(JSON.parse(text) as { t: string; r: { personId?: string } });
  }
  return out;
}

describe('the full push after turn-on', () => {
  it("sends each person's touches together, and every row reaches a joining device, a person with more rows than a batch too", async () => {
    const a = freshDb();
    const people = [];
    for (const name of ['Ada Lovelace', 'Bruno Sample', 'Carla Rossi']) people.push(await addPerson(a, { name }, ctx()));
    const [ada, bruno, carla] = people.map((p) => p.id) as [string, string, string];
    await touchesFor(a, ada, 1_050);
    await touchesFor(a, bruno, 4);
    await touchesFor(a, carla, 7);
    const keys = await deriveSyncKeys('a pass phrase', randomSalt(), 1_000);
    const server = memoryPouch();
    const replicaA = memoryPouch();
    const engineA = createEngine({ db: a, local: replicaA, remote: server, keys, context: async () => ctx() });
    await engineA.startFullPush();
    await engineA.run();

    // In the order A wrote them (replication keeps batches in order, not the order within one).
    const sent = await docsInOrder(replicaA, keys);
    expect(await docsInOrder(server, keys)).toHaveLength(sent.length);
    expect(sent.filter((d) => d.t === 'people')).toHaveLength(3);
    const touchOwners = sent.filter((d) => d.t === 'touches').map((d) => d.r.personId);
    expect(touchOwners).toHaveLength(1_050 + 4 + 7);
    // One run of documents per person: the owner changes twice among three people.
    expect(touchOwners.filter((p, i) => i > 0 && p !== touchOwners[i - 1])).toHaveLength(2);

    const b = freshDb();
    const engineB = createEngine({ db: b, local: memoryPouch(), remote: server, keys, context: async () => ctx() });
    await engineB.startFullPush();
    await engineB.run();
    for (const [id, count] of [
      [ada, 1_050],
      [bruno, 4],
      [carla, 7],
    ] as const) {
      expect(await b.touches.where('personId').equals(id).count()).toBe(count);
      expect((await b.people.get(id))?.summary.personalTotal).toBe(count);
    }
  }, 120_000);

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
    expect(await b.touches.where('personId').equals(ada.id).count()).toBe(1);
  }, 60_000);
});
