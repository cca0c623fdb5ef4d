/**
 * The one definition of the message protocol between content scripts / Kith's
 * pages and the background: each message's payload (a zod schema, checked on
 * arrival), its reply, and who may send it. The TypeScript types in `types.ts`
 * are inferred from here, so the schema, the types, the content-script subset
 * and the replies cannot drift apart. Only the background imports this module at
 * runtime (zod stays out of content scripts); everyone else imports the types.
 */
import { z } from 'zod';
import { SITE_IDS } from '@/lib/sites/table';
import { CHANNELS } from '@/lib/model/types';
import type { PersonView } from '@/lib/db/read';
import { checkServerAddress, DATABASE_NAME } from '@/lib/model/sync-address';
import type { JoinPreview, SyncStatus } from '@/lib/sync/contract';
import type { SearchReply } from '@/lib/search/people-search';

/** A site id: exactly the site table's ids. */
export const siteSchema = z.enum(SITE_IDS);
const site = siteSchema;
const handle = z.string().min(1).max(200);
const channel = z.enum(CHANNELS);
const text = z.string().max(10_000);
const id = z.string().min(1).max(100);
const identity = z.strictObject({
  site,
  handle,
  url: z.string().max(2048),
  name: z.string().max(300).optional(),
  headline: z.string().max(1000).optional(),
  location: z.string().max(300).optional(),
  photoUrl: z.string().max(2048).optional(),
});

/** Who may send a message: only Kith's own pages, or also a content script (about the profile in front of the user). */
type From = 'page' | 'content';

interface Definition<T extends string, S extends z.ZodRawShape, R extends z.ZodType, F extends From> {
  type: T;
  schema: z.ZodObject<{ type: z.ZodLiteral<T> } & S, z.core.$strict>;
  /** The data the background answers with. Its type is the contract; it is not parsed at runtime. */
  reply: R;
  from: F;
  /**
   * About what Kith showed in the sender's own tab: only a content script in a
   * tab may send it (the background checks which nudge).
   */
  tabScoped: boolean;
}

function defineMessage<T extends string, S extends z.ZodRawShape, R extends z.ZodType, F extends From>(
  type: T,
  def: { payload: S; reply: R; from: F; tabScoped?: boolean },
): Definition<T, S, R, F> {
  return { type, schema: z.strictObject({ type: z.literal(type), ...def.payload }), reply: def.reply, from: def.from, tabScoped: def.tabScoped ?? false };
}

/** What the background answers a nudge message: the passive or message touch it logged, if any. */
export interface NudgeReply {
  touchId?: string;
  /** A nudge was raised (and written to the session store for the side panel). */
  nudge?: string;
}

/** The reply of a message that answers nothing but success. */
const none = z.null();
const nudgeReply = z.custom<NudgeReply | null>();
const personView = z.custom<PersonView | null>();
const profile = { site, handle };
const draft = {
  ...profile,
  depth: z.enum(['personal', 'broadcast']),
  signals: z.array(z.enum(['placeholder', 'duplicate', 'promo', 'cta-link', 'no-name'])).max(5),
  hash: z
    .string()
    .regex(/^[0-9a-f]{16}$/)
    .optional(),
  pitch: z.boolean(),
};
const dismiss = { id, mute: z.enum(['person', 'kind']).optional() };
/** What the user typed in "Sync between your devices": checked here as on the page (the password and passphrase are never logged or stored in storage.sync). */
const syncConfig = {
  server: z
    .string()
    .max(2048)
    .refine((s) => checkServerAddress(s).ok),
  database: z.string().regex(DATABASE_NAME),
  username: z.string().min(1).max(256),
  password: z.string().min(1).max(1024),
  passphrase: z.string().min(1).max(1024),
  mode: z.enum(['first', 'join']),
};
const syncStatus = z.custom<SyncStatus>();

