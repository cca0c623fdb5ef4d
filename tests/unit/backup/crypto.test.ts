/**
 * Each PBKDF2 derivation at 600,000 iterations takes a noticeable fraction of a
 * second, and decryption refuses fewer, so the tests that really derive a key are
 * few (7 derivations); every header check fails before any derivation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { MAX_ITERATIONS, MIN_ITERATIONS, base64ToBytes, bytesToBase64, decryptBackup, encryptBackup, isEncryptedBackup } from '@/lib/backup/crypto';
import { BackupError, serializeBackup, type BackupErrorCode } from '@/lib/backup/format';
import { sample } from './fixtures';

const PASS = 'correct horse battery staple — è così';
const PLAIN = `${serializeBackup(sample())}\u200F שלום 👩‍👩‍👧`;

async function codeOf(p: Promise<unknown>): Promise<BackupErrorCode | 'no-error' | 'other-error'> {
  try {
    await p;
    return 'no-error';
  } catch (e) {
    return e instanceof BackupError ? e.code : 'other-error';
  }
}

let envelope = '';
let env: Record<string, any> = {};
const edited = (f: (o: Record<string, any>) => void): string => {
  const o = JSON.parse(envelope) as Record<string, any>;
  f(o);
  return JSON.stringify(o);
};

beforeAll(async () => {
  envelope = await encryptBackup(PLAIN, PASS); // derivation 1
  env = JSON.parse(envelope) as Record<string, any>;
});

describe('encryptBackup / decryptBackup', () => {
  it('round-trips, with the documented envelope', async () => {
    expect(await decryptBackup(envelope, PASS)).toBe(PLAIN); // 2
    expect(env['format']).toBe('kith-backup-encrypted');
    expect(env['version']).toBe(1);
    expect(env['kdf']).toMatchObject({ name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000 });
    expect(base64ToBytes(env['kdf'].salt)?.length).toBe(16);
    expect(env['cipher'].name).toBe('AES-GCM');
    expect(base64ToBytes(env['cipher'].iv)?.length).toBe(12);
    expect(envelope).not.toContain('Marta');
    expect(isEncryptedBackup(envelope)).toBe(true);
    expect(isEncryptedBackup(serializeBackup(sample()))).toBe(false);
  });

  it('uses a fresh salt and iv every time', async () => {
    const again = JSON.parse(await encryptBackup(PLAIN, PASS)) as Record<string, any>; // 3
    expect(again['kdf'].salt).not.toBe(env['kdf'].salt);
    expect(again['cipher'].iv).not.toBe(env['cipher'].iv);
    expect(again['data']).not.toBe(env['data']);
  });

  it('a wrong passphrase fails closed', async () => {
    expect(await codeOf(decryptBackup(envelope, 'correct horse battery staple'))).toBe('wrong-passphrase'); // 4
  });

  it('a flipped ciphertext byte fails the same way (GCM cannot tell)', async () => {
    const bytes = base64ToBytes(env['data'])!;
    bytes[5] = (bytes[5] ?? 0) ^ 1;
    const text = edited((o) => (o['data'] = bytesToBase64(bytes)));
    expect(await codeOf(decryptBackup(text, PASS))).toBe('wrong-passphrase'); // 5
  });

  it('a passphrase composed differently (NFD vs NFC) opens the same backup', async () => {
    const nfc = 'perché Ünïcode';
    const e = await encryptBackup('x', nfc); // 6
    expect(await decryptBackup(e, nfc.normalize('NFD'))).toBe('x'); // 7
  });
});

describe('envelope checks (before any key derivation)', () => {
  it.each<[string, () => string, BackupErrorCode]>([
    ['iterations below the minimum', () => edited((o) => (o['kdf'].iterations = MIN_ITERATIONS - 1)), 'tampered'],
    ['iterations far above the maximum', () => edited((o) => (o['kdf'].iterations = MAX_ITERATIONS + 1)), 'tampered'],
    ['iterations as a string', () => edited((o) => (o['kdf'].iterations = '600000')), 'tampered'],
    ['another kdf', () => edited((o) => (o['kdf'].name = 'scrypt')), 'tampered'],
    ['another hash', () => edited((o) => (o['kdf'].hash = 'SHA-1')), 'tampered'],
    ['another cipher', () => edited((o) => (o['cipher'].name = 'AES-CBC')), 'tampered'],
    ['a short salt', () => edited((o) => (o['kdf'].salt = bytesToBase64(new Uint8Array(8)))), 'tampered'],
    ['a short iv', () => edited((o) => (o['cipher'].iv = bytesToBase64(new Uint8Array(8)))), 'tampered'],
    ['invalid base64 data', () => edited((o) => (o['data'] = `${o['data'].slice(0, -4)}!!!!`)), 'tampered'],
    ['data missing', () => edited((o) => delete o['data']), 'tampered'],
    ['version 0', () => edited((o) => (o['version'] = 0)), 'tampered'],
    ['data shorter than the GCM tag', () => edited((o) => (o['data'] = bytesToBase64(new Uint8Array(10)))), 'truncated'],
    ['the file cut in half', () => envelope.slice(0, Math.floor(envelope.length / 2)), 'truncated'],
    ['a newer envelope version', () => edited((o) => (o['version'] = 2)), 'newer-version'],
    ['a plain backup', () => serializeBackup(sample()), 'not-backup'],
    ['not JSON', () => 'PK\u0003\u0004 a zip file', 'not-backup'],
  ])('%s -> %s', async (_label, make, expected) => {
    expect(await codeOf(decryptBackup(make(), PASS))).toBe(expected);
  });

  it('refuses to write a file it could not open again', async () => {
    await expect(encryptBackup('x', PASS, { iterations: 1000 })).rejects.toThrow(RangeError);
    await expect(encryptBackup('x', '')).rejects.toThrow(RangeError);
  });
});

describe('base64', () => {
  it('round-trips bytes, large ones too', () => {
    const big = new Uint8Array(20_000).map((_, i) => (i * 31) & 255);
    expect(base64ToBytes(bytesToBase64(big))).toEqual(big);
    expect(base64ToBytes('')).toEqual(new Uint8Array(0));
    expect(base64ToBytes('abc')).toBeUndefined();
    expect(base64ToBytes('ab c')).toBeUndefined();
    expect(base64ToBytes('YQ==')).toEqual(new Uint8Array([97]));
  });
});
