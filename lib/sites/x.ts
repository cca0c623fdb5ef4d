/**
 * X (Twitter) adapter: pure functions over (url, document) or a clicked element.
 * Reads only. Saved pages: tests/fixtures/x/ (constructed; see PROVENANCE.md there).
 *
 * Which URL is "the profile in view": `/<handle>` and its profile tabs
 * (`/with_replies`, `/media`, `/likes`, ...). A post (`/<handle>/status/<id>`)
 * belongs to that handle (`xHandleFromUrl` says so, for imports) but is not the
 * profile: the page shows a post, maybe replies by others, and no profile header.
 */
import type { PageIdentity } from '@/lib/model/types';
import type { SiteAdapter } from './types';
import { profileUrl, siteAddresses } from './table';
import { xHandleFromUrl } from './identity';
import { closestOf, normText, plausibleName as nameOf, queryFirst, textKey, textOf } from './dom';

/** Profile tabs and overlays drawn over the profile header: still the profile in view. */
const PROFILE_TABS: ReadonlySet<string> = new Set([
  'with_replies',
  'media',
  'likes',
  'highlights',
  'articles',
  'affiliates',
  'superfollows',
  'lists',
  'photo',
  'header_photo',
  'followers',
  'following',
  'verified_followers',
  'followers_you_follow',
  'creator-subscriptions',
]);

/** The handle of the profile in view at `url`, or undefined (posts, X's own pages, other sites). */
export function xProfileHandleFromUrl(url: string): string | undefined {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return undefined;
  }
  const handle = xHandleFromUrl(u.href);
  if (!handle) return undefined;
  const rest = u.pathname
    .split('/')
    .filter((p) => p !== '')
    .slice(1);
  if (rest.length === 0) return handle;
  return rest.length === 1 && PROFILE_TABS.has((rest[0] ?? '').toLowerCase()) ? handle : undefined;
}

export const X_PROFILE_SELECTORS = {
  // 2024-2026 web app: display name, then "@handle", in one block
  userName: ['[data-testid="UserName"]'],
  // 2024-2026 server render: schema.org ProfilePage (logged out and first load only)
  jsonLd: ['script[data-testid="UserProfileSchema-test"]', 'script[type="application/ld+json"]'],
  // 2024-2026: the bio
  description: ['[data-testid="UserDescription"]'],
  // 2024-2026: the location item of the header
  location: ['[data-testid="UserLocation"]'],
} as const;

/** What to wait for before reading a profile. */
export const X_READY_SELECTORS: string[] = ['[data-testid="UserName"]', 'script[data-testid="UserProfileSchema-test"]'];

/** X lets a display name be emoji only; an "@handle" is never a name. */
function plausibleName(raw: string | null | undefined, handle: string): string | undefined {
  return nameOf(raw, { handle, letter: false, reject: /^@/ });
}

/** Only X's image host: no data: URIs, placeholders or tracking pixels. */
function plausiblePhoto(src: string | null | undefined): string | undefined {
  const s = (src ?? '').trim();
  return /^https:\/\/pbs\.twimg\.com\/profile_images\//.test(s) ? s : undefined;
}

function str(v: unknown): string | undefined {
  return typeof v === 'string' && normText(v) ? normText(v) : undefined;
}

