/**
 * Instagram adapter: a profile `/<username>/` and its tabs (`/tagged/`,
 * `/reels/`, ...), never a post, a reel or Instagram's own pages. Identity from
 * the URL first; classes are generated, so the name comes from texts that carry
 * "(@<username>)" (and so cannot be another profile's), then the header. Reads only.
 * Saved pages: tests/fixtures/instagram/ (constructed; see PROVENANCE.md there).
 */
import type { PageIdentity } from '@/lib/model/types';
import type { SiteAdapter } from './types';
import { profileUrl, siteAddresses } from './table';
import { instagramHandleFromUrl } from './identity';
import { meta, normText, plausibleName as nameOf, queryFirst, textOf } from './dom';

export const INSTAGRAM_PROFILE_SELECTORS = {
  // 2019-2025: "Ada Example (@ada_example) • Instagram photos and videos"
  ogTitle: ['meta[property="og:title"]'],
  // 2019-2025: "1,234 Followers, 56 Following, 78 Posts - Ada Example (@ada_example) on Instagram: "bio""
  // (older and logged-out: "... - See Instagram photos and videos from Ada Example (@ada_example)")
  description: ['meta[name="description"]', 'meta[property="og:description"]'],
  // 2019-2025: profile picture (only trusted when the OG title is this profile's)
  ogImage: ['meta[property="og:image"]'],
  // 2019-2025: the username heads the profile header
  headerHandle: ['header h2'],
  // 2019-2022: the full name in the header's h1. Not any h1: since 2023 the header's h1 is the bio,
  // and the name has no hook (the OG title and the page title serve).
  headerName: ['header h1.rhpdm'],
} as const;

/** What to wait for before reading a profile. */
export const INSTAGRAM_READY_SELECTORS: string[] = ['header h2', 'meta[property="og:title"]'];

/** Profile tabs: the profile header stays in view. */
const PROFILE_TABS: ReadonlySet<string> = new Set(['tagged', 'reels', 'saved', 'followers', 'following', 'channel', 'guides', 'feed']);

/** The profile in view at `url` (username, lower-cased), or undefined. */
export function instagramProfileHandleFromUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const handle = instagramHandleFromUrl(u.href);
  if (!handle) return undefined;
  const rest = u.pathname
    .split('/')
    .filter((p) => p !== '')
    .slice(1);
  if (rest.length === 0) return handle;
  return rest.length === 1 && PROFILE_TABS.has((rest[0] ?? '').toLowerCase()) ? handle : undefined;
}

const GENERIC: ReadonlySet<string> = new Set(['instagram']);

function plausibleName(raw: string | null | undefined, handle: string): string | undefined {
  return nameOf(raw, { handle, generic: GENERIC });
}

/** "<Name> (@handle)" inside `text` -> Name, only for this handle. */
export function nameBeforeHandle(text: string, handle: string): string | undefined {
  const s = normText(text);
  for (const m of s.matchAll(/\(@([A-Za-z0-9._]{1,30})\)/g)) {
    if ((m[1] ?? '').toLowerCase() !== handle) continue;
    // The name follows the last " - " or "from " ("78 Posts - Ada Example", "videos from Ada Example").
    const before = s.slice(0, m.index).replace(/^.*(?:\s[-\u2013]\s|\bfrom\s)/i, '');
    return plausibleName(before, handle);
  }
  return undefined;
}

/** The bio in `... (@handle) on Instagram: "bio"`, only for this handle. */
function bioOf(text: string, handle: string): string | undefined {
  const m = /\(@([A-Za-z0-9._]{1,30})\) on Instagram:\s*["“](.+)["”]\s*$/i.exec(normText(text));
  if (!m || (m[1] ?? '').toLowerCase() !== handle) return undefined;
  const bio = normText(m[2]);
  return bio && bio.length <= 300 ? bio : undefined;
}

/**
 * Who the profile in view is. The OG title, description and page title name the
 * handle themselves, so a stale one (in-page navigation) is ignored; the header
 * is read only when its username is this handle.
 */
export function readInstagramProfile(url: string, doc: Document): PageIdentity | undefined {
  const handle = instagramProfileHandleFromUrl(url);
  if (!handle) return undefined;
  const identity: PageIdentity = { site: 'instagram', handle, url: profileUrl('instagram', handle) };

  const ogTitle = meta(doc, INSTAGRAM_PROFILE_SELECTORS.ogTitle);
  const description = meta(doc, INSTAGRAM_PROFILE_SELECTORS.description);
  const headerIsThis = textOf(queryFirst(doc, INSTAGRAM_PROFILE_SELECTORS.headerHandle)).replace(/^@/, '').toLowerCase() === handle;
  const name =
    nameBeforeHandle(ogTitle, handle) ??
    nameBeforeHandle(description, handle) ??
    nameBeforeHandle(doc.title, handle) ??
    (headerIsThis ? plausibleName(textOf(queryFirst(doc, INSTAGRAM_PROFILE_SELECTORS.headerName)), handle) : undefined);
  if (name) identity.name = name;
  const bio = bioOf(description, handle);
  if (bio) identity.headline = bio;
  const photo = nameBeforeHandle(ogTitle, handle) ? meta(doc, INSTAGRAM_PROFILE_SELECTORS.ogImage) : '';
  if (/^https:\/\/[a-z0-9.-]+\.(?:cdninstagram\.com|fbcdn\.net)\//i.test(photo)) identity.photoUrl = photo;
  return identity;
}

export const adapter: SiteAdapter = {
  ...siteAddresses('instagram'),
  handleFromUrl: instagramProfileHandleFromUrl,
  readProfile: readInstagramProfile,
  readySelectors: INSTAGRAM_READY_SELECTORS,
  markups: ['web-2025', 'web-2021'],
};
