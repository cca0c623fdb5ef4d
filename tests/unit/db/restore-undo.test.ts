/**
 * A replace-restore never depends on a download being saved: the rows it replaced
 * stay in the database until the user keeps the restore, and "Undo the restore"
 * puts back exactly what was there, every table and the settings.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { serializeBackup } from '@/lib/backup/format';
import type { KithDB } from '@/lib/db/db';
import { collectBackup } from '@/lib/db/read';
import {
  addNote,
  addPerson,
  deleteAllData,
  keepRestore,
  logTouch,
  pendingRestoreUndo,
  readBackup,
  restoreBackup,
  setPersonMuted,
  undoRestore,
} from '@/lib/db/writes';
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

/** Every table of the database, as rows. */
async function everything(d: KithDB) {
  return Object.fromEntries(await Promise.all(d.tables.filter((t) => t.name !== 'restoreUndo').map(async (t) => [t.name, await t.toArray()] as const)));
}

async function seedHere(d: KithDB) {
  const ada = await addPerson(d, { name: 'Ada', identity: { site: 'linkedin', handle: 'ada' }, circleId: 'close' }, ctxAt());
  await logTouch(d, { personId: ada.id, channel: 'call', source: 'manual', at: NOW - 40 * DAY }, ctxAt());
  await addNote(d, { personId: ada.id, kind: 'followup', text: 'Send the paper', dueAt: NOW + DAY }, ctxAt());
  const bob = await addPerson(d, { name: 'Bob', circleId: 'friends' }, ctxAt());
  await logTouch(d, { personId: bob.id, channel: 'like', source: 'page', at: NOW - DAY, sourceKey: 'k-1' }, ctxAt());
  await setPersonMuted(d, bob.id, true);
}

async function otherBackup() {
  const other = db();
  await addPerson(other, { name: 'Carla', identity: { site: 'linkedin', handle: 'carla' } }, ctxAt());
  return readBackup(serializeBackup(await collectBackup(other, { ...(await getSettings()), theme: 'dark' }, NOW)));
}

describe('undoing a replace-restore', () => {
  it('with the safety download never saved, Undo puts back every table and the settings exactly', async () => {
    const here = db();
    await seedHere(here);
    await updateSettings({ dailyNudgeLimit: 3, timeZone: 'Europe/Rome' });
    const before = await everything(here);
    const settingsBefore = await getSettings();
    const data = await otherBackup();

    // No download happens here at all: the restore alone must keep what it replaces.
    await restoreBackup(here, data, ctxAt(), { mode: 'replace', writeSettings: (fn) => updateSettings(fn), settingsBefore });
    expect((await here.people.toArray()).map((p) => p.name)).toEqual(['Carla']);
    expect((await getSettings()).theme).toBe('dark');
    expect(await pendingRestoreUndo(here)).toEqual({ at: NOW });

    expect(await undoRestore(here, { writeSettings: (fn) => updateSettings(fn) })).toBe(true);
    expect(await everything(here)).toEqual(before);
    expect(await getSettings()).toEqual(settingsBefore);
    expect(await pendingRestoreUndo(here)).toBeUndefined();
    expect(await undoRestore(here)).toBe(false);
  });

  it('a second restore before keeping still undoes to the data from before the first', async () => {
    const here = db();
    await seedHere(here);
    const before = await everything(here);
    const data = await otherBackup();
    await restoreBackup(here, data, ctxAt(), { mode: 'replace' });
    await restoreBackup(here, data, ctxAt(), { mode: 'replace' });
    await undoRestore(here);
    expect(await everything(here)).toEqual(before);
  });

  it('keeping the restore lets the old rows go; delete-all leaves no copy either', async () => {
    const here = db();
    await seedHere(here);
    const data = await otherBackup();
    await restoreBackup(here, data, ctxAt(), { mode: 'replace' });
    await keepRestore(here);
    expect(await here.restoreUndo.count()).toBe(0);
    expect(await undoRestore(here)).toBe(false);

    await restoreBackup(here, data, ctxAt(), { mode: 'replace' });
    await deleteAllData(here);
    expect(await here.restoreUndo.count()).toBe(0);
  });

  it('a failed restore keeps no copy and changes nothing', async () => {
    const here = db();
    await seedHere(here);
    const before = await everything(here);
    const data = await otherBackup();
    const broken = structuredClone(data);
    broken.tables.touches.push(
      { ...broken.tables.touches[0]!, id: 'dangling', personId: 'x' },
      {
        id: 'dup',
        personId: 'x',
        depth: 'passive',
        direction: 'out',
        channel: 'like',
        at: NOW,
        source: 'page',
        sourceKey: 's',
        createdAt: NOW,
        updatedAt: NOW,
      },
      {
        id: 'dup2',
        personId: 'x',
        depth: 'passive',
        direction: 'out',
        channel: 'like',
        at: NOW,
        source: 'page',
        sourceKey: 's',
        createdAt: NOW,
        updatedAt: NOW,
      },
    );
    await expect(restoreBackup(here, broken, ctxAt(), { mode: 'replace' })).rejects.toThrow();
    expect(await everything(here)).toEqual(before);
    expect(await here.restoreUndo.count()).toBe(0);
  });
});
