import type { Frame, Page } from 'playwright-core';
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
 * Kith's own frame in the page (`card.html`): the in-page card, or with
 * `tag = 'KITH-NUDGE'` the in-page nudge. Another origin than the page's: only
 * the browser (and Playwright through it) reaches into it.
 */
export function kithFrame(page: Page, tag = 'KITH-CARD'): Frame | undefined {
  const mode = tag === 'KITH-NUDGE' ? 'nudge' : 'card';
  return page.frames().find((f) => /^chrome-extension:\/\/[^/]+\/card\.html\?/.test(f.url()) && new URL(f.url()).searchParams.get('mode') === mode);
}

/**
 * Text of Kith's in-page card (or nudge): what its frame shows, else what its
 * element in the page says by itself ("refresh this page" once Kith is gone).
 */
export async function cardText(page: Page, tag = 'KITH-CARD'): Promise<string | undefined> {
  const frame = kithFrame(page, tag);
  if (frame) {
    const text = await frame.evaluate(() => document.body.innerText).catch(() => undefined);
    if (text !== undefined) return text.replace(/\s+/g, ' ').trim();
  }
  return page.evaluate((tag) => {
    const host = document.querySelector(tag.toLowerCase());
    return host?.textContent ?? undefined;
  }, tag);
}

/** Clicks a button of Kith's in-page card (or nudge) the way a user does. */
export async function clickInCard(page: Page, tag: string, buttonText: string): Promise<void> {
  const frame = kithFrame(page, tag);
  if (!frame) throw new Error(`no frame for ${tag}`);
  const button = frame
    .locator('button')
    .filter({ hasText: new RegExp(`^\\s*${buttonText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`) })
    .first();
  // A real mouse click at the button's centre (the frame may go away with the click, which a locator click would wait on).
  const box = await button.boundingBox();
  if (!box) throw new Error(`no button "${buttonText}" in ${tag}`);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}
