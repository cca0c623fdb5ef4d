/**
 * The types of the message protocol, inferred from its one definition in
 * `schema.ts`. Types only: content scripts import this without pulling zod in
 * (every import here is `import type`, erased from the bundle); the background
 * validates every message on arrival with `schema.ts`.
 */
import type { z } from 'zod';
import type { CurrentNudge } from '@/lib/nudges/session';
import type { DefinitionOf } from './schema';

export type { NudgeReply } from './schema';

export type MessageType = keyof DefinitionOf;

/** The message of one type, as the schema accepts it. */
export type MessageOf<T extends MessageType> = z.infer<DefinitionOf[T]['schema']>;

/** Every message a content script or one of Kith's pages may send the background. */
export type Message = { [T in MessageType]: MessageOf<T> }[MessageType];

/** What a content script may ask: only about the profile in front of the user. */
export type ContentMessage = Extract<Message, { type: { [T in MessageType]: DefinitionOf[T]['from'] extends 'content' ? T : never }[MessageType] }>;

/** What only Kith's own pages (popup, side panel, options) may ask. */
export type PageMessage = Exclude<Message, ContentMessage>;

/** In-the-moment nudges from a content script: what the user just did on the page, never what they wrote. */
export type NudgeContentMessage = MessageOf<'nudge/like' | 'nudge/wish' | 'nudge/compose' | 'nudge/sent'>;

/**
 * The opt-in in-page nudge card closes the nudge it shows, optionally muting its
 * person or switching its kind off. Tab-scoped: the background accepts it only for
 * the nudge it handed to the sender's own tab (`nudge/show`), nothing else.
 */
export type NudgeCardDismissMessage = MessageOf<'nudge/card-dismiss'>;

/** The data the background answers a message of type `T` with. */
export type ReplyData<T extends MessageType> = z.infer<DefinitionOf[T]['reply']>;

/** The envelope the background answers with: the data, or an error code. */
export type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: string };

/** The whole answer to a message of type `T`, as `browser.runtime.sendMessage` resolves it. */
export type ReplyTo<T extends MessageType> = Reply<ReplyData<T>>;

/**
 * Background → the opt-in in-page card script of the tab that raised a nudge
 * (only when the user chose "inside the page"): the nudge and the few words it
 * needs, so the card shows what the side panel shows. Never sent to the page.
 */
export interface NudgeShowMessage {
  type: 'nudge/show';
  nudge: CurrentNudge;
  name: string;
  phone?: string;
  lastHeard?: string;
  /** The post the reaction was on, so the card can sit right after it. */
  postKey?: string;
}

/** Background → the in-page card script: the nudge it shows was answered elsewhere (side panel, un-react). */
export interface NudgeHideMessage {
  type: 'nudge/hide';
  id: string;
}

/** Background → the opt-in in-page notes card: the user asked to show or hide it (toolbar command). */
export interface CardToggleMessage {
  type: 'card/toggle';
}

/**
 * What the background sends a content script in a tab. Not validated with zod
 * (content scripts stay free of it): each receiver checks the shape with a guard.
 */
export type TabMessage = NudgeShowMessage | NudgeHideMessage | CardToggleMessage;
