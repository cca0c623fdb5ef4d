/**
 * The top of today's list as the background last computed it (it does so for the
 * badge after every change), kept in storage.session so the popup can paint at
 * once and let its live query take over a moment later.
 */
import { browser } from 'wxt/browser';
import type { Profile } from '../model/types';
import type { RankedPerson } from '../relationship/rank';

export const REACH_SNAPSHOT_KEY = 'reach:snapshot';
export const SNAPSHOT_ROWS = 20;

export interface ReachSnapshot {
  at: number;
  /** The local day it was computed for: a snapshot from yesterday is not shown. */
  day: string;
  count: number;
  items: RankedPerson[];
  profiles: Record<string, Profile>;
}

let preloaded: Promise<ReachSnapshot | undefined> | undefined;

function read(): Promise<ReachSnapshot | undefined> {
  return browser.storage.session.get(REACH_SNAPSHOT_KEY).then(
    (got) => got[REACH_SNAPSHOT_KEY] as ReachSnapshot | undefined,
    () => undefined,
  );
}

/** Start reading the snapshot now (a page calls this before React renders, so the read overlaps loading). */
export function preloadSnapshot(): void {
  preloaded ??= read();
}

/** The stored snapshot, or undefined; takes the preloaded read once, then reads afresh. */
export function readSnapshot(): Promise<ReachSnapshot | undefined> {
  const p = preloaded ?? read();
  preloaded = undefined;
  return p;
}
