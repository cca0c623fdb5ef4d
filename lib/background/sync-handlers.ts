/**
 * The sync messages from Kith's pages, answered by the sync engine (`SyncService`).
 * Reading the state and asking for a sync may come from any of Kith's pages (the
 * popup, side panel and options page ask when they open); turning sync on or off
 * and previewing a server only from the options page, where the user types the
 * server's password and the passphrase. Neither is ever logged here, and an error
 * reaches the page only as a code (`sync:<SyncErrorCode>`), never the engine's own
 * message, which could quote an address or a server's answer.
 */
import type { MessageOf, ReplyData } from '@/lib/messages/types';
import type { SenderInfo } from '@/lib/messages/router';
import { checkServerAddress } from '@/lib/model/sync-address';
import type { SyncConfigInput, SyncErrorCode, SyncService, SyncStatus } from '@/lib/sync/contract';

export type SyncMessage = MessageOf<'sync/status' | 'sync/now' | 'sync/preview' | 'sync/turn-on' | 'sync/turn-off'>;
type SyncType = SyncMessage['type'];

export function isSyncMessage(msg: { type: string }): msg is SyncMessage {
  return msg.type.startsWith('sync/');
}

/** What the pages are told while no engine is there (or sync was never turned on). */
export const SYNC_OFF: SyncStatus = { state: 'off', pending: 0, refused: 0 };

export const SYNC_ERROR_CODES: readonly SyncErrorCode[] = [
  'unreachable',
  'unauthorized',
  'wrong-passphrase',
  'not-couchdb',
  'server-full',
  'no-permission',
  'invalid-data',
  'unknown',
];

/** The sync error code an engine failure stands for: its `code`, or a message that is exactly a code; anything else is `unknown`. */
export function syncErrorCode(err: unknown): SyncErrorCode {
  const isCode = (c: unknown): c is SyncErrorCode => typeof c === 'string' && (SYNC_ERROR_CODES as readonly string[]).includes(c);
  if (err && typeof err === 'object' && 'code' in err && isCode(err.code)) return err.code;
  if (err instanceof Error && isCode(err.message)) return err.message;
  return 'unknown';
}

/** The error a sync message answers with: a plain Error whose message is only the code (no `code` field: the router would word it as a storage failure). */
export class SyncFailure extends Error {
  constructor(readonly syncCode: SyncErrorCode) {
    super(`sync:${syncCode}`);
    this.name = 'SyncFailure';
  }
}

/** The messages only the options page may send: its section is where the password and passphrase are typed. */
const OPTIONS_ONLY: readonly SyncType[] = ['sync/preview', 'sync/turn-on', 'sync/turn-off'];

function fromOptionsPage(sender: SenderInfo, ownOrigin: string): boolean {
  if (!sender.url?.startsWith(ownOrigin)) return false;
  try {
    return new URL(sender.url).pathname === '/options.html';
  } catch {
    return false;
  }
}

type SyncReply = ReplyData<SyncType>;

/** The configuration as the engine takes it: the address as Kith stores it (trimmed, no trailing slash). */
function configOf(msg: MessageOf<'sync/preview' | 'sync/turn-on'>): SyncConfigInput {
  const checked = checkServerAddress(msg.server);
  // The schema already refused an address that does not pass.
  if (!checked.ok) throw new Error('invalid');
  return { server: checked.server, database: msg.database, username: msg.username, password: msg.password, passphrase: msg.passphrase, mode: msg.mode };
}

export async function handleSync(msg: SyncMessage, sender: SenderInfo, own: { origin: string }, service: SyncService | undefined): Promise<SyncReply> {
  if (OPTIONS_ONLY.includes(msg.type) && !fromOptionsPage(sender, own.origin)) throw new Error('forbidden');
  const run = async <T>(task: (s: SyncService) => Promise<T>, whenOff: () => T): Promise<T> => {
    if (!service) return whenOff();
    try {
      return await task(service);
    } catch (err) {
      throw new SyncFailure(syncErrorCode(err));
    }
  };
  const unavailable = (): never => {
    throw new SyncFailure('unknown');
  };
  switch (msg.type) {
    case 'sync/status':
      return run(
        (s) => s.status(),
        () => SYNC_OFF,
      );
    case 'sync/now':
      return run(
        (s) => s.syncNow(),
        () => SYNC_OFF,
      );
    case 'sync/preview':
      return run((s) => s.preview(configOf(msg)), unavailable);
    case 'sync/turn-on':
      return run((s) => s.turnOn(configOf(msg)), unavailable);
    case 'sync/turn-off':
      await run(
        (s) => s.turnOff({ forgetServerCopy: msg.forgetServerCopy }),
        () => undefined,
      );
      return null;
  }
}
