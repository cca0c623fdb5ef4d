import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { requestPersistence, storageErrorCode } from '@/lib/db/errors';

const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');

describe('storage errors become codes the user can be told about', () => {
  it.each([
    ['a bare QuotaExceededError', quota, 'quota'],
    ['an AbortError wrapping it (Dexie inner)', Object.assign(new Dexie.AbortError('Transaction aborted'), { inner: quota }), 'quota'],
    ['an AbortError with it as cause', new Error('aborted', { cause: quota }), 'quota'],
    ["Dexie's QuotaExceededError", new Dexie.QuotaExceededError('x'), 'quota'],
    [
      "Firefox's private-mode InvalidStateError",
      new DOMException('A mutation operation was attempted on a database that did not allow mutations.', 'InvalidStateError'),
      'private-mode',
    ],
    ['anything else', new Error('boom'), 'unknown'],
    ['not an error', 'boom', 'unknown'],
  ])('%s', (_name, err, code) => {
    expect(storageErrorCode(err)).toBe(code);
  });

  it('asks for persistent storage once, and survives a browser without the API', async () => {
    let asked = 0;
    const nav = { storage: { persisted: async () => false, persist: async () => (asked++, true) } } as unknown as Navigator;
    expect(await requestPersistence(nav)).toBe(true);
    expect(asked).toBe(1);
    expect(await requestPersistence({} as Navigator)).toBe(false);
  });
});
