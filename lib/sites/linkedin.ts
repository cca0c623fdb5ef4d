/**
 * LinkedIn adapter: pure functions over (url, document) or a clicked element.
 * Reads only; never clicks or writes. Mostly selector tables, each a list of
 * alternatives, newest markup first; code only where a table cannot say it.
 * Saved pages: tests/fixtures/linkedin/ (see PROVENANCE.md there).
 */
import type { PageIdentity } from '../model/types';
import { canonicalHandle, linkedInHandleFromUrl } from './identity';
import { closestOf, normText, queryFirst, textOf } from './dom';

/** One way to read a field: text (or an attribute) of a CSS match, or the page title. */
export type FieldSource = { css: string; attr?: string } | { title: true };
export type ProfileField = 'name' | 'headline' | 'location' | 'photo';

export function isLinkedInHost(hostname: string): boolean {
  return /^(?:[a-z0-9-]+\.)*linkedin\.com\.?$/i.test(hostname.trim());
}

// ---------------------------------------------------------------------------
// Profile

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

/** Page titles that are LinkedIn's own, never a person's name. */
const GENERIC_TITLES = new Set([
  'linkedin',
  'linkedin member',
  'feed',
  'home',
  'messaging',
  'notifications',
  'my network',
  'jobs',
  'search',
  'profile',
  'about',
  'experience',
  'activity',
]);

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

/** A readable person name, or undefined for the handle, LinkedIn's words or garbage. */
function plausibleName(raw: string | null | undefined, handle?: string): string | undefined {
  const s = normText(raw);
  if (!s || s.length > 100 || !/\p{L}/u.test(s) || s.includes('|')) return undefined;
  if (GENERIC_TITLES.has(s.toLowerCase())) return undefined;
  // "ada-example" shown where a name should be means the name did not render.
  if (handle && canonicalHandle(s) === handle) return undefined;
  return s;
}

/** Only LinkedIn's media host: no ghost placeholders, data: URIs or tracking pixels. */
function plausiblePhoto(src: string | null | undefined): string | undefined {
  const s = (src ?? '').trim();
  return /^https:\/\/media\.licdn\.com\//.test(s) ? s : undefined;
}

