/**
 * The names under which Kith keeps things in `storage.session` (and the settings'
 * name in `storage.local`). Plain strings with no imports: the popup's boot script,
 * which must stay import-free and tiny, reads them from here; everything else reads
 * and writes through the WXT storage items built on them (`reach-snapshot.ts`,
 * `view-state.ts`, `lib/settings/store.ts`).
 */

/** The top of today's list, as the background last computed it (`ReachSnapshot`). */
export const REACH_SNAPSHOT_KEY = 'reach:snapshot';
/** The profile in view, per window: `view:<windowId>` (`ViewState`). */
export const VIEW_KEY_PREFIX = 'view:';
/** The profile last in view in any window. */
export const LAST_VIEW_KEY = 'view:last';
/** The settings object in `storage.local` (WXT's `local:settings` item). */
export const SETTINGS_KEY = 'settings';
/** A text or contact captured from a page by the context menu, waiting for the side panel (`PendingCapture`). */
export const PENDING_CAPTURE_KEY = 'capture:pending';
