/**
 * LinkedIn messaging: the composer, the one person it writes to, and its send
 * button. Pure functions over the document; reads only.
 */
import { closestOf, queryFirst, textOf } from '@/lib/sites/dom';
import { handleOf, plausibleName, visibleText } from './common';

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
    const name = plausibleName(textOf(queryFirst(scope, MESSAGING_SELECTORS.recipientName)), handle) ?? plausibleName(visibleText(link), handle);
    return { handle, ...(name ? { name } : {}) };
  }
  return undefined;
}

export function isSendButton(el: Element): boolean {
  return closestOf(el, MESSAGING_SELECTORS.sendButton) !== null;
}
