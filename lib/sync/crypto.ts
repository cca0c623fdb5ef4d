/**
 * The sync engine's cryptography, WebCrypto only (every browser Kith runs in,
 * and Node 20 for tests). No PouchDB, no Dexie: pure functions of keys and bytes.
 *
 * - One PBKDF2-SHA256 derivation (600,000 iterations, a random 16-byte salt kept
 *   in the server's plaintext meta document) gives 64 bytes: the first 32 are the
 *   AES-256-GCM key of every document body, the last 32 the HMAC-SHA256 key of
 *   document ids. Both are imported non-extractable, so they can be kept in
 *   IndexedDB (structured clone) without the bytes ever being readable again.
 * - A document id is `k` + base64url(HMAC(idKey, table + ':' + rowId))[0..16
 *   bytes]: the same row maps to the same document on every device, and the id
 *   says neither the table nor anything of the row. (`k` because CouchDB reserves
 *   ids that start with `_`, which base64url can.)
 * - A body is `{ v: 1, iv, ct }`: AES-GCM with a fresh 12-byte iv, the document
 *   id as additional data, so ciphertext moved to another document fails to open.
 * - The meta document's `check` is a known text encrypted the same way: opening it
 *   tells a wrong passphrase apart before anything is pulled.
 */

export const SYNC_KDF_ITERATIONS = 600_000;
export const SYNC_BODY_VERSION = 1;
/** The plaintext meta document: salt, iterations and the key check. */
export const META_DOC_ID = 'kith-sync-meta';
const KEY_CHECK_TEXT = 'kith-sync-key-check-v1';
const SALT_BYTES = 16;
const IV_BYTES = 12;
const ID_BYTES = 16;

export interface SyncKeys {
  /** AES-256-GCM, non-extractable, encrypt + decrypt. */
  enc: CryptoKey;
  /** HMAC-SHA256, non-extractable, sign. */
  id: CryptoKey;
}

/** What the server's meta document holds (plaintext: nothing personal). */
export interface SyncMeta {
  kind: 'kith-sync';
  v: number;
  kdf: { name: 'PBKDF2'; hash: 'SHA-256'; iterations: number; salt: string };
  check: EncryptedBody;
}

export interface EncryptedBody {
  v: number;
  iv: string;
  ct: string;
}

function subtle(): SubtleCrypto {
  const s = globalThis.crypto?.subtle;
  if (!s) throw new Error('WebCrypto (crypto.subtle) is not available');
  return s;
}

/** A fresh typed-array copy: jsdom's ArrayBuffer is another realm's, typed arrays pass. */
function buf(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes);
}

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

export function toBase64(bytes: Uint8Array): string {
  let s = '';
  const CHUNK = 0x8000;
  for (let i = 0; i < bytes.length; i += CHUNK) s += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(s);
}

export function fromBase64(s: string): Uint8Array | undefined {
  if (typeof s !== 'string' || !/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  try {
    const bin = atob(s);
    const out = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
    return out;
  } catch {
    // atob's own refusal (bad length): the same answer as a bad alphabet
    return undefined;
  }
}

function base64url(bytes: Uint8Array): string {
  return toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomSalt(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(SALT_BYTES)));
}

/** Derive both keys from the passphrase (NFC-normalised, as backups do) and the salt. */
export async function deriveSyncKeys(passphrase: string, salt: string, iterations = SYNC_KDF_ITERATIONS): Promise<SyncKeys> {
  const saltBytes = fromBase64(salt);
  if (!saltBytes || saltBytes.length !== SALT_BYTES) throw new Error('bad salt');
  const material = await subtle().importKey('raw', buf(enc.encode(passphrase.normalize('NFC'))), 'PBKDF2', false, ['deriveBits']);
  const bits = new Uint8Array(await subtle().deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: buf(saltBytes), iterations }, material, 512));
  try {
    const [encKey, idKey] = await Promise.all([
      subtle().importKey('raw', buf(bits.subarray(0, 32)), { name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt']),
      subtle().importKey('raw', buf(bits.subarray(32, 64)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
    ]);
    return { enc: encKey, id: idKey };
  } finally {
    bits.fill(0);
  }
}

/** The document id of a row: deterministic under the key, opaque without it. */
export async function docIdOf(keys: SyncKeys, table: string, rowId: string): Promise<string> {
  const mac = new Uint8Array(await subtle().sign('HMAC', keys.id, buf(enc.encode(`${table}:${rowId}`))));
  return `k${base64url(mac.subarray(0, ID_BYTES))}`;
}

export async function encryptBody(keys: SyncKeys, docId: string, plaintext: string): Promise<EncryptedBody> {
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const ct = new Uint8Array(
    await subtle().encrypt({ name: 'AES-GCM', iv: buf(iv), additionalData: buf(enc.encode(docId)) }, keys.enc, buf(enc.encode(plaintext))),
  );
  return { v: SYNC_BODY_VERSION, iv: toBase64(iv), ct: toBase64(ct) };
}

/** The plaintext, or undefined when the body does not open under this key for this id (wrong key, moved, edited, malformed). */
export async function decryptBody(keys: SyncKeys, docId: string, body: unknown): Promise<string | undefined> {
  if (!body || typeof body !== 'object') return undefined;
  const { v, iv, ct } = body as Record<string, unknown>;
  if (v !== SYNC_BODY_VERSION || typeof iv !== 'string' || typeof ct !== 'string') return undefined;
  const ivBytes = fromBase64(iv);
  const ctBytes = fromBase64(ct);
  if (!ivBytes || ivBytes.length !== IV_BYTES || !ctBytes || ctBytes.length < 16) return undefined;
  try {
    const pt = await subtle().decrypt({ name: 'AES-GCM', iv: buf(ivBytes), additionalData: buf(enc.encode(docId)) }, keys.enc, buf(ctBytes));
    return dec.decode(pt);
  } catch {
    // GCM's tag did not verify (or the bytes are not UTF-8): the one answer is "refused"
    return undefined;
  }
}

export async function makeMeta(keys: SyncKeys, salt: string, iterations = SYNC_KDF_ITERATIONS): Promise<SyncMeta> {
  return {
    kind: 'kith-sync',
    v: SYNC_BODY_VERSION,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt },
    check: await encryptBody(keys, META_DOC_ID, KEY_CHECK_TEXT),
  };
}

/** Whether a server's meta document is one Kith wrote (shape only; says nothing of the key). */
export function isSyncMeta(doc: unknown): doc is SyncMeta {
  if (!doc || typeof doc !== 'object') return false;
  const d = doc as Partial<SyncMeta>;
  return (
    d.kind === 'kith-sync' &&
    d.kdf?.name === 'PBKDF2' &&
    d.kdf.hash === 'SHA-256' &&
    typeof d.kdf.salt === 'string' &&
    typeof d.kdf.iterations === 'number' &&
    d.kdf.iterations >= SYNC_KDF_ITERATIONS &&
    d.kdf.iterations <= 10_000_000 &&
    !!d.check
  );
}

/** Whether the keys open the meta document's key check. */
export async function checkKeys(keys: SyncKeys, meta: SyncMeta): Promise<boolean> {
  return (await decryptBody(keys, META_DOC_ID, meta.check)) === KEY_CHECK_TEXT;
}

/** Run `fn` over `items` in chunks of `size`, each chunk in parallel (WebCrypto's queue stays bounded). */
export async function inChunks<T, R>(items: readonly T[], size: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await Promise.all(items.slice(i, i + size).map(fn))));
  return out;
}
