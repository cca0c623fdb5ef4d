/**
 * One listener pattern that behaves the same in WXT's fake browser and in real
 * Chromium/Firefox: the listener returns a Promise of the reply. The
 * webextension-polyfill turns that into the response in Chromium, Firefox does it
 * natively, and the fake browser resolves `sendMessage` with it. (`sendResponse` +
 * `return true` would answer `true` in the fake browser: it passes no
 * sendResponse.) Tested in unit tests with the fake browser and end to end.
 */
import { fromContent, isTabScoped, parseMessage } from './schema';
import type { Message, MessageType, Reply, ReplyData } from './types';

export interface SenderInfo {
  id?: string;
  url?: string;
  tab?: { id?: number; windowId?: number };
}

export type SenderKind = 'page' | 'content' | 'foreign';

/** Who is asking: one of Kith's own pages, one of its content scripts, or anyone else. */
export function senderKind(sender: SenderInfo, ownId: string, ownOrigin: string): SenderKind {
  if (sender.id !== ownId) return 'foreign';
  if (sender.url?.startsWith(ownOrigin)) return 'page';
  if (sender.tab) return 'content';
  return 'foreign';
}

/** Answers a message with the reply its definition declares (any of them: the switch over types cannot narrow a generic). */
export type Handler = (msg: Message, sender: SenderInfo, kind: SenderKind) => Promise<ReplyData<MessageType>>;

export function createListener(handle: Handler, own: { id: string; origin: string }) {
  return (raw: unknown, sender: SenderInfo): Promise<Reply> => {
    const reply = async (): Promise<Reply> => {
      const kind = senderKind(sender, own.id, own.origin);
      if (kind === 'foreign') return { ok: false, error: 'forbidden' };
      const msg = parseMessage(raw);
      if (!msg) return { ok: false, error: 'invalid' };
      if (kind === 'content' && !fromContent(msg.type)) return { ok: false, error: 'forbidden' };
      // About what Kith showed in a tab: only a content script in that tab may ask (the background checks which nudge).
      if (isTabScoped(msg.type) && (kind !== 'content' || !Number.isInteger(sender.tab?.id))) {
        return { ok: false, error: 'forbidden' };
      }
      try {
        return { ok: true, data: (await handle(msg, sender, kind)) ?? null };
      } catch (err) {
        const code =
          err && typeof err === 'object' && 'code' in err && typeof err.code === 'string'
            ? `storage:${err.code}`
            : err instanceof Error
              ? err.message
              : 'failed';
        return { ok: false, error: code };
      }
    };
    return reply();
  };
}
