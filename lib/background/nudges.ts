/**
 * The background's side of in-the-moment nudges. A content script says
 * what the user just did (a reaction, a one-click wish, a message being written or
 * sent: codes and a digest, never text); this records the passive or message touch
 * for a known person, decides with the policy whether to nudge, and puts the
 * nudge in `browser.storage.session` so the side panel shows it at once.
 * Browser pieces come in through `NudgeEnv`; `defaultNudgeEnv()` is the real one.
 */
import { browser } from 'wxt/browser';
import type { KithDB } from '@/lib/db/db';
import { findPersonByProfile, personView, readMutedPeople } from '@/lib/db/read';
import { logTouch, newId, removeTouch, type WriteContext, setPersonMuted } from '@/lib/db/writes';
import { addSentToday, readNudgeLog, recordShown, sentToOthersToday } from '@/lib/db/nudge-log';
import { CURRENT_NUDGE_KEY, IN_PAGE_NUDGE_KEY, LAST_SENT_KEY, type CurrentNudge, type InPageShown, type LastSent } from '@/lib/nudges/session';
import type { Message, NudgeCardDismissMessage, NudgeContentMessage, NudgeHideMessage, NudgeReply, NudgeShowMessage } from '@/lib/messages/types';
import type { NudgeKind, Settings } from '@/lib/model/settings';
import type { Person, SiteId } from '@/lib/model/types';
import type { Signal } from '@/lib/nudges/classify';
import { decideNudge } from '@/lib/nudges/policy';
import { localDayKey } from '@/lib/relationship/time';
import { getSettings, updateSettings } from '@/lib/settings/store';

export interface NudgeEnv {
  settings: () => Promise<Settings>;
  /** "Not this kind": the same switch as in the options. */
  switchKindOff: (kind: NudgeKind) => Promise<void>;
  getSession: <T>(key: string) => Promise<T | undefined>;
  setSession: (key: string, value: unknown) => Promise<void>;
  /** Hands a raised nudge to the opt-in in-page card script of a tab (absent: nowhere). */
  showInPage?: (tabId: number, msg: NudgeShowMessage) => Promise<void>;
  /** Takes a tab's in-page nudge down: it was answered elsewhere (absent: nowhere). */
  hideInPage?: (tabId: number, msg: NudgeHideMessage) => Promise<void>;
}

export function defaultNudgeEnv(): NudgeEnv {
  return {
    settings: getSettings,
    switchKindOff: async (kind) => {
      await updateSettings((s) => ({ ...s, nudges: { ...s.nudges, [kind]: false } }));
    },
    getSession: async <T>(key: string) => (await browser.storage.session.get(key))[key] as T | undefined,
    setSession: async (key, value) => {
      if (value === null || value === undefined) await browser.storage.session.remove(key);
      else await browser.storage.session.set({ [key]: value });
    },
    showInPage: async (tabId, msg) => {
      // Only Kith's own content scripts in that tab receive it; no card script there is fine.
      await browser.tabs.sendMessage(tabId, msg).catch(() => undefined);
    },
    hideInPage: async (tabId, msg) => {
      // The tab may have closed or moved on since the card showed: nothing to take down.
      await browser.tabs.sendMessage(tabId, msg).catch(() => undefined);
    },
  };
}

export interface NudgeDeps {
  db: KithDB;
  ctx: () => Promise<WriteContext>;
  refreshBadge: () => Promise<void>;
  env: NudgeEnv;
}

/** A content script may only take back a reaction it logged itself, on that profile, just now. */
const UNDO_WINDOW_MS = 10 * 60_000;

type NudgeMessage = NudgeContentMessage | NudgeCardDismissMessage | Extract<Message, { type: 'nudge/dismiss' }>;

export function isNudgeMessage(msg: Message): msg is NudgeMessage {
  return msg.type.startsWith('nudge/');
}

async function knownPerson(db: KithDB, site: SiteId, handle: string): Promise<Person | undefined> {
  const found = await findPersonByProfile(db, site, handle);
  return found && !found.person.archived ? found.person : undefined;
}

