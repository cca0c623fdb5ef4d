/**
 * End-to-end harness: the built extension in Debian's real Chromium through
 * playwright-core. LinkedIn is never reached: every request to linkedin.com (and to
 * another site a test gives pages for) is answered from saved pages in
 * tests/fixtures, everything else is aborted. Every
 * request the extension itself makes (its pages and its service worker) to
 * anything outside chrome-extension:// is recorded, and `close()` fails the test
 * if there was one. The one exception is sync: the origins a test allows (its sync
 * server on 127.0.0.1, only while sync is on) pass through to the network and are
 * recorded apart, in `syncRequests`.
 */
import { chromium, type BrowserContext, type Page, type Request, type Route, type Worker } from 'playwright-core';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { answerFor, DEFAULT_PAGES, ROOT, type PageMap } from './pages';
import { recordNetwork } from './network-log';

export { DEFAULT_PAGES, ROOT, type PageMap };
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
  /** The extension's requests to an allowed origin (its sync server), which went through. */
  syncRequests: string[];
  /** The origins the extension may reach from now on (its sync server while sync is on; `[]` once it is off). */
  allowOrigins(origins: string[]): void;
  open(path: string): Promise<Page>;
  /** A page on linkedin.com served from a saved page. */
  linkedin(path: string): Promise<Page>;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
  /** Evaluate in the service worker. */
  sw<T>(fn: () => T | Promise<T>): Promise<T>;
}

export interface LaunchOptions {
  pages?: PageMap;
  userDataDir?: string;
  locale?: string;
  colorScheme?: 'light' | 'dark';
  /** Another build than EXTENSION_DIR (the benchmark runs a copy). */
  extensionDir?: string;
  /**
   * Write the session to the e2e network log and fail `close()` on a request of the
   * extension's own (the default); off for the benchmark, which runs outside vitest.
   */
  networkLog?: boolean;
  /**
   * Origins (`http://127.0.0.1:<port>`) the extension may reach: the sync server a
   * test turns sync on with. Exactly these, only from the extension, and only until
   * `allowOrigins([])`; every other request of its own still fails `close()`.
   */
  allowOrigins?: string[];
}

/** The origin of a URL, or '' for one that has none. */
function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return '';
  }
}

export async function launchKith(opts: LaunchOptions = {}): Promise<Kith> {
  const extensionDir = opts.extensionDir ? resolve(opts.extensionDir) : EXTENSION_DIR;
  if (!existsSync(join(extensionDir, 'manifest.json'))) throw new Error('Build the extension first: npm run build');
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'kith-e2e-'));
  const pages: PageMap = { ...DEFAULT_PAGES, ...(opts.pages ?? {}) };
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: opts.locale ?? 'en-US',
    colorScheme: opts.colorScheme ?? 'light',
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
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
  const syncRequests: string[] = [];
  let allowed = new Set(opts.allowOrigins ?? []);
  const isExtensionUrl = (u: string) => u.startsWith('chrome-extension://');
  const fromExtension = (req: Request) => {
    if (req.serviceWorker()) return true;
    try {
      return isExtensionUrl(req.frame().url());
    } catch {
      // Service-worker requests have no frame.
      return false;
    }
  };
  const recordIfExtension = (req: Request) => {
    const url = req.url();
    if (isExtensionUrl(url) || url.startsWith('data:') || url.startsWith('blob:')) return;
    if (!fromExtension(req)) return;
    if (allowed.has(originOf(url))) syncRequests.push(url);
    else extensionRequests.push(url);
  };
  context.on('request', recordIfExtension);

  await context.route('**/*', async (route: Route) => {
    const url = route.request().url();
    if (url.startsWith('chrome-extension://')) return route.continue();
    // The sync server, while sync is on: only the extension reaches it.
    if (allowed.has(originOf(url)) && fromExtension(route.request())) return route.continue();
    const answer = answerFor(pages, url, route.request().resourceType() === 'document');
    if (answer.kind === 'page') {
      routed.push(answer.routed);
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: answer.body });
    }
    // Sub-resources of saved pages (images, scripts, beacons): answered empty.
    if (answer.kind === 'empty') return route.fulfill({ status: 204, body: '' });
    return route.abort('blockedbyclient');
  });

  const extensionId = unpackedExtensionId(extensionDir);
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
    syncRequests,
    allowOrigins(origins: string[]) {
      allowed = new Set(origins);
    },
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
      if (opts.networkLog === false) return;
      await recordNetwork(extensionRequests.length, routed.length);
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

export { NETWORK_LOG, networkReport } from './network-log';
