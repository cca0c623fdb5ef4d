/**
 * The site registry: every site has one adapter, its match patterns parse and are
 * covered by the optional host permissions, every markup it claims has a saved page
 * that reads exactly as listed, and the site's non-profile pages are rejected.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MatchPattern } from 'wxt/utils/match-patterns';
import type { PageIdentity, SiteId } from '@/lib/model/types';
import { ADAPTERS, adapterForSite, adapterForUrl } from '@/lib/sites/registry';
import { OPTIONAL_HOSTS } from '@/lib/sites/table';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(HERE, '../../fixtures/');

/**
 * The manifest's optional host permissions, as wxt.config.ts takes them from the
 * site table (importing the config itself pulls in WXT and esbuild, which refuse to
 * load under jsdom).
 */
function optionalHosts(): string[] {
  return [...OPTIONAL_HOSTS];
}

interface IndexEntry {
  file: string;
  url: string;
  origin: 'saved' | 'constructed';
  markup: string;
  /** Absent in LinkedIn's index (its own test reads the fields); null = not a profile. */
  expected?: PageIdentity | null;
}

function index(site: SiteId): IndexEntry[] {
  return JSON.parse(readFileSync(`${FIXTURES}${site}/index.json`, 'utf8')) as IndexEntry[];
}

function load(site: SiteId, file: string): Document {
  return new DOMParser().parseFromString(readFileSync(`${FIXTURES}${site}/${file}`, 'utf8'), 'text/html');
}

/** Exhaustive at compile time: adding a SiteId without listing it here fails tsc. */
const SITE_IDS = Object.keys({ linkedin: 0, x: 0, github: 0, facebook: 0, instagram: 0 } satisfies Record<SiteId, 0>) as SiteId[];

describe('registry', () => {
  it('has exactly one adapter per site', () => {
    expect(ADAPTERS.map((a) => a.site).sort()).toEqual([...SITE_IDS].sort());
    for (const site of SITE_IDS) expect(adapterForSite(site).site).toBe(site);
  });

  it.each(ADAPTERS.map((a) => [a.site, a] as const))('%s: match patterns parse and cover its hosts', (_site, a) => {
    expect(a.matches.length).toBeGreaterThan(0);
    for (const m of a.matches) expect(() => new MatchPattern(m)).not.toThrow();
    // Every listed host's main page is covered by some pattern.
    for (const h of a.hosts) {
      const url = `https://${h === 'linkedin.com' || h === 'facebook.com' || h === 'instagram.com' ? `www.${h}` : h}/`;
      expect(a.matches.some((m) => new MatchPattern(m).includes(url))).toBe(true);
    }
    expect(a.readySelectors.length).toBeGreaterThan(0);
    for (const s of a.readySelectors) expect(() => document.querySelector(s)).not.toThrow();
  });

  it('the optional host permissions (wxt.config.ts) cover every opt-in site, and nothing else', () => {
    const optIn = ADAPTERS.filter((a) => a.site !== 'linkedin').flatMap((a) => a.matches);
    expect(optionalHosts().sort()).toEqual([...optIn].sort());
  });

  it.each(ADAPTERS.map((a) => [a.site, a] as const))('%s: every claimed markup has a saved profile page', (site, a) => {
    const entries = index(site);
    for (const e of entries) expect(existsSync(`${FIXTURES}${site}/${e.file}`), e.file).toBe(true);
    const profileMarkups = new Set(entries.filter((e) => (e.expected === undefined ? a.handleFromUrl(e.url) : e.expected !== null)).map((e) => e.markup));
    for (const m of a.markups) expect(profileMarkups, `${site} ${m}`).toContain(m);
  });

  const withExpected = ADAPTERS.filter((a) => a.site !== 'linkedin').flatMap((a) => index(a.site).map((e) => [a.site, e.file, e] as const));
  it.each(withExpected)('%s/%s reads exactly as listed', (site, file, e) => {
    const a = adapterForSite(site);
    expect(adapterForUrl(e.url)).toBe(a);
    const got = a.readProfile(e.url, load(site, file));
    expect(got ?? null).toEqual(e.expected);
    expect(a.handleFromUrl(e.url)).toBe(e.expected?.handle);
  });

  it('finds the adapter by URL, subdomains included, and nothing for other sites', () => {
    expect(adapterForUrl('https://www.linkedin.com/feed/')?.site).toBe('linkedin');
    expect(adapterForUrl('https://mobile.twitter.com/ada')?.site).toBe('x');
    expect(adapterForUrl('https://x.com/home')?.site).toBe('x');
    expect(adapterForUrl('https://github.com/ada')?.site).toBe('github');
    expect(adapterForUrl('https://m.facebook.com/ada.example')?.site).toBe('facebook');
    expect(adapterForUrl('https://www.instagram.com/ada/')?.site).toBe('instagram');
    for (const url of ['https://example.com/ada', 'https://notx.com/ada', 'https://gist.github.io/', 'not a url', 'ftp://x.com/ada']) {
      expect(adapterForUrl(url)).toBeUndefined();
    }
  });
});