export const MESSAGE_DEFINITIONS = [
  // From a content script: only about the profile in front of the user.
  defineMessage('view/set', { payload: { identity: identity.nullable() }, reply: none, from: 'content' }),
  defineMessage('person/add', { payload: { identity, howWeMet: text.optional() }, reply: z.object({ personId: z.string() }), from: 'content' }),
  /** `undo`: a token a Kith page (the in-page card) may hand back in `undo/apply`. */
  defineMessage('touch/add', {
    payload: {
      ...profile,
      channel,
      depth: z.enum(['personal', 'passive', 'broadcast']).optional(),
      direction: z.enum(['in', 'out']).optional(),
      note: text.optional(),
      at: z.number().int().optional(),
    },
    reply: z.object({ touchId: z.string(), undo: z.string().optional() }),
    from: 'content',
  }),
  defineMessage('touch/undo', { payload: { ...profile, touchId: id }, reply: none, from: 'content' }),
  defineMessage('note/add', {
    payload: { ...profile, kind: z.enum(['listening', 'followup']), text: text.min(1), dueAt: z.number().int().optional() },
    reply: z.object({ noteId: z.string(), undo: z.string().optional() }),
    from: 'content',
  }),
  /** The opt-in in-page card: everything about the profile the sender tab shows, and only that one. */
  defineMessage('card/view', { payload: profile, reply: personView, from: 'content' }),
  defineMessage('note/done', { payload: { ...profile, noteId: id, done: z.boolean() }, reply: none, from: 'content' }),
  // In-the-moment nudges: what the user just did on the page, never what they wrote (codes and a digest).
  /** A reaction added (`touchId` absent) or taken back (`touchId` = the touch the add returned). */
  defineMessage('nudge/like', {
    payload: { ...profile, postKey: z.string().min(1).max(300), state: z.enum(['added', 'removed']), touchId: id.optional() },
    reply: nudgeReply,
    from: 'content',
  }),
  defineMessage('nudge/wish', { payload: { ...profile, occasion: z.enum(['birthday', 'anniversary', 'new-job']) }, reply: nudgeReply, from: 'content' }),
  /** `compose`: being written; `sent`: just sent. `hash` only for texts long enough to compare. */
  defineMessage('nudge/compose', { payload: draft, reply: nudgeReply, from: 'content' }),
  defineMessage('nudge/sent', { payload: draft, reply: nudgeReply, from: 'content' }),
  /** The opt-in in-page nudge card closes the nudge it shows (only the one handed to its own tab), optionally muting. */
  defineMessage('nudge/card-dismiss', { payload: dismiss, reply: nudgeReply, from: 'content', tabScoped: true }),
  // From Kith's own pages only (popup, side panel, options).
  defineMessage('badge/refresh', { payload: {}, reply: none, from: 'page' }),
  defineMessage('data/export', { payload: {}, reply: z.string(), from: 'page' }),
  defineMessage('data/delete-all', { payload: {}, reply: none, from: 'page' }),
  defineMessage('person/get', { payload: { personId: id }, reply: personView, from: 'page' }),
  // The search over everyone: the index lives in the background (lib/background/search.ts).
  defineMessage('search/query', {
    /** `fresh`: look at what changed before answering, announced or not (a page heard of a write and asks again). */
    payload: { query: z.string().max(200), limit: z.number().int().min(1).max(50).optional(), fresh: z.boolean().optional() },
    reply: z.custom<SearchReply>(),
    from: 'page',
  }),
  defineMessage('panel/open', { payload: { windowId: z.number().int().optional() }, reply: none, from: 'page' }),
  /** The side panel closes the current nudge, optionally muting the person or switching the kind off. */
  defineMessage('nudge/dismiss', { payload: dismiss, reply: nudgeReply, from: 'page' }),
  /** Undo a write the background made for this page (a token from its reply); refused (`undo-conflict`) when the rows changed since. */
  defineMessage('undo/apply', { payload: { token: id }, reply: none, from: 'page' }),
  // Sync between the user's devices: any of Kith's pages may ask for the state or a sync now; the rest only the options page (the background checks).
  defineMessage('sync/status', { payload: {}, reply: syncStatus, from: 'page' }),
  defineMessage('sync/now', { payload: {}, reply: syncStatus, from: 'page' }),
  defineMessage('sync/preview', { payload: syncConfig, reply: z.custom<JoinPreview>(), from: 'page' }),
  defineMessage('sync/turn-on', { payload: syncConfig, reply: syncStatus, from: 'page' }),
  defineMessage('sync/turn-off', { payload: { forgetServerCopy: z.boolean() }, reply: none, from: 'page' }),
] as const;

type Definitions = typeof MESSAGE_DEFINITIONS;
type Schemas<D extends readonly Definition<string, z.ZodRawShape, z.ZodType, From>[]> = { readonly [I in keyof D]: D[I]['schema'] };

function schemasOf<D extends readonly Definition<string, z.ZodRawShape, z.ZodType, From>[]>(defs: D): Schemas<D> {
  // A mapped tuple type has no runtime counterpart to `map`; the element types are those of `defs`.
  return defs.map((d) => d.schema) as unknown as Schemas<D>;
}

export const messageSchema = z.discriminatedUnion('type', schemasOf(MESSAGE_DEFINITIONS));

/** The definition of each message, by type. */
export type DefinitionOf = { [D in Definitions[number] as D['type']]: D };

const byType = new Map<string, Definitions[number]>(MESSAGE_DEFINITIONS.map((d) => [d.type, d]));

/** May a content script send this message? */
export function fromContent(type: string): boolean {
  return byType.get(type)?.from === 'content';
}

/** Is this message about what Kith showed in the sender's own tab? */
export function isTabScoped(type: string): boolean {
  return byType.get(type)?.tabScoped === true;
}

export function parseMessage(raw: unknown) {
  const r = messageSchema.safeParse(raw);
  return r.success ? r.data : undefined;
}
