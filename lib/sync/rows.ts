/**
 * Kith's rows as synced, and back. Pure: no Dexie, no PouchDB.
 *
 * What never leaves the device: derived data (a person's `summary`; the reach
 * buckets, snapshots and search index are separate tables that are not synced at
 * all), and the settings that belong to the device (which sites are on, the
 * digest hour, placement, theme, quiet hours...).
 *
 * Two rows are not Dexie rows:
 * - the nudge mutes (one `meta` row holding a list) sync as one document whose
 *   fields are `p:<personId>` (true when muted), so a mute on one device and an
 *   unmute of someone else on another both survive;
 * - the settings that belong to the person sync as one document whose fields are
 *   `language` and `c:<circleId>` (the circle with its rhythm), so two devices
 *   editing different circles both keep their edit.
 */
import type { Circle, Person } from '@/lib/model/types';
import type { SyncRow } from './merge';

export const MUTES_ROW_ID = 'mutes';
export const SETTINGS_ROW_ID = 'settings';
const MUTE_PREFIX = 'p:';
const CIRCLE_PREFIX = 'c:';

/** A people/profiles/touches/notes row as synced: derived fields stripped. */
export function toSyncRow(table: 'people' | 'profiles' | 'touches' | 'notes', row: { id: string }): SyncRow {
  if (table === 'people') {
    const { summary: _derived, ...rest } = row as Person;
    return rest as unknown as SyncRow;
  }
  return { ...(row as SyncRow) };
}

export function mutesToSyncRow(people: readonly string[]): SyncRow {
  const row: SyncRow = { id: MUTES_ROW_ID };
  for (const id of people) row[`${MUTE_PREFIX}${id}`] = true;
  return row;
}

export function mutesFromSyncRow(row: SyncRow): string[] {
  return Object.keys(row)
    .filter((k) => k.startsWith(MUTE_PREFIX) && row[k] === true)
    .map((k) => k.slice(MUTE_PREFIX.length))
    .sort();
}

/** The settings that belong to the person, as a row. */
export interface PersonSettings {
  circles: Circle[];
  language: string;
}

export function settingsToSyncRow(s: PersonSettings): SyncRow {
  const row: SyncRow = { id: SETTINGS_ROW_ID, language: s.language };
  for (const c of s.circles) row[`${CIRCLE_PREFIX}${c.id}`] = c;
  return row;
}

/**
 * The settings a synced row gives, on top of this device's: circles in this
 * device's order, then the new ones by id; a circle the row lacks is gone.
 */
export function settingsFromSyncRow(row: SyncRow, current: PersonSettings): PersonSettings {
  const synced = new Map<string, unknown>();
  for (const k of Object.keys(row)) if (k.startsWith(CIRCLE_PREFIX)) synced.set(k.slice(CIRCLE_PREFIX.length), row[k]);
  const circles: unknown[] = [];
  for (const c of current.circles) if (synced.has(c.id)) circles.push(synced.get(c.id));
  const known = new Set(current.circles.map((c) => c.id));
  for (const id of [...synced.keys()].sort()) if (!known.has(id)) circles.push(synced.get(id));
  return { circles: circles as Circle[], language: typeof row['language'] === 'string' ? row['language'] : current.language };
}
