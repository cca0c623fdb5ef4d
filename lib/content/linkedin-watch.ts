/**
 * The script that runs on every LinkedIn page. It stays small (no React, no
 * Dexie, no zod): it reads who the profile in view is and tells the background.
 * It follows in-page navigation (users land on /feed/ and click through), waits
 * for the profile's top card with a MutationObserver, and never polls. The
 * watching itself is site-agnostic (`site-watch.ts`); this file gives it
 * LinkedIn's pieces without pulling in the other sites' adapters.
 */
import { linkedInHandleFromUrl } from '@/lib/sites/identity';
import { isProfileTopCardFor, PROFILE_READY_SELECTORS, readLinkedInProfile } from '@/lib/sites/linkedin';
import { watchProfile, type WatchAdapter, type WatchDeps, type Watcher } from './site-watch';

export type { WatchDeps } from './site-watch';

export const LINKEDIN_WATCH: WatchAdapter = {
  site: 'linkedin',
  handleFromUrl: linkedInHandleFromUrl,
  readProfile: readLinkedInProfile,
  readySelectors: PROFILE_READY_SELECTORS,
  readyFor: isProfileTopCardFor,
};

export function watchLinkedIn(deps: WatchDeps): Watcher {
  return watchProfile(LINKEDIN_WATCH, deps);
}