function rec(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

interface ProfileData {
  name?: string;
  headline?: string;
  location?: string;
  photoUrl?: string;
}

/** The schema.org Person of this handle's ProfilePage, when the page carries it. Never throws. */
export function readXJsonLd(doc: Document, handle: string): ProfileData | undefined {
  for (const sel of X_PROFILE_SELECTORS.jsonLd) {
    for (const script of doc.querySelectorAll(sel)) {
      let data: unknown;
      try {
        data = JSON.parse(script.textContent ?? '');
      } catch {
        continue;
      }
      const page = rec(data);
      if (!page || page['@type'] !== 'ProfilePage') continue;
      const person = rec(page['mainEntity']);
      // A stale block (in-page navigation from another profile) names someone else.
      if (!person || str(person['additionalName'])?.toLowerCase() !== handle) continue;
      const out: ProfileData = {};
      const name = plausibleName(str(person['name']) ?? str(person['givenName']), handle);
      if (name) out.name = name;
      const bio = str(person['description']);
      if (bio && bio.length <= 300) out.headline = bio;
      const place = str(rec(person['homeLocation'])?.['name']);
      if (place) out.location = place;
      const image = person['image'];
      const photo = plausiblePhoto(str(rec(image)?.['contentUrl']) ?? str(image));
      if (photo) out.photoUrl = photo;
      return out;
    }
  }
  return undefined;
}

/** The header block: name and @handle. Undefined when absent or another handle's (stale). */
function readUserName(doc: Document, handle: string): { name?: string } | undefined {
  const block = queryFirst(doc, X_PROFILE_SELECTORS.userName);
  if (!block) return undefined;
  const parts = [...block.querySelectorAll('[dir="ltr"]')].map((el) => textOf(el)).filter((t) => t);
  const at = parts.find((t) => /^@\w{1,15}$/.test(t));
  if (!at || at.slice(1).toLowerCase() !== handle) return undefined;
  const name = plausibleName(
    parts.find((t) => !t.startsWith('@')),
    handle,
  );
  return name ? { name } : {};
}

/** "(3) Ada Example (@ada_example) / X" -> "Ada Example", only for this handle. */
export function parseXTitle(title: string, handle: string): string | undefined {
  const m = /^(?:\(\d+\+?\)\s*)?(.+?)\s*\(@(\w{1,15})\)\s*\/\s*(?:X|Twitter)$/.exec(normText(title));
  if (!m || (m[2] ?? '').toLowerCase() !== handle) return undefined;
  return plausibleName(m[1], handle);
}

/**
 * Who the profile in view is. Handle from the URL; name, bio (as headline),
 * location and photo from the header, else the JSON-LD, else the title; each
 * only when it names this handle.
 */
export function readXProfile(url: string, doc: Document): PageIdentity | undefined {
  const handle = xProfileHandleFromUrl(url);
  if (!handle) return undefined;
  const identity: PageIdentity = { site: 'x', handle, url: profileUrl('x', handle) };
  const header = readUserName(doc, handle);
  const ld = readXJsonLd(doc, handle);
  const name = header?.name ?? ld?.name ?? parseXTitle(doc.title, handle);
  if (name) identity.name = name;

  // Header fields only when the header is this handle's.
  const bio = header ? textOf(queryFirst(doc, X_PROFILE_SELECTORS.description)) : '';
  const headline = (bio && bio.length <= 300 ? bio : undefined) ?? ld?.headline;
  if (headline) identity.headline = headline;
  const place = header ? textOf(queryFirst(doc, X_PROFILE_SELECTORS.location)) : '';
  const location = place || ld?.location;
  if (location) identity.location = location;

  const avatar = [...doc.querySelectorAll('a[href] img')].find((img) => (img.closest('a')?.getAttribute('href') ?? '').toLowerCase() === `/${handle}/photo`);
  const photoUrl = ld?.photoUrl ?? plausiblePhoto(avatar?.getAttribute('src'));
  if (photoUrl) identity.photoUrl = photoUrl;
  return identity;
}

// ---------------------------------------------------------------------------
// Timeline: likes

export const X_SELECTORS = {
  // 2023-2026: every post in a timeline, on a status page, in search
  tweet: ['article[data-testid="tweet"]'],
  // 2023-2026: the heart; "like" before the user liked it, "unlike" after
  likeButton: ['[data-testid="like"]', '[data-testid="unlike"]'],
  // 2023-2026: name link, then "@handle" link, then the time link to the post
  userName: ['[data-testid="User-Name"]'],
  // 2023-2026: the post's own link (it wraps the post's <time>)
  statusLink: ['a[href*="/status/"]'],
} as const;

export interface XLikeContext {
  authorHandle: string;
  authorName?: string;
  /** The post's status id, else a hash of author and text. */
  postKey: string;
}

export function isXLikeButton(el: Element): boolean {
  return closestOf(el, X_SELECTORS.likeButton) !== null;
}

/** The user's like on this post before the click takes effect (read in a capture-phase listener). */
export function xLikeState(button: Element): 'liked' | 'none' {
  const b = closestOf(button, X_SELECTORS.likeButton) ?? button;
  return b.getAttribute('data-testid') === 'unlike' ? 'liked' : 'none';
}

/** `/<handle>` exactly (not a subpage): the profile links of a User-Name block. */
function profileLinkHandle(a: Element): string | undefined {
  const href = a.getAttribute('href') ?? '';
  const path = href.replace(/^https?:\/\/[^/]+/i, '').split(/[?#]/)[0] ?? '';
  return /^\/\w{1,15}\/?$/.test(path) ? xHandleFromUrl(path) : undefined;
}

/**
 * Who wrote the post a like button (or anything inside it) belongs to. The first
 * User-Name block of the article is its author (a quoted post's block comes
 * later; a repost shows the original author there). Undefined when not found.
 */
export function findXLikeContext(target: Element): XLikeContext | undefined {
  const anchor = closestOf(target, X_SELECTORS.likeButton) ?? target;
  const tweet = closestOf(anchor, X_SELECTORS.tweet);
  if (!tweet) return undefined;
  const block = queryFirst(tweet, X_SELECTORS.userName);
  if (!block) return undefined;
  const links = [...block.querySelectorAll('a[href]')];
  const authorHandle = links.map(profileLinkHandle).find((h): h is string => !!h);
  if (!authorHandle) return undefined;
  const nameLink = links.find((a) => profileLinkHandle(a) === authorHandle && !textOf(a).startsWith('@'));
  const authorName = plausibleName(textOf(nameLink), authorHandle);

  // The link around the post's <time>; a quoted post's own time link comes later.
  const statusLinks = [...block.querySelectorAll(X_SELECTORS.statusLink[0])];
  const status = statusLinks.find((a) => a.querySelector('time')) ?? statusLinks[0];
  const id = /\/status\/(\d+)/.exec(status?.getAttribute('href') ?? '')?.[1];
  const text = textOf(tweet.querySelector('[data-testid="tweetText"]'));
  const postKey = id ?? `text:${textKey(authorHandle + text)}`;
  return { authorHandle, ...(authorName ? { authorName } : {}), postKey };
}

export const adapter: SiteAdapter = {
  ...siteAddresses('x'),
  handleFromUrl: xProfileHandleFromUrl,
  readProfile: readXProfile,
  readySelectors: X_READY_SELECTORS,
  markups: ['web-2026'],
};
