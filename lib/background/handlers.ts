/**
 * What the background answers. Pure of `chrome.*`: the browser pieces it needs
 * (the session store of the profile in view) come in as parameters, so tests run
 * it against fake-indexeddb and WXT's fake browser alike.
 */
import type { KithDB } from '@/lib/db/db';
import { addNote, addPerson, applyUndo, logTouch, removeTouch, setFollowUpDone, withUndo, type WriteContext } from '@/lib/db/writes';
import { findPersonByProfile, personView } from '@/lib/db/read';
import { newId } from '@/lib/db/writes/tx';
import type { Message, MessageType, NudgeReply, ReplyData } from '@/lib/messages/types';
import type { PageIdentity, SiteId } from '@/lib/model/types';
import type { SearchReply } from '@/lib/search/people-search';
import { adapterForUrl } from '@/lib/sites/registry';
import type { SenderInfo, SenderKind } from '@/lib/messages/router';
import { defaultNudgeEnv, handleNudge, isNudgeMessage, offerInPage, type NudgeEnv } from './nudges';
import { warnFailed } from '@/lib/platform/warn';
import { senderPageLinksTo, senderShows, type PageLinks, type TabUrl } from './sender-view';
import { createUndoTokens } from './undo-tokens';
import { handleSync, isSyncMessage } from './sync-handlers';
import type { SyncService } from '@/lib/sync/contract';

export interface HandlerDeps {
  db: KithDB;
  ctx: () => Promise<WriteContext>;
  setView: (windowId: number | undefined, tabId: number | undefined, identity: PageIdentity | null) => Promise<void>;
  refreshBadge: () => Promise<void>;
  exportAll?: () => Promise<string>;
  deleteAll?: () => Promise<void>;
  openPanel?: (windowId?: number) => Promise<void>;
  /** The search over everyone (lib/background/search.ts). */
  search?: (query: string, limit?: number, fresh?: boolean) => Promise<SearchReply>;
  /** Browser pieces of in-the-moment nudges (settings, session store); the real ones by default. */
  nudgeEnv?: NudgeEnv;
  /** Is this site on in the settings? What a content script sends from a site that is off is not taken. */
  siteOn?: (site: SiteId) => Promise<boolean>;
  /** The URL a tab shows now; absent (tests), the sender's own URL stands in. */
  tabUrl?: TabUrl;
  /** The links of a tab's page, for nudges about someone the page shows; absent (tests), not checked. */
  pageLinks?: PageLinks;
  /** The sync engine, once the background has one; absent, sync answers that it is off. */
  sync?: () => SyncService | undefined;
  /** The extension's own origin (`chrome-extension://<id>/`): some sync messages come only from its options page. */
  ownOrigin?: string;
}

/** The sites a content message is about: the sender page's own, and the one it names. */
function sitesOf(msg: Message, sender: SenderInfo): SiteId[] {
  const out: SiteId[] = [];
  const page = sender.url ? adapterForUrl(sender.url)?.site : undefined;
  if (page) out.push(page);
  if (msg.type === 'view/set' || msg.type === 'person/add') {
    if (msg.identity) out.push(msg.identity.site);
  } else if ('site' in msg) out.push(msg.site);
  return out;
}

/**
 * People a content script may add, per tab: a few a minute. Adding someone by
 * hand is a visit to their profile, a name to check and a click, so a real user
 * stays well below; a script stepping its tab through profiles with pushState
 * and adding each is held to this pace.
 */
export const PERSON_ADD_LIMIT = { count: 5, perMs: 60_000 };

/** A touch logged from a page happened between this floor and now. */
export const TOUCH_FLOOR = Date.UTC(1900, 0, 1);

/** Reaction ids handed out for people Kith does not know: taking one back answers as a real one does. */
const DECOY_LIKES_KEY = 'kith.decoyLikes';
interface DecoyLike {
  id: string;
  tabId: number;
  at: number;
}

/** The reply of one message, checked against its definition where the switch has narrowed `msg.type`. */
const answer = <T extends MessageType>(_type: T, data: ReplyData<T>): ReplyData<T> => data;

/** A content script may only take back a touch it logged itself, on that profile, just now. */
const UNDO_WINDOW_MS = 10 * 60_000;

