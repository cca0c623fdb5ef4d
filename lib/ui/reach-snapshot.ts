/**
 * The top of today's list as the background last computed it (it does so for the
 * badge after every change), kept in storage.session so the popup can paint at
 * once and let its live query take over a moment later.
 */
import { storage } from 'wxt/utils/storage';
import type { Lang } from '@/lib/i18n';
import type { Profile } from '@/lib/model/types';
import type { RankedPerson } from '@/lib/relationship/rank';
import { REACH_SNAPSHOT_KEY } from '@/lib/model/storage-keys';

export { REACH_SNAPSHOT_KEY };
export const SNAPSHOT_ROWS = 20;

export interface ReachSnapshot {
  at: number;
  /** The local day it was computed for: a snapshot from yesterday is not shown. */
  day: string;
  count: number;
  items: RankedPerson[];
  profiles: Record<string, Profile>;
  /** The same top rows already in words: the popup's boot script (entrypoints/popup-boot.ts) paints them before the popup's modules load. */
  paint?: SnapshotPaint;
}

/**
 * The popup's first paint, in the user's language (`lang`): what the list will show
 * once React has loaded, as plain strings the import-free boot script puts in the
 * page as text (`lib/ui/reach-paint.ts` writes it).
 */
export interface SnapshotPaint {
  lang: Lang;
  title: string;
  waiting: string;
  openPanel: string;
  options: string;
  rows: { id: string; name: string; initials: string; reason: string; code: string }[];
}

/** Written by the background after every change; read by the popup (its boot script reads the same key). */
export const reachSnapshotItem = storage.defineItem<ReachSnapshot>(`session:${REACH_SNAPSHOT_KEY}`);

/** The stored snapshot, or undefined. */
export function readSnapshot(): Promise<ReachSnapshot | undefined> {
  return reachSnapshotItem.getValue().then(
    (got) => got ?? undefined,
    () => undefined,
  );
}
