/**
 * What LinkedIn's profile, feed and composer readers share: its own words that are
 * never a name, and how a person link and a name are read.
 */
import { linkedInHandleFromUrl } from '@/lib/sites/identity';
import { plausibleName as nameOf, textOf } from '@/lib/sites/dom';

/** Page titles that are LinkedIn's own, never a person's name. */
export const GENERIC_TITLES = new Set([
  'linkedin',
  'linkedin member',
  'feed',
  'home',
  'messaging',
  'notifications',
  'my network',
  'jobs',
  'search',
  'profile',
  'about',
  'experience',
  'activity',
]);

/** A readable person name, or undefined for the handle, LinkedIn's words or garbage. */
export function plausibleName(raw: string | null | undefined, handle?: string): string | undefined {
  return nameOf(raw, { ...(handle !== undefined ? { handle } : {}), generic: GENERIC_TITLES, reject: /\|/ });
}

/** The LinkedIn handle a link points at. */
export function handleOf(a: Element | null | undefined): string | undefined {
  return a ? linkedInHandleFromUrl(a.getAttribute('href') ?? '') : undefined;
}

/** Text of an element without LinkedIn's visually-hidden duplicate ("Ada ExampleAda Example"). */
export function visibleText(el: Element | null | undefined): string {
  if (!el) return '';
  const clone = el.cloneNode(true) as Element;
  clone.querySelectorAll('.visually-hidden').forEach((n) => n.remove());
  return textOf(clone);
}
