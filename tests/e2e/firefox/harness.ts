/**
 * End-to-end harness for Firefox: the built `.output/firefox-mv3` installed as a
 * temporary add-on in Debian's Firefox ESR, driven by puppeteer-core over WebDriver
 * BiDi. The same rules as the Chromium harness (tests/e2e/harness.ts), with the same
 * saved pages and network log:
 *
 * - Kith's pages are opened by URL: the profile pins the add-on's internal UUID
 *   (`extensions.webextensions.uuids`), and Firefox lets WebDriver open
 *   moz-extension:// pages only when started with `--remote-allow-system-access`.
 *   Firefox does not always report their load event, so `open()` waits for the
 *   document, never for `load`.
 * - Every request of every tab passes one BiDi network intercept (added for the
 *   whole session, so tabs Kith opens itself are covered too): saved pages for
 *   LinkedIn and the hosts a test gives, everything else failed.
 * - The extension's background has no browsing context, so BiDi neither reports
 *   nor intercepts its requests. Firefox is therefore given a proxy on 127.0.0.1
 *   that answers nothing: any request that was not intercepted (the background's,
 *   a worker's) reaches it and is counted as the extension's own. Requests of
 *   Kith's pages are counted from BiDi's events by the tab they come from.
 * - Sync is the one exception: the origins a test allows (its sync server on
 *   127.0.0.1, only while sync is on) are forwarded by that proxy (the
 *   background's requests) or let through the intercept (a page's), and recorded
 *   apart, in `syncRequests`.
 * - KITH_FF_DUMPIO=1 prints Firefox's output, with the console of every context
 *   (the background's included), to the test's stderr: the one way to read what
 *   the background logged.
 */
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { createServer, request as httpRequest, type Server } from 'node:http';
import { connect } from 'node:net';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { answerFor, DEFAULT_PAGES, ROOT, type PageMap } from '@/tests/e2e/pages';
import { recordNetwork } from '@/tests/e2e/network-log';

export { ROOT };
/** The built add-on; KITH_FIREFOX_EXTENSION_DIR points elsewhere (a copy) so parallel builds cannot change it under a running test. */
export const FIREFOX_EXTENSION_DIR = process.env.KITH_FIREFOX_EXTENSION_DIR
  ? resolve(process.env.KITH_FIREFOX_EXTENSION_DIR)
  : join(ROOT, '.output/firefox-mv3');
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The add-on's internal UUID in every test profile: its pages are moz-extension://<this>/… */
export const KITH_UUID = '6b1c4f3e-8a2d-4e57-9c10-4b1d2e3f5a60';

