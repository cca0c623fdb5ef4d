/**
 * Why a sync failed, as one of the contract's codes: the UI words each one with
 * its remedy. Failures from PouchDB's HTTP adapter carry a `status`; network
 * failures are TypeErrors from fetch (or status 0).
 */
import type { SyncErrorCode } from './contract';

export class SyncError extends Error {
  readonly code: SyncErrorCode;

  constructor(code: SyncErrorCode, detail?: string) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'SyncError';
    this.code = code;
  }
}

export function syncErrorCode(err: unknown): SyncErrorCode {
  if (err instanceof SyncError) return err.code;
  if (!err || typeof err !== 'object') return 'unknown';
  const e = err as { status?: unknown; name?: unknown; message?: unknown; reason?: unknown; error?: unknown; code?: unknown };
  const status = typeof e.status === 'number' ? e.status : undefined;
  const text = `${String(e.name ?? '')} ${String(e.message ?? '')} ${String(e.reason ?? '')} ${String(e.error ?? '')}`.toLowerCase();
  if (status === 401 || status === 403) return 'unauthorized';
  if (status === 413 || status === 507 || /quota|disk.?full|no space|too large|enospc/.test(text)) return 'server-full';
  if (status === 0 || err instanceof TypeError || /failed to fetch|networkerror|econnrefused|econnreset|enotfound|fetch failed|network/.test(text)) {
    return 'unreachable';
  }
  if (status === 404 || status === 405) return 'not-couchdb';
  if (status !== undefined && status >= 500) return 'unreachable';
  return 'unknown';
}
