// @vitest-environment node
/**
 * The outbox is written in the same transaction as the change it records: a
 * write that fails leaves none, a write that commits leaves one, with only the
 * fields it changed. Writes that come in from sync record nothing and go through
 * the same checks as a backup restore.
 */
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type KithDB } from '@/lib/db/db';
import { addPerson, applySyncDocs, editPerson, outboxCount, readOutbox, refreshSummariesOf, setPersonMuted, setSyncRecording } from '@/lib/db/writes';
import { writeTx } from '@/lib/db/writes/tx';
import { importedTouch } from './rows';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';

const ctx = () => ({ now: Date.now(), timeZone: 'UTC', circles: DEFAULT_CIRCLES });
let db: KithDB;

afterEach(async () => {
  await db?.delete();
});

async function fresh(recording: boolean): Promise<KithDB> {
  db = createDb(`outbox-${Math.random()}`);
  if (recording) await setSyncRecording(db, true);
  return db;
}

describe('the sync outbox', () => {
  it('records a write in its own transaction, with the fields it changed', async () => {
    await fresh(true);
    const p = await addPerson(db, { name: 'Ada' }, ctx());
    const [added] = await readOutbox(db, 10);
    expect(added).toMatchObject({ key: `people:${p.id}`, t: 'people', id: p.id });
    expect(Object.keys(added!.f!)).toContain('name');
    expect(Object.keys(added!.f!)).not.toContain('summary');

    await writeTx(db, ['syncOutbox'], () => db.syncOutbox.delete(`people:${p.id}`));
    await editPerson(db, p.id, { company: 'Engines' }, ctx());
    const [edited] = await readOutbox(db, 10);
    expect(Object.keys(edited!.f!).sort()).toEqual(['company', 'updatedAt', 'userEdited']);

    // A write that changes only derived data records nothing.
    await writeTx(db, ['syncOutbox'], () => db.syncOutbox.clear());
    await setSyncRecording(db, true);
    await refreshSummariesOf(db, [p.id], ctx());
    expect(await outboxCount(db)).toBe(0);
  });

  it('a write that fails leaves no outbox row', async () => {
    await fresh(true);
    const p = await addPerson(db, { name: 'Ada' }, ctx());
    await writeTx(db, ['syncOutbox'], () => db.syncOutbox.delete(`people:${p.id}`));
    await expect(
      writeTx(db, ['people'], async () => {
        await db.people.update(p.id, { company: 'Never saved' });
        throw new Error('crash before commit');
      }),
    ).rejects.toThrow('crash before commit');
    expect(await outboxCount(db)).toBe(0);
    expect((await db.people.get(p.id))?.company).toBeUndefined();
  });

  it('records nothing while sync is off', async () => {
    await fresh(false);
    await addPerson(db, { name: 'Ada' }, ctx());
    expect(await outboxCount(db)).toBe(0);
  });

  it('records the mutes as fields of one row', async () => {
    await fresh(true);
    const p = await addPerson(db, { name: 'Ada' }, ctx());
    await setPersonMuted(db, p.id, true);
    const mutes = (await readOutbox(db, 10)).find((e) => e.t === 'mutes');
    expect(Object.keys(mutes!.f!)).toEqual([`p:${p.id}`]);
  });

  it('applies incoming rows without echoing them, recomputes summaries, and refuses invalid ones', async () => {
    await fresh(true);
    const now = Date.now();
    const person = { id: 'remote-1', name: 'Grace', phones: [], emails: [], tags: [], archived: 0, createdAt: now, updatedAt: now };
    const touch = {
      id: 't-1',
      personId: 'remote-1',
      depth: 'personal',
      direction: 'out',
      channel: 'call',
      at: now - 1000,
      source: 'manual',
      createdAt: now,
      updatedAt: now,
    };
    const clocks = (r: object) => Object.fromEntries(Object.keys(r).map((k) => [k, now]));
    const report = await applySyncDocs(
      db,
      [
        { t: 'people', r: person, c: clocks(person) },
        { t: 'touches', r: touch, c: clocks(touch) },
        { t: 'people', r: { id: 'bad', name: 42 }, c: {} },
        { t: 'notes', r: { id: 'n', personId: 'remote-1', kind: 'gossip', text: 'x', createdAt: now, updatedAt: now }, c: {} },
      ],
      ctx(),
    );
    expect(report).toEqual({ applied: 2, refused: 2, held: 0 });
    expect(await outboxCount(db)).toBe(0);
    expect(await db.people.get('bad')).toBeUndefined();
    expect(await db.notes.get('n')).toBeUndefined();
    expect((await db.people.get('remote-1'))?.summary.lastPersonalChannel).toBe('call');
  });

  it('leaves out a touch whose source key another touch here holds, counted as held; the rest of the batch is written', async () => {
    await fresh(true);
    const now = Date.now();
    const clocks = (r: object) => Object.fromEntries(Object.keys(r).map((k) => [k, now]));
    const person = { id: 'p-1', name: 'Grace', phones: [], emails: [], tags: [], archived: 0, createdAt: now, updatedAt: now };
    const touch = (id: string, sourceKey: string, note: string) => importedTouch(now, id, 'p-1', sourceKey, note);
    const doc = (r: { id: string }) => ({ t: 'touches' as const, r, c: clocks(r) });
    const first = await applySyncDocs(db, [{ t: 'people', r: person, c: clocks(person) }, doc(touch('t-here', 'linkedin:msg:1', 'imported here'))], ctx());
    expect(first).toEqual({ applied: 2, refused: 0, held: 0 });

    const second = await applySyncDocs(
      db,
      [
        // The same message imported on the other device, under another id.
        doc(touch('t-there', 'linkedin:msg:1', 'imported there')),
        // Two new touches with one source key: the first is written, the second held.
        doc(touch('t-a', 'linkedin:msg:2', 'first')),
        doc(touch('t-b', 'linkedin:msg:2', 'second')),
        // The touch already here, changed: the same id keeps its key.
        doc(touch('t-here', 'linkedin:msg:1', 'edited there')),
        doc(touch('t-c', 'linkedin:msg:3', 'new')),
      ],
      ctx(),
    );
    expect(second).toEqual({ applied: 3, refused: 0, held: 2 });
    expect((await db.touches.toArray()).map((t) => [t.id, t.note]).sort()).toEqual([
      ['t-a', 'first'],
      ['t-c', 'new'],
      ['t-here', 'edited there'],
    ]);
    expect((await db.people.get('p-1'))?.summary.personalTotal).toBe(3);
  });
});
