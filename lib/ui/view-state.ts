/** Where the background keeps the profile in view, per window (storage.session). */
import type { PageIdentity } from '../model/types';

export const VIEW_KEY_PREFIX = 'view:';
export const LAST_VIEW_KEY = 'view:last';

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
