/**
 * Writes to touches: log one, correct one, take one back, and the user's
 * correction of how a message logged from a page was read. Part of the write
 * module: see `./index.ts`.
 */
import type { Channel, Direction, SiteId, Touch, TouchDepth, TouchSource } from '@/lib/model/types';
import { isLive } from '@/lib/relationship/people-list';
import { depthOfChannel } from '@/lib/relationship/touches';
import type { KithDB } from '@/lib/db/db';
import { newId, refreshSummary, stampPerson, SUMMARY_TABLES, writeTx, type WriteContext } from './tx';

export interface TouchInput {
  personId: string;
  channel: Channel;
  depth?: TouchDepth;
  direction?: Direction;
  at?: number;
  note?: string;
  source: TouchSource;
  site?: SiteId;
  sourceKey?: string;
}

export function makeTouch(input: TouchInput, now: number): Touch {
  return {
    id: newId(),
    personId: input.personId,
    channel: input.channel,
    depth: input.depth ?? depthOfChannel(input.channel) ?? 'personal',
    direction: input.direction ?? 'out',
    at: input.at ?? now,
    ...(input.note?.trim() ? { note: input.note.trim() } : {}),
    source: input.source,
    ...(input.site ? { site: input.site } : {}),
    ...(input.sourceKey ? { sourceKey: input.sourceKey } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

export async function logTouch(db: KithDB, input: TouchInput, ctx: WriteContext): Promise<Touch> {
  return writeTx(db, SUMMARY_TABLES, async () => {
    const person = await db.people.get(input.personId);
    if (!person || !isLive(person)) throw new Error('no-such-person');
    const touch = makeTouch(input, ctx.now);
    await db.touches.add(touch);
    // A personal touch ends a snooze: the person was reached.
    if (touch.depth === 'personal' && person.snoozedUntil) await db.people.update(person.id, { snoozedUntil: undefined });
    await stampPerson(db, person.id, ctx.now);
    await refreshSummary(db, person.id, ctx);
    return touch;
  });
}

/** Take a touch back (a tombstone, as every delete, so that a later sync can pass the delete on). */
export async function removeTouch(db: KithDB, touchId: string, ctx: WriteContext): Promise<void> {
  await writeTx(db, SUMMARY_TABLES, async () => {
    const touch = await db.touches.get(touchId);
    if (!touch || touch.deletedAt) return;
    await db.touches.put({ ...touch, note: undefined, deletedAt: ctx.now, updatedAt: ctx.now });
    await refreshSummary(db, touch.personId, ctx);
  });
}

export interface TouchPatch {
  channel?: Channel;
  depth?: TouchDepth;
  direction?: Direction;
  at?: number;
  note?: string;
}

/** A touch corrected from the timeline or the editor: when, how, which way, and its note. */
export async function updateTouch(db: KithDB, touchId: string, patch: TouchPatch, ctx: WriteContext): Promise<void> {
  await writeTx(db, SUMMARY_TABLES, async () => {
    const touch = await db.touches.get(touchId);
    if (!touch || touch.deletedAt) return;
    const next: Touch = { ...touch, ...patch, updatedAt: ctx.now };
    if (patch.note !== undefined && patch.note.trim() === '') delete next.note;
    await db.touches.put(next);
    await refreshSummary(db, touch.personId, ctx);
  });
}

/** The timeline's name for `updateTouch`. */
export const editTouch = updateTouch;

/**
 * The user corrects how a message logged from a page was classified ("this was
 * personal" / "this was a broadcast"). Only page-logged messages; the summary
 * follows in the same transaction.
 */
export async function reclassifyMessage(db: KithDB, touchId: string, depth: Extract<TouchDepth, 'personal' | 'broadcast'>, ctx: WriteContext): Promise<void> {
  await writeTx(db, SUMMARY_TABLES, async () => {
    const touch = await db.touches.get(touchId);
    if (!touch || touch.deletedAt || touch.source !== 'page' || touch.channel !== 'message') return;
    if (touch.depth === depth) return;
    await db.touches.put({ ...touch, depth, updatedAt: ctx.now });
    await refreshSummary(db, touch.personId, ctx);
  });
}
