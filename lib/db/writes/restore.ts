/**
 * Restoring a backup, in ONE transaction over every table it touches.
 *
 * - `replace`: the tables are emptied and the backup's rows written as they are,
 *   so export -> restore -> export gives the same bytes. What was there is kept in
 *   the `restoreUndo` store, in the same transaction, until the user keeps the
 *   restore (`keepRestore`) or undoes it (`undoRestore`, which puts back exactly
 *   those rows and the settings): no download has to succeed for nothing to be lost.
 * - `merge`: rows the database lacks are added; a row both have is taken from the
 *   backup only when the backup's copy is newer (`updatedAt`). A profile or an
 *   imported touch whose unique key is held by another row stays as it is here.
 *
 * In both modes what is derived is never taken from the file: profile keys are
 * recomputed from site and handle, summaries from the rows (with the circles and
 * time zone the settings will have), tombstones get the empty summary. Two rows
 * that would share a unique key make the backup 'corrupt', before anything is
 * written.
 *
 * Settings live in browser storage, not IndexedDB: they are written by the caller's
 * `writeSettings` only after the transaction has committed, so a failed restore
 * changes nothing at all.
 *
 * Part of the write module: see `./index.ts`.
 */
import { decryptBackup, isEncryptedBackup } from '@/lib/backup/crypto';
import { BackupError, parseBackup, type BackupData } from '@/lib/backup/format';
import { normEmail } from '@/lib/model/email';
import type { Settings } from '@/lib/model/settings';
import type { Circle, Note, Person, PersonSummary, Profile, Touch } from '@/lib/model/types';
import { normalizeSettings, resolveTimeZone } from '@/lib/settings/normalize';
import { isLive } from '@/lib/relationship/people-list';
import { canonicalHandle, profileKey } from '@/lib/sites/identity';
import type { KithDB } from '@/lib/db/db';
import { CURRENT_SCHEMA_VERSION } from '@/lib/db/schema';
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
  /** The settings now: kept with the replaced rows, so that an undo puts them back too. */
  settingsBefore?: Settings;
}

const EMPTY_SUMMARY: PersonSummary = { passiveSince: 0, broadcastSince: 0, personal12m: 0, inbound12m: 0, personalTotal: 0, openFollowUps: 0 };

/** The derived fields of a backup's rows, recomputed; two rows sharing a unique key refuse the backup. */
function trustedRows(data: BackupData): BackupData['tables'] {
  // Addresses are stored plain only, as every other way in stores them (see normEmail).
  const people = data.tables.people.map((p) => ({
    ...p,
    ...(p.emails.every((m) => normEmail(m)) ? {} : { emails: p.emails.filter((m) => normEmail(m)) }),
    // Live people's summaries are computed after the rows are in; a tombstone's is empty.
    summary: EMPTY_SUMMARY,
  }));
  const keys = new Set<string>();
  const profiles = data.tables.profiles.map((pr) => {
    const handle = canonicalHandle(pr.handle);
    const key = profileKey(pr.site, handle);
    if (keys.has(key)) throw new BackupError('corrupt', 'tables.profiles: duplicate key');
    keys.add(key);
    return pr.handle === handle && pr.key === key ? pr : { ...pr, handle, key };
  });
  const sourceKeys = new Set<string>();
  for (const t of data.tables.touches) {
    if (t.sourceKey === undefined) continue;
    if (sourceKeys.has(t.sourceKey)) throw new BackupError('corrupt', 'tables.touches: duplicate sourceKey');
    sourceKeys.add(t.sourceKey);
  }
  return { people, profiles, touches: data.tables.touches, notes: data.tables.notes };
}

/** Whether a replace-restore can still be undone (its replaced rows are kept). */
export async function pendingRestoreUndo(db: KithDB): Promise<{ at: number } | undefined> {
  const row = await db.restoreUndo.get('last');
  return row ? { at: row.at } : undefined;
}

