/**
 * The one message protocol between content scripts / extension pages and the
 * background. Types only: content scripts import this without pulling zod in; the
 * background validates every message on arrival with `schema.ts`.
 */
import type { Channel, Direction, NoteKind, PageIdentity, SiteId, TouchDepth } from '../model/types';
import type { Signal } from '../nudges/classify';
import type { CurrentNudge } from '../nudges/store';

export interface ProfileRef {
  site: SiteId;
  handle: string;
}

/** What a content script may ask: only about the profile in front of the user. */
export type ContentMessage =
  | { type: 'view/set'; identity: PageIdentity | null }
  | { type: 'person/add'; identity: PageIdentity; howWeMet?: string }
  | ({ type: 'touch/add'; channel: Channel; depth?: TouchDepth; direction?: Direction; note?: string; at?: number } & ProfileRef)
  | ({ type: 'touch/undo'; touchId: string } & ProfileRef)
  | ({ type: 'note/add'; kind: NoteKind; text: string; dueAt?: number } & ProfileRef)
  /** The opt-in in-page card: everything about the profile the sender tab shows, and only that one. */
  | ({ type: 'card/view' } & ProfileRef)
  | ({ type: 'note/done'; noteId: string; done: boolean } & ProfileRef)
  | NudgeContentMessage
  | NudgeCardDismissMessage;

/**
 * The opt-in in-page nudge card closes the nudge it shows, optionally muting its
 * person or switching its kind off. Tab-scoped: the background accepts it only for
 * the nudge it handed to the sender's own tab (`nudge/show`), nothing else.
 */
export interface NudgeCardDismissMessage {
  type: 'nudge/card-dismiss';
  id: string;
  mute?: 'person' | 'kind';
}

/**
 * In-the-moment nudges (issue 6): what the user just did on the page, never what
 * they wrote. A message travels as its classification and a digest only.
 */
export type NudgeContentMessage =
  /** A reaction added (`touchId` absent) or taken back (`touchId` = the touch the add returned). */
  | ({ type: 'nudge/like'; postKey: string; state: 'added' | 'removed'; touchId?: string } & ProfileRef)
  | ({ type: 'nudge/wish'; occasion: 'birthday' | 'anniversary' | 'new-job' } & ProfileRef)
  /** `compose`: being written; `sent`: just sent. `hash` only for texts long enough to compare. */
  | ({ type: 'nudge/compose' | 'nudge/sent'; depth: 'personal' | 'broadcast'; signals: Signal[]; hash?: string; pitch: boolean } & ProfileRef);

/** What only Kith's own pages (popup, side panel, options) may ask. */
export type PageMessage =
  | { type: 'badge/refresh' }
  | { type: 'data/export' }
  | { type: 'data/delete-all' }
  | { type: 'person/get'; personId: string }
  | { type: 'panel/open'; windowId?: number }
  /** The side panel closes the current nudge, optionally muting the person or switching the kind off. */
  | { type: 'nudge/dismiss'; id: string; mute?: 'person' | 'kind' };

export type Message = ContentMessage | PageMessage;
export type MessageType = Message['type'];

/** Messages about what Kith showed in the sender's own tab: only from a content script in a tab. */
export const TAB_SCOPED_MESSAGE_TYPES = ['nudge/card-dismiss'] as const satisfies readonly ContentMessage['type'][];

export const CONTENT_MESSAGE_TYPES = ['view/set', 'person/add', 'touch/add', 'touch/undo', 'note/add', 'card/view', 'note/done', 'nudge/like', 'nudge/wish', 'nudge/compose', 'nudge/sent', 'nudge/card-dismiss'] as const satisfies readonly ContentMessage['type'][];

/** What a content script learns about a profile: whether it is known, nothing more. */

export type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: string };

/** What the background answers a nudge message: the passive or message touch it logged, if any. */
export interface NudgeReply {
  touchId?: string;
  /** A nudge was raised (and written to the session store for the side panel). */
  nudge?: string;
}

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