/** The first of `kinds` the policy lets through, shown: logged and put in the session store. */
async function raise(deps: NudgeDeps, ctx: WriteContext, kinds: NudgeKind[], base: Omit<CurrentNudge, 'id' | 'kind' | 'at'>): Promise<string | undefined> {
  if (kinds.length === 0) return undefined;
  const [settings, log, mutedPeople] = await Promise.all([deps.env.settings(), readNudgeLog(deps.db), readMutedPeople(deps.db)]);
  for (const kind of kinds) {
    const decision = decideNudge({ kind, personId: base.personId, log, mutedPeople, settings, now: ctx.now, timeZone: ctx.timeZone });
    if (!decision.show) continue;
    const nudge: CurrentNudge = { ...base, id: newId(), kind, at: ctx.now };
    await recordShown(deps.db, { personId: base.personId, kind, at: ctx.now });
    await deps.env.setSession(CURRENT_NUDGE_KEY, nudge);
    return nudge.id;
  }
  return undefined;
}

/** The in-page card showing nudge `id`, if any, is taken down (it was answered elsewhere). */
async function hideInPage(deps: NudgeDeps, id: string): Promise<void> {
  const shown = await deps.env.getSession<InPageShown>(IN_PAGE_NUDGE_KEY);
  if (!shown || shown.id !== id) return;
  await deps.env.setSession(IN_PAGE_NUDGE_KEY, null);
  await deps.env.hideInPage?.(shown.tabId, { type: 'nudge/hide', id });
}

/** Clears the nudge on screen when `match` says it is the one, in the side panel and in the page. */
async function clearCurrent(deps: NudgeDeps, match: (n: CurrentNudge) => boolean): Promise<void> {
  const current = await deps.env.getSession<CurrentNudge>(CURRENT_NUDGE_KEY);
  if (!current || !match(current)) return;
  await deps.env.setSession(CURRENT_NUDGE_KEY, null);
  await hideInPage(deps, current.id);
}

async function mute(deps: NudgeDeps, how: 'person' | 'kind' | undefined, nudge: { personId: string; kind: NudgeKind }): Promise<void> {
  if (how === 'person') await setPersonMuted(deps.db, nudge.personId, true);
  if (how === 'kind') await deps.env.switchKindOff(nudge.kind);
}

/**
 * `from.tabId`: the tab of the content script that sent `msg` (only `nudge/card-dismiss`
 * needs it: the in-page card may act on the nudge handed to its own tab, nothing else).
 */
