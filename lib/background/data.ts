import type { KithDB } from '../db/db';
import { collectBackup } from '../db/read';
import { serializeBackup } from '../backup/format';
import { getSettings } from '../settings/store';

/** The backup file's text: settings from browser storage, read before the database's own transaction. */
export async function exportBackupText(db: KithDB, now = Date.now()): Promise<string> {
  return serializeBackup(await collectBackup(db, await getSettings(), now));
}
