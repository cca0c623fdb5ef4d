/**
 * The site registry: one adapter per site, all of one shape, so that content
 * scripts, the options page (turning a site on asks for `matches`) and importers
 * never branch on the site. Pure: no browser APIs here.
 */
import type { PageIdentity, SiteId } from '../model/types';
import { linkedInHandleFromUrl } from './identity';
import { PROFILE_READY_SELECTORS, isLinkedInHost, readLinkedInProfile } from './linkedin';
import { adapter as x } from './x';
import { adapter as github } from './github';
import { adapter as facebook } from './facebook';
import { adapter as instagram } from './instagram';

export interface SiteAdapter {
  site: SiteId;
  /** Host names this site's pages are on (a host listed here also covers its subdomains). */
  hosts: string[];
  /** WebExtension match patterns for the content script and the host permission. */
  matches: string[];
  /**
   * The canonical handle of the profile *in view* at `url`, or undefined when the
   * URL is not a profile page (a post, a repository, the feed, the site's own pages).
   */
  handleFromUrl(url: string): string | undefined;
  /**
   * Who the profile in view is: handle from the URL, details from `doc` when they
   * can be read and belong to this handle. Undefined when the URL is not a profile.
   */
  readProfile(url: string, doc: Document): PageIdentity | undefined;
  /** Wait for any of these (`waitForElement`) before `readProfile`; on timeout, read anyway. */
  readySelectors: string[];
  /**
   * The markups this adapter reads (names used in tests/fixtures/<site>/index.json);
   * the registry test checks each has at least one saved page.
   */
  markups: string[];
}

/** LinkedIn: `/in/<handle>` and its subpages (their details by URL only, see linkedin.ts). */
function linkedInProfileHandle(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return undefined;
  }
  return isLinkedInHost(host) ? linkedInHandleFromUrl(url) : undefined;
}

const linkedin: SiteAdapter = {
  site: 'linkedin',
  hosts: ['linkedin.com'],
  matches: ['https://www.linkedin.com/*'],
  handleFromUrl: linkedInProfileHandle,
  readProfile: (url, doc) => (linkedInProfileHandle(url) ? readLinkedInProfile(url, doc) : undefined),
  readySelectors: PROFILE_READY_SELECTORS,
  markups: ['ember-2025-12', 'ember-older', 'sdui-2026'],
};

export const ADAPTERS: readonly SiteAdapter[] = [linkedin, x, github, facebook, instagram];

function hostMatches(hostname: string, host: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === host || h.endsWith(`.${host}`);
}

/** The adapter for the site `url` is on (any page of it, profile or not), or undefined. */
export function adapterForUrl(url: string): SiteAdapter | undefined {
  let hostname: string;
  try {
    const u = new URL(url);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
    hostname = u.hostname;
  } catch {
    return undefined;
  }
  return ADAPTERS.find((a) => a.hosts.some((h) => hostMatches(hostname, h)));
}

export function adapterForSite(site: SiteId): SiteAdapter {
  const found = ADAPTERS.find((a) => a.site === site);
  // Unreachable while the registry test holds (every SiteId has an adapter).
  if (!found) throw new Error(`no adapter for ${site}`);
  return found;
}
