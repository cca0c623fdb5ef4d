/**
 * In-the-moment nudges, page side. Notices what the user just did on
 * LinkedIn: a reaction on a post or comment, a one-click wish, a message being
 * written or sent. It only reads: passive capture-phase listeners on `document`,
 * so LinkedIn's own handlers still get every event, unchanged (no preventDefault,
 * no stopPropagation, nothing clicked, typed or sent on the user's behalf).
 *
 * What leaves this script is codes and a digest: who the person is (handle), what
 * happened, and for a message its classification (`lib/nudges/classify.ts`) and a
 * non-reversible hash. Message text never leaves the page. The background decides
 * whether the person is known and whether to nudge. Small on purpose: no React,
 * no Dexie, no zod.
 */
import type { NudgeContentMessage } from '@/lib/messages/types';
import { classifyMessage, SHORT_TEXT_WORDS } from '@/lib/nudges/classify';
import { closestOf, queryFirst } from '@/lib/sites/dom';
import {
  composerRecipient,
  FEED_SELECTORS,
  findReactionContext,
  findWishContext,
  MESSAGING_SELECTORS,
  reactionMenuItemOf,
  reactionOpenerOf,
  reactionStateOf,
  triggerOfMenuItem,
  type ReactionContext,
} from '@/lib/sites/linkedin';
import { orphaned } from './orphaned';

export interface NudgeWatchDeps {
  doc: Document;
  /** To the background; resolves with its reply ({ ok, data }) or anything on failure. */
  send: (msg: NudgeContentMessage) => Promise<unknown>;
  /** Aborted when the content script is invalidated: every listener goes with it. */
  signal: AbortSignal;
  /** Quiet time after the last keystroke before a draft is classified. */
  composeDebounceMs?: number;
  /** After Enter in the composer: how long to wait for it to empty (= the message went). */
  sentWaitMs?: number;
  /**
   * Only the user's own actions count: events a script dispatched (`isTrusted`
   * false, e.g. a page faking clicks on Like buttons) are ignored. Tests in jsdom,
   * where every event is synthetic, turn this on.
   */
  acceptSyntheticEvents?: boolean;
}

type Reaction = { handle: string; touchId: Promise<string | undefined> };

/** The touch id in a background reply `{ ok: true, data: { touchId } }`, if any. (Also X's likes: site-watch.ts.) */
export function touchIdOf(reply: unknown): string | undefined {
  const data = (reply as { ok?: boolean; data?: { touchId?: unknown } } | undefined)?.data;
  return typeof data?.touchId === 'string' ? data.touchId : undefined;
}

