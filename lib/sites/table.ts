/**
 * The sites Kith supports, one row each: the only list of them. Everything that
 * names the sites (the `SiteId` type, the zod enums, the manifest's host
 * permissions, the options page, labels, profile addresses, default settings) is
 * derived from this table, so adding a site is one row here plus its adapter and
 * its saved pages (tests/unit/sites/site-table.test.ts fails until all are there).
 *
 * Data only: no DOM, no browser APIs, no imports with side effects, so that
 * wxt.config.ts and every content script can import it for nothing.
 */
export interface SiteRow {
  id: string;
  /**
   * Locale key of the site's name as the user reads it. A plain string here (this
   * table imports nothing); the literal keys are checked against the locale
   * catalog wherever a label is translated, and by the site-table test.
   */
  label: string;
  /** Host names its pages are on (a host listed here also covers its subdomains). */
  hosts: readonly string[];
  /** WebExtension match patterns: the content scripts and the host permission. */
  matches: readonly string[];
  /**
   * Off by default and asked for at run time (optional host permission) when the
   * user turns the site on; false = granted at install and on by default.
   */
  optIn: boolean;
  /** Where the person panel shows on this site by default. */
  placement: 'sidepanel' | 'inpage';
  /** The address of a profile from its canonical handle (never the page's own URL). */
  profileUrl(handle: string): string;
}

const enc = encodeURIComponent;

// Module-level values below are marked pure so that a content script importing
// one helper does not carry the rest.

export const SITE_TABLE = [
  {
    id: 'linkedin',
    label: 'site_linkedin',
    hosts: ['linkedin.com'],
    matches: ['https://www.linkedin.com/*'],
    optIn: false,
    placement: 'sidepanel',
    // No subpage, query or fragment, so that stored addresses compare.
    profileUrl: (h) => `https://www.linkedin.com/in/${enc(h)}/`,
  },
  {
    id: 'x',
    label: 'site_x',
    hosts: ['x.com', 'twitter.com'],
    matches: ['https://x.com/*', 'https://twitter.com/*'],
    optIn: true,
    placement: 'sidepanel',
    profileUrl: (h) => `https://x.com/${enc(h)}`,
  },
  {
    id: 'github',
    label: 'site_github',
    hosts: ['github.com'],
    matches: ['https://github.com/*'],
    optIn: true,
    placement: 'sidepanel',
    profileUrl: (h) => `https://github.com/${enc(h)}`,
  },
  {
    id: 'facebook',
    label: 'site_facebook',
    hosts: ['facebook.com'],
    matches: ['https://www.facebook.com/*'],
    optIn: true,
    placement: 'sidepanel',
    // A profile without a username is `id:<n>` (see facebookIdFromUrl).
    profileUrl: (h) => (h.startsWith('id:') ? `https://www.facebook.com/profile.php?id=${enc(h.slice(3))}` : `https://www.facebook.com/${enc(h)}`),
  },
  {
    id: 'instagram',
    label: 'site_instagram',
    hosts: ['instagram.com'],
    matches: ['https://www.instagram.com/*'],
    optIn: true,
    placement: 'sidepanel',
    profileUrl: (h) => `https://www.instagram.com/${enc(h)}/`,
  },
] as const satisfies readonly SiteRow[];

export type SiteId = (typeof SITE_TABLE)[number]['id'];

/** Every site id, in the table's order (the order the options page lists them in). */
export const SITE_IDS = /* @__PURE__ */ SITE_TABLE.map((r) => r.id) as [SiteId, ...SiteId[]];

/** One site's row, typed as a plain `SiteRow` with its id. */
export function siteRow(site: SiteId): SiteRow & { id: SiteId } {
  const row = SITE_TABLE.find((r) => r.id === site);
  // Unreachable: `site` is a SiteId, and SiteId comes from this table.
  if (!row) throw new Error(`unknown site ${site}`);
  return row;
}

/** Per-site record built from the table (settings, label maps): complete by construction. */
export function perSite<T>(value: (row: SiteRow & { id: SiteId }) => T): Record<SiteId, T> {
  return Object.fromEntries(SITE_TABLE.map((r) => [r.id, value(r)])) as Record<SiteId, T>;
}

/** The one profile-address builder: where a profile lives, from its site and canonical handle. */
export function profileUrl(site: SiteId, handle: string): string {
  return siteRow(site).profileUrl(handle);
}

/** Locale key of each site's name (literal keys, so they type-check as locale keys). */
export type SiteLabelKey = (typeof SITE_TABLE)[number]['label'];
export const SITE_LABEL = /* @__PURE__ */ perSite((r) => r.label) as Readonly<Record<SiteId, SiteLabelKey>>;

/** Host permissions granted at install (the manifest's `host_permissions`). */
export const REQUIRED_HOSTS: string[] = /* @__PURE__ */ SITE_TABLE.filter((r) => !r.optIn).flatMap((r) => [...r.matches]);

/**
 * Host permissions asked for when the user turns a site on (the manifest's
 * `optional_host_permissions`); sites other than LinkedIn are never granted at install.
 */
export const OPTIONAL_HOSTS: string[] = /* @__PURE__ */ SITE_TABLE.filter((r) => r.optIn).flatMap((r) => [...r.matches]);

/** Sites on by default: those granted at install. */
export const DEFAULT_SITES_ON: Readonly<Record<SiteId, boolean>> = /* @__PURE__ */ perSite((r) => !r.optIn);

export const DEFAULT_PLACEMENT: Readonly<Record<SiteId, 'sidepanel' | 'inpage'>> = /* @__PURE__ */ perSite((r) => r.placement);

/** A site's id, hosts and match patterns as its adapter carries them (copies: adapters may not change the table). */
export function siteAddresses(site: SiteId): { site: SiteId; hosts: string[]; matches: string[] } {
  const r = siteRow(site);
  return { site: r.id, hosts: [...r.hosts], matches: [...r.matches] };
}