export async function handleNudge(msg: NudgeMessage, deps: NudgeDeps, from: { tabId?: number } = {}): Promise<NudgeReply | null> {
  const { db } = deps;
  switch (msg.type) {
    case 'nudge/like': {
      const person = await knownPerson(db, msg.site, msg.handle);
      if (!person) return {};
      const ctx = await deps.ctx();
      if (msg.state === 'removed') {
        if (!msg.touchId) return {};
        const touch = await db.touches.get(msg.touchId);
        if (!touch || touch.personId !== person.id || touch.source !== 'page' || touch.channel !== 'like' || ctx.now - touch.createdAt > UNDO_WINDOW_MS) {
          throw new Error('forbidden');
        }
        await removeTouch(db, touch.id, ctx);
        await clearCurrent(deps, (n) => n.touchId === touch.id);
        await deps.refreshBadge();
        return {};
      }
      const touch = await logTouch(db, { personId: person.id, channel: 'like', depth: 'passive', source: 'page', site: msg.site }, ctx);
      await deps.refreshBadge();
      const nudge = await raise(deps, ctx, ['like'], { personId: person.id, site: msg.site, handle: msg.handle, touchId: touch.id });
      return { touchId: touch.id, ...(nudge ? { nudge } : {}) };
    }
    case 'nudge/wish': {
      const person = await knownPerson(db, msg.site, msg.handle);
      if (!person) return {};
      const ctx = await deps.ctx();
      const touch = await logTouch(db, { personId: person.id, channel: 'wish', depth: 'passive', source: 'page', site: msg.site }, ctx);
      await deps.refreshBadge();
      const nudge = await raise(deps, ctx, ['wish'], { personId: person.id, site: msg.site, handle: msg.handle, touchId: touch.id, occasion: msg.occasion });
      return { touchId: touch.id, ...(nudge ? { nudge } : {}) };
    }
    case 'nudge/compose':
    case 'nudge/sent': {
      const person = await knownPerson(db, msg.site, msg.handle);
      if (!person) return {};
      const ctx = await deps.ctx();
      const day = localDayKey(ctx.now, ctx.timeZone);
      const signals: Signal[] = [...msg.signals];
      let depth = msg.depth;
      // "The same text sent to others today": only the background knows the day's digests.
      if (msg.hash && !signals.includes('duplicate') && (await sentToOthersToday(db, day, msg.hash, msg.handle))) {
        signals.splice(signals.includes('placeholder') ? 1 : 0, 0, 'duplicate');
        depth = 'broadcast';
      }
      const pitchWithoutListening = msg.pitch && person.summary.lastPersonalAt === undefined;
      const kinds: NudgeKind[] = [];
      if (pitchWithoutListening) kinds.push('pitch');
      if (depth === 'broadcast') kinds.push('promo');

      let touchId: string | undefined;
      if (msg.type === 'nudge/sent') {
        const touch = await logTouch(db, { personId: person.id, channel: 'message', depth, source: 'page', site: msg.site }, ctx);
        touchId = touch.id;
        if (msg.hash) await addSentToday(db, day, msg.hash, msg.handle);
        await deps.env.setSession(LAST_SENT_KEY, { touchId, personId: person.id, depth, at: ctx.now } satisfies LastSent);
        // A personal word is what every nudge asked for: the one about this person is answered.
        if (depth === 'personal') await clearCurrent(deps, (n) => n.personId === person.id);
        await deps.refreshBadge();
      }
      const nudge = await raise(deps, ctx, kinds, { personId: person.id, site: msg.site, handle: msg.handle, signals });
      return { ...(touchId ? { touchId } : {}), ...(nudge ? { nudge } : {}) };
    }
    case 'nudge/dismiss': {
      const current = await deps.env.getSession<CurrentNudge>(CURRENT_NUDGE_KEY);
      if (!current || current.id !== msg.id) return null;
      await mute(deps, msg.mute, current);
      await clearCurrent(deps, (n) => n.id === current.id);
      return null;
    }
    case 'nudge/card-dismiss': {
      // Only the nudge this background handed to the sender's own tab; anything else is refused.
      const shown = await deps.env.getSession<InPageShown>(IN_PAGE_NUDGE_KEY);
      if (!shown || from.tabId === undefined || shown.tabId !== from.tabId || shown.id !== msg.id) throw new Error('forbidden');
      await mute(deps, msg.mute, shown);
      await deps.env.setSession(IN_PAGE_NUDGE_KEY, null);
      // The side panel shows the same nudge: it goes there too.
      await clearCurrent(deps, (n) => n.id === shown.id);
      return null;
    }
  }
}

/**
 * After a content script's message raised a nudge: if the user chose "inside the
 * page" for LinkedIn, hand it to that tab's opt-in card script. Best
 * effort and additive: the side panel has it already through the session store.
 */
export async function offerInPage(msg: NudgeMessage, reply: NudgeReply | null, tabId: number | undefined, deps: NudgeDeps): Promise<void> {
  const show = deps.env.showInPage;
  if (!show || tabId === undefined || !reply?.nudge || msg.type === 'nudge/dismiss' || msg.type === 'nudge/card-dismiss' || msg.site !== 'linkedin') return;
  const settings = await deps.env.settings();
  if (settings.placement.linkedin !== 'inpage') return;
  const nudge = await deps.env.getSession<CurrentNudge>(CURRENT_NUDGE_KEY);
  if (!nudge || nudge.id !== reply.nudge) return;
  const view = await personView(deps.db, nudge.personId);
  if (!view) return;
  const phone = view.person.phones[0];
  const lastHeard = view.notes.find((n) => n.kind === 'listening')?.text;
  // Remembered before it is shown: the card may answer at once.
  await deps.env.setSession(IN_PAGE_NUDGE_KEY, { tabId, id: nudge.id, personId: nudge.personId, kind: nudge.kind } satisfies InPageShown);
  await show(tabId, {
    type: 'nudge/show',
    nudge,
    name: view.person.name,
    ...(phone ? { phone } : {}),
    ...(lastHeard ? { lastHeard } : {}),
    ...(msg.type === 'nudge/like' ? { postKey: msg.postKey } : {}),
  });
}
