import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { collectBackup } from '@/lib/db/read';
import { encryptBackup } from '@/lib/backup/crypto';
import { BackupError, serializeBackup, type BackupData } from '@/lib/backup/format';
import type { KithDB } from '@/lib/db/db';
import { addNote, addPerson, logTouch, NeedsPassphrase, readBackup, restoreBackup } from '@/lib/db/writes';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/model/settings';
import { getSettings, updateSettings } from '@/lib/settings/store';
import { ctxAt, DAY, freshDb, NOW } from './helpers';

const dbs: KithDB[] = [];
function db(): KithDB {
  const d = freshDb();
  dbs.push(d);
  return d;
}
beforeEach(() => fakeBrowser.reset());
afterEach(async () => {
  for (const d of dbs.splice(0)) await d.delete();
});

async function seed(d: KithDB) {
  const ada = await addPerson(
    d,
    { name: 'Ada', identity: { site: 'linkedin', handle: 'ada', url: 'https://www.linkedin.com/in/ada/' }, circleId: 'close' },
    ctxAt(),
  );
  await logTouch(d, { personId: ada.id, channel: 'call', source: 'manual', at: NOW - 3 * DAY }, ctxAt());
  await addNote(d, { personId: ada.id, kind: 'listening', text: 'Moving to Turin in May' }, ctxAt());
  const bob = await addPerson(d, { name: 'Bob' }, ctxAt());
  await logTouch(d, { personId: bob.id, channel: 'like', source: 'page', at: NOW - DAY, sourceKey: 'k-1' }, ctxAt());
  return { ada, bob };
}

const text = async (d: KithDB) => serializeBackup(await collectBackup(d, await getSettings(), NOW));

async function tables(d: KithDB) {
  return Promise.all([d.people.toArray(), d.profiles.toArray(), d.touches.toArray(), d.notes.toArray()]);
}

describe('restore', () => {
  it('replace: export -> restore -> export gives the same bytes', async () => {
    const a = db();
    await seed(a);
    const first = await text(a);
    const b = db();
    await addPerson(b, { name: 'Someone who will be replaced' }, ctxAt());
    await restoreBackup(b, await readBackup(first), ctxAt(), { mode: 'replace' });
    expect(await text(b)).toBe(first);
  });

  it('replace: writes the backup settings only after the data, and a failure changes nothing at all', async () => {
    const a = db();
    await seed(a);
    await updateSettings({ dailyNudgeLimit: 2 });
    const data = await readBackup(await text(a));
    await updateSettings({ dailyNudgeLimit: 9 });
    const b = db();
    await seed(b);
    const before = await tables(b);
    // Two profiles with one key: the database refuses the second half-way through.
    const broken: BackupData = structuredClone(data);
    broken.tables.profiles.push({ ...broken.tables.profiles[0]!, id: 'another-id' });
    await expect(restoreBackup(b, broken, ctxAt(), { mode: 'replace', writeSettings: (fn) => updateSettings(fn) })).rejects.toThrow();
    expect(await tables(b)).toEqual(before);
    expect((await getSettings()).dailyNudgeLimit).toBe(9);
    await restoreBackup(b, data, ctxAt(), { mode: 'replace', writeSettings: (fn) => updateSettings(fn) });
    expect((await getSettings()).dailyNudgeLimit).toBe(2);
  });

  it('merge: adds what is missing, keeps what is newer here, takes what is newer there', async () => {
    const a = db();
    const { ada } = await seed(a);
    const backup = await readBackup(await text(a));
    const b = db();
    await restoreBackup(b, backup, ctxAt(), { mode: 'replace' });
    // Here: Ada renamed later than the backup. Backup: a newer Bob.
    await b.people.update(ada.id, { name: 'Ada (here)', updatedAt: NOW + 10 });
    const bob = backup.tables.people.find((p) => p.name === 'Bob')!;
    const newerBob = { ...bob, name: 'Bob (backup)', updatedAt: NOW + 20 };
    const extra = { ...bob, id: 'p-extra', name: 'Carla', updatedAt: NOW };
    const merged: BackupData = { ...backup, tables: { ...backup.tables, people: [...backup.tables.people.filter((p) => p.id !== bob.id), newerBob, extra] } };
    const report = await restoreBackup(b, merged, ctxAt(), { mode: 'merge' });
    expect(report.people).toBe(2);
    const names = (await b.people.toArray()).map((p) => p.name).sort();
    expect(names).toEqual(['Ada (here)', 'Bob (backup)', 'Carla']);
    // Summaries stay true: Bob's like is still counted.
    expect((await b.people.get(bob.id))!.summary.passiveSince).toBe(1);
  });

  it('merge: adds the backup circles this device lacks', async () => {
    const a = db();
    await seed(a);
    await updateSettings({ circles: [...DEFAULT_SETTINGS.circles, { id: 'climbing', name: 'Climbing', rhythm: { idealDays: 7, maxDays: 14 } }] });
    const data = await readBackup(await text(a));
    await updateSettings({ circles: DEFAULT_SETTINGS.circles, dailyNudgeLimit: 4 });
    await restoreBackup(db(), data, ctxAt(), { mode: 'merge', writeSettings: (fn) => updateSettings(fn) });
    const s: Settings = await getSettings();
    expect(s.circles.map((c) => c.id)).toEqual(['close', 'friends', 'network', 'climbing']);
    expect(s.dailyNudgeLimit).toBe(4);
  });
});

describe('reading a backup file', () => {
  it('opens an encrypted backup with its passphrase, and asks for one without', async () => {
    const a = db();
    await seed(a);
    const plain = await text(a);
    const enc = await encryptBackup(plain, 'correct horse');
    await expect(readBackup(enc)).rejects.toBeInstanceOf(NeedsPassphrase);
    expect(serializeBackup(await readBackup(enc, 'correct horse'))).toBe(plain);
  });

  it.each([
    ['wrong-passphrase', async (enc: string) => readBackup(enc, 'wrong')],
    [
      'wrong-passphrase',
      async (enc: string) =>
        readBackup(
          enc.replace(/"data":"(.)/, (_m, c: string) => `"data":"${c === 'A' ? 'B' : 'A'}`),
          'pw',
        ),
    ],
    ['truncated', async (enc: string) => readBackup(enc.slice(0, enc.length - 40), 'pw')],
    ['not-backup', async () => readBackup('First Name,Last Name\nAda,Lovelace')],
    ['newer-version', async () => readBackup(JSON.stringify({ format: 'kith-backup', version: 99, schemaVersion: 1, exportedAt: 0, tables: {} }))],
  ])('fails closed with %s', async (code, run) => {
    const enc = await encryptBackup('{"format":"kith-backup"}', 'pw');
    const err = await run(enc).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BackupError);
    expect((err as BackupError).code).toBe(code);
  });
});
