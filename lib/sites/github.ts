/**
 * GitHub adapter: a user's profile page `/<login>` (any `?tab=`), never a
 * repository `/<login>/<repo>` or GitHub's own pages. Reads only.
 * Saved pages: tests/fixtures/github/ (see PROVENANCE.md there).
 */
import type { PageIdentity } from '@/lib/model/types';
import type { SiteAdapter } from './types';
import { profileUrl, siteAddresses } from './table';
import { githubLoginFromUrl } from './identity';
import { normText, textOf } from './dom';

/** One way to read a field: text (or an attribute) of a CSS match, or the page title. */
export type GithubSource = { css: string; attr?: string } | { title: true };
type Field = 'login' | 'name' | 'headline' | 'location' | 'photo';

export const GITHUB_PROFILE_SELECTORS: Readonly<Record<Field, readonly GithubSource[]>> = {
  login: [
    // 2018-2025: the vcard's second line
    { css: '.vcard-username' },
    // 2018-2025: microdata on the same span
    { css: '[itemprop="additionalName"]' },
    // 2018-2025: analytics meta in the head
    { css: 'meta[name="octolytics-dimension-user_login"]', attr: 'content' },
  ],
  name: [
    // 2018-2025: the vcard's first line (also carries itemprop=name)
    { css: '.vcard-fullname' },
    // 2018-2025: microdata, exact value (repository items say "name codeRepository")
    { css: '[itemprop="name"]' },
    // 2018-2025: "ada-example (Ada Example) · GitHub"
    { title: true },
  ],
  headline: [
    // 2018-2025: the bio
    { css: '.p-note.user-profile-bio' },
  ],
  location: [
    // 2018-2025: the location item of the vcard details
    { css: '[itemprop="homeLocation"] .p-label' },
    { css: '[itemprop="homeLocation"]' },
  ],
  photo: [
    // 2020-2025: the large avatar ("View <login>'s full-sized avatar")
    { css: 'img.avatar-user.width-full', attr: 'src' },
    // 2018: the link around the avatar points at the 400px image
    { css: 'a[itemprop="image"]', attr: 'href' },
  ],
};

/** What to wait for before reading a profile. */
export const GITHUB_READY_SELECTORS: string[] = ['.vcard-names', '.vcard-fullname', '[itemprop="additionalName"]'];

/** The profile in view at `url` (login, lower-cased), or undefined. */
export function githubProfileHandleFromUrl(url: string): string | undefined {
  try {
    return githubLoginFromUrl(new URL(url).href);
  } catch {
    return undefined;
  }
}

/** "piuccio (Fabio Crisci) / Repositories · GitHub" -> "Fabio Crisci", only for this login. */
export function parseGithubTitle(title: string, login: string): string | undefined {
  const m = /^(\S+)\s+\((.+?)\)(?:\s*\/\s*[^·]+)?\s*·\s*GitHub$/.exec(normText(title));
  if (!m || (m[1] ?? '').toLowerCase() !== login) return undefined;
  return m[2];
}

function read(doc: Document, source: GithubSource, login: string): string | undefined {
  if ('title' in source) return parseGithubTitle(doc.title, login);
  const el = doc.querySelector(source.css);
  if (!el) return undefined;
  const v = source.attr ? normText(el.getAttribute(source.attr)) : textOf(el);
  return v || undefined;
}

function first(doc: Document, field: Field, login: string, ok: (v: string) => boolean): string | undefined {
  for (const source of GITHUB_PROFILE_SELECTORS[field]) {
    const v = read(doc, source, login);
    if (v && ok(v)) return v;
  }
  return undefined;
}

/**
 * Who the profile in view is. Details only when the page's own login (vcard or
 * analytics meta) is this one: after in-page navigation a stale page says otherwise.
 */
export function readGithubProfile(url: string, doc: Document): PageIdentity | undefined {
  const login = githubProfileHandleFromUrl(url);
  if (!login) return undefined;
  const identity: PageIdentity = { site: 'github', handle: login, url: profileUrl('github', login) };
  const pageLogin = first(doc, 'login', login, () => true);
  if (pageLogin !== undefined && pageLogin.toLowerCase() !== login) return identity;

  const name = first(doc, 'name', login, (v) => v.length <= 100 && v.toLowerCase() !== login);
  if (name) identity.name = name;
  const headline = first(doc, 'headline', login, (v) => v.length <= 300);
  if (headline) identity.headline = headline;
  const location = first(doc, 'location', login, (v) => v.length <= 100);
  if (location) identity.location = location;
  const photoUrl = first(doc, 'photo', login, (v) => /^https:\/\/avatars\d*\.githubusercontent\.com\//.test(v));
  if (photoUrl) identity.photoUrl = photoUrl;
  return identity;
}

export const adapter: SiteAdapter = {
  ...siteAddresses('github'),
  handleFromUrl: githubProfileHandleFromUrl,
  readProfile: readGithubProfile,
  readySelectors: GITHUB_READY_SELECTORS,
  markups: ['vcard-2018', 'vcard-2025'],
};
