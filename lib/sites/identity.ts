/**
 * Canonical handles: one function per site, pure, so that the page, a
 * Connections.csv URL and a vCard X-SOCIALPROFILE all produce the same key.
 */
import type { SiteId } from '../model/types';

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // A malformed escape (e.g. a lone "%"): keep the raw text rather than fail.
    return s;
  }
}

/** Normalise a handle: percent-decode, trim, NFC, lower-case (locale-independent). */
export function canonicalHandle(raw: string): string {
  return safeDecode(raw).trim().normalize('NFC').toLowerCase();
}

export function profileKey(site: SiteId, handle: string): string {
  return `${site}:${canonicalHandle(handle)}`;
}

/**
 * The LinkedIn handle in a URL or path: `/in/<handle>` and every subpage of it,
 * query and fragment ignored. Accepts full URLs (any linkedin.com host, with or
 * without scheme) and bare paths. Returns undefined for anything else.
 */
export function linkedInHandleFromUrl(input: string): string | undefined {
  let s = input.trim();
  if (!s) return undefined;
  if (/^(www\.|[a-z]{2,3}\.)?linkedin\.com\//i.test(s)) s = `https://${s}`;
  let path: string;
  if (/^https?:\/\//i.test(s)) {
    let u: URL;
    try {
      u = new URL(s);
    } catch {
      return undefined;
    }
    if (!/(^|\.)linkedin\.com$/i.test(u.hostname)) return undefined;
    path = u.pathname;
  } else {
    path = s.split(/[?#]/)[0] ?? '';
  }
  const m = /^\/in\/([^/?#]+)/i.exec(path);
  if (!m || !m[1]) return undefined;
  const handle = canonicalHandle(m[1]);
  return handle || undefined;
}
