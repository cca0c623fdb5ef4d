/**
 * The one message protocol between content scripts / extension pages and the
 * background. Types only: content scripts import this without pulling zod in; the
 * background validates every message on arrival with `schema.ts`.
 */
import type { Channel, Direction, NoteKind, PageIdentity, SiteId, TouchDepth } from '../model/types';

export interface ProfileRef {
  site: SiteId;
  handle: string;
}

/** What a content script may ask: only about the profile in front of the user. */
export type ContentMessage =
  | { type: 'view/set'; identity: PageIdentity | null }
  | ({ type: 'profile/lookup' } & ProfileRef)
  | { type: 'person/add'; identity: PageIdentity; howWeMet?: string }
  | ({ type: 'touch/add'; channel: Channel; depth?: TouchDepth; direction?: Direction; note?: string } & ProfileRef)
  | ({ type: 'touch/undo'; touchId: string } & ProfileRef)
  | ({ type: 'note/add'; kind: NoteKind; text: string; dueAt?: number } & ProfileRef);

/** What only Kith's own pages (popup, side panel, options) may ask. */
export type PageMessage =
  | { type: 'badge/refresh' }
  | { type: 'data/export' }
  | { type: 'data/delete-all' }
  | { type: 'person/get'; personId: string }
  | { type: 'panel/open'; windowId?: number };

export type Message = ContentMessage | PageMessage;
export type MessageType = Message['type'];

export const CONTENT_MESSAGE_TYPES = ['view/set', 'profile/lookup', 'person/add', 'touch/add', 'touch/undo', 'note/add'] as const satisfies readonly ContentMessage['type'][];

/** What a content script learns about a profile: whether it is known, nothing more. */
export type LookupResult = { known: false } | { known: true; name: string; phone?: string; hasPersonalTouch: boolean };

export type Reply<T = unknown> = { ok: true; data: T } | { ok: false; error: string };
