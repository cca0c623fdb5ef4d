/**
 * The toolbar popup's address, with today's first rows in it.
 *
 * The background writes the words of the popup's first paint (`SnapshotPaint`)
 * into the address the toolbar button opens (`action.setPopup`), after the
 * fragment: `popup.html#first=…`. The boot script (lib/ui/popup-boot.ts) reads
 * them from `location.hash`, synchronously, and paints the rows without waiting
 * for a storage read. The address stays in the browser's memory, like the
 * snapshot in `storage.session`; it is not kept across a browser restart, and
 * then the popup opens as `popup.html` and paints from storage.
 *
 * Pure and import-free at run time: the boot script bundles it.
 */
import type { SnapshotPaint } from './reach-snapshot';

/** The popup page, as the manifest names it. */
export const POPUP_PAGE = 'popup.html';

const KEY = 'first=';

/** What the address carries: the rows' words, the day they are for, and how to tell it. */
export interface AddressPaint {
  v: 1;
  /** YYYY-MM-DD in `tz`: the rows are today's only on that day. */
  day: string;
  tz: string;
  theme?: 'light' | 'dark';
  paint: SnapshotPaint;
}

/** The popup's address for these rows; the bare page when there is nothing to paint (never an empty list). */
export function popupAddress(first: Omit<AddressPaint, 'v'> | undefined): string {
  if (!first || first.paint.rows.length === 0) return POPUP_PAGE;
  const carried: AddressPaint = { v: 1, ...first };
  return `${POPUP_PAGE}#${KEY}${encodeURIComponent(JSON.stringify(carried))}`;
}

/** The rows an address carries, or undefined for any other fragment or a malformed one. */
export function readPopupAddress(hash: string): AddressPaint | undefined {
  const at = hash.indexOf(KEY);
  if (at !== 1 || hash[0] !== '#') return undefined;
  try {
    const got = JSON.parse(decodeURIComponent(hash.slice(1 + KEY.length))) as Partial<AddressPaint> | null;
    const paint = got && got.paint;
    if (!got || got.v !== 1 || typeof got.day !== 'string' || typeof got.tz !== 'string' || !paint || !Array.isArray(paint.rows)) return undefined;
    for (const k of ['lang', 'title', 'waiting', 'openPanel', 'options'] as const) if (typeof paint[k] !== 'string') return undefined;
    for (const r of paint.rows) if (!r || typeof r.name !== 'string' || typeof r.reason !== 'string' || typeof r.initials !== 'string') return undefined;
    return got as AddressPaint;
  } catch {
    return undefined;
  }
}
