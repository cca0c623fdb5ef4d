/**
 * Canonical handles: one function per site, pure, so that the page, a
 * Connections.csv URL and a vCard X-SOCIALPROFILE all produce the same key.
 */
import { SITE_IDS, type SiteId } from './table';

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // A malformed escape (e.g. a lone "%"): keep the raw text rather than fail.
    return s;
  }
}

/** Normalise a handle: percent-decode, trim, NFC, lower-case (locale-independent). */
export function canonicalHandle(raw: string): string {
  return safeDecode(raw).trim().normalize('NFC').toLowerCase();
}

export function profileKey(site: SiteId, handle: string): string {
  return `${site}:${canonicalHandle(handle)}`;
}

/**
 * The LinkedIn handle in a URL or path: `/in/<handle>` and every subpage of it,
 * query and fragment ignored. Accepts full URLs (any linkedin.com host, with or
 * without scheme) and bare paths. Returns undefined for anything else.
 */
export function linkedInHandleFromUrl(input: string): string | undefined {
  let s = input.trim();
  if (!s) return undefined;
  if (/^(www\.|[a-z]{2,3}\.)?linkedin\.com\//i.test(s)) s = `https://${s}`;
  let path: string;
  if (/^https?:\/\//i.test(s)) {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      return undefined;
    }
    if (!/(^|\.)linkedin\.com$/i.test(u.hostname)) return undefined;
    path = u.pathname;
  } else {
    path = s.split(/[?#]/)[0] ?? '';
  }
  const m = /^\/in\/([^/?#]+)/i.exec(path);
  if (!m || !m[1]) return undefined;
  const handle = canonicalHandle(m[1]);
  return handle || undefined;
}

// ---------------------------------------------------------------------------
// Other sites. Each function answers "whose page is this?": the owner
// of the path, subpages included (a post URL names its author). Whether the
// *profile itself* is in view is the adapter's question (lib/sites/<site>.ts).

/** Path segments and query of `input` when its host is one of `hostRe`'s; bare paths accepted. */
function splitSiteUrl(input: string, hostRe: RegExp): { segments: string[]; query: URLSearchParams } | undefined {
  let s = input.trim();
  if (!s) return undefined;
  // "x.com/ada", "www.github.com/ada": a host without a scheme.
  if (!/^[a-z][a-z0-9+.-]*:/i.test(s) && !s.startsWith('/')) {
    const host = s.split(/[/?#]/)[0] ?? '';
    if (!hostRe.test(host)) return undefined;
    s = `https://${s}`;
  }
  let u: URL;
  try {
    u = new URL(s, 'https://bare.invalid');
  } catch {
    return undefined;
  }
  if (u.hostname !== 'bare.invalid') {
    if (!/^https?:$/i.test(u.protocol) || !hostRe.test(u.hostname)) return undefined;
  }
  const segments = u.pathname.split('/').filter((p) => p !== '');
  return { segments, query: u.searchParams };
}

/** Hosts, any subdomain (www., mobile., m., …) included. */
const X_HOSTS = /^(?:[a-z0-9-]+\.)*(?:x|twitter)\.com\.?$/i;
const GITHUB_HOSTS = /^(?:www\.)?github\.com\.?$/i;
const FACEBOOK_HOSTS = /^(?:[a-z0-9-]+\.)*(?:facebook\.com|fb\.com)\.?$/i;
const INSTAGRAM_HOSTS = /^(?:[a-z0-9-]+\.)*instagram\.com\.?$/i;

/**
 * X's own first path segments: never a handle. Most are also too long or contain
 * characters a handle cannot have, but short words like "home" or "i" are valid
 * handle syntax, so they are listed. (X does not let users register them.) Words that
 * are also real accounts (x.com/x, /grok, /verified, /safety) are left out on purpose.
 */
export const X_RESERVED_PATHS: ReadonlySet<string> = new Set([
  'home',
  'explore',
  'notifications',
  'messages',
  'i',
  'settings',
  'search',
  'compose',
  'login',
  'logout',
  'signup',
  'tos',
  'privacy',
  'jobs',
  'communities',
  'lists',
  'bookmarks',
  'hashtag',
  'intent',
  'share',
  'account',
  'display',
  'keyboard_shortcuts',
  'connect_people',
  'follower_requests',
  'who_to_follow',
  'premium_sign_up',
  'oauth',
  'en',
  'rules',
  'sw',
  'manifest',
  'undefined',
  'null',
]);

/**
 * The X handle whose page `input` is: `/<handle>` and every subpage of it (tabs,
 * `/status/<id>`), on x.com, twitter.com and their subdomains, with or without
 * scheme, or a bare path. Handles are `[A-Za-z0-9_]{1,15}`, case-insensitive
 * (returned lower-cased). Reserved paths (`/home`, `/i/...`, ...) are undefined.
 */
export function xHandleFromUrl(input: string): string | undefined {
  const parts = splitSiteUrl(input, X_HOSTS);
  const first = parts?.segments[0];
  if (!first) return undefined;
  const raw = first.replace(/^@/, '');
  if (!/^[A-Za-z0-9_]{1,15}$/.test(raw)) return undefined;
  const handle = raw.toLowerCase();
  return X_RESERVED_PATHS.has(handle) ? undefined : handle;
}

/** GitHub's own first path segments (features, settings, marketing pages), never a login. */
export const GITHUB_RESERVED_PATHS: ReadonlySet<string> = new Set([
  'settings',
  'orgs',
  'organizations',
  'explore',
  'marketplace',
  'notifications',
  'pulls',
  'issues',
  'login',
  'logout',
  'join',
  'signup',
  'session',
  'sessions',
  'password_reset',
  'features',
  'topics',
  'sponsors',
  'about',
  'pricing',
  'new',
  'codespaces',
  'search',
  'trending',
  'collections',
  'events',
  'security',
  'site',
  'contact',
  'customer-stories',
  'enterprise',
  'team',
  'readme',
  'apps',
  'dashboard',
  'discussions',
  'stars',
  'watching',
  'account',
  'users',
  'blog',
  'home',
  'nonprofit',
  'education',
  'git-guides',
  'copilot',
  'mobile',
  'resources',
  'solutions',
  'partners',
  'premium-support',
  'open-source',
  'repositories',
  'models',
  'github-copilot',
  'security-advisories',
  'advisories',
  'integrations',
  'feed',
  'gist',
  'shop',
  'status',
  'achievements',
]);

/**
 * The GitHub login whose profile `input` is: `/<login>` only (query such as
 * `?tab=repositories` allowed), never `/<login>/<repo>` or GitHub's own pages.
 * Logins are letters, digits and hyphens, up to 39, not starting with a hyphen.
 */
export function githubLoginFromUrl(input: string): string | undefined {
  const parts = splitSiteUrl(input, GITHUB_HOSTS);
  if (!parts || parts.segments.length !== 1) return undefined;
  const raw = parts.segments[0] ?? '';
  if (!/^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/.test(raw)) return undefined;
  const login = raw.toLowerCase();
  return GITHUB_RESERVED_PATHS.has(login) ? undefined : login;
}

/** Facebook's own first path segments (features, scripts), never a username. */
export const FACEBOOK_RESERVED_PATHS: ReadonlySet<string> = new Set([
  'groups',
  'pages',
  'watch',
  'marketplace',
  'events',
  'gaming',
  'login',
  'login.php',
  'logout.php',
  'photo',
  'photo.php',
  'photos',
  'story.php',
  'permalink.php',
  'sharer',
  'sharer.php',
  'share',
  'share.php',
  'home.php',
  'messages',
  'notifications',
  'friends',
  'bookmarks',
  'saved',
  'settings',
  'help',
  'privacy',
  'policies',
  'policy.php',
  'reel',
  'reels',
  'stories',
  'hashtag',
  'search',
  'business',
  'ads',
  'fundraisers',
  'dialog',
  'plugins',
  'l.php',
  'media',
  'memories',
  'feeds',
  'news',
  'live',
  'jobs',
  'lite',
  'places',
  'checkpoint',
  'recover',
  'legal',
  'about',
  'terms',
  'careers',
  'games',
  'video',
  'videos',
  'video.php',
  'profile.php',
  'people',
  'public',
  'directory',
  'find-friends',
  'watchparty',
  'composer',
  'ajax',
  'api',
  'help.php',
  'signup',
  'r.php',
  'reg',
  'index.php',
  'home',
  'me',
  'posts',
  'notes',
  'commerce',
  'donate',
  'offers',
  'coronavirus_info',
  'privacy_center',
  'security',
  'support',
  'events.php',
  'weather',
  'facebook',
]);

/**
 * The Facebook profile `input` belongs to: `/<username>` and its subpages
 * (`/about`, `/posts/...`), `/profile.php?id=<n>` -> `id:<n>`, and
 * `/people/<Name>/<n>/` -> `id:<n>`. Usernames: letters, digits and dots
 * (Facebook requires at least 5; shorter legacy ones are accepted).
 */
export function facebookIdFromUrl(input: string): string | undefined {
  const parts = splitSiteUrl(input, FACEBOOK_HOSTS);
  const first = parts?.segments[0];
  if (!parts || !first) return undefined;
  const lower = first.toLowerCase();
  if (lower === 'profile.php') {
    const id = parts.query.get('id')?.trim() ?? '';
    return /^\d{1,25}$/.test(id) ? `id:${id}` : undefined;
  }
  if (lower === 'people') {
    const id = parts.segments[2] ?? '';
    return /^\d{1,25}$/.test(id) ? `id:${id}` : undefined;
  }
  if (!/^[A-Za-z0-9.]{1,50}$/.test(first) || !/[A-Za-z]/.test(first) || first.startsWith('.')) {
    // A numeric vanity ("/100000000000001") is a profile id too.
    return /^\d{5,25}$/.test(first) ? `id:${first}` : undefined;
  }
  return FACEBOOK_RESERVED_PATHS.has(lower) ? undefined : lower;
}

/** Instagram's own first path segments, never a username. */
export const INSTAGRAM_RESERVED_PATHS: ReadonlySet<string> = new Set([
  'p',
  'reel',
  'reels',
  'explore',
  'accounts',
  'direct',
  'stories',
  'tv',
  'about',
  'legal',
  'developer',
  'web',
  'emails',
  'challenge',
  'session',
  'api',
  'graphql',
  'static',
  'privacy',
  'terms',
  'press',
  'blog',
  'topics',
  'directory',
  'oauth',
  'ar',
  '_n',
  '_u',
  'login',
  'signup',
  'locations',
  'nametag',
  'lite',
  'download',
  'your_activity',
  'archive',
]);

/**
 * The Instagram username whose page `input` is: `/<username>/` and its subpages
 * (`/tagged/`, `/reels/`, `/p/<code>/` under a username). Usernames: letters,
 * digits, `.` and `_`, up to 30.
 */
export function instagramHandleFromUrl(input: string): string | undefined {
  const parts = splitSiteUrl(input, INSTAGRAM_HOSTS);
  const first = parts?.segments[0];
  if (!first) return undefined;
  const raw = first.replace(/^@/, '');
  if (!/^[A-Za-z0-9._]{1,30}$/.test(raw) || /^\.+$/.test(raw)) return undefined;
  const handle = raw.toLowerCase();
  return INSTAGRAM_RESERVED_PATHS.has(handle) ? undefined : handle;
}

/** Each site's hosts and handle parser (a site missing here fails tsc). */
const HANDLE_PARSERS: Readonly<Record<SiteId, readonly [RegExp, (u: string) => string | undefined]>> = {
  linkedin: [/^(?:[a-z0-9-]+\.)*linkedin\.com\.?$/i, linkedInHandleFromUrl],
  x: [X_HOSTS, xHandleFromUrl],
  github: [GITHUB_HOSTS, githubLoginFromUrl],
  facebook: [FACEBOOK_HOSTS, facebookIdFromUrl],
  instagram: [INSTAGRAM_HOSTS, instagramHandleFromUrl],
};

/**
 * Any supported profile URL -> its site and canonical handle (LinkedIn, X,
 * GitHub, Facebook, Instagram). For the vCard importer (X-SOCIALPROFILE) and
 * imported URL columns. Needs a host (a bare path cannot say which site).
 * Like `linkedInHandleFromUrl`, a subpage names its owner (`x.com/ada/status/1`
 * -> x:ada); GitHub accepts only `/<login>` (`/<login>/<repo>` is a repository).
 */
export function handleFromProfileUrl(input: string): { site: SiteId; handle: string } | undefined {
  const s = input.trim();
  if (!s || s.startsWith('/')) return undefined;
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(s) ? s : `https://${s}`;
  let host: string;
  try {
    host = new URL(withScheme).hostname;
  } catch {
    return undefined;
  }
  for (const site of SITE_IDS) {
    const [hostRe, parse] = HANDLE_PARSERS[site];
    if (!hostRe.test(host)) continue;
    const handle = parse(withScheme);
    return handle ? { site, handle } : undefined;
  }
  return undefined;
}
