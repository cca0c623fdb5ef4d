/** Where the background keeps the profile in view, per window (storage.session). */
import { storage } from 'wxt/utils/storage';
import type { PageIdentity } from '@/lib/model/types';
import { LAST_VIEW_KEY, VIEW_KEY_PREFIX } from '@/lib/model/storage-keys';

export { LAST_VIEW_KEY, VIEW_KEY_PREFIX };

export interface ViewState {
  /** The last profile seen in this window (non-profile tabs do not clear it). */
  identity: PageIdentity;
  tabId?: number;
  /** Whether that profile's tab still shows it. */
  inView: boolean;
  at: number;
}

export function viewKey(windowId: number | undefined): string {
  return `${VIEW_KEY_PREFIX}${windowId ?? 'none'}`;
}

/** The profile last in view in any window. */
export const lastViewItem = storage.defineItem<ViewState>(`session:${LAST_VIEW_KEY}`);

/**
 * One window's profile in view, as a WXT storage key. One key per window, so not
 * an item defined once: WXT reads an item's value as soon as it is defined.
 */
export function viewStorageKey(windowId: number | undefined): `session:${string}` {
  return `session:${viewKey(windowId)}`;
}
