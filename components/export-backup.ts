/**
 * Download a plain backup of everything there is, from any Kith page. Kept apart
 * from the options page's backup section so that the error screen of a small page
 * (the popup) can load it on demand without pulling that section in.
 */
import { serializeBackup } from '@/lib/backup/format';
import { getDb } from '@/lib/db/db';
import { collectBackup } from '@/lib/db/read';
import { getSettings } from '@/lib/settings/store';
import { dayStamp, downloadText } from './options/download';

/** The current data as backup text (plain). */
export async function currentBackupText(): Promise<string> {
  // Settings from browser storage first: the database read is its own transaction.
  return serializeBackup(await collectBackup(getDb(), await getSettings()));
}

/** Saves the current data as the options page's export does; returns the file name. */
export async function downloadBackupNow(): Promise<string> {
  const file = `kith-backup-${dayStamp()}.json`;
  downloadText(file, await currentBackupText());
  return file;
}