export interface FirefoxKith {
  browser: Browser;
  userDataDir: string;
  /** Where Firefox saves downloads, without asking. */
  downloads: string;
  /** moz-extension://<uuid> */
  origin: string;
  /** Requests made by the extension itself (its pages, its background) to anything but moz-extension:// */
  extensionRequests: string[];
  /** Requests answered from fixtures (a path on linkedin.com, host and path elsewhere). */
  routed: string[];
  /** One of Kith's pages, in a new tab, once its document has been parsed. */
  open(path: string): Promise<Page>;
  /** A page on linkedin.com served from a saved page. */
  linkedin(path: string): Promise<Page>;
  /** Any https URL in a new tab (answered from the test's pages, or refused). */
  visit(url: string): Promise<Page>;
  /** The extension's own requests so far: from its pages, and whatever reached the sink proxy. */
  ownRequests(): string[];
  /** The extension's requests to an allowed origin (its sync server), which went through. */
  syncRequests: string[];
  /** The origins the extension may reach from now on (its sync server while sync is on; `[]` once it is off). */
  allowOrigins(origins: string[]): void;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

/** The gecko id of the built add-on (browser_specific_settings), the key of the UUID preference. */
function geckoId(dir: string): string {
  const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { browser_specific_settings?: { gecko?: { id?: string } } };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error('The Firefox build has no gecko id');
  return id;
}

/**
 * Firefox's own services (remote settings, add-on and safe-browsing updates):
 * release builds reach them whatever the preferences say. Kith has no reason to
 * talk to any of them; they are left out of Kith's count, and refused all the same.
 */
const FIREFOX_OWN = /(^|\.)(mozilla\.(com|net|org)|firefox\.com|mozaws\.net|mozgcp\.net)(:\d+)?$/;

/** What the sink proxy lets through: the allowed origins (a test's sync server), each request noted. */
interface Passage {
  allowed: () => ReadonlySet<string>;
  passed: string[];
}

/** A proxy that answers nothing and notes what reached it (but Firefox's own services), except for the allowed origins, which it forwards. */
async function startSinkProxy(hits: string[], passage: Passage): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    let host = '';
    let url: URL | undefined;
    try {
      url = new URL(req.url ?? '');
      host = url.host;
    } catch {
      // Not a proxy request: counted.
    }
    if (url && url.protocol === 'http:' && passage.allowed().has(url.origin)) {
      passage.passed.push(url.href);
      const upstream = httpRequest(
        { host: url.hostname, port: url.port, method: req.method, path: `${url.pathname}${url.search}`, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.on('error', () => res.destroy());
      req.pipe(upstream);
      return;
    }
    if (!FIREFOX_OWN.test(host)) hits.push(req.url ?? '?');
    res.writeHead(403).end();
  });
  server.on('connect', (req, socket, head) => {
    const target = req.url ?? '';
    if (passage.allowed().has(`https://${target.replace(/:443$/, '')}`)) {
      passage.passed.push(`CONNECT ${target}`);
      const [h, p] = target.split(':');
      const upstream = connect(Number(p ?? 443), h ?? '', () => {
        socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        upstream.write(head);
        upstream.pipe(socket);
        socket.pipe(upstream);
      });
      upstream.on('error', () => socket.destroy());
      socket.on('error', () => upstream.destroy());
      return;
    }
    if (!FIREFOX_OWN.test(target)) hits.push(`CONNECT ${target || '?'}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  if (!addr || typeof addr === 'string') throw new Error('proxy did not start');
  return { server, port: addr.port };
}

/** Preferences of every test profile: the pinned UUID, the sink proxy, and Firefox's own traffic off. */
function prefs(id: string, proxyPort: number, locale: string, downloads: string, grantOptional: boolean): Record<string, unknown> {
  return {
    // Firefox's own switch for optional permissions: off, `permissions.request` (still
    // only inside a user's click) grants at once instead of showing a prompt that
    // WebDriver cannot answer.
    'extensions.webextOptionalPermissionPrompts': !grantOptional,
    ...(process.env.KITH_FF_DUMPIO
      ? { 'devtools.console.stdout.chrome': true, 'devtools.console.stdout.content': true, 'browser.dom.window.dump.enabled': true }
      : {}),
    'extensions.webextensions.uuids': JSON.stringify({ [id]: KITH_UUID }),
    'intl.locale.requested': locale,
    'intl.accept_languages': locale,
    'network.proxy.type': 1,
    'network.proxy.http': '127.0.0.1',
    'network.proxy.http_port': proxyPort,
    'network.proxy.ssl': '127.0.0.1',
    'network.proxy.ssl_port': proxyPort,
    'network.proxy.no_proxies_on': '',
    'network.proxy.allow_hijacking_localhost': true,
    'network.dns.disablePrefetch': true,
    'network.prefetch-next': false,
    'network.http.speculative-parallel-limit': 0,
    'browser.safebrowsing.downloads.remote.enabled': false,
    'browser.safebrowsing.malware.enabled': false,
    'browser.safebrowsing.phishing.enabled': false,
    'extensions.update.enabled': false,
    'extensions.getAddons.cache.enabled': false,
    'app.update.enabled': false,
    'browser.newtabpage.enabled': false,
    'browser.startup.homepage': 'about:blank',
    'browser.topsites.contile.enabled': false,
    'services.settings.server': 'http://127.0.0.1:1/',
    'toolkit.telemetry.enabled': false,
    'datareporting.policy.dataSubmissionEnabled': false,
    'network.captive-portal-service.enabled': false,
    'network.connectivity-service.enabled': false,
    // Downloads go to the profile's folder without asking.
    'browser.download.useDownloadDir': true,
    'browser.download.folderList': 2,
    'browser.download.dir': downloads,
    'browser.download.start_downloads_in_tmp_dir': false,
    'browser.download.always_ask_before_handling_new_types': false,
  };
}

interface BidiEvent {
  context?: string | null;
  url?: string;
  isBlocked?: boolean;
  request?: { request: string; url: string; destination?: string };
  navigation?: string | null;
}

type Bidi = { on(event: string, cb: (e: BidiEvent) => void): void; send(method: string, params: object): Promise<unknown> };

export interface FirefoxLaunchOptions {
  pages?: PageMap;
  userDataDir?: string;
  locale?: string;
  /** Grant optional permissions without Firefox's prompt (see prefs). */
  grantOptionalPermissions?: boolean;
  /** Write the session to the e2e network log and fail `close()` on a request of the extension's own (the default). */
  networkLog?: boolean;
  /**
   * Origins (`http://127.0.0.1:<port>`) the extension may reach: the sync server a
   * test turns sync on with. Exactly these, and only until `allowOrigins([])`;
   * every other request of its own still fails `close()`.
   */
  allowOrigins?: string[];
}

export async function launchFirefoxKith(opts: FirefoxLaunchOptions = {}): Promise<FirefoxKith> {
  if (!existsSync(join(FIREFOX_EXTENSION_DIR, 'manifest.json'))) throw new Error('Build the add-on first: npx wxt build -b firefox');
  const userDataDir = opts.userDataDir ?? mkdtempSync(join(tmpdir(), 'kith-ff-e2e-'));
  const pages: PageMap = { ...DEFAULT_PAGES, ...(opts.pages ?? {}) };
  const proxyHits: string[] = [];
  const syncRequests: string[] = [];
  let allowed: ReadonlySet<string> = new Set(opts.allowOrigins ?? []);
  const proxy = await startSinkProxy(proxyHits, { allowed: () => allowed, passed: syncRequests });
  const locale = opts.locale ?? 'en-US';
  const downloads = join(userDataDir, 'kith-downloads');
  mkdirSync(downloads, { recursive: true });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir,
    args: ['--remote-allow-system-access', '--width=1200', '--height=900'],
    extraPrefsFirefox: prefs(geckoId(FIREFOX_EXTENSION_DIR), proxy.port, locale, downloads, opts.grantOptionalPermissions ?? false),
    defaultViewport: { width: 1200, height: 900 },
    dumpio: Boolean(process.env.KITH_FF_DUMPIO),
  });
  const origin = `moz-extension://${KITH_UUID}`;
  const extensionRequests: string[] = [];
  const routed: string[] = [];
  const contextUrl = new Map<string, string>();
  const bidi = (browser as unknown as { connection: Bidi }).connection;

  for (const ev of [
    'browsingContext.contextCreated',
    'browsingContext.navigationStarted',
    'browsingContext.historyUpdated',
    'browsingContext.fragmentNavigated',
  ]) {
    bidi.on(ev, (e) => {
      if (e.context && e.url) contextUrl.set(e.context, e.url);
    });
  }
  bidi.on('network.beforeRequestSent', (e) => {
    const url = e.request?.url ?? '';
    if (/^(moz-extension|data|blob|about):/.test(url)) return;
    // A navigation's own request is the tab's new document, not the old page's request.
    const from = e.navigation ? undefined : e.context ? contextUrl.get(e.context) : undefined;
    let target = '';
    try {
      target = new URL(url).origin;
    } catch {
      // No origin: never allowed.
    }
    // The sync server, while sync is on: only Kith's own pages reach it.
    const toSyncServer = allowed.has(target) && Boolean(from?.startsWith(origin));
    if (toSyncServer) syncRequests.push(url);
    else if (from?.startsWith(origin)) extensionRequests.push(url);
    if (!e.isBlocked || !e.request) return;
    const request = e.request.request;
    if (toSyncServer) {
      bidi.send('network.continueRequest', { request }).catch(() => undefined);
      return;
    }
    const answer = answerFor(pages, url, Boolean(e.navigation) || e.request.destination === 'document' || e.request.destination === 'iframe');
    const reply =
      answer.kind === 'abort'
        ? bidi.send('network.failRequest', { request })
        : bidi.send('network.provideResponse', {
            request,
            statusCode: answer.kind === 'page' ? 200 : 204,
            reasonPhrase: answer.kind === 'page' ? 'OK' : 'No Content',
            headers: answer.kind === 'page' ? [{ name: 'Content-Type', value: { type: 'string', value: 'text/html; charset=utf-8' } }] : [],
            ...(answer.kind === 'page' ? { body: { type: 'base64', value: answer.body.toString('base64') } } : {}),
          });
    if (answer.kind === 'page') routed.push(answer.routed);
    // A tab closed mid-request has nothing left to answer.
    reply.catch(() => undefined);
  });
  await bidi.send('network.addIntercept', {
    phases: ['beforeRequestSent'],
    urlPatterns: [
      { type: 'pattern', protocol: 'https' },
      { type: 'pattern', protocol: 'http' },
    ],
  });
  // Installed each launch (a temporary add-on does not outlive the browser); the profile's data stays with the pinned UUID.
  await browser.installExtension(FIREFOX_EXTENSION_DIR);

  async function open(path: string): Promise<Page> {
    const page = await browser.newPage();
    const url = `${origin}/${path.replace(/^\//, '')}`;
    // Not awaited: Firefox may never report the load of an extension page.
    page.goto(url).catch(() => undefined);
    // Polled by hand: an evaluation that meets the document being replaced fails
    // (Firefox's BiDi throws), where puppeteer's waitForFunction would give up.
    const deadline = Date.now() + 30_000;
    for (;;) {
      const ready = await page.evaluate((u) => location.href === u && document.readyState !== 'loading', url).catch(() => false);
      if (ready) return page;
      if (Date.now() > deadline) throw new Error(`${url} did not open`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const ownRequests = () => [...extensionRequests, ...proxyHits.map((h) => `${h} (not intercepted: the background, a worker or Firefox itself)`)];
  async function visit(url: string): Promise<Page> {
    const page = await browser.newPage();
    await page.goto(url);
    return page;
  }

  return {
    browser,
    userDataDir,
    downloads,
    origin,
    extensionRequests,
    routed,
    syncRequests,
    allowOrigins(origins: string[]) {
      allowed = new Set(origins);
    },
    open,
    visit,
    linkedin: (path: string) => visit(`https://www.linkedin.com${path}`),
    ownRequests,
    async close(closeOpts = {}) {
      await browser.close();
      await new Promise((r) => proxy.server.close(r));
      if (!closeOpts.keepProfile && !opts.userDataDir) rmSync(userDataDir, { recursive: true, force: true });
      if (opts.networkLog === false) return;
      const own = ownRequests();
      await recordNetwork(own.length, routed.length);
      if (own.length > 0) throw new Error(`The extension made network requests of its own: ${own.join(', ')}`);
    },
  };
}
