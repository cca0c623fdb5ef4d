/**
 * The site registry: one adapter per site of the site table (`table.ts`), all of
 * one shape (`types.ts`), so that content scripts, the background and importers
 * never branch on the site. Pure: no browser APIs here.
 */
import type { SiteId } from './table';
import type { SiteAdapter } from './types';
import { adapter as linkedin } from './linkedin';
import { adapter as x } from './x';
import { adapter as github } from './github';
import { adapter as facebook } from './facebook';
import { adapter as instagram } from './instagram';

export type { SiteAdapter } from './types';

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
