/**
 * Replacing everything with a backup while downloads are blocked (the safety copy
 * is never saved) loses nothing: "Undo the restore" puts back every table as it
 * was. The safety copy is encrypted when the backup restored is.
 */
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as download from '@/components/options/download';
import { encryptBackup, isEncryptedBackup } from '@/lib/backup/crypto';
import { serializeBackup } from '@/lib/backup/format';
import type { KithDB } from '@/lib/db/db';
import { collectBackup } from '@/lib/db/read';
import { addNote, addPerson, logTouch } from '@/lib/db/writes';
import { getSettings } from '@/lib/settings/store';
import { ctxAt, DAY, freshDb } from '@/tests/unit/db/helpers';
import { installOptionsPageHarness, openOptions } from './page-harness';

const page = installOptionsPageHarness();
let db: KithDB;
let saved: Array<{ name: string; text: string }>;
beforeEach(() => {
  db = page.db;
  saved = [];
  // Downloads blocked: nothing reaches the disk; what would have been saved is recorded.
  vi.spyOn(download, 'downloadText').mockImplementation((name, text) => void saved.push({ name, text }));
});
const now = Date.now();

async function everything(d: KithDB) {
  return Object.fromEntries(await Promise.all(d.tables.filter((t) => t.name !== 'restoreUndo').map(async (t) => [t.name, await t.toArray()] as const)));
}

async function backupOfSomeoneElse(pass?: string): Promise<File> {
  const other = freshDb();
  await addPerson(other, { name: 'Carla', identity: { site: 'linkedin', handle: 'carla' } }, ctxAt(now));
  const text = serializeBackup(await collectBackup(other, await getSettings()));
  await other.delete();
  return new File([pass ? await encryptBackup(text, pass) : text], 'kith-backup.json', { type: 'application/json' });
}

describe('undoing a replace-restore from the options page', () => {
  it('with downloads blocked, Undo gives back exactly what was there', async () => {
    const ada = await addPerson(db, { name: 'Ada Lovelace', identity: { site: 'linkedin', handle: 'ada' }, circleId: 'close' }, ctxAt(now));
    await logTouch(db, { personId: ada.id, channel: 'call', source: 'manual', at: now - 3 * DAY }, ctxAt(now));
    await addNote(db, { personId: ada.id, kind: 'listening', text: 'Moving to Turin' }, ctxAt(now));
    const before = await everything(db);
    const file = await backupOfSomeoneElse('a passphrase');

    const user = userEvent.setup();
    await openOptions('#/backup');
    await user.upload(screen.getByLabelText('Backup file'), file);
    await user.type(await screen.findByLabelText('Passphrase'), 'a passphrase');
    await user.click(screen.getByLabelText(/Replace everything here/));
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    expect(await screen.findByText(/Restored: 1 people/, {}, { timeout: 15_000 })).toBeTruthy();
    expect((await db.people.toArray()).map((p) => p.name)).toEqual(['Carla']);

    // The copy offered was encrypted with the passphrase typed, and was never saved.
    expect(saved).toHaveLength(1);
    expect(saved[0]!.name).toMatch(/^kith-backup-before-restore-.*-encrypted\.json$/);
    expect(isEncryptedBackup(saved[0]!.text)).toBe(true);
    expect(saved[0]!.text).not.toContain('Lovelace');

    await user.click(await screen.findByRole('button', { name: 'Undo the restore' }));
    expect(await screen.findByText('The restore was undone: everything is as it was before it.')).toBeTruthy();
    expect(await everything(db)).toEqual(before);
    expect(screen.queryByRole('button', { name: 'Undo the restore' })).toBeNull();
  }, 60_000);

  it('keeping the restored data lets the copy go', async () => {
    await addPerson(db, { name: 'Ada' }, ctxAt(now));
    const file = await backupOfSomeoneElse();
    const user = userEvent.setup();
    await openOptions('#/backup');
    await user.upload(screen.getByLabelText('Backup file'), file);
    await user.click(screen.getByLabelText(/Replace everything here/));
    await user.click(screen.getByRole('button', { name: 'Restore' }));
    await user.click(await screen.findByRole('button', { name: 'Keep the restored data' }, { timeout: 15_000 }));
    expect(await screen.findByText('Restored data kept. The copy of the data from before was removed.')).toBeTruthy();
    expect(await db.restoreUndo.count()).toBe(0);
    expect(saved[0]!.name).toMatch(/^kith-backup-before-restore-[\d-]+\.json$/);
  });
});
