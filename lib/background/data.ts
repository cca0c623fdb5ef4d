import type { KithDB } from '@/lib/db/db';
import { collectBackup } from '@/lib/db/read';
import { serializeBackup } from '@/lib/backup/format';
import { getSettings } from '@/lib/settings/store';

/** The backup file's text: settings from browser storage, read before the database's own transaction. */
export async function exportBackupText(db: KithDB, now = Date.now()): Promise<string> {
  return serializeBackup(await collectBackup(db, await getSettings(), now));
}