/** The text of a rich-text composer, paragraphs and line breaks kept as newlines. */
export function composerText(el: Element): string {
  const parts: string[] = [];
  const walk = (node: Node): void => {
    for (const child of Array.from(node.childNodes)) {
      if (child.nodeType === 3) parts.push(child.nodeValue ?? '');
      else if (child.nodeType === 1) {
        const tag = (child as Element).tagName;
        if (tag === 'BR') parts.push('\n');
        else {
          walk(child);
          if (tag === 'P' || tag === 'DIV' || tag === 'LI') parts.push('\n');
        }
      }
    }
  };
  walk(el);
  return parts
    .join('')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function asElement(t: EventTarget | null): Element | null {
  return t && (t as Node).nodeType === 1 ? (t as Element) : null;
}

function wordCount(text: string): number {
  return text.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
}

/** The conversation's composer that a send button belongs to. */
function composerOfSendButton(doc: Document, button: Element): Element | null {
  const scope = closestOf(button, MESSAGING_SELECTORS.conversation);
  if (scope) return queryFirst(scope, MESSAGING_SELECTORS.composer);
  // No known conversation around it: only unambiguous when the page has one composer.
  const all = MESSAGING_SELECTORS.composer.flatMap((s) => Array.from(doc.querySelectorAll(s)));
  return new Set(all).size === 1 ? (all[0] ?? null) : null;
}

export function watchNudges(deps: NudgeWatchDeps): void {
  const { doc, signal } = deps;
  const debounceMs = deps.composeDebounceMs ?? 400;
  const sentWaitMs = deps.sentWaitMs ?? 3000;
  /** Reactions added in this page's life, by post or comment key: un-reacting takes the touch back. */
  const reactions = new Map<string, Reaction>();
  /** One wish per person and occasion per page life: a double click is one wish. */
  const wished = new Set<string>();
  const drafts = new WeakMap<Element, { timer?: ReturnType<typeof setTimeout>; lastKey?: string; sentText?: string }>();

  const send = (msg: NudgeContentMessage): Promise<unknown> => {
    if (signal.aborted) return Promise.resolve(undefined);
    return deps.send(msg).catch(orphaned);
  };

  /** Classify what the composer holds now; undefined when there is nothing to say about it. */
  const readDraft = (composer: Element) => {
    const text = composerText(composer);
    if (!text) return undefined;
    const recipient = composerRecipient(doc, composer);
    if (!recipient) return undefined;
    // "Has a personal touch" is the background's to know: ask the classifier whether the text
    // reads as a pitch (promo without a personal reference) and let the background add the rest.
    const c = classifyMessage({ text, ...(recipient.name ? { recipientName: recipient.name } : {}), hasPersonalTouch: false });
    const comparable = wordCount(text) >= SHORT_TEXT_WORDS;
    return {
      text,
      fields: {
        site: 'linkedin' as const,
        handle: recipient.handle,
        depth: c.depth,
        signals: c.signals,
        ...(comparable ? { hash: c.hash } : {}),
        pitch: c.pitchWithoutListening,
      },
    };
  };

  const reportSent = (composer: Element, draft: NonNullable<ReturnType<typeof readDraft>>): void => {
    const state = drafts.get(composer) ?? {};
    if (state.sentText === draft.text) return;
    state.sentText = draft.text;
    if (state.timer !== undefined) clearTimeout(state.timer);
    state.timer = undefined;
    state.lastKey = undefined;
    drafts.set(composer, state);
    void send({ type: 'nudge/sent', ...draft.fields });
  };

  const byUser = (e: Event): boolean => e.isTrusted || deps.acceptSyntheticEvents === true;

  /** A reaction added: one touch per post or comment, whichever reaction it is. */
  const addReaction = (context: ReactionContext): void => {
    if (reactions.has(context.postKey)) return;
    const handle = context.authorHandle;
    const touchId = send({ type: 'nudge/like', site: 'linkedin', handle, postKey: context.postKey, state: 'added' }).then(touchIdOf);
    reactions.set(context.postKey, { handle, touchId });
  };

  /** The trigger or flyout opener the user last pointed at or focused: a flyout outside the post belongs to it. */
  let opener: Element | null = null;
  const onPointTo = (e: Event): void => {
    if (!byUser(e)) return;
    const target = asElement(e.target);
    const hit = target && reactionOpenerOf(target);
    if (hit) opener = hit;
  };

  const onClick = (e: Event): void => {
    if (!byUser(e)) return;
    const target = asElement(e.target);
    if (!target) return;
    try {
      const reactionButton = closestOf(target, FEED_SELECTORS.reactionButton);
      if (reactionButton) {
        // Capture phase: the button still shows the state before this click.
        const context = findReactionContext(reactionButton);
        if (!context) return;
        if (reactionStateOf(reactionButton) === 'none') {
          addReaction(context);
        } else {
          const added = reactions.get(context.postKey);
          reactions.delete(context.postKey);
          if (added) {
            void added.touchId.then((touchId) => {
              if (touchId) void send({ type: 'nudge/like', site: 'linkedin', handle: added.handle, postKey: context.postKey, state: 'removed', touchId });
            });
          }
        }
        return;
      }
      const menuItem = reactionMenuItemOf(target);
      if (menuItem) {
        // Any reaction from the flyout counts as a Like does; changing it is still one reaction.
        const trigger = triggerOfMenuItem(menuItem, opener);
        const context = trigger && findReactionContext(trigger);
        if (trigger && context && reactionStateOf(trigger) === 'none') addReaction(context);
        return;
      }
      const sendButton = closestOf(target, MESSAGING_SELECTORS.sendButton);
      if (sendButton) {
        const composer = composerOfSendButton(doc, sendButton);
        const draft = composer ? readDraft(composer) : undefined;
        if (composer && draft) reportSent(composer, draft);
        return;
      }
      const wish = findWishContext(target);
      if (wish) {
        const key = `${wish.personHandle} ${wish.kind}`;
        if (wished.has(key)) return;
        wished.add(key);
        void send({ type: 'nudge/wish', site: 'linkedin', handle: wish.personHandle, occasion: wish.kind });
      }
    } catch {
      // Reading the page must never break it: a markup Kith does not know is ignored.
    }
  };

  const onInput = (e: Event): void => {
    if (!byUser(e)) return;
    const target = asElement(e.target);
    if (!target) return;
    const composer = closestOf(target, MESSAGING_SELECTORS.composer);
    if (!composer) return;
    const state = drafts.get(composer) ?? {};
    drafts.set(composer, state);
    if (state.timer !== undefined) clearTimeout(state.timer);
    state.timer = setTimeout(() => {
      state.timer = undefined;
      if (signal.aborted) return;
      try {
        const draft = readDraft(composer);
        if (!draft) return;
        state.sentText = undefined;
        const { fields } = draft;
        // Nothing to tell about a short personal draft; a longer one may still be a duplicate.
        if (fields.depth === 'personal' && !fields.pitch && !fields.hash) return;
        const key = JSON.stringify(fields);
        if (key === state.lastKey) return;
        state.lastKey = key;
        void send({ type: 'nudge/compose', ...fields });
      } catch {
        // See onClick.
      }
    }, debounceMs);
  };

  const onKeyDown = (e: Event): void => {
    const k = e as KeyboardEvent;
    if (!byUser(e)) return;
    if (k.key !== 'Enter' || k.shiftKey || k.isComposing) return;
    const target = asElement(k.target);
    if (!target) return;
    const composer = closestOf(target, MESSAGING_SELECTORS.composer);
    if (!composer) return;
    let draft: ReturnType<typeof readDraft>;
    try {
      draft = readDraft(composer);
    } catch {
      return;
    }
    if (!draft) return;
    const snapshot = draft;
    // Enter sends or adds a line, depending on a LinkedIn setting: it was sent if the
    // composer empties right after. Watched with one observer, never polled.
    const observer = new MutationObserver(() => {
      if (composerText(composer) !== '') return;
      done();
      reportSent(composer, snapshot);
    });
    const timer = setTimeout(() => done(), sentWaitMs);
    const done = (): void => {
      observer.disconnect();
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
    };
    observer.observe(composer, { childList: true, subtree: true, characterData: true });
    signal.addEventListener('abort', done, { once: true });
  };

  const opts: AddEventListenerOptions = { capture: true, passive: true, signal };
  doc.addEventListener('click', onClick, opts);
  doc.addEventListener('input', onInput, opts);
  doc.addEventListener('keydown', onKeyDown, opts);
  doc.addEventListener('pointerover', onPointTo, opts);
  doc.addEventListener('focusin', onPointTo, opts);
}