/** Canonical profile URL: no subpage, query or fragment, so stored URLs compare. */
function profileUrl(handle: string): string {
  return `https://www.linkedin.com/in/${encodeURIComponent(handle)}/`;
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
  const handles = [...top.querySelectorAll('a[href*="/in/"]')]
    .map((a) => linkedInHandleFromUrl(a.getAttribute('href') ?? ''))
    .filter((h): h is string => !!h);
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
  const identity: PageIdentity = { site: 'linkedin', handle, url: profileUrl(handle) };
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

// ---------------------------------------------------------------------------
// Feed: reactions

export const FEED_SELECTORS = {
  reactionButton: [
    // hashed 2026: state in the label, "Reaction button state: no reaction" | "…: Like"
    'button[aria-label^="Reaction button state"]',
    // Ember 2025-12: "React Like", state in aria-pressed (posts and comments alike)
    'button.react-button__trigger',
  ],
  comment: [
    // hashed 2026 (assumed): componentkey carries the comment urn
    '[componentkey^="replaceableComment_"]',
    // Ember 2025
    'article.comments-comment-entity',
  ],
  post: [
    // hashed 2026 main feed
    '[data-testid="mainFeed"] [role="listitem"]',
    // hashed 2026 outside the main feed (same item markup assumed)
    '[role="listitem"][componentkey^="expanded"]',
    // Ember 2025-12
    'div[data-urn^="urn:li:activity:"]',
  ],
  postAuthorLink: [
    // Ember 2025-12: the actor's name link (not the "X likes this" header, not mentions)
    'a.update-components-actor__meta-link',
    // Ember 2025-12: the actor's avatar link
    'a.update-components-actor__image',
  ],
  postAuthorName: [
    // Ember 2025-12: visible copy of the actor's name (the other copy is visually-hidden)
    '.update-components-actor__title span[aria-hidden="true"]',
  ],
  // hashed 2026 and Ember 2025-12 (English UI): "Open control menu for post by Ada Example"
  controlMenu: ['button[aria-label^="Open control menu for post by "]'],
  postBody: [
    // hashed 2026
    '[data-testid="expandable-text-box"]',
    // Ember 2025-12
    '.update-components-text',
  ],
  commentAuthorLink: [
    // Ember 2025
    'a.comments-comment-meta__description-container',
    // Ember 2025
    'a.comments-comment-meta__image-link',
  ],
  commentAuthorName: [
    // Ember 2025
    '.comments-comment-meta__description-title',
  ],
  // hashed 2026: class names say nothing, so any profile link, matched to the author's name
  personLink: ['a[href*="/in/"]'],
  reactionMenuItem: [
    // Ember 2025: an entry of the reactions flyout ("React Celebrate"), as extensions and scripts select it
    'button.reactions-menu__reaction',
    // hashed 2026 (assumed) and Ember by label: "React <Reaction>"; never a trigger (Ember's has aria-pressed)
    'button[aria-label^="React "]:not([aria-pressed])',
  ],
  // The button that opens the flyout from the keyboard (hover opens it from the trigger itself)
  reactionMenuOpener: ['button[aria-label="Open reactions menu"]', 'button.reactions-menu__trigger'],
} as const;

export interface ReactionContext {
  kind: 'post' | 'comment';
  authorHandle: string;
  authorName?: string;
  /** Stable id of the post or comment: its urn, else the hashed feed's token, else a text hash. */
  postKey: string;
}

export function isReactionButton(el: Element): boolean {
  return closestOf(el, FEED_SELECTORS.reactionButton) !== null;
}

/**
 * The user's own reaction on this button, before the click takes effect (read it
 * in a capture-phase listener: 'none' means this click adds a reaction).
 */
export function reactionStateOf(button: Element): 'reacted' | 'none' {
  const b = closestOf(button, FEED_SELECTORS.reactionButton) ?? button;
  const state = /^Reaction button state:\s*(.*)$/i.exec(normText(b.getAttribute('aria-label')))?.[1];
  if (state !== undefined) return state === '' || /^no reaction$/i.test(state) ? 'none' : 'reacted';
  return b.getAttribute('aria-pressed') === 'true' ? 'reacted' : 'none';
}

/**
 * A reaction chosen from the flyout: an entry like "React Celebrate" (English UI) or
 * one with Ember's entry class. Not a messaging "React with 👍" and not a trigger.
 */
export function reactionMenuItemOf(el: Element): Element | null {
  const item = closestOf(el, FEED_SELECTORS.reactionMenuItem);
  if (!item) return null;
  if (item.matches(FEED_SELECTORS.reactionMenuItem[0])) return item;
  return /^React \p{L}+$/u.test(normText(item.getAttribute('aria-label'))) ? item : null;
}

/** The nearest reaction trigger around `from`: its own, else one in an ancestor, not past `stop`. */
function nearestTrigger(from: Element, stop: Element | null): Element | null {
  const own = closestOf(from, FEED_SELECTORS.reactionButton);
  if (own) return own;
  for (let el = from.parentElement; el; el = el.parentElement) {
    const hit = queryFirst(el, FEED_SELECTORS.reactionButton);
    if (hit) return hit;
    if (el === stop) break;
  }
  return null;
}

/**
 * The reaction trigger a flyout entry belongs to. Ember renders the flyout next to
 * its trigger, inside the post (or comment); a flyout rendered elsewhere (a layer at
 * the end of the page) belongs to the trigger or "open reactions menu" button the
 * user just pointed at or focused (`opener`). Null when neither says.
 */
export function triggerOfMenuItem(item: Element, opener?: Element | null): Element | null {
  const scope = closestOf(item, FEED_SELECTORS.comment) ?? closestOf(item, FEED_SELECTORS.post);
  if (scope) return nearestTrigger(item, scope);
  if (!opener?.isConnected) return null;
  const openerScope = closestOf(opener, FEED_SELECTORS.comment) ?? closestOf(opener, FEED_SELECTORS.post);
  return openerScope ? nearestTrigger(opener, openerScope) : null;
}

/** A reaction trigger or flyout opener (what a flyout outside the post is remembered by). */
export function reactionOpenerOf(el: Element): Element | null {
  return closestOf(el, FEED_SELECTORS.reactionButton) ?? closestOf(el, FEED_SELECTORS.reactionMenuOpener);
}

function handleOf(a: Element | null | undefined): string | undefined {
  return a ? linkedInHandleFromUrl(a.getAttribute('href') ?? '') : undefined;
}

/** Text of an element without LinkedIn's visually-hidden duplicate ("Ada ExampleAda Example"). */
function visibleText(el: Element | null | undefined): string {
  if (!el) return '';
  const clone = el.cloneNode(true) as Element;
  clone.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
  return textOf(clone);
}

function isInside(el: Element, container: Element, selectors: readonly string[]): boolean {
  const hit = closestOf(el, selectors);
  return hit !== null && hit !== container && container.contains(hit);
}

function djb2(s: string): string {
  let h = 5381;
  for (let i = 0; i < s.length; i++) h = ((h << 5) + h + s.charCodeAt(i)) >>> 0;
  return h.toString(36);
}

function commentContext(comment: Element): ReactionContext | undefined {
  const link =
    queryFirst(comment, FEED_SELECTORS.commentAuthorLink) ??
    [...comment.querySelectorAll(FEED_SELECTORS.personLink[0])].find((a) => !isInside(a, comment, FEED_SELECTORS.comment));
  const authorHandle = handleOf(link);
  if (!authorHandle) return undefined;
  const authorName =
    plausibleName(visibleText(queryFirst(comment, FEED_SELECTORS.commentAuthorName))) ?? plausibleName(visibleText(link));
  const key =
    comment.getAttribute('data-id') ??
    comment.getAttribute('componentkey')?.replace(/^replaceableComment_/, '') ??
    `text:${djb2(textOf(comment))}`;
  return { kind: 'comment', authorHandle, ...(authorName ? { authorName } : {}), postKey: key };
}

function postContext(post: Element): ReactionContext | undefined {
  const menuLabel = normText(queryFirst(post, FEED_SELECTORS.controlMenu)?.getAttribute('aria-label'));
  const menuName = plausibleName(menuLabel.replace(/^Open control menu for post by\s+/i, ''));

  let link: Element | null | undefined;
  let authorName: string | undefined;
  const emberActor = queryFirst(post, FEED_SELECTORS.postAuthorLink);
  if (emberActor) {
    // Ember: the actor link is the author, even when it is a company (then: no person).
    link = emberActor;
    authorName = plausibleName(visibleText(queryFirst(post, FEED_SELECTORS.postAuthorName))) ?? menuName;
  } else {
    // Hashed: profile links outside comments and the post text; the one named like the author,
    // else (non-English UI, no name) the most-linked one (avatar + name beat a header link).
    const links = [...post.querySelectorAll(FEED_SELECTORS.personLink[0])].filter(
      (a) => !isInside(a, post, FEED_SELECTORS.comment) && !isInside(a, post, FEED_SELECTORS.postBody),
    );
    if (menuName) {
      link = links.find((a) => {
        const label = `${visibleText(a)} ${normText(a.getAttribute('aria-label'))}`;
        return label.includes(menuName);
      });
    } else {
      const counts = new Map<string, number>();
      for (const a of links) {
        const h = handleOf(a);
        if (h) counts.set(h, (counts.get(h) ?? 0) + 1);
      }
      let best = 0;
      for (const a of links) {
        const n = counts.get(handleOf(a) ?? '') ?? 0;
        if (n > best) [best, link] = [n, a];
      }
    }
    authorName = menuName ?? plausibleName(visibleText(link));
  }
  const authorHandle = handleOf(link);
  if (!authorHandle) return undefined;

  const ck = post.getAttribute('componentkey');
  const postKey =
    post.getAttribute('data-urn') ??
    (ck ? ck.replace(/^expanded/, '').replace(/FeedType_.*$/, '') || ck : undefined) ??
    `text:${djb2(authorHandle + textOf(queryFirst(post, FEED_SELECTORS.postBody)))}`;
  return { kind: 'post', authorHandle, ...(authorName ? { authorName } : {}), postKey };
}

/**
 * Who wrote the post or comment that a reaction button (or anything inside it)
 * belongs to. Undefined when it is not a person's (a company page) or not found.
 */
export function findReactionContext(target: Element): ReactionContext | undefined {
  const anchor = closestOf(target, FEED_SELECTORS.reactionButton) ?? target;
  const comment = closestOf(anchor, FEED_SELECTORS.comment);
  if (comment) return commentContext(comment);
  const post = closestOf(anchor, FEED_SELECTORS.post);
  return post ? postContext(post) : undefined;
}

// ---------------------------------------------------------------------------
// Wishes: one-click birthday / anniversary / new-job messages

export const WISH_SELECTORS = {
  card: [
    // hashed 2026 feed: a celebration item
    '[role="listitem"]',
    // Ember notifications page
    'article.nt-card',
  ],
  // Ember notifications: the name in bold inside the person link
  personName: ['a[href*="/in/"] strong'],
} as const;

/** Button words of LinkedIn's prefilled-message buttons, English and Italian UI. */
const WISH_BUTTON = /^(say happy birthday|wish\b.*\bhappy birthday|say congrats|congratulate|celebrate|fai gli auguri|auguri|congratulati|fai le congratulazioni)\b/i;
const WISH_KINDS: ReadonlyArray<[WishContext['kind'], RegExp]> = [
  ['birthday', /birthday|compleanno/i],
  ['anniversary', /anniversary|anniversario|\b\d+\s+years?\s+at\b|\b\d+\s+anni\b/i],
  ['new-job', /new (position|job|role)|\bstart(ing|ed)\b|nuov[oa] (posizione|lavoro|ruolo|incarico)/i],
];

export interface WishContext {
  kind: 'birthday' | 'anniversary' | 'new-job';
  personHandle: string;
  personName?: string;
}

/** The person a one-click wish button (or anything inside it) is for, and what for. */
export function findWishContext(target: Element): WishContext | undefined {
  const button = target.closest('button, a[role="button"]');
  if (!button) return undefined;
  const label = normText(button.getAttribute('aria-label'));
  const text = visibleText(button);
  if (!WISH_BUTTON.test(label) && !WISH_BUTTON.test(text)) return undefined;
  const card = closestOf(button, WISH_SELECTORS.card);
  if (!card) return undefined;

  const kind =
    WISH_KINDS.find(([, re]) => re.test(`${label} ${text}`))?.[0] ??
    WISH_KINDS.find(([, re]) => re.test(textOf(card)))?.[0];
  if (!kind) return undefined;

  const strong = queryFirst(card, WISH_SELECTORS.personName);
  const link = strong?.closest('a') ?? card.querySelector(FEED_SELECTORS.personLink[0]);
  const personHandle = handleOf(link);
  if (!personHandle) return undefined;
  const personName = plausibleName(textOf(strong), personHandle) ?? plausibleName(visibleText(link), personHandle);
  return { kind, personHandle, ...(personName ? { personName } : {}) };
}

// ---------------------------------------------------------------------------
// Messaging

export const MESSAGING_SELECTORS = {
  composer: [
    // Ember 2025 (messaging page and overlay bubbles)
    'div.msg-form__contenteditable[role="textbox"]',
    // any markup, English UI: the labelled rich-text box
    'div[role="textbox"][contenteditable="true"][aria-label^="Write a message"]',
  ],
  conversation: [
    // Ember 2025 overlay bubble (bottom right)
    '.msg-overlay-conversation-bubble',
    // Ember 2025 /messaging/ thread pane
    '.msg-convo-wrapper',
  ],
  recipientLink: [
    // Ember 2025 /messaging/ thread header
    'a.msg-thread__link-to-profile',
    // Ember 2025 overlay bubble header (one link per person; a group has several)
    '.msg-overlay-bubble-header__title a[href*="/in/"]',
  ],
  recipientName: [
    // Ember 2025 /messaging/ thread header
    '.msg-entity-lockup__entity-title',
  ],
  sendButton: [
    // Ember 2025
    'button.msg-form__send-button',
    // Ember 2025 overlay variant
    'button.msg-form__send-btn',
  ],
} as const;

export function findComposer(doc: Document): HTMLElement | null {
  return queryFirst<HTMLElement>(doc, MESSAGING_SELECTORS.composer);
}

/**
 * The one person the composer writes to. Scoped to the composer's conversation
 * (the page thread or an overlay bubble); undefined for a group or when unknown.
 */
export function composerRecipient(doc: Document, composer?: Element): { handle: string; name?: string } | undefined {
  const box = composer ?? findComposer(doc);
  const scope: ParentNode = (box && closestOf(box, MESSAGING_SELECTORS.conversation)) ?? doc;
  for (const sel of MESSAGING_SELECTORS.recipientLink) {
    const links = [...scope.querySelectorAll(sel)];
    const handles = new Set(links.map(handleOf).filter((h): h is string => !!h));
    if (handles.size === 0) continue;
    if (handles.size > 1) return undefined;
    const handle = [...handles][0];
    if (!handle) return undefined;
    const link = links.find((a) => handleOf(a) === handle);
    const name =
      plausibleName(textOf(queryFirst(scope, MESSAGING_SELECTORS.recipientName)), handle) ??
      plausibleName(visibleText(link), handle);
    return { handle, ...(name ? { name } : {}) };
  }
  return undefined;
}

export function isSendButton(el: Element): boolean {
  return closestOf(el, MESSAGING_SELECTORS.sendButton) !== null;
}
