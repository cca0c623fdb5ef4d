import { SITE_IDS, SITE_TABLE, type SiteId } from '@/lib/sites/table';

/**
 * The host permission each opt-in site asks for when turned on: its match
 * patterns, which are also the manifest's optional host permissions (both come
 * from the site table).
 */
export const SITE_ORIGINS: Partial<Record<SiteId, readonly string[]>> = Object.fromEntries(SITE_TABLE.filter((r) => r.optIn).map((r) => [r.id, r.matches]));

export const SITES: readonly SiteId[] = SITE_IDS;
