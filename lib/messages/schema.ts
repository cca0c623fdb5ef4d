import { z } from 'zod';
import { SITE_IDS } from '../sites/table';
import type { Message } from './types';

/** A site id: exactly the site table's ids. */
export const siteSchema = z.enum(SITE_IDS);
const site = siteSchema;
const handle = z.string().min(1).max(200);
const channel = z.enum(['call', 'video', 'meeting', 'message', 'email', 'voice', 'help', 'like', 'wish', 'endorsement', 'repost', 'promo', 'newsletter', 'mass-message', 'connected']);
const text = z.string().max(10_000);
const identity = z.strictObject({
  site,
  handle,
  url: z.string().max(2048),
  name: z.string().max(300).optional(),
  headline: z.string().max(1000).optional(),
  location: z.string().max(300).optional(),
  photoUrl: z.string().max(2048).optional(),
});

export const messageSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('view/set'), identity: identity.nullable() }),
  z.strictObject({ type: z.literal('person/add'), identity, howWeMet: text.optional() }),
  z.strictObject({
    type: z.literal('touch/add'),
    site,
    handle,
    channel,
    depth: z.enum(['personal', 'passive', 'broadcast']).optional(),
    direction: z.enum(['in', 'out']).optional(),
    note: text.optional(),
    at: z.number().int().optional(),
  }),
  z.strictObject({ type: z.literal('touch/undo'), site, handle, touchId: z.string().min(1).max(100) }),
  z.strictObject({ type: z.literal('note/add'), site, handle, kind: z.enum(['listening', 'followup']), text: text.min(1), dueAt: z.number().int().optional() }),
  z.strictObject({ type: z.literal('card/view'), site, handle }),
  z.strictObject({ type: z.literal('note/done'), site, handle, noteId: z.string().min(1).max(100), done: z.boolean() }),
  z.strictObject({ type: z.literal('badge/refresh') }),
  z.strictObject({ type: z.literal('data/export') }),
  z.strictObject({ type: z.literal('data/delete-all') }),
  z.strictObject({ type: z.literal('person/get'), personId: z.string().min(1).max(100) }),
  z.strictObject({ type: z.literal('panel/open'), windowId: z.number().int().optional() }),
  // nudges (issue 6): codes and a digest, never message text
  z.strictObject({ type: z.literal('nudge/like'), site, handle, postKey: z.string().min(1).max(300), state: z.enum(['added', 'removed']), touchId: z.string().min(1).max(100).optional() }),
  z.strictObject({ type: z.literal('nudge/wish'), site, handle, occasion: z.enum(['birthday', 'anniversary', 'new-job']) }),
  ...(['nudge/compose', 'nudge/sent'] as const).map((type) =>
    z.strictObject({
      type: z.literal(type),
      site,
      handle,
      depth: z.enum(['personal', 'broadcast']),
      signals: z.array(z.enum(['placeholder', 'duplicate', 'promo', 'cta-link', 'no-name'])).max(5),
      hash: z.string().regex(/^[0-9a-f]{16}$/).optional(),
      pitch: z.boolean(),
    }),
  ),
  z.strictObject({ type: z.literal('nudge/dismiss'), id: z.string().min(1).max(100), mute: z.enum(['person', 'kind']).optional() }),
  // the in-page nudge card: only the nudge shown in the sender's tab (checked by the router and the background)
  z.strictObject({ type: z.literal('nudge/card-dismiss'), id: z.string().min(1).max(100), mute: z.enum(['person', 'kind']).optional() }),
]);

export function parseMessage(raw: unknown): Message | undefined {
  const r = messageSchema.safeParse(raw);
  return r.success ? (r.data as Message) : undefined;
}
