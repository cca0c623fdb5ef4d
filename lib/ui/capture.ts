/**
 * "Kith: save as a note about…" and "Kith: add to a person…": what the context
 * menu captured from a page, kept in `storage.session` until the side panel's
 * picker saves it or the user cancels. It goes from the background to the panel
 * through session storage, which content scripts cannot read or write: never
 * through the page.
 */
import { storage } from 'wxt/utils/storage';
import { normEmail } from '@/lib/model/email';
import { PENDING_CAPTURE_KEY } from '@/lib/model/storage-keys';
import type { NoteSource } from '@/lib/model/types';
import { cleanPhone } from '@/lib/relationship/duplicates';

export interface PendingCapture {
  /** A selected text to save as a note, or an address or number from a `mailto:` / `tel:` link. */
  kind: 'note' | 'email' | 'phone';
  /** The note's text, the e-mail address or the phone number. */
  text: string;
  /** The page it was captured on (http and https pages only). */
  source?: NoteSource;
  at: number;
}

export const pendingCaptureItem = storage.defineItem<PendingCapture>(`session:${PENDING_CAPTURE_KEY}`);

/** What Chrome and Firefox pass a context menu's click listener (the fields Kith reads). */
export interface MenuInfo {
  selectionText?: string | undefined;
  linkUrl?: string | undefined;
  pageUrl?: string | undefined;
}

const MAX_NOTE = 10_000;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    // A malformed escape: the text as it is (it is checked next anyway).
    return s;
  }
}

/** The page's address as a note's source: only web pages, without a fragment; a title when the browser gave one. */
export function captureSource(pageUrl: string | undefined, title: string | undefined): NoteSource | undefined {
  if (!pageUrl) return undefined;
  let u: URL;
  try {
    u = new URL(pageUrl);
  } catch {
    return undefined;
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return undefined;
  u.hash = '';
  const t = title?.replace(/\s+/g, ' ').trim().slice(0, 300);
  return { url: u.href.slice(0, 2048), ...(t ? { title: t } : {}) };
}

/**
 * The capture a menu click makes: the selected text as a note, or the address of
 * a `mailto:` link / the number of a `tel:` link (the first of several, without
 * headers such as `?subject=`). Undefined when there is nothing usable.
 */
export function captureFromMenu(
  kind: 'selection' | 'contact',
  info: MenuInfo,
  tab: { title?: string | undefined } | undefined,
  now: number,
): PendingCapture | undefined {
  const source = captureSource(info.pageUrl, tab?.title);
  const base = { at: now, ...(source ? { source } : {}) };
  if (kind === 'selection') {
    const text = (info.selectionText ?? '').trim().slice(0, MAX_NOTE);
    return text ? { kind: 'note', text, ...base } : undefined;
  }
  const link = (info.linkUrl ?? '').trim();
  const scheme = /^(mailto|tel):/i.exec(link)?.[1]?.toLowerCase();
  if (!scheme) return undefined;
  const target = decode(link.slice(scheme.length + 1).split('?')[0] ?? '').split(',')[0] ?? '';
  if (scheme === 'mailto') {
    const email = normEmail(target);
    return email ? { kind: 'email', text: email, ...base } : undefined;
  }
  const phone = cleanPhone(target);
  return phone ? { kind: 'phone', text: phone, ...base } : undefined;
}
