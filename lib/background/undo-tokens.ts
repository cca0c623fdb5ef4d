/**
 * The undo records of writes the background made for a page that asked by
 * message (the in-page card's Log and Add note): the page gets a token, the
 * record stays here. In memory, and in session storage too, because the MV3
 * worker may stop between the write and the user's "Undo". A token is good for
 * a few minutes, and only for the tab (or tab-less page) it was handed to.
 */
import type { UndoRecord } from '@/lib/db/writes';

/** Longer than any toast stays up, even paused for a while. */
export const UNDO_TOKEN_MS = 5 * 60_000;
const MAX_KEPT = 20;
export const UNDO_TOKENS_KEY = 'kith.undoTokens';

interface Kept {
  token: string;
  /** The sender's tab; absent for a page outside tabs (popup, side panel). */
  tabId?: number;
  record: UndoRecord;
}

export interface SessionStore {
  getSession: <T>(key: string) => Promise<T | undefined>;
  setSession: (key: string, value: unknown) => Promise<void>;
}

export function createUndoTokens(session: () => SessionStore) {
  let memory: Kept[] | undefined;
  const load = async (now: number): Promise<Kept[]> => {
    memory ??= (await session().getSession<Kept[]>(UNDO_TOKENS_KEY)) ?? [];
    memory = memory.filter((k) => now - k.record.at < UNDO_TOKEN_MS);
    return memory;
  };
  const save = async (list: Kept[]) => {
    memory = list;
    await session().setSession(UNDO_TOKENS_KEY, list);
  };
  return {
    /** Keep a record for `tabId`'s page; returns the token the page may hand back. */
    async keep(record: UndoRecord, tabId: number | undefined, now: number): Promise<string> {
      const list = await load(now);
      await save([...list, { token: record.id, ...(tabId !== undefined ? { tabId } : {}), record }].slice(-MAX_KEPT));
      return record.id;
    },
    /** The record of `token`, once, if it was handed to this same tab and is still fresh. */
    async take(token: string, tabId: number | undefined, now: number): Promise<UndoRecord | undefined> {
      const list = await load(now);
      const found = list.find((k) => k.token === token && k.tabId === tabId);
      if (!found) return undefined;
      await save(list.filter((k) => k !== found));
      return found.record;
    },
  };
}

export type UndoTokens = ReturnType<typeof createUndoTokens>;