export function createHandler(deps: HandlerDeps) {
  const { db } = deps;
  let nudgeEnv = deps.nudgeEnv;
  const addedAt = new Map<number, number[]>();
  const undoTokens = createUndoTokens(() => (nudgeEnv ??= defaultNudgeEnv()));
  /** A write asked by a Kith page runs with undo, and the page gets a token for it; a content script's does not (it has `touch/undo`). */
  const maybeUndoable = async <T>(kind: SenderKind, sender: SenderInfo, ctx: WriteContext, write: () => Promise<T>): Promise<{ result: T; undo?: string }> => {
    if (kind !== 'page') return { result: await write() };
    const { result, undo } = await withUndo(db, write, ctx.now);
    return { result, undo: await undoTokens.keep(undo, sender.tab?.id, ctx.now) };
  };
  const shows = async (sender: SenderInfo, site: string, handle: string) => {
    if (!(await senderShows(sender, site, handle, deps.tabUrl))) throw new Error('forbidden');
  };
  /** A content script writes only about the profile its tab shows; Kith's own pages write about anyone. */
  const contentShows = async (kind: SenderKind, sender: SenderInfo, site: string, handle: string) => {
    if (kind === 'content') await shows(sender, site, handle);
  };
  /** Counts one `person/add` of the sender's tab against the limit; refuses past it. */
  const takePersonAdd = (tabId: number | undefined, now: number) => {
    const key = tabId ?? -1;
    const recent = (addedAt.get(key) ?? []).filter((at) => now - at < PERSON_ADD_LIMIT.perMs);
    if (recent.length >= PERSON_ADD_LIMIT.count) {
      addedAt.set(key, recent);
      throw new Error('rate-limited');
    }
    recent.push(now);
    addedAt.set(key, recent);
  };
  return async (msg: Message, sender: SenderInfo, kind: SenderKind): Promise<ReplyData<MessageType>> => {
    // A site turned off is not read: its script stops on its own, and whatever it
    // still sends (a message already on its way) is not taken. Closing a nudge
    // Kith already showed stays possible.
    if (kind === 'content' && deps.siteOn && msg.type !== 'nudge/card-dismiss') {
      for (const site of sitesOf(msg, sender)) {
        if (await deps.siteOn(site)) continue;
        if (msg.type === 'view/set') {
          await deps.setView(sender.tab?.windowId, sender.tab?.id, null);
          return null;
        }
        throw new Error('site-off');
      }
    }
    if (isSyncMessage(msg)) return handleSync(msg, sender, { origin: deps.ownOrigin ?? '' }, deps.sync?.());
    if (isNudgeMessage(msg)) {
      nudgeEnv ??= defaultNudgeEnv();
      const nudgeDeps = { db, ctx: deps.ctx, refreshBadge: deps.refreshBadge, env: nudgeEnv };
      const tabId = kind === 'content' ? sender.tab?.id : undefined;
      if (kind !== 'content' || msg.type === 'nudge/card-dismiss' || msg.type === 'nudge/dismiss') {
        return handleNudge(msg, nudgeDeps, tabId !== undefined ? { tabId } : {});
      }
      // What the user did on the page is about someone the page shows: a link to them is in it.
      if (!(await senderPageLinksTo(sender, msg.site, msg.handle, deps.pageLinks))) throw new Error('forbidden');
      const env = nudgeEnv;
      const decoys = async (now: number) => ((await env.getSession<DecoyLike[]>(DECOY_LIKES_KEY)) ?? []).filter((d) => now - d.at < UNDO_WINDOW_MS);
      if (msg.type === 'nudge/like' && msg.state === 'removed') {
        // Known and unknown people answer alike: a reaction id this tab was handed is taken back, anything else is refused.
        const now = (await deps.ctx()).now;
        const list = await decoys(now);
        if (msg.touchId && list.some((d) => d.id === msg.touchId && d.tabId === tabId)) {
          await env.setSession(
            DECOY_LIKES_KEY,
            list.filter((d) => d.id !== msg.touchId),
          );
          return {};
        }
        const found = await findPersonByProfile(db, msg.site, msg.handle);
        const touch = msg.touchId ? await db.touches.get(msg.touchId) : undefined;
        if (!found || !touch || touch.personId !== found.person.id) throw new Error('forbidden');
      }
      const reply = await handleNudge(msg, nudgeDeps, tabId !== undefined ? { tabId } : {});
      // The opt-in in-page card shows it too; never delays or fails the reply.
      void offerInPage(msg, reply, tabId, nudgeDeps).catch(warnFailed('offering the nudge in the page'));
      // The same answer whether Kith knows the person or not: only a reaction's id, which
      // the script needs to take it back, and for someone unknown an id that stands for nothing.
      if (msg.type !== 'nudge/like' || msg.state !== 'added') return {} satisfies NudgeReply;
      let touchId = reply?.touchId;
      if (!touchId) {
        const now = (await deps.ctx()).now;
        touchId = newId();
        if (tabId !== undefined) await env.setSession(DECOY_LIKES_KEY, [...(await decoys(now)), { id: touchId, tabId, at: now }].slice(-200));
      }
      return { touchId } satisfies NudgeReply;
    }
    switch (msg.type) {
      case 'view/set':
        await deps.setView(sender.tab?.windowId, sender.tab?.id, msg.identity);
        return null;
      case 'person/add': {
        await contentShows(kind, sender, msg.identity.site, msg.identity.handle);
        const ctx = await deps.ctx();
        if (kind === 'content') takePersonAdd(sender.tab?.id, ctx.now);
        const name = msg.identity.name?.trim() || msg.identity.handle;
        const person = await addPerson(
          db,
          {
            name,
            ...(msg.identity.headline ? { headline: msg.identity.headline } : {}),
            ...(msg.identity.location ? { location: msg.identity.location } : {}),
            ...(msg.identity.photoUrl ? { photoUrl: msg.identity.photoUrl } : {}),
            ...(msg.howWeMet ? { howWeMet: msg.howWeMet } : {}),
            identity: msg.identity,
          },
          ctx,
        );
        await deps.refreshBadge();
        return answer(msg.type, { personId: person.id });
      }
      case 'touch/add': {
        await contentShows(kind, sender, msg.site, msg.handle);
        const ctx = await deps.ctx();
        if (msg.at !== undefined && (msg.at > ctx.now || msg.at < TOUCH_FLOOR)) throw new Error('invalid-date');
        const found = await findPersonByProfile(db, msg.site, msg.handle);
        if (!found) throw new Error('unknown-person');
        const { result: touch, undo } = await maybeUndoable(kind, sender, ctx, () =>
          logTouch(
            db,
            {
              personId: found.person.id,
              channel: msg.channel,
              ...(msg.depth ? { depth: msg.depth } : {}),
              ...(msg.direction ? { direction: msg.direction } : {}),
              ...(msg.note ? { note: msg.note } : {}),
              ...(msg.at !== undefined ? { at: msg.at } : {}),
              source: 'page',
              site: msg.site,
            },
            ctx,
          ),
        );
        await deps.refreshBadge();
        return answer(msg.type, { touchId: touch.id, ...(undo ? { undo } : {}) });
      }
      case 'touch/undo': {
        await contentShows(kind, sender, msg.site, msg.handle);
        const found = await findPersonByProfile(db, msg.site, msg.handle);
        const touch = await db.touches.get(msg.touchId);
        const ctx = await deps.ctx();
        if (!found || !touch || touch.personId !== found.person.id || touch.source !== 'page' || ctx.now - touch.createdAt > UNDO_WINDOW_MS) {
          throw new Error('forbidden');
        }
        await removeTouch(db, touch.id, ctx);
        await deps.refreshBadge();
        return null;
      }
      case 'note/add': {
        await contentShows(kind, sender, msg.site, msg.handle);
        const found = await findPersonByProfile(db, msg.site, msg.handle);
        if (!found) throw new Error('unknown-person');
        const ctx = await deps.ctx();
        const { result: note, undo } = await maybeUndoable(kind, sender, ctx, () =>
          addNote(db, { personId: found.person.id, kind: msg.kind, text: msg.text, ...(msg.dueAt !== undefined ? { dueAt: msg.dueAt } : {}) }, ctx),
        );
        await deps.refreshBadge();
        return answer(msg.type, { noteId: note.id, ...(undo ? { undo } : {}) });
      }
      case 'card/view': {
        // Only the profile the sender's own page shows: a content script cannot
        // read anyone else's notes, whatever it asks.
        await shows(sender, msg.site, msg.handle);
        const found = await findPersonByProfile(db, msg.site, msg.handle);
        return answer(msg.type, found ? ((await personView(db, found.person.id)) ?? null) : null);
      }
      case 'note/done': {
        await shows(sender, msg.site, msg.handle);
        const found = await findPersonByProfile(db, msg.site, msg.handle);
        const note = await db.notes.get(msg.noteId);
        if (!found || !note || note.personId !== found.person.id) throw new Error('forbidden');
        await setFollowUpDone(db, note.id, msg.done, await deps.ctx());
        await deps.refreshBadge();
        return null;
      }
      case 'undo/apply': {
        const record = await undoTokens.take(msg.token, sender.tab?.id, (await deps.ctx()).now);
        if (!record) throw new Error('undo-expired');
        await applyUndo(db, record);
        await deps.refreshBadge();
        return null;
      }
      case 'badge/refresh':
        await deps.refreshBadge();
        return null;
      case 'person/get':
        return answer(msg.type, (await personView(db, msg.personId)) ?? null);
      case 'data/export':
        if (!deps.exportAll) throw new Error('unsupported');
        return answer(msg.type, await deps.exportAll());
      case 'data/delete-all':
        if (!deps.deleteAll) throw new Error('unsupported');
        await deps.deleteAll();
        return null;
      case 'panel/open':
        await deps.openPanel?.(msg.windowId);
        return null;
      case 'search/query':
        if (!deps.search) throw new Error('unsupported');
        return answer(msg.type, await deps.search(msg.query, msg.limit, msg.fresh));
    }
  };
}
