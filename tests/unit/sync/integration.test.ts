// @vitest-environment node
/**
 * Two devices syncing through a real CouchDB-compatible server (pouchdb-server,
 * in memory, on 127.0.0.1 with an admin password), end to end through the sync
 * service: what one adds the other shows, concurrent edits merge the same way on
 * both, a delete stays a delete, a wrong passphrase writes nothing, and the
 * server holds nothing readable.
 */
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, addPerson, deletePeople, editPerson, logTouch, setPersonMuted } from '@/lib/db/writes';
import { SyncError } from '@/lib/sync/errors';
import { startSyncServer, type SyncServer } from '../../sync/pouchdb-server';
import { makeDevice, userData } from './devices';
import { remotePouch } from '../../sync/pouch';

let server: SyncServer;
/** The devices below sign in as the server's admin: they create their own databases. */
let login: { origin: string; username: string; password: string };

beforeAll(async () => {
  server = await startSyncServer();
  login = { origin: server.origin, username: server.admin.name, password: server.admin.password };
}, 60_000);

afterAll(async () => {
  await server?.close();
});

describe('turning sync off', () => {
  it('"also delete the copy on the server", as a member of the database who may not delete it, deletes every document in it instead', async () => {
    const member = await startSyncServer();
    try {
      // CouchDB answers a member's request to delete the database with 401; pouchdb-server
      // drops the connection and stops instead, so the refusal is CouchDB's, made here.
      const a = makeDevice('a', {
        remotePouch: (url, auth) =>
          Object.assign(remotePouch(url, auth), {
            destroy: () => Promise.reject(Object.assign(new Error('You are not a server admin.'), { status: 401, name: 'unauthorized' })),
          }),
      });
      await addPerson(a.db, { name: 'Grace Hopper' }, a.ctx());
      const input = { server: member.origin, database: member.database, username: member.user.name, password: member.user.password };
      await a.service.turnOn({ ...input, passphrase: 'a pass phrase', mode: 'first' });
      const docs = async () => ((await member.request('GET', `/${member.database}/_all_docs`)).json as { rows: unknown[] }).rows.length;
      expect(await docs()).toBeGreaterThan(1);
      await a.service.turnOff({ forgetServerCopy: true });
      expect(await docs()).toBe(0);
      expect((await a.service.status()).state).toBe('off');
      // The people stay on the device.
      expect((await a.db.people.toArray()).map((p) => p.name)).toEqual(['Grace Hopper']);
    } finally {
      await member.close();
    }
  }, 120_000);
});

