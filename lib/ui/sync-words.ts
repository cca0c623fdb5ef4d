/**
 * The sync state in words, shared by the options section and the one-line state
 * of the popup and side panel: each error code's problem and what to do, and
 * whether the state needs the user at all.
 */
import { browser } from 'wxt/browser';
import type { MessageKey } from '@/lib/i18n';
import { MessageError } from '@/lib/messages/client';
import type { SyncErrorCode, SyncStatus } from '@/lib/sync/contract';

export const SYNC_ERROR_WORDS: Record<SyncErrorCode, { problem: MessageKey; fix: MessageKey }> = {
  unreachable: { problem: 'sync_error_unreachable', fix: 'sync_fix_unreachable' },
  unauthorized: { problem: 'sync_error_unauthorized', fix: 'sync_fix_unauthorized' },
  'wrong-passphrase': { problem: 'sync_error_wrong_passphrase', fix: 'sync_fix_wrong_passphrase' },
  'not-couchdb': { problem: 'sync_error_not_couchdb', fix: 'sync_fix_not_couchdb' },
  'server-full': { problem: 'sync_error_server_full', fix: 'sync_fix_server_full' },
  'no-permission': { problem: 'sync_error_no_permission', fix: 'sync_fix_no_permission' },
  'invalid-data': { problem: 'sync_error_invalid_data', fix: 'sync_fix_invalid_data' },
  unknown: { problem: 'sync_error_unknown', fix: 'sync_fix_unknown' },
};

/** The code a failed sync message stands for (the background answers `sync:<code>`); anything else is `unknown`. */
export function syncFailureCode(err: unknown): SyncErrorCode {
  const raw = err instanceof MessageError ? err.code : err instanceof Error ? err.message : '';
  const code = raw.startsWith('sync:') ? raw.slice('sync:'.length) : '';
  return Object.hasOwn(SYNC_ERROR_WORDS, code) ? (code as SyncErrorCode) : 'unknown';
}

/** A server that cannot be reached for less than this is a laptop offline, not something to bother the user with outside the options page. */
export const UNREACHABLE_GRACE_MS = 24 * 3_600_000;

/** Does the sync state need the user (an error they can act on, or the browser's permission missing)? */
export function syncNeedsUser(status: SyncStatus | undefined, now: number): SyncErrorCode | undefined {
  if (!status || status.state !== 'error' || !status.error) return undefined;
  const { code } = status.error;
  if (code === 'unreachable' && status.lastSyncedAt !== undefined && now - status.lastSyncedAt < UNREACHABLE_GRACE_MS) return undefined;
  return code;
}

/** The options page's sync section, in a new tab. */
export function openSyncSettings(): Promise<unknown> {
  return browser.tabs.create({ url: browser.runtime.getURL('/options.html#/sync') });
}