/** The user keeps the restored data: the replaced rows are let go. */
export async function keepRestore(db: KithDB): Promise<void> {
  await writeTx(db, ['restoreUndo'], () => db.restoreUndo.clear());
}

/**
 * Undo a replace-restore: the tables hold again exactly the rows they held before
 * it, and the settings are put back (after the commit). False when there is
 * nothing to undo.
 */
export async function undoRestore(db: KithDB, opts: { writeSettings?: RestoreOptions['writeSettings'] } = {}): Promise<boolean> {
  const row = await writeTx(db, ['people', 'profiles', 'touches', 'notes', 'restoreUndo'], async () => {
    const kept = await db.restoreUndo.get('last');
    if (!kept) return undefined;
    await Promise.all([db.people.clear(), db.profiles.clear(), db.touches.clear(), db.notes.clear()]);
    await db.people.bulkAdd(kept.people);
    await db.profiles.bulkAdd(kept.profiles);
    await db.touches.bulkAdd(kept.touches);
    await db.notes.bulkAdd(kept.notes);
    await db.restoreUndo.clear();
    return kept;
  });
  if (!row) return false;
  if (opts.writeSettings && row.settings !== undefined) {
    const settings = normalizeSettings(row.settings);
    await opts.writeSettings(() => settings);
  }
  return true;
}

export async function restoreBackup(db: KithDB, data: BackupData, ctx: WriteContext, opts: RestoreOptions): Promise<RestoreReport> {
  const { people, profiles, touches, notes } = trustedRows(data);
  const incoming = data.settings !== undefined ? normalizeSettings(data.settings) : undefined;
  // Summaries are computed with the circles and time zone the settings will have.
  const settingsAfter = opts.writeSettings && incoming;
  const summaryCtx: WriteContext = !settingsAfter
    ? ctx
    : opts.mode === 'replace'
      ? { ...ctx, circles: incoming.circles, timeZone: resolveTimeZone(incoming) }
      : { ...ctx, circles: mergeCircles(ctx.circles, incoming.circles) };
  const report: RestoreReport = { people: 0, profiles: 0, touches: 0, notes: 0 };
  await writeTx(db, ['people', 'profiles', 'touches', 'notes', 'restoreUndo'], async () => {
    if (opts.mode === 'replace') {
      // A restore over a restore not yet kept keeps the older rows: those are what the user had.
      if (!(await db.restoreUndo.get('last'))) {
        const [before, beforeProfiles, beforeTouches, beforeNotes] = await Promise.all([
          db.people.toArray(),
          db.profiles.toArray(),
          db.touches.toArray(),
          db.notes.toArray(),
        ]);
        await db.restoreUndo.put({
          id: 'last',
          at: ctx.now,
          people: before,
          profiles: beforeProfiles,
          touches: beforeTouches,
          notes: beforeNotes,
          ...(opts.settingsBefore ? { settings: opts.settingsBefore } : {}),
        });
      }
      await Promise.all([db.people.clear(), db.profiles.clear(), db.touches.clear(), db.notes.clear()]);
      await db.people.bulkAdd(people);
      await db.profiles.bulkAdd(profiles);
      await db.touches.bulkAdd(touches);
      await db.notes.bulkAdd(notes);
      await refreshSummaries(
        db,
        people.filter(isLive).map((p) => p.id),
        summaryCtx,
      );
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
    const byKey = new Map(
      (
        await db.profiles
          .where('key')
          .anyOf(profiles.map((p) => p.key))
          .toArray()
      ).map((p) => [p.key, p]),
    );
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

    // Tombstones and merged-away people keep the empty summary.
    for (const p of putPeople) if (!isLive(p)) concerned.delete(p.id);
    await refreshSummaries(db, concerned, summaryCtx);
  });
  if (opts.writeSettings && incoming) {
    if (opts.mode === 'replace') await opts.writeSettings(() => incoming);
    else await opts.writeSettings((current) => ({ ...current, circles: mergeCircles(current.circles, incoming.circles) }));
  }
  return report;
}