describe('two devices through a CouchDB server', () => {
  it('moves people, notes, touches, edits and deletes both ways, and both end identical', async () => {
    const a = makeDevice('a');
    const b = makeDevice('b');
    const ada = await addPerson(a.db, { name: 'Ada Lovelace', headline: 'Analyst', identity: { site: 'linkedin', handle: 'ada-lovelace' } }, a.ctx());
    await editPerson(a.db, ada.id, { phones: ['+39 333 1234567'], emails: ['ada@example.org'], company: 'Engines Ltd' }, a.ctx());
    await addNote(a.db, { personId: ada.id, kind: 'listening', text: 'Loves the Analytical Engine' }, a.ctx());
    await logTouch(a.db, { personId: ada.id, channel: 'call', source: 'manual', note: 'Talked about Babbage' }, a.ctx());
    await setPersonMuted(a.db, ada.id, true);

    const onA = await a.service.turnOn(a.input(login, 'kith', 'correct horse battery', 'first'));
    expect(onA.state).toBe('idle');
    expect(onA.pending).toBe(0);

    expect(await b.service.preview(b.input(login, 'kith', 'correct horse battery', 'join'))).toEqual({ people: 1, touches: 1, notes: 1 });
    const onB = await b.service.turnOn(b.input(login, 'kith', 'correct horse battery', 'join'));
    expect(onB.state).toBe('idle');
    const seen = await b.db.people.get(ada.id);
    expect(seen?.name).toBe('Ada Lovelace');
    // Summaries are recomputed on the device, never synced.
    expect(seen?.summary.lastPersonalChannel).toBe('call');
    expect(await userData(b.db)).toEqual(await userData(a.db));

    // Offline on both: different fields of the same person, and the same field.
    await editPerson(a.db, ada.id, { headline: 'Mathematician' }, a.ctx());
    await new Promise((r) => setTimeout(r, 5));
    await editPerson(b.db, ada.id, { company: 'Babbage & Co', location: 'London' }, b.ctx());
    await new Promise((r) => setTimeout(r, 5));
    await editPerson(a.db, ada.id, { location: 'Marylebone' }, a.ctx());
    await addNote(b.db, { personId: ada.id, kind: 'followup', text: 'Send the Bernoulli notes' }, b.ctx());
    await addNote(a.db, { personId: ada.id, kind: 'listening', text: 'Prefers mornings' }, a.ctx());
    expect((await a.service.status()).pending).toBeGreaterThan(0);

    await a.service.syncNow();
    await b.service.syncNow();
    await a.service.syncNow();
    const merged = await a.db.people.get(ada.id);
    expect(merged).toMatchObject({ headline: 'Mathematician', company: 'Babbage & Co', location: 'Marylebone' });
    expect((await a.db.notes.where('personId').equals(ada.id).toArray()).map((x) => x.text).sort()).toEqual([
      'Loves the Analytical Engine',
      'Prefers mornings',
      'Send the Bernoulli notes',
    ]);
    expect(await userData(b.db)).toEqual(await userData(a.db));

    // A deletes while B edits: the delete wins, and stays.
    await deletePeople(a.db, [ada.id], a.ctx());
    await editPerson(b.db, ada.id, { howWeMet: 'At a soirée' }, b.ctx());
    await b.service.syncNow();
    await a.service.syncNow();
    await b.service.syncNow();
    await a.service.syncNow();
    expect((await b.db.people.get(ada.id))?.deletedAt).toBeDefined();
    expect((await a.db.people.get(ada.id))?.deletedAt).toBeDefined();
    expect((await b.db.people.get(ada.id))?.howWeMet).toBeUndefined();
    expect(await userData(b.db)).toEqual(await userData(a.db));
    expect((await a.service.status()).pending).toBe(0);
    expect((await b.service.status()).refused).toBe(0);

    // The server saw only ciphertext: outside the meta document, each document is an
    // id, a revision and an encrypted body, and no word of what was synced is in it.
    const dump = await server.dump('kith');
    const docs = (JSON.parse(dump) as { rows: { id: string; doc: Record<string, unknown> }[] }).rows.filter((r) => r.id !== 'kith-sync-meta');
    expect(docs.length).toBeGreaterThan(3);
    for (const { doc } of docs)
      expect(
        Object.keys(doc)
          .filter((k) => k !== '_conflicts')
          .sort(),
      ).toEqual(['_id', '_rev', 'ct', 'iv', 'v']);
    // Every word is five characters or more: a shorter one (a "333" of the phone
    // number) turns up by chance in random base64 in about one run of fifty.
    for (const secret of [
      'Lovelace',
      'ada-lovelace',
      'Analyst',
      '1234567',
      'ada@example.org',
      'Engines',
      'Analytical',
      'Babbage',
      'Bernoulli',
      'mornings',
      'London',
      'Marylebone',
      'At a soir',
      'linkedin',
      'people',
      'touches',
      'notes',
      'listening',
      'followup',
      ada.id,
    ]) {
      expect(secret.length).toBeGreaterThanOrEqual(5);
      expect(dump).not.toContain(secret);
    }
  }, 120_000);

  it('refuses a wrong passphrase before writing anything, here or on the server', async () => {
    const a = makeDevice('a');
    await addPerson(a.db, { name: 'Grace Hopper' }, a.ctx());
    await a.service.turnOn(a.input(login, 'kith-wrong', 'the right one', 'first'));
    const before = await server.dump('kith-wrong');

    const b = makeDevice('b');
    await addPerson(b.db, { name: 'Alan Turing' }, b.ctx());
    const local = await userData(b.db);
    await expect(b.service.preview(b.input(login, 'kith-wrong', 'a wrong one', 'join'))).rejects.toMatchObject({ code: 'wrong-passphrase' });
    const err = await b.service.turnOn(b.input(login, 'kith-wrong', 'a wrong one', 'join')).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SyncError);
    expect((err as SyncError).code).toBe('wrong-passphrase');
    expect((await b.service.status()).state).toBe('off');
    expect(await userData(b.db)).toEqual(local);
    expect(await server.dump('kith-wrong')).toBe(before);
  }, 120_000);

  it.each([
    ['a wrong password', { password: 'nope' }, 'unauthorized'],
    ['no server there', { origin: 'http://127.0.0.1:9' }, 'unreachable'],
  ] as const)(
    'names the failure: %s',
    async (_name, change, code) => {
      const a = makeDevice('a');
      const input = { ...a.input(login, 'kith-errors', 'pass phrase', 'first'), ...('origin' in change ? { server: change.origin } : change) };
      await expect(a.service.turnOn(input)).rejects.toMatchObject({ code });
    },
    60_000,
  );
});
