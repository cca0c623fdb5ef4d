/**
 * Facebook adapter: a person's profile `/<username>` or `/profile.php?id=<n>`
 * (handle `id:<n>`) and its tabs. Identity from the URL first; Facebook's classes
 * are generated, so the name comes from the Open Graph tags (server render), the
 * main column's heading, or the title. Reads only.
 * Saved pages: tests/fixtures/facebook/ (constructed; see PROVENANCE.md there).
 */
import type { PageIdentity } from '@/lib/model/types';
import type { SiteAdapter } from './types';
import { profileUrl, siteAddresses } from './table';
import { facebookIdFromUrl } from './identity';
import { meta, normText, plausibleName as nameOf, queryFirst, textOf } from './dom';

export const FACEBOOK_PROFILE_SELECTORS = {
  // 2020-2025 server render: whose page the OG tags describe (checked against the URL)
  ogUrl: ['meta[property="og:url"]'],
  // 2020-2025 server render: the profile's name and picture
  ogTitle: ['meta[property="og:title"]'],
  ogImage: ['meta[property="og:image"]'],
  // 2020-2025 (Comet): the name heading of the profile header
  heading: ['div[role="main"] h1', 'h1'],
  // 2020-2025 (Comet): the profile's tabs (Posts, About, ...) link to the profile shown
  profileTabs: ['div[role="main"] a[role="tab"][href]'],
} as const;

/** What to wait for before reading a profile. */
export const FACEBOOK_READY_SELECTORS: string[] = ['div[role="main"] h1', 'meta[property="og:title"]'];

/** Second path segments that start a post's URL, never a profile tab. */
const NOT_TABS: ReadonlySet<string> = new Set(['posts', 'permalink', 'story', 'activity']);

/**
 * The profile in view at `url`: `/<username>` and its one-segment tabs (`/about`,
 * `/friends`, `/photos`), `/profile.php?id=<n>` (any `sk=` tab), `/people/<Name>/<n>/`.
 * A post (`/<username>/posts/<id>`) is not the profile.
 */
export function facebookProfileHandleFromUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const handle = facebookIdFromUrl(u.href);
  if (!handle) return undefined;
  const segs = u.pathname.split('/').filter((p) => p !== '');
  const first = (segs[0] ?? '').toLowerCase();
  if (first === 'profile.php') return segs.length === 1 ? handle : undefined;
  if (first === 'people') return segs.length <= 3 ? handle : undefined;
  if (segs.length === 1) return handle;
  const tab = (segs[1] ?? '').toLowerCase();
  return segs.length === 2 && !NOT_TABS.has(tab) ? handle : undefined;
}

const GENERIC = new Set(['facebook', 'log in or sign up to view', 'log into facebook', 'log in to facebook', 'home', 'notifications']);

function plausibleName(raw: string | null | undefined, handle: string): string | undefined {
  return nameOf(raw, { handle, generic: GENERIC, reject: /\|/ });
}

/** "(3) Ada Example | Facebook" -> "Ada Example". */
export function parseFacebookTitle(title: string, handle: string): string | undefined {
  const m = /^(?:\(\d+\+?\)\s*)?(.+?)\s*\|\s*Facebook$/i.exec(normText(title));
  return m ? plausibleName(m[1], handle) : undefined;
}

/**
 * In-page navigation from profile A to B can leave A's header up for a moment:
 * when the tabs link to profiles and none is this one, the page is someone else's.
 */
function headerIsStale(doc: Document, handle: string): boolean {
  const linked = FACEBOOK_PROFILE_SELECTORS.profileTabs
    .flatMap((sel) => [...doc.querySelectorAll(sel)])
    .map((a) => {
      try {
        return facebookIdFromUrl(new URL(a.getAttribute('href') ?? '', 'https://www.facebook.com').href);
      } catch {
        return undefined;
      }
    })
    .filter((h): h is string => !!h);
  return linked.length > 0 && !linked.includes(handle);
}

/**
 * Who the profile in view is. The OG tags count only when their og:url is this
 * profile (they are not updated by in-page navigation); the heading and the title
 * only when the header's tabs are not another profile's.
 */
export function readFacebookProfile(url: string, doc: Document): PageIdentity | undefined {
  const handle = facebookProfileHandleFromUrl(url);
  if (!handle) return undefined;
  const identity: PageIdentity = { site: 'facebook', handle, url: profileUrl('facebook', handle) };

  const ogIsThis = facebookIdFromUrl(meta(doc, FACEBOOK_PROFILE_SELECTORS.ogUrl)) === handle;
  const stale = headerIsStale(doc, handle);
  const name =
    (ogIsThis ? plausibleName(meta(doc, FACEBOOK_PROFILE_SELECTORS.ogTitle), handle) : undefined) ??
    (stale ? undefined : plausibleName(textOf(queryFirst(doc, FACEBOOK_PROFILE_SELECTORS.heading)), handle)) ??
    (stale ? undefined : parseFacebookTitle(doc.title, handle));
  if (name) identity.name = name;
  const photo = ogIsThis ? meta(doc, FACEBOOK_PROFILE_SELECTORS.ogImage) : '';
  if (/^https:\/\/[a-z0-9.-]+\.fbcdn\.net\//i.test(photo)) identity.photoUrl = photo;
  return identity;
}

export const adapter: SiteAdapter = {
  ...siteAddresses('facebook'),
  handleFromUrl: facebookProfileHandleFromUrl,
  readProfile: readFacebookProfile,
  readySelectors: FACEBOOK_READY_SELECTORS,
  markups: ['comet-2025'],
};