/** Pages of each site that are not a person's profile. */
const NON_PROFILE: Record<SiteId, string[]> = {
  linkedin: ['https://www.linkedin.com/feed/', 'https://www.linkedin.com/company/kith/', 'https://www.linkedin.com/messaging/', 'https://www.linkedin.com/in/'],
  x: [
    'https://x.com/',
    'https://x.com/home',
    'https://x.com/explore',
    'https://x.com/explore/tabs/trending',
    'https://x.com/notifications',
    'https://x.com/messages/123-456',
    'https://x.com/i/bookmarks',
    'https://x.com/i/lists/123',
    'https://x.com/settings/account',
    'https://x.com/search?q=ada',
    'https://x.com/compose/post',
    'https://x.com/login',
    'https://x.com/logout',
    'https://x.com/i/flow/signup',
    'https://x.com/tos',
    'https://x.com/privacy',
    'https://x.com/jobs',
    'https://x.com/communities/123',
    'https://x.com/lists',
    'https://x.com/hashtag/kith',
    'https://x.com/ada_example/status/1900000000000000001',
    'https://x.com/ada_example/status/1900000000000000001/photo/1',
    'https://x.com/ada_example/unknown_tab',
    'https://x.com/this_handle_is_too_long',
    'https://x.com/sw.js',
    'https://twitter.com/intent/tweet?text=hi',
  ],
  github: [
    'https://github.com/',
    'https://github.com/ada-example/kith-notes',
    'https://github.com/ada-example/kith-notes/issues/1',
    'https://github.com/settings/profile',
    'https://github.com/orgs/example/people',
    'https://github.com/explore',
    'https://github.com/marketplace',
    'https://github.com/notifications',
    'https://github.com/pulls',
    'https://github.com/issues',
    'https://github.com/login',
    'https://github.com/features/actions',
    'https://github.com/topics/javascript',
    'https://github.com/sponsors/ada-example',
    'https://github.com/about',
    'https://github.com/pricing',
    'https://github.com/trending',
    'https://github.com/search?q=kith',
    'https://github.com/-not-a-login',
  ],
  facebook: [
    'https://www.facebook.com/',
    'https://www.facebook.com/groups/123456789012345/',
    'https://www.facebook.com/pages/Example/123',
    'https://www.facebook.com/watch/?v=123',
    'https://www.facebook.com/marketplace/item/123',
    'https://www.facebook.com/events/123',
    'https://www.facebook.com/gaming',
    'https://www.facebook.com/login/',
    'https://www.facebook.com/login.php',
    'https://www.facebook.com/photo/?fbid=123',
    'https://www.facebook.com/photo.php?fbid=123',
    'https://www.facebook.com/story.php?story_fbid=1&id=2',
    'https://www.facebook.com/permalink.php?story_fbid=1&id=2',
    'https://www.facebook.com/sharer/sharer.php?u=x',
    'https://www.facebook.com/sharer.php?u=x',
    'https://www.facebook.com/messages/t/123',
    'https://www.facebook.com/reel/123',
    'https://www.facebook.com/profile.php',
    'https://www.facebook.com/profile.php?id=abc',
    'https://www.facebook.com/ada.example/posts/pfbid0EXAMPLE',
    'https://www.facebook.com/ada.example/videos/123',
  ],
  instagram: [
    'https://www.instagram.com/',
    'https://www.instagram.com/p/EXAMPLE0001/',
    'https://www.instagram.com/reel/EXAMPLE0001/',
    'https://www.instagram.com/reels/EXAMPLE0001/',
    'https://www.instagram.com/explore/',
    'https://www.instagram.com/explore/tags/kith/',
    'https://www.instagram.com/accounts/edit/',
    'https://www.instagram.com/direct/inbox/',
    'https://www.instagram.com/stories/ada_example/123/',
    'https://www.instagram.com/tv/EXAMPLE0001/',
    'https://www.instagram.com/ada_example/p/EXAMPLE0001/',
    'https://www.instagram.com/ada_example/unknown/',
  ],
};

describe.each(ADAPTERS.map((a) => [a.site, a] as const))('%s rejects its non-profile pages', (site, a) => {
  it.each(NON_PROFILE[site])('%s', (url) => {
    expect(a.handleFromUrl(url)).toBeUndefined();
    expect(a.readProfile(url, document.implementation.createHTMLDocument(''))).toBeUndefined();
  });

  it("rejects other sites' profiles", () => {
    for (const other of [
      'https://www.linkedin.com/in/ada/',
      'https://x.com/ada',
      'https://github.com/ada',
      'https://www.facebook.com/ada.example',
      'https://www.instagram.com/ada/',
    ]) {
      if (adapterForUrl(other) !== a) expect(a.handleFromUrl(other), other).toBeUndefined();
    }
  });
});
