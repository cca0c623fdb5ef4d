import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './harness';

/** The <body> of a saved page, to swap in as LinkedIn's single-page app would. */
export function savedBody(file: string): { body: string; title: string } {
  const html = readFileSync(join(ROOT, file), 'utf8');
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? 'LinkedIn';
  return { body, title };
}

/**
 * In-page navigation the way LinkedIn does it: history.pushState from the page's
 * own world, then the new content rendered a moment later (not before).
 */
export async function navigateInPage(page: Page, path: string, file: string): Promise<void> {
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

/** Nothing of Kith's in LinkedIn's DOM: no shadow hosts, no extension URLs, no kith ids. */
export async function kithElementsInPage(page: Page): Promise<number> {
  return page.evaluate(() => {
    let n = 0;
    for (const el of Array.from(document.querySelectorAll('*'))) {
      if (el.shadowRoot || /kith/i.test(el.tagName) || /kith/i.test(el.id) || el.hasAttribute('data-kith')) n++;
      for (const a of Array.from(el.attributes)) if (a.value.includes('chrome-extension://')) n++;
    }
    return n;
  });
}
