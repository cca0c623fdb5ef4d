/**
 * Tiny DOM helpers shared by site adapters. Pure over the nodes they are given:
 * no globals except the MutationObserver / timer that `waitForElement` needs.
 */
import { hash32 } from '@/lib/relationship/hash';
import { canonicalHandle } from './identity';

/** Trim and collapse whitespace (incl. NBSP) so page text compares and stores cleanly. */
export function normText(s: string | null | undefined): string {
  return (s ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** Normalised text content of an element (never HTML); '' for null. */
export function textOf(el: Element | null | undefined): string {
  return el ? normText(el.textContent) : '';
}

/** Which page text is never a person's name, for one site (see `plausibleName`). */
export interface NameRules {
  /** The profile's canonical handle: shown where a name should be, the name did not render. */
  handle?: string;
  /** The site's own words, lower-case ("linkedin", "feed"): never a name. */
  generic?: ReadonlySet<string>;
  /** Require at least one letter (default true); X lets a name be emoji only. */
  letter?: boolean;
  /** Text that gives away something else (a "|" title separator, an "@handle"). */
  reject?: RegExp;
}

/**
 * A readable person name from page text, or undefined for garbage, the handle
 * shown instead of a name, or the site's own words. At most 100 characters.
 */
export function plausibleName(raw: string | null | undefined, rules: NameRules = {}): string | undefined {
  const s = normText(raw);
  if (!s || s.length > 100) return undefined;
  if (rules.letter !== false && !/\p{L}/u.test(s)) return undefined;
  if (rules.reject?.test(s)) return undefined;
  if (rules.generic?.has(s.toLowerCase())) return undefined;
  if (rules.handle !== undefined && canonicalHandle(s) === rules.handle) return undefined;
  return s;
}

/** The `content` of the first matching `<meta>` (Open Graph tags), normalised; '' when absent. */
export function meta(doc: ParentNode, selectors: readonly string[]): string {
  return normText(queryFirst(doc, selectors)?.getAttribute('content'));
}

/**
 * A short key for a post known only by its text (no id on the page). Kept in
 * memory for one page only, never stored, so the hash may change between versions.
 */
export function textKey(s: string): string {
  return hash32(s).toString(36);
}

/** The first element matching any of `selectors`, tried in order (not document order). */
export function queryFirst<E extends Element = Element>(root: ParentNode, selectors: readonly string[]): E | null {
  for (const sel of selectors) {
    const el = root.querySelector<E>(sel);
    if (el) return el;
  }
  return null;
}

/** The nearest ancestor-or-self matching any of `selectors`, tried in order. */
export function closestOf(el: Element, selectors: readonly string[]): Element | null {
  for (const sel of selectors) {
    const hit = el.closest(sel);
    if (hit) return hit;
  }
  return null;
}

/**
 * Resolves with the first element matching any of `selectors` (in order) under
 * `root`, as soon as it exists; null on timeout or abort. Uses one
 * MutationObserver: no polling, no sleeps. Attribute changes are watched too,
 * because SPA pages often reuse a node and only change its attributes.
 * `accept` (optional) must also hold, e.g. "the top card is this profile's, not
 * the previous one's" after in-page navigation.
 */
export function waitForElement(
  root: ParentNode,
  selectors: readonly string[],
  signal: AbortSignal,
  timeoutMs = 10_000,
  accept: (el: Element) => boolean = () => true,
): Promise<Element | null> {
  const match = (): Element | null => {
    const el = queryFirst(root, selectors);
    return el && accept(el) ? el : null;
  };
  const found = match();
  if (found) return Promise.resolve(found);
  if (signal.aborted) return Promise.resolve(null);

  return new Promise((resolve) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (el: Element | null): void => {
      observer.disconnect();
      if (timer !== undefined) clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      resolve(el);
    };
    const onAbort = (): void => finish(null);
    const observer = new MutationObserver(() => {
      const el = match();
      if (el) finish(el);
    });
    observer.observe(root as Node, { childList: true, subtree: true, attributes: true });
    signal.addEventListener('abort', onAbort, { once: true });
    if (Number.isFinite(timeoutMs)) timer = setTimeout(() => finish(null), timeoutMs);
  });
}
