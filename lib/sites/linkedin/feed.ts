/**
 * LinkedIn's feed and notifications: who wrote the post or comment a reaction is
 * for, and whom a one-click wish (birthday, work anniversary, new job) is for.
 * Pure functions over a clicked element; reads only, never clicks.
 * Saved pages: tests/fixtures/linkedin/ (see PROVENANCE.md there).
 */
import { closestOf, normText, queryFirst, textKey, textOf } from '@/lib/sites/dom';
import { handleOf, plausibleName, visibleText } from './common';

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

function isInside(el: Element, container: Element, selectors: readonly string[]): boolean {
  const hit = closestOf(el, selectors);
  return hit !== null && hit !== container && container.contains(hit);
}

function commentContext(comment: Element): ReactionContext | undefined {
  const link =
    queryFirst(comment, FEED_SELECTORS.commentAuthorLink) ??
    [...comment.querySelectorAll(FEED_SELECTORS.personLink[0])].find((a) => !isInside(a, comment, FEED_SELECTORS.comment));
  const authorHandle = handleOf(link);
  if (!authorHandle) return undefined;
  const authorName = plausibleName(visibleText(queryFirst(comment, FEED_SELECTORS.commentAuthorName))) ?? plausibleName(visibleText(link));
  const key =
    comment.getAttribute('data-id') ?? comment.getAttribute('componentkey')?.replace(/^replaceableComment_/, '') ?? `text:${textKey(textOf(comment))}`;
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
    `text:${textKey(authorHandle + textOf(queryFirst(post, FEED_SELECTORS.postBody)))}`;
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
const WISH_BUTTON =
  /^(say happy birthday|wish\b.*\bhappy birthday|say congrats|congratulate|celebrate|fai gli auguri|auguri|congratulati|fai le congratulazioni)\b/i;
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

  const kind = WISH_KINDS.find(([, re]) => re.test(`${label} ${text}`))?.[0] ?? WISH_KINDS.find(([, re]) => re.test(textOf(card)))?.[0];
  if (!kind) return undefined;

  const strong = queryFirst(card, WISH_SELECTORS.personName);
  const link = strong?.closest('a') ?? card.querySelector(FEED_SELECTORS.personLink[0]);
  const personHandle = handleOf(link);
  if (!personHandle) return undefined;
  const personName = plausibleName(textOf(strong), personHandle) ?? plausibleName(visibleText(link), personHandle);
  return { kind, personHandle, ...(personName ? { personName } : {}) };
}
