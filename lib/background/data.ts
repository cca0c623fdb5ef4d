import type { KithDB } from '../db/db';
import { CURRENT_SCHEMA_VERSION } from '../db/schema';
import { serializeBackup, BACKUP_FORMAT_VERSION } from '../backup/format';
import { getSettings } from '../settings/store';

export async function collectBackup(db: KithDB, now = Date.now()) {
  // Settings come from browser storage: read them outside the Dexie transaction,
  // which would otherwise commit while awaiting a foreign promise.
  const settings = await getSettings();
  const [people, profiles, touches, notes] = await db.transaction('r', db.people, db.profiles, db.touches, db.notes, async () =>
    Promise.all([db.people.toArray(), db.profiles.toArray(), db.touches.toArray(), db.notes.toArray()]),
  );
  return {
    format: 'kith-backup' as const,
    version: BACKUP_FORMAT_VERSION,
    exportedAt: now,
    schemaVersion: CURRENT_SCHEMA_VERSION,
    settings,
    tables: { people, profiles, touches, notes },
  };
}

export async function exportBackupText(db: KithDB): Promise<string> {
  return serializeBackup(await collectBackup(db));
}

export async function deleteAllData(db: KithDB): Promise<void> {
  await db.transaction('rw', db.people, db.profiles, db.touches, db.notes, db.meta, async () => {
    await Promise.all([db.people.clear(), db.profiles.clear(), db.touches.clear(), db.notes.clear(), db.meta.clear()]);
  });
}
