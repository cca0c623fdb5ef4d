/**
 * Passphrase-encrypted backups with WebCrypto only (globalThis.crypto.subtle: every
 * browser Kith runs in, and Node 20 for tests). No dependency, no network.
 *
 * Envelope (JSON):
 *   { format: 'kith-backup-encrypted', version: 1,
 *     kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt },   // salt: 16 bytes, base64
 *     cipher: { name: 'AES-GCM', iv },                                // iv: 12 bytes, base64
 *     data }                                                          // ciphertext + 16-byte tag, base64
 *
 * The passphrase is NFC-normalised before use, so the same passphrase typed on
 * two systems that compose accents differently opens the same backup. The header
 * (format, version, kdf, cipher) is bound to the ciphertext as AES-GCM additional
 * data: editing any of it makes decryption fail.
 *
 * How failures are told apart (decryption fails closed; nothing is returned
 * unless the GCM tag verifies):
 * - not JSON / not an object / another `format`       -> 'not-backup'
 * - JSON cut off mid-value                            -> 'truncated'
 * - `version` newer than ENVELOPE_VERSION              -> 'newer-version'
 * - header not exactly as this version writes it: unknown kdf/cipher/hash, salt
 *   not 16 bytes, iv not 12 bytes, iterations below MIN_ITERATIONS (a downgrade)
 *   or above MAX_ITERATIONS (a hang), invalid base64 anywhere -> 'tampered'
 * - ciphertext shorter than the 16-byte GCM tag        -> 'truncated'
 * - GCM authentication fails                           -> 'wrong-passphrase'.
 *   AES-GCM cannot tell a wrong passphrase from an edited ciphertext or header:
 *   both fail the same tag check. A wrong passphrase is by far the likelier cause,
 *   so that is the code; the UI should say "wrong passphrase, or the file was
 *   changed".
 * - decrypted bytes are not UTF-8 (cannot happen for a file Kith wrote) -> 'corrupt'
 */
import { BackupError, parseJsonObject } from './format';

export const ENCRYPTED_FORMAT = 'kith-backup-encrypted';
export const ENVELOPE_VERSION = 1;
/** OWASP 2023 minimum for PBKDF2-HMAC-SHA256. Decryption refuses fewer. */
export const MIN_ITERATIONS = 600_000;
/** Refused above this: a doctored envelope must not hang the page for minutes. */
export const MAX_ITERATIONS = 10_000_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;

export interface EncryptedEnvelope {
  format: typeof ENCRYPTED_FORMAT;
  version: number;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  cipher: { name: 'AES-GCM'; iv: string };
  data: string;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available');
  return s;
}

// --- base64 (btoa/atob exist in every browser and in Node 16+) --------------------

export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  const parts: string[] = [];
  for (let i = 0; i < bytes.length; i += CHUNK) {
    parts.push(String.fromCharCode(...bytes.subarray(i, i + CHUNK)));
  }
  return btoa(parts.join(''));
}

const BASE64_RE = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** Strict, padded, standard-alphabet base64; undefined when invalid. */
export function base64ToBytes(s: string): Uint8Array | undefined {
  if (!BASE64_RE.test(s)) return undefined;
  const bin = atob(s);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

// --- key and header -----------------------------------------------------------------

/**
 * A fresh Uint8Array copy for WebCrypto. A typed array, not a bare ArrayBuffer:
 * under jsdom (component tests) the global ArrayBuffer belongs to another realm and
 * Node's WebCrypto rejects it, while typed arrays pass.
 */
function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

async function deriveKey(passphrase: string, salt: Uint8Array, iterations: number): Promise<CryptoKey> {
  const material = await subtle().importKey('raw', buf(new TextEncoder().encode(passphrase.normalize('NFC'))), 'PBKDF2', false, ['deriveKey']);
  return subtle().deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt: buf(salt), iterations }, material, { name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
}

/** The additional authenticated data: every header field, in a fixed order. */
function aad(env: Omit<EncryptedEnvelope, 'data'>): Uint8Array<ArrayBuffer> {
  return buf(
    new TextEncoder().encode(
      JSON.stringify([env.format, env.version, env.kdf.name, env.kdf.hash, env.kdf.iterations, env.kdf.salt, env.cipher.name, env.cipher.iv]),
    ),
  );
}

// --- public API -----------------------------------------------------------------------

/**
 * Encrypt `plaintext` (a serialized backup) with a passphrase. `iterations` may be
 * raised, never lowered below MIN_ITERATIONS (RangeError: such a file could not be
 * opened again). An empty passphrase is a RangeError too.
 */
export async function encryptBackup(plaintext: string, passphrase: string, opts: { iterations?: number } = {}): Promise<string> {
  const iterations = opts.iterations ?? MIN_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new RangeError(`iterations must be an integer in [${MIN_ITERATIONS}, ${MAX_ITERATIONS}]`);
  }
  if (passphrase.length === 0) throw new RangeError('empty passphrase');
  const salt = globalThis.crypto.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const header: Omit<EncryptedEnvelope, 'data'> = {
    format: ENCRYPTED_FORMAT,
    version: ENVELOPE_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: bytesToBase64(salt) },
    cipher: { name: 'AES-GCM', iv: bytesToBase64(iv) },
  };
  const key = await deriveKey(passphrase, salt, iterations);
  const ct = await subtle().encrypt(
    { name: 'AES-GCM', iv: buf(iv), additionalData: aad(header), tagLength: 128 },
    key,
    buf(new TextEncoder().encode(plaintext)),
  );
  const env: EncryptedEnvelope = { ...header, data: bytesToBase64(new Uint8Array(ct)) };
  return JSON.stringify(env);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Cheap check for the file picker: is this an encrypted Kith backup? */
