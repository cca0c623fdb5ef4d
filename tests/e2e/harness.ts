/**
 * End-to-end harness: the built extension in Debian's real Chromium through
 * playwright-core. LinkedIn is never reached: every request to linkedin.com (and to
 * another site a test gives pages for) is answered from saved pages in
 * tests/fixtures, everything else is aborted. Every
 * request the extension itself makes (its pages and its service worker) to
 * anything outside chrome-extension:// is recorded, and `close()` fails the test
 * if there was one.
 */
import { chromium, type BrowserContext, type Page, type Request, type Route, type Worker } from 'playwright-core';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';

import { ROOT } from './pages';

export { ROOT };
/** The built extension; KITH_EXTENSION_DIR points elsewhere (a copy) so parallel builds cannot change it under a running test. */
export const EXTENSION_DIR = process.env.KITH_EXTENSION_DIR ? resolve(process.env.KITH_EXTENSION_DIR) : join(ROOT, '.output/chrome-mv3');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

// Service-worker requests are only reported to Playwright with this flag.
process.env.PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS = '1';

export interface Kith {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  worker: Worker;
  /** Requests made by the extension itself to anything but chrome-extension:// */
  extensionRequests: string[];
  /** Requests answered from fixtures (a path on linkedin.com, host and path elsewhere). */
  routed: string[];
  open(path: string): Promise<Page>;
  /** A page on linkedin.com served from a saved page. */
  linkedin(path: string): Promise<Page>;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
  /** Evaluate in the service worker. */
  sw<T>(fn: () => T | Promise<T>): Promise<T>;
}

/**
 * Saved page served for a URL. Keys: a path on linkedin.com (`/in/ada/`), or for
 * any other site a full URL without query (`https://x.com/ada`) or host and path
 * (`x.com/ada`); a site gets answers only when the map has a page on its host.
 * Tests may add to it.
 */
export type PageMap = Record<string, string>;

