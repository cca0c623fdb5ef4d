/**
 * LinkedIn profile pages: who the profile in view is, from the URL and the top
 * card. Pure functions over (url, document); reads only. Mostly selector tables,
 * each a list of alternatives, newest markup first; code only where a table
 * cannot say it. Saved pages: tests/fixtures/linkedin/ (see PROVENANCE.md there).
 */
import type { PageIdentity } from '@/lib/model/types';
import { linkedInHandleFromUrl } from '@/lib/sites/identity';
import { normText, queryFirst, textOf } from '@/lib/sites/dom';
import { profileUrl } from '@/lib/sites/table';
import { GENERIC_TITLES, plausibleName } from './common';

/** One way to read a field: text (or an attribute) of a CSS match, or the page title. */
export type FieldSource = { css: string; attr?: string } | { title: true };
export type ProfileField = 'name' | 'headline' | 'location' | 'photo';

export function isLinkedInHost(hostname: string): boolean {
  return /^(?:[a-z0-9-]+\.)*linkedin\.com\.?$/i.test(hostname.trim());
}

export const PROFILE_SELECTORS: Readonly<Record<ProfileField, readonly FieldSource[]>> = {
  name: [
    // SDUI 2026 (also Ember 2025-12): "(3) Ada Example | LinkedIn"; see parseProfileTitle
    { title: true },
    // SDUI 2026: hashed classes, so only the top section's heading is left
    { css: 'main section:first-of-type h1, main section:first-of-type h2' },
    // Ember Dec 2025: h1 inside the top card's "about this profile" link
    { css: 'section[data-member-id] a[aria-label] > h1' },
    // older Ember (2021-2024)
    { css: 'h1.text-heading-xlarge' },
  ],
  headline: [
    // SDUI 2026: no reliable hook (hashed <p>s mix headline, pronouns, degree); left unread on purpose
    // Ember Dec 2025
    { css: 'section[data-member-id] .text-body-medium.break-words' },
    // older Ember (2021-2024)
    { css: '.pv-text-details__left-panel .text-body-medium' },
  ],
  location: [
    // SDUI 2026: no reliable hook; left unread on purpose
    // Ember Dec 2025
    { css: 'section[data-member-id] span.text-body-small.inline.t-black--light.break-words' },
    // older Ember (2021-2024)
    { css: '.pv-text-details__left-panel span.text-body-small.inline' },
  ],
  photo: [
    // SDUI 2026: by image URL kind, since classes are hashed (background is "displaybackgroundimage")
    { css: 'main section:first-of-type img[src*="profile-displayphoto"]', attr: 'src' },
    // Ember Dec 2025
    { css: 'section[data-member-id] img.pv-top-card-profile-picture__image--show', attr: 'src' },
    // older Ember (2021-2024)
    { css: 'img.pv-top-card-profile-picture__image', attr: 'src' },
  ],
};

/**
 * What to wait for (with `waitForElement`) before reading a profile: any of these
 * means the top card has rendered. On timeout, read anyway: the URL still gives
 * the handle.
 */
export const PROFILE_READY_SELECTORS: string[] = [
  // Ember Dec 2025
  'section[data-member-id] h1',
  // older Ember (2021-2024)
  'h1.text-heading-xlarge',
  // SDUI 2026: top section heading
  'main section:first-of-type h1',
  'main section:first-of-type h2',
];

/** The top card, used to notice a stale page during in-page navigation. */
const TOP_CARD = ['section[data-member-id]', 'main section:first-of-type'];

/**
 * "(3) Ada Example | LinkedIn" -> "Ada Example". Undefined for LinkedIn's own titles
 * ("LinkedIn", "Feed | LinkedIn") and for multi-part titles ("Experience | Ada | LinkedIn").
 */
export function parseProfileTitle(title: string): string | undefined {
  const m = /^(?:\(\d+\+?\)\s*)?(.+?)\s*\|\s*LinkedIn$/i.exec(normText(title));
  const name = m?.[1];
  if (!name || name.includes('|') || GENERIC_TITLES.has(name.toLowerCase())) return undefined;
  return name;
}

