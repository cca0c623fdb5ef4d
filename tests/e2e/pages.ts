/**
 * Paths and saved pages, with no test-runner import: the benchmark driver uses
 * these too, outside vitest.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../..');

/** The <body> of a saved page, to swap in as LinkedIn's single-page app would. */
export function savedBody(file: string): { body: string; title: string } {
  const html = readFileSync(join(ROOT, file), 'utf8');
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  const title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? 'LinkedIn';
  return { body, title };
}

/**
 * Saved page served for a URL. Keys: a path on linkedin.com (`/in/ada/`), or for
 * any other site a full URL without query (`https://x.com/ada`) or host and path
 * (`x.com/ada`); a site gets answers only when the map has a page on its host.
 * Tests may add to it.
 */
export type PageMap = Record<string, string>;

export const DEFAULT_PAGES: PageMap = {
  '/feed/': 'tests/fixtures/linkedin/feed-ember-constructed-2025.html',
  '/in/ada-example-0a1b2c3d/': 'tests/fixtures/linkedin/profile-ember-2025-12.html',
};

/** The host of a non-LinkedIn key of a PageMap (`https://x.com/ada` or `x.com/ada` -> `x.com`). */
function pageKeyHost(key: string): string | undefined {
  if (key.startsWith('/')) return undefined;
  try {
    return new URL(/^https?:\/\//.test(key) ? key : `https://${key}`).hostname;
  } catch {
    return undefined;
  }
}

/**
 * How the harnesses (Chromium and Firefox) answer a request from a web page:
 * a document on linkedin.com, or on another host the map has pages for, is
 * served from its saved page (`routed` names it for the network report); any
 * other request to those hosts (images, scripts, beacons) gets an empty answer;
 * every other host is refused.
 */
export type Answer = { kind: 'page'; body: Buffer; routed: string } | { kind: 'empty' } | { kind: 'abort' };

export function answerFor(pages: PageMap, href: string, isDocument: boolean): Answer {
  let url: URL;
  try {
    url = new URL(href);
  } catch {
    return { kind: 'abort' };
  }
  const linkedin = /(^|\.)linkedin\.com$/.test(url.hostname);
  const otherHosts = new Set(Object.keys(pages).map(pageKeyHost));
  if (!linkedin && !otherHosts.has(url.hostname)) return { kind: 'abort' };
  const hostPath = `${url.hostname}${url.pathname}`;
  const file = linkedin ? (pages[url.pathname] ?? pages[url.pathname.replace(/\/?$/, '/')]) : (pages[`${url.origin}${url.pathname}`] ?? pages[hostPath]);
  if (file && isDocument) return { kind: 'page', body: readFileSync(join(ROOT, file)), routed: linkedin ? url.pathname : hostPath };
  return { kind: 'empty' };
}
