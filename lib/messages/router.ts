/**
 * One listener pattern that behaves the same in WXT's fake browser and in real
 * Chromium/Firefox: answer through `sendResponse` and `return true`. (A listener
 * that returns a Promise answers `undefined` in the fake browser.)
 */
import { parseMessage } from './schema';
import { CONTENT_MESSAGE_TYPES, type Message, type Reply } from './types';

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

export type Handler = (msg: Message, sender: SenderInfo, kind: SenderKind) => Promise<unknown>;

export function createListener(handle: Handler, own: { id: string; origin: string }) {
  return (raw: unknown, sender: SenderInfo, sendResponse: (r: Reply) => void): true => {
    const reply = async (): Promise<Reply> => {
      const kind = senderKind(sender, own.id, own.origin);
      if (kind === 'foreign') return { ok: false, error: 'forbidden' };
      const msg = parseMessage(raw);
      if (!msg) return { ok: false, error: 'invalid' };
      if (kind === 'content' && !(CONTENT_MESSAGE_TYPES as readonly string[]).includes(msg.type)) return { ok: false, error: 'forbidden' };
      try {
        return { ok: true, data: (await handle(msg, sender, kind)) ?? null };
      } catch (err) {
        const code = err && typeof err === 'object' && 'code' in err && typeof err.code === 'string' ? `storage:${err.code}` : err instanceof Error ? err.message : 'failed';
        return { ok: false, error: code };
      }
    };
    void reply().then(sendResponse);
    return true;
  };
}