/** The host of a non-LinkedIn key of a PageMap (`https://x.com/ada` or `x.com/ada` -> `x.com`). */
function pageKeyHost(key: string): string | undefined {
  if (key.startsWith('/')) return undefined;
  try {
    return new URL(/^https?:\/\//.test(key) ? key : `https://${key}`).hostname;
  } catch {
    return undefined;
  }
}

export const DEFAULT_PAGES: PageMap = {
  '/feed/': 'tests/fixtures/linkedin/feed-ember-constructed-2025.html',
  '/in/ada-example-0a1b2c3d/': 'tests/fixtures/linkedin/profile-ember-2025-12.html',
};

export async function launchKith(opts: { pages?: PageMap; userDataDir?: string; locale?: string; colorScheme?: 'light' | 'dark' } = {}): Promise<Kith> {
  if (!existsSync(join(EXTENSION_DIR, 'manifest.json'))) throw new Error('Build the extension first: npm run build');
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'kith-e2e-'));
  const pages: PageMap = { ...DEFAULT_PAGES, ...(opts.pages ?? {}) };
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: opts.locale ?? 'en-US',
    colorScheme: opts.colorScheme ?? 'light',
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      `--lang=${opts.locale ?? 'en-US'}`,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-features=Translate,MediaRouter,OptimizationHints',
    ],
  });
  const extensionRequests: string[] = [];
  const routed: string[] = [];
  const isExtensionUrl = (u: string) => u.startsWith('chrome-extension://');
  const recordIfExtension = (req: Request) => {
    const url = req.url();
    if (isExtensionUrl(url) || url.startsWith('data:') || url.startsWith('blob:')) return;
    let fromExtension = Boolean(req.serviceWorker());
    try {
      const frameUrl = req.frame().url();
      if (isExtensionUrl(frameUrl)) fromExtension = true;
    } catch {
      // Service-worker requests have no frame.
    }
    if (fromExtension) extensionRequests.push(url);
  };
  context.on('request', recordIfExtension);

  const otherHosts = new Set(Object.keys(pages).map(pageKeyHost).filter((h): h is string => !!h));
  await context.route('**/*', async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'chrome-extension:') return route.continue();
    const linkedin = /(^|\.)linkedin\.com$/.test(url.hostname);
    if (linkedin || otherHosts.has(url.hostname)) {
      const hostPath = `${url.hostname}${url.pathname}`;
      const file = linkedin
        ? (pages[url.pathname] ?? pages[url.pathname.replace(/\/?$/, '/')])
        : (pages[`${url.origin}${url.pathname}`] ?? pages[hostPath]);
      if (file && route.request().resourceType() === 'document') {
        routed.push(linkedin ? url.pathname : hostPath);
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(join(ROOT, file)) });
      }
      // Sub-resources of saved pages (images, scripts, beacons): answered empty.
      return route.fulfill({ status: 204, body: '' });
    }
    return route.abort('blockedbyclient');
  });

  const extensionId = unpackedExtensionId(EXTENSION_DIR);
  let worker = context.serviceWorkers().find((w) => isExtensionUrl(w.url()));
  if (!worker) {
    const waiting = context.waitForEvent('serviceworker', { predicate: (w) => isExtensionUrl(w.url()), timeout: 30_000 });
    // Opening one of its pages wakes a worker that started before we listened, or went idle.
    const wake = await context.newPage();
    await wake.goto(`chrome-extension://${extensionId}/popup.html`).catch(() => undefined);
    worker = context.serviceWorkers().find((w) => isExtensionUrl(w.url())) ?? (await waiting);
    await wake.close();
  }
  if (new URL(worker.url()).host !== extensionId) throw new Error(`Unexpected extension id ${worker.url()}`);

  const kith: Kith = {
    context,
    extensionId,
    userDataDir,
    worker,
    extensionRequests,
    routed,
    async open(path: string) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
      return page;
    },
    async linkedin(path: string) {
      const page = await context.newPage();
      await page.goto(`https://www.linkedin.com${path}`);
      return page;
    },
    async sw<T>(fn: () => T | Promise<T>): Promise<T> {
      let w = context.serviceWorkers().find((x) => isExtensionUrl(x.url()));
      w ??= await context.waitForEvent('serviceworker', { predicate: (x) => isExtensionUrl(x.url()), timeout: 20_000 });
      kith.worker = w;
      return w.evaluate(fn);
    },
    async close(closeOpts = {}) {
      await context.close();
      if (!closeOpts.keepProfile && !opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
      recordNetwork(extensionRequests.length, routed.length);
      if (extensionRequests.length > 0) throw new Error(`The extension made network requests of its own: ${extensionRequests.join(', ')}`);
    },
  };
  return kith;
}

/** Chromium's id for an unpacked extension: SHA-256 of its absolute path, first 32 hex digits spelled a-p. */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + parseInt(c, 16))).join('');
}

/** Total count of extension requests seen across the suite, for the report. */
export const networkReport = { extensionRequests: 0, routedPages: 0 };

/**
 * One entry per browser session in .test-results/network.json (a JSON array; the
 * e2e files run one at a time): the extension's own requests and the pages
 * answered from fixtures, with the test that closed it (for a browser shared by a
 * describe, its last test). The e2e run's global setup empties it, its teardown
 * (tests/e2e/network-report.ts) prints the totals.
 */
export const NETWORK_LOG = join(ROOT, '.test-results/network.json');
function recordNetwork(extensionRequests: number, routedPages: number): void {
  networkReport.extensionRequests += extensionRequests;
  networkReport.routedPages += routedPages;
  const file = (expect.getState().testPath ?? '').replace(`${ROOT}/`, '');
  mkdirSync(join(ROOT, '.test-results'), { recursive: true });
  let runs: unknown[] = [];
  try {
    runs = JSON.parse(readFileSync(NETWORK_LOG, 'utf8')) as unknown[];
  } catch {
    // First session of the run (or a file from an interrupted one): start afresh.
  }
  runs.push({ file, test: expect.getState().currentTestName ?? null, extensionRequests, routedPages });
  writeFileSync(NETWORK_LOG, JSON.stringify(runs, null, 1));
}
