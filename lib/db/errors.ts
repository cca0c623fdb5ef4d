/**
 * Storage failures a user can act on, turned into codes the UI translates.
 * QuotaExceededError may arrive bare, as Dexie's `QuotaExceededError`, or wrapped
 * inside an AbortError (the transaction aborted because a request hit the quota);
 * Firefox's private windows refuse IndexedDB with InvalidStateError.
 */
export type StorageErrorCode = 'quota' | 'private-mode' | 'unknown';

interface ErrorLike {
  name?: unknown;
  message?: unknown;
  inner?: unknown;
  cause?: unknown;
}

export function storageErrorCode(err: unknown, depth = 0): StorageErrorCode {
  if (!err || typeof err !== 'object' || depth > 5) return 'unknown';
  const e = err as ErrorLike;
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  if (name === 'QuotaExceededError' || /quota/i.test(message)) return 'quota';
  if (name === 'InvalidStateError' || /mutation operation was attempted/i.test(message)) return 'private-mode';
  for (const inner of [e.inner, e.cause]) {
    const code = storageErrorCode(inner, depth + 1);
    if (code !== 'unknown') return code;
  }
  return 'unknown';
}

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    cause?: unknown,
  ) {
    super(`storage:${code}`, { cause });
    this.name = 'StorageError';
  }
}

/** Ask the browser to keep Kith's data under storage pressure. */
export async function requestPersistence(nav: Pick<Navigator, 'storage'> | undefined = globalThis.navigator): Promise<boolean> {
  try {
    if (!nav?.storage?.persist) return false;
    if (await nav.storage.persisted()) return true;
    return await nav.storage.persist();
  } catch {
    return false;
  }
}
