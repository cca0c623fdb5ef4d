/**
 * Links Kith renders: only http:, https:, mailto: and tel:. Everything else
 * (javascript:, data:, vbscript:, blob:, relative tricks) is dropped. Control and
 * zero-width characters are stripped first, as browsers do when parsing a URL.
 */
import { normEmail } from '@/lib/model/email';

const ALLOWED = new Set(['http:', 'https:', 'mailto:', 'tel:']);

export function safeHref(raw: string | undefined | null): string | undefined {
  if (!raw) return undefined;
  const cleaned = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]/g, '').trim();
  if (!cleaned) return undefined;
  let url: URL;
  try {
    url = new URL(cleaned);
  } catch {
    return undefined;
  }
  if (!ALLOWED.has(url.protocol)) return undefined;
  return url.href;
}

/** A phone number as digits for tel: and wa.me (keeps a leading +). */
export function phoneDigits(phone: string): string {
  const t = phone.trim();
  const digits = t.replace(/\D/g, '');
  return t.startsWith('+') || t.startsWith('00') ? `+${digits.replace(/^00/, '')}` : digits;
}

export function telHref(phone: string): string | undefined {
  const d = phoneDigits(phone);
  return d.replace('+', '').length >= 3 ? `tel:${d}` : undefined;
}

/** WhatsApp wants the international number without "+". */
export function whatsappHref(phone: string): string | undefined {
  const d = phoneDigits(phone).replace('+', '');
  return d.length >= 6 ? `https://wa.me/${d}` : undefined;
}

/**
 * A mailto: link for a plain address only (see normEmail: nothing that could add
 * headers such as a hidden bcc), its two halves percent-encoded.
 */
export function mailtoHref(email: string): string | undefined {
  const e = normEmail(email);
  if (!e) return undefined;
  const at = e.lastIndexOf('@');
  return `mailto:${encodeURIComponent(e.slice(0, at))}@${encodeURIComponent(e.slice(at + 1))}`;
}

/** Images from a page: https only (no data:, no http mixed content). */
export function safeImageSrc(raw: string | undefined): string | undefined {
  const href = safeHref(raw);
  return href?.startsWith('https:') ? href : undefined;
}
