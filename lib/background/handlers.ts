/**
 * What the background answers. Pure of `chrome.*`: the browser pieces it needs
 * (the session store of the profile in view) come in as parameters, so tests run
 * it against fake-indexeddb and WXT's fake browser alike.
 */
import type { KithDB } from '../db/db';
import { addNote, addPerson, logTouch, removeTouch, setFollowUpDone, type WriteContext } from '../db/writes';
import { findPersonByProfile, personView } from '../db/read';
import { canonicalHandle, handleFromProfileUrl } from '../sites/identity';
import type { Message, MessageType, ReplyData } from '../messages/types';
import type { PageIdentity, SiteId } from '../model/types';
import { adapterForUrl } from '../sites/registry';
import type { SenderInfo, SenderKind } from '../messages/router';
import { defaultNudgeEnv, handleNudge, isNudgeMessage, offerInPage, type NudgeEnv } from './nudges';

export interface HandlerDeps {
  db: KithDB;
  ctx: () => Promise<WriteContext>;
  setView: (windowId: number | undefined, tabId: number | undefined, identity: PageIdentity | null) => Promise<void>;
  refreshBadge: () => Promise<void>;
  exportAll?: () => Promise<string>;
  deleteAll?: () => Promise<void>;
  openPanel?: (windowId?: number) => Promise<void>;
  /** Browser pieces of in-the-moment nudges (settings, session store); the real ones by default. */
  nudgeEnv?: NudgeEnv;
  /** Is this site on in the settings? What a content script sends from a site that is off is not taken. */
  siteOn?: (site: SiteId) => Promise<boolean>;
  /**
   * The URL a tab shows now (`tabs.get`). `sender.url` is where the frame's document
   * was loaded, and Chromium does not update it after the page's `history.pushState`
   * (LinkedIn's feed → profile), while the tab's URL follows. Absent: `sender.url`.
   */
  tabUrl?: (tabId: number) => Promise<string | undefined>;
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
 * Does the sender's tab show this profile? Asked of the tab itself: it follows
 * in-page navigation, and the in-page card's frame (an extension page) has no
 * LinkedIn URL of its own.
 */
async function senderShows(deps: HandlerDeps, sender: SenderInfo, site: string, handle: string): Promise<boolean> {
  const tabId = sender.tab?.id;
  const url = deps.tabUrl ? (tabId !== undefined ? await deps.tabUrl(tabId).catch(() => undefined) : undefined) : sender.url;
  const shown = url ? handleFromProfileUrl(url) : undefined;
  return !!shown && shown.site === site && shown.handle === canonicalHandle(handle);
}

/** The reply of one message, checked against its definition where the switch has narrowed `msg.type`. */
const answer = <T extends MessageType>(_type: T, data: ReplyData<T>): ReplyData<T> => data;

/** A content script may only take back a touch it logged itself, on that profile, just now. */
const UNDO_WINDOW_MS = 10 * 60_000;

export function createHandler(deps: HandlerDeps) {
  const { db } = deps;
  let nudgeEnv = deps.nudgeEnv;
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
    if (isNudgeMessage(msg)) {
      nudgeEnv ??= defaultNudgeEnv();
      const nudgeDeps = { db, ctx: deps.ctx, refreshBadge: deps.refreshBadge, env: nudgeEnv };
      const tabId = kind === 'content' ? sender.tab?.id : undefined;
      const reply = await handleNudge(msg, nudgeDeps, tabId !== undefined ? { tabId } : {});
      // The opt-in in-page card shows it too; never delays or fails the reply.
      if (kind === 'content') void offerInPage(msg, reply, sender.tab?.id, nudgeDeps).catch(() => undefined);
      return reply;
    }
    switch (msg.type) {
      case 'view/set':
        await deps.setView(sender.tab?.windowId, sender.tab?.id, msg.identity);
        return null;
      case 'person/add': {
        const ctx = await deps.ctx();
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
        const found = await findPersonByProfile(db, msg.site, msg.handle);
        if (!found) throw new Error('unknown-person');
        const ctx = await deps.ctx();
        const touch = await logTouch(
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
        );
        await deps.refreshBadge();
        return answer(msg.type, { touchId: touch.id });
      }
      case 'touch/undo': {
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
        const found = await findPersonByProfile(db, msg.site, msg.handle);
        if (!found) throw new Error('unknown-person');
        const note = await addNote(db, { personId: found.person.id, kind: msg.kind, text: msg.text, ...(msg.dueAt !== undefined ? { dueAt: msg.dueAt } : {}) }, await deps.ctx());
        await deps.refreshBadge();
        return answer(msg.type, { noteId: note.id });
      }
      case 'card/view': {
        // Only the profile the sender's own page shows: a content script cannot
        // read anyone else's notes, whatever it asks.
        if (!(await senderShows(deps, sender, msg.site, msg.handle))) throw new Error('forbidden');
        const found = await findPersonByProfile(db, msg.site, msg.handle);
        return answer(msg.type, found ? ((await personView(db, found.person.id)) ?? null) : null);
      }
      case 'note/done': {
        if (!(await senderShows(deps, sender, msg.site, msg.handle))) throw new Error('forbidden');
        const found = await findPersonByProfile(db, msg.site, msg.handle);
        const note = await db.notes.get(msg.noteId);
        if (!found || !note || note.personId !== found.person.id) throw new Error('forbidden');
        await setFollowUpDone(db, note.id, msg.done, await deps.ctx());
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
    }
  };
}
