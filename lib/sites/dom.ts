/**
 * Tiny DOM helpers shared by site adapters. Pure over the nodes they are given:
 * no globals except the MutationObserver / timer that `waitForElement` needs.
 */

/** Trim and collapse whitespace (incl. NBSP) so page text compares and stores cleanly. */
export function normText(s: string | null | undefined): string {
  return (s ?? '').replace(/[\s\u00a0\u200b]+/g, ' ').trim();
}

/** Normalised text content of an element (never HTML); '' for null. */
export function textOf(el: Element | null | undefined): string {
  return el ? normText(el.textContent) : '';
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
