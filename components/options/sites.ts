import type { SiteId } from '../../lib/model/types';

/**
 * The host permission each site asks for when turned on. Must stay a subset of
 * OPTIONAL_HOSTS in wxt.config.ts (a test checks it); not imported from there,
 * because the config module pulls WXT's build tooling into the page.
 */
export const SITE_ORIGINS: Record<Exclude<SiteId, 'linkedin'>, string[]> = {
  x: ['https://x.com/*', 'https://twitter.com/*'],
  github: ['https://github.com/*'],
  facebook: ['https://www.facebook.com/*'],
  instagram: ['https://www.instagram.com/*'],
};

export const SITES: readonly SiteId[] = ['linkedin', 'x', 'github', 'facebook', 'instagram'];
