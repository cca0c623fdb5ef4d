import type { Page } from 'playwright-core';
import { savedBody } from './pages';

export { savedBody };

/** A page of either harness (Playwright in Chromium, puppeteer in Firefox): both evaluate a function with one argument. */
export interface EvaluatesWith<A> {
  evaluate(fn: (arg: A) => unknown, arg: A): Promise<unknown>;
}

/**
 * In-page navigation the way LinkedIn does it: history.pushState from the page's
 * own world, then the new content rendered a moment later (not before).
 */
export async function navigateInPage(page: EvaluatesWith<{ path: string; body: string; title: string }>, path: string, file: string): Promise<void> {
  const { body, title } = savedBody(file);
  await page.evaluate(
    ({ path, body, title }) => {
      history.pushState({}, '', path);
      setTimeout(() => {
        document.body.innerHTML = body;
        document.title = title;
      }, 50);
    },
    { path, body, title },
  );
}

/** Nothing of Kith's in LinkedIn's DOM: no shadow hosts, no extension URLs (Chromium's or Firefox's), no kith ids. */
export async function kithElementsInPage(page: { evaluate(fn: () => number): Promise<unknown> }): Promise<number> {
  return page.evaluate(() => {
    let n = 0;
    for (const el of Array.from(document.querySelectorAll('*'))) {
      if (el.shadowRoot || /kith/i.test(el.tagName) || /kith/i.test(el.id) || el.hasAttribute('data-kith')) n++;
      for (const a of Array.from(el.attributes)) if (/(chrome|moz)-extension:\/\//.test(a.value)) n++;
    }
    return n;
  }) as Promise<number>;
}

/**
 * Text inside Kith's in-page card. Its shadow root is closed, so neither the page
 * nor Playwright's locators see into it: read it through the DevTools protocol,
 * which does.
 */
export async function cardText(page: Page, tag = 'KITH-CARD'): Promise<string | undefined> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = findNode(root, (n) => n.nodeName === tag);
    if (!host) return undefined;
    const texts: string[] = [];
    const walk = (n: CdpNode) => {
      if (n.nodeType === 3 && n.nodeValue?.trim()) texts.push(n.nodeValue.trim());
      if (n.nodeName === 'STYLE') return;
      for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) walk(c);
    };
    walk(host);
    return texts.join(' ');
  } finally {
    await cdp.detach();
  }
}

/**
 * Clicks a button inside a closed shadow root the way a user does: its box found
 * through the DevTools protocol, then a real mouse click at its centre.
 */
export async function clickInShadow(page: Page, tag: string, buttonText: string): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = (await cdp.send('DOM.getDocument', { depth: -1, pierce: true })) as { root: CdpNode };
    const host = findNode(root, (n) => n.nodeName === tag);
    const text = (n: CdpNode): string => (n.nodeType === 3 ? (n.nodeValue ?? '') : (n.children ?? []).map(text).join(''));
    const button = host && findNode(host, (n) => n.nodeName === 'BUTTON' && text(n).trim() === buttonText);
    if (!button?.nodeId) throw new Error(`no button "${buttonText}" in ${tag}`);
    const { model } = (await cdp.send('DOM.getBoxModel', { nodeId: button.nodeId })) as { model: { content: number[] } };
    const [x1, y1, , , x3, y3] = model.content as [number, number, number, number, number, number];
    await page.mouse.click((x1 + x3) / 2, (y1 + y3) / 2);
  } finally {
    await cdp.detach();
  }
}

interface CdpNode {
  nodeId?: number;
  nodeType: number;
  nodeName: string;
  nodeValue?: string;
  children?: CdpNode[];
  shadowRoots?: CdpNode[];
}

function findNode(n: CdpNode, pred: (n: CdpNode) => boolean): CdpNode | undefined {
  if (pred(n)) return n;
  for (const c of [...(n.shadowRoots ?? []), ...(n.children ?? [])]) {
    const hit = findNode(c, pred);
    if (hit) return hit;
  }
  return undefined;
}
