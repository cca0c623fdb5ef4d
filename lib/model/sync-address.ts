/**
 * What a sync server's address and database may be, checked the same way by the
 * options page (to word the problem) and the background (to refuse the message),
 * and the host permission Kith asks for to reach it. Pure: no browser, no zod.
 */

/** Plain http only for a server on this machine (self-hosting, tests): anywhere else the password and the ciphertext would travel in the clear. */
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost']);

export type ServerAddressProblem = 'empty' | 'invalid' | 'https' | 'credentials' | 'query';

export type ServerAddressCheck = { ok: true; server: string; origin: string; pattern: string } | { ok: false; problem: ServerAddressProblem };

/**
 * Checks an address the user typed. `server` is what Kith stores (the origin and
 * any path a reverse proxy puts CouchDB under, without a trailing slash).
 * `pattern` is the host permission to ask for: the scheme and host without the
 * port, because Firefox's match patterns refuse a port (in both browsers a pattern
 * without one covers that host on every port).
 */
export function checkServerAddress(input: string): ServerAddressCheck {
  const text = input.trim();
  if (!text) return { ok: false, problem: 'empty' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return { ok: false, problem: 'invalid' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, problem: 'invalid' };
  if (!url.hostname) return { ok: false, problem: 'invalid' };
  if (url.protocol === 'http:' && !LOCAL_HOSTS.has(url.hostname)) return { ok: false, problem: 'https' };
  // The password has its own field: one in the address would be stored and shown with it.
  if (url.username || url.password) return { ok: false, problem: 'credentials' };
  if (url.search || url.hash) return { ok: false, problem: 'query' };
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, server: `${url.origin}${path}`, origin: url.origin, pattern: hostPattern(url) };
}

/**
 * The host permission that covers a server's origin, for asking AND for checking:
 * the scheme and host, never the port. Firefox answers `permissions.contains` with
 * false for a pattern that has a port, even when that host is granted, so a check
 * with the origin's own port would find no access to a server on :5984.
 */
export function hostPattern(origin: string | URL): string {
  const url = typeof origin === 'string' ? new URL(origin) : origin;
  return `${url.protocol}//${url.hostname}/*`;
}

/** CouchDB's own rule for a database name (lower case, starting with a letter), and its length limit. */
export const DATABASE_NAME = /^[a-z][a-z0-9_$()+/-]{0,237}$/;

/** The shortest passphrase a first device may choose: the server holds what an attacker would guess against. */
export const MIN_SYNC_PASSPHRASE = 10;

/** The host patterns the manifest declares as optional, so a server's origin can be granted at run time. */
export const SYNC_OPTIONAL_HOSTS = ['https://*/*', 'http://127.0.0.1/*', 'http://localhost/*'];
