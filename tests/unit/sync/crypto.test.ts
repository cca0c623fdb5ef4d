// @vitest-environment node
/**
 * A row's way to the server and back: the document id says nothing and is the
 * same on every device, the body opens only with the right key and only under
 * its own id, and what travels has no derived data.
 */
import { describe, expect, it } from 'vitest';
import { checkKeys, decryptBody, deriveSyncKeys, docIdOf, encryptBody, makeMeta, randomSalt } from '@/lib/sync/crypto';
import { mutesFromSyncRow, mutesToSyncRow, settingsFromSyncRow, settingsToSyncRow, toSyncRow } from '@/lib/sync/rows';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';

// Fewer iterations than the product's 600,000 keep this file fast; the derivation is the same.
const ITER = 1000;

describe('sync documents', () => {
  it('round-trips a row, and refuses a wrong key, a moved ciphertext and an edited one', async () => {
    const salt = randomSalt();
    const keys = await deriveSyncKeys('correct horse', salt, ITER);
    const again = await deriveSyncKeys('correct horse', salt, ITER);
    const wrong = await deriveSyncKeys('correct hose', salt, ITER);
    expect(keys.enc.extractable).toBe(false);
    expect(keys.id.extractable).toBe(false);

    const id = await docIdOf(keys, 'people', 'p-1');
    expect(id).toBe(await docIdOf(again, 'people', 'p-1'));
    expect(id).not.toBe(await docIdOf(keys, 'notes', 'p-1'));
    expect(id).not.toBe(await docIdOf(wrong, 'people', 'p-1'));
    expect(id).toMatch(/^k[A-Za-z0-9_-]{22}$/);
    expect(id).not.toContain('people');

    const text = JSON.stringify({ t: 'people', r: { id: 'p-1', name: 'Ada Lovelace' }, c: { name: 5 } });
    const body = await encryptBody(keys, id, text);
    expect(Object.keys(body).sort()).toEqual(['ct', 'iv', 'v']);
    expect(JSON.stringify(body)).not.toContain('Lovelace');
    expect(await decryptBody(again, id, body)).toBe(text);
    expect(await decryptBody(wrong, id, body)).toBeUndefined();
    const other = await docIdOf(keys, 'people', 'p-2');
    expect(await decryptBody(keys, other, body)).toBeUndefined();
    const ct = body.ct.startsWith('A') ? `B${body.ct.slice(1)}` : `A${body.ct.slice(1)}`;
    expect(await decryptBody(keys, id, { ...body, ct })).toBeUndefined();
    expect(await decryptBody(keys, id, { v: 1, iv: 'x', ct: 'y' })).toBeUndefined();
    expect(await decryptBody(keys, id, null)).toBeUndefined();
  });

  it('tells a wrong passphrase by the meta document’s key check', async () => {
    const salt = randomSalt();
    const meta = await makeMeta(await deriveSyncKeys('right', salt, ITER), salt, ITER);
    expect(JSON.stringify(meta)).not.toContain('right');
    expect(await checkKeys(await deriveSyncKeys('right', salt, ITER), meta)).toBe(true);
    expect(await checkKeys(await deriveSyncKeys('wrong', salt, ITER), meta)).toBe(false);
  });

  it('strips derived data from a person, keeps every other field', () => {
    const row = toSyncRow('people', { id: 'p', name: 'Ada', phones: ['1'], summary: { dueAt: 5 } } as never);
    expect(row).toEqual({ id: 'p', name: 'Ada', phones: ['1'] });
    expect(toSyncRow('notes', { id: 'n', text: 'x' } as never)).toEqual({ id: 'n', text: 'x' });
  });

  it('maps the mutes and the person’s settings to fields and back', () => {
    expect(mutesFromSyncRow(mutesToSyncRow(['b', 'a']))).toEqual(['a', 'b']);
    const custom = { id: 'golf', name: 'Golf', rhythm: { idealDays: 10, maxDays: 20 } };
    const row = settingsToSyncRow({ circles: [...DEFAULT_CIRCLES, custom], language: 'it' });
    expect(Object.keys(row).sort()).toEqual(['c:close', 'c:friends', 'c:golf', 'c:network', 'id', 'language']);
    const back = settingsFromSyncRow(row, { circles: DEFAULT_CIRCLES, language: 'en' });
    expect(back).toEqual({ circles: [...DEFAULT_CIRCLES, custom], language: 'it' });
  });
});
