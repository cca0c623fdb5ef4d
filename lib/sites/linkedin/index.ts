/**
 * LinkedIn adapter: the profile in view (`profile.ts`), who a reaction or a
 * one-click wish in the feed is for (`feed.ts`) and whom the message composer
 * writes to (`composer.ts`). Reads only; never clicks or writes.
 * Saved pages: tests/fixtures/linkedin/ (see PROVENANCE.md there).
 */
import { linkedInHandleFromUrl } from '@/lib/sites/identity';
import { siteAddresses } from '@/lib/sites/table';
import type { SiteAdapter } from '@/lib/sites/types';
import { PROFILE_READY_SELECTORS, isLinkedInHost, readLinkedInProfile } from './profile';

export * from './profile';
export * from './feed';
export * from './composer';

/** The profile in view: `/in/<handle>` and its subpages (their details by URL only, see profile.ts). */
function linkedInProfileHandle(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  return isLinkedInHost(host) ? linkedInHandleFromUrl(url) : undefined;
}

export const adapter: SiteAdapter = {
  ...siteAddresses('linkedin'),
  handleFromUrl: linkedInProfileHandle,
  readProfile: (url, doc) => (linkedInProfileHandle(url) ? readLinkedInProfile(url, doc) : undefined),
  readySelectors: PROFILE_READY_SELECTORS,
  markups: ['ember-2025-12', 'ember-older', 'sdui-2026'],
};