/** Only LinkedIn's media host: no ghost placeholders, data: URIs or tracking pixels. */
function plausiblePhoto(src: string | null | undefined): string | undefined {
  const s = (src ?? '').trim();
  return /^https:\/\/media\.licdn\.com\//.test(s) ? s : undefined;
}

/**
 * True where the top card is on screen: the profile itself, or an overlay
 * (contact info, edit) drawn over it. Subpages such as /details/experience/ or
 * /recent-activity/ show other headings (e.g. "Experience"), so only the URL is
 * trusted there.
 */
function showsTopCard(url: string): boolean {
  let path: string;
  try {
    path = new URL(url, 'https://www.linkedin.com').pathname;
  } catch {
    return false;
  }
  const rest = /^\/in\/[^/]+(\/.*)?$/i.exec(path)?.[1] ?? '';
  return rest === '' || rest === '/' || /^\/(overlay|edit)\//i.test(rest);
}

/**
 * In-page navigation from profile A to B can leave A's top card (and title) up
 * for a moment. If the top card links to profiles and none is this handle, it
 * is someone else's: read nothing from the DOM.
 */
function topCardIsStale(doc: Document, handle: string): boolean {
  const top = queryFirst(doc, TOP_CARD);
  if (!top) return false;
  const handles = [...top.querySelectorAll('a[href*="/in/"]')].map((a) => linkedInHandleFromUrl(a.getAttribute('href') ?? '')).filter((h): h is string => !!h);
  return handles.length > 0 && !handles.includes(handle);
}

/**
 * True when this URL's profile top card is on screen: a ready selector matches
 * and the card is not the previous profile's. Pass it as `accept` to
 * `waitForElement(document, PROFILE_READY_SELECTORS, signal, ms, () => isProfileTopCardFor(location.href, document))`.
 */
export function isProfileTopCardFor(url: string, doc: Document): boolean {
  const handle = linkedInHandleFromUrl(url);
  if (!handle || !showsTopCard(url)) return false;
  return PROFILE_READY_SELECTORS.some((s) => doc.querySelector(s)) && !topCardIsStale(doc, handle);
}

/** Raw value of one source, before the field's own check. Exported for the selector tests. */
export function readSource(doc: Document, source: FieldSource): { value: string; el?: Element } | undefined {
  if ('title' in source) {
    const value = parseProfileTitle(doc.title);
    return value ? { value } : undefined;
  }
  const el = doc.querySelector(source.css);
  if (!el) return undefined;
  const value = source.attr ? (el.getAttribute(source.attr) ?? '').trim() : textOf(el);
  return value ? { value, el } : undefined;
}

function readField(doc: Document, field: ProfileField, handle: string, name?: string): string | undefined {
  for (const source of PROFILE_SELECTORS[field]) {
    const hit = readSource(doc, source);
    if (!hit) continue;
    let value: string | undefined;
    if (field === 'name') value = plausibleName(hit.value, handle);
    else if (field === 'photo') {
      // A top card may also show mutual connections' faces: skip an image whose alt names someone else.
      const alt = normText(hit.el?.getAttribute('alt'));
      value = !alt || !name || alt.includes(name) ? plausiblePhoto(hit.value) : undefined;
    } else value = hit.value.length <= 300 && hit.value !== name ? hit.value : undefined;
    if (value) return value;
  }
  return undefined;
}

/**
 * Who the profile in view is. Undefined when the URL is not a profile. The handle
 * always comes from the URL; name, headline, location and photo only when readable
 * (a broken selector leaves them undefined, never wrong-looking).
 */
export function readLinkedInProfile(url: string, doc: Document): PageIdentity | undefined {
  const handle = linkedInHandleFromUrl(url);
  if (!handle) return undefined;
  const identity: PageIdentity = { site: 'linkedin', handle, url: profileUrl('linkedin', handle) };
  if (!showsTopCard(url) || topCardIsStale(doc, handle)) return identity;
  const name = readField(doc, 'name', handle);
  if (name) identity.name = name;
  const headline = readField(doc, 'headline', handle, name);
  if (headline) identity.headline = headline;
  const location = readField(doc, 'location', handle, name);
  if (location) identity.location = location;
  const photoUrl = readField(doc, 'photo', handle, name);
  if (photoUrl) identity.photoUrl = photoUrl;
  return identity;
}
