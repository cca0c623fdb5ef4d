/**
 * Restoring a backup, in ONE transaction over every table it touches.
 *
 * - `replace`: the tables are emptied and the backup's rows written exactly as
 *   they are (summaries included), so export -> restore -> export gives the same
 *   bytes. The caller downloads a backup of the current data first.
 * - `merge`: rows the database lacks are added; a row both have is taken from the
 *   backup only when the backup's copy is newer (`updatedAt`). A profile or an
 *   imported touch whose unique key is held by another row stays as it is here.
 *   Summaries of the people concerned are recomputed.
 *
 * Settings live in browser storage, not IndexedDB: they are written by the caller's
 * `writeSettings` only after the transaction has committed, so a failed restore
 * changes nothing at all.
 *
 * Part of the write module: see `./index.ts`.
 */
import { decryptBackup, isEncryptedBackup } from '../../backup/crypto';
import { parseBackup, type BackupData } from '../../backup/format';
import { normEmail } from '../../model/email';
import type { Settings } from '../../model/settings';
import type { Circle, Note, Person, Profile, Touch } from '../../model/types';
import { normalizeSettings } from '../../settings/normalize';
import type { KithDB } from '../db';
import { CURRENT_SCHEMA_VERSION } from '../schema';
import { refreshSummaries, writeTx, type WriteContext } from './tx';

export type RestoreMode = 'merge' | 'replace';

export interface RestoreReport {
  people: number;
  profiles: number;
  touches: number;
  notes: number;
}

/** Read a backup file's text: decrypts when it is encrypted. Throws BackupError. */
export async function readBackup(text: string, passphrase?: string): Promise<BackupData> {
  if (isEncryptedBackup(text)) {
    if (!passphrase) throw new NeedsPassphrase();
    return parseBackup(await decryptBackup(text, passphrase), CURRENT_SCHEMA_VERSION);
  }
  return parseBackup(text, CURRENT_SCHEMA_VERSION);
}

export class NeedsPassphrase extends Error {
  constructor() {
    super('needs-passphrase');
    this.name = 'NeedsPassphrase';
  }
}

type Row = { id: string; updatedAt: number };

function newer<T extends Row>(incoming: T, have: T | undefined): boolean {
  return !have || incoming.updatedAt > have.updatedAt;
}

/** Circles of a merged backup that this device lacks are added, so circle ids resolve. */
export function mergeCircles(mine: readonly Circle[], theirs: readonly Circle[]): Circle[] {
  const ids = new Set(mine.map((c) => c.id));
  return [...mine, ...theirs.filter((c) => !ids.has(c.id))];
}

export interface RestoreOptions {
  mode: RestoreMode;
  /** Persist settings (after the database commit). */
  writeSettings?: (next: (current: Settings) => Settings) => Promise<unknown>;
}

export async function restoreBackup(db: KithDB, data: BackupData, ctx: WriteContext, opts: RestoreOptions): Promise<RestoreReport> {
  const { profiles, touches, notes } = data.tables;
  // Addresses are stored plain only, as every other way in stores them (see normEmail).
  const people = data.tables.people.map((p) => (p.emails.every((m) => normEmail(m)) ? p : { ...p, emails: p.emails.filter((m) => normEmail(m)) }));
  const report: RestoreReport = { people: 0, profiles: 0, touches: 0, notes: 0 };
  await writeTx(db, ['people', 'profiles', 'touches', 'notes'], async () => {
    if (opts.mode === 'replace') {
      await Promise.all([db.people.clear(), db.profiles.clear(), db.touches.clear(), db.notes.clear()]);
      await db.people.bulkAdd(people);
      await db.profiles.bulkAdd(profiles);
      await db.touches.bulkAdd(touches);
      await db.notes.bulkAdd(notes);
      report.people = people.length;
      report.profiles = profiles.length;
      report.touches = touches.length;
      report.notes = notes.length;
      return;
    }
    const concerned = new Set<string>();
    const havePeople = new Map((await db.people.bulkGet(people.map((p) => p.id))).filter((p): p is Person => !!p).map((p) => [p.id, p]));
    const putPeople = people.filter((p) => newer(p, havePeople.get(p.id)));
    await db.people.bulkPut(putPeople);
    for (const p of putPeople) concerned.add(p.id);
    report.people = putPeople.length;

    const haveProfiles = new Map((await db.profiles.bulkGet(profiles.map((p) => p.id))).filter((p): p is Profile => !!p).map((p) => [p.id, p]));
    const byKey = new Map((await db.profiles.where('key').anyOf(profiles.map((p) => p.key)).toArray()).map((p) => [p.key, p]));
    for (const pr of profiles) {
      if (!newer(pr, haveProfiles.get(pr.id))) continue;
      const holder = byKey.get(pr.key);
      if (holder && holder.id !== pr.id) {
        if (!holder.deletedAt) continue;
        await db.profiles.delete(holder.id);
      }
      await db.profiles.put(pr);
      byKey.set(pr.key, pr);
      report.profiles++;
    }

    const haveTouches = new Map((await db.touches.bulkGet(touches.map((t) => t.id))).filter((t): t is Touch => !!t).map((t) => [t.id, t]));
    const sourceKeys = touches.flatMap((t) => (t.sourceKey ? [t.sourceKey] : []));
    const heldKeys = new Map((await db.touches.where('sourceKey').anyOf(sourceKeys).toArray()).map((t) => [t.sourceKey!, t.id]));
    const putTouches = touches.filter((t) => {
      if (!newer(t, haveTouches.get(t.id))) return false;
      if (t.sourceKey) {
        const holder = heldKeys.get(t.sourceKey);
        if (holder && holder !== t.id) return false;
        heldKeys.set(t.sourceKey, t.id);
      }
      return true;
    });
    await db.touches.bulkPut(putTouches);
    for (const t of putTouches) concerned.add(t.personId);
    report.touches = putTouches.length;

    const haveNotes = new Map((await db.notes.bulkGet(notes.map((n) => n.id))).filter((n): n is Note => !!n).map((n) => [n.id, n]));
    const putNotes = notes.filter((n) => newer(n, haveNotes.get(n.id)));
    await db.notes.bulkPut(putNotes);
    for (const n of putNotes) concerned.add(n.personId);
    report.notes = putNotes.length;

    await refreshSummaries(db, concerned, ctx);
  });
  if (opts.writeSettings && data.settings !== undefined) {
    const incoming = normalizeSettings(data.settings);
    if (opts.mode === 'replace') await opts.writeSettings(() => incoming);
    else await opts.writeSettings((current) => ({ ...current, circles: mergeCircles(current.circles, incoming.circles) }));
  }
  return report;
}