export function isEncryptedBackup(text: string): boolean {
  if (!text.includes(ENCRYPTED_FORMAT)) return false;
  try {
    return parseJsonObject(text)['format'] === ENCRYPTED_FORMAT;
  } catch {
    return false;
  }
}

interface ValidHeader {
  header: Omit<EncryptedEnvelope, 'data'>;
  salt: Uint8Array;
  iv: Uint8Array;
  data: Uint8Array;
}

/** Check the envelope exactly as this version writes it (see the table above). */
function readEnvelope(text: string): ValidHeader {
  const obj = parseJsonObject(text);
  if (obj['format'] !== ENCRYPTED_FORMAT) throw new BackupError('not-backup');
  const version = obj['version'];
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new BackupError('tampered', 'version');
  }
  if (version > ENVELOPE_VERSION) throw new BackupError('newer-version', `envelope ${version}`);
  const { kdf, cipher, data } = obj;
  if (!isRecord(kdf) || kdf['name'] !== 'PBKDF2' || kdf['hash'] !== 'SHA-256') {
    throw new BackupError('tampered', 'kdf');
  }
  const iterations = kdf['iterations'];
  if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < MIN_ITERATIONS || iterations > MAX_ITERATIONS) {
    throw new BackupError('tampered', 'iterations');
  }
  const saltB64 = kdf['salt'];
  const salt = typeof saltB64 === 'string' ? base64ToBytes(saltB64) : undefined;
  if (!salt || salt.length !== SALT_BYTES || typeof saltB64 !== 'string') {
    throw new BackupError('tampered', 'salt');
  }
  if (!isRecord(cipher) || cipher['name'] !== 'AES-GCM') throw new BackupError('tampered', 'cipher');
  const ivB64 = cipher['iv'];
  const iv = typeof ivB64 === 'string' ? base64ToBytes(ivB64) : undefined;
  if (!iv || iv.length !== IV_BYTES || typeof ivB64 !== 'string') {
    throw new BackupError('tampered', 'iv');
  }
  if (typeof data !== 'string') throw new BackupError('tampered', 'data');
  const bytes = base64ToBytes(data);
  if (!bytes) throw new BackupError('tampered', 'data base64');
  if (bytes.length < TAG_BYTES) throw new BackupError('truncated', 'data');
  return {
    header: {
      format: ENCRYPTED_FORMAT,
      version,
      kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: saltB64 },
      cipher: { name: 'AES-GCM', iv: ivB64 },
    },
    salt,
    iv,
    data: bytes,
  };
}

/** Decrypt an envelope; throws BackupError (see the table at the top). */
export async function decryptBackup(envelope: string, passphrase: string): Promise<string> {
  const { header, salt, iv, data } = readEnvelope(envelope);
  let plain: ArrayBuffer;
  try {
    const key = await deriveKey(passphrase, salt, header.kdf.iterations);
    plain = await subtle().decrypt({ name: 'AES-GCM', iv: buf(iv), additionalData: aad(header), tagLength: 128 }, key, buf(data));
  } catch {
    throw new BackupError('wrong-passphrase');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(plain);
  } catch {
    throw new BackupError('corrupt', 'not UTF-8');
  }
}
