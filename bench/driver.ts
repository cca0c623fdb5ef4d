/**
 * The benchmark driver (Node): launches the BUILT extension in real Chromium via
 * the e2e harness, runs bench/page.ts inside an extension page, measures the popup
 * and the side panel from outside, and writes bench/results.json + bench/results.md.
 * Bundled by bench/run.mjs (esbuild, CommonJS) so it can reuse the TypeScript harness.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Page, type Route } from 'playwright-core';
import { ROOT, savedBody } from '../tests/e2e/pages';

/**
 * The build is copied here before the run: other processes (e2e runs, rebuilds) may
 * rewrite .output/chrome-mv3 while the benchmark is running.
 */
const EXTENSION_DIR = join(ROOT, 'bench/tmp/chrome-mv3');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface Kith {
  context: BrowserContext;
  extensionId: string;
  open(path: string): Promise<Page>;
  linkedin(path: string): Promise<Page>;
  close(): Promise<void>;
}

/** Like tests/e2e/harness.ts launchKith (same flags, LinkedIn answered from saved pages, everything else aborted), from the copied build. */
async function launchKith(pages: Record<string, string>): Promise<Kith> {
  const userDataDir = mkdtempSync(join(os.tmpdir(), 'kith-bench-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    locale: 'en-US',
    colorScheme: 'light',
    viewport: { width: 1200, height: 900 },
    args: [
      `--disable-extensions-except=${EXTENSION_DIR}`,
      `--load-extension=${EXTENSION_DIR}`,
      '--lang=en-US',
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
  const all: Record<string, string> = { '/feed/': 'tests/fixtures/linkedin/feed-ember-constructed-2025.html', ...pages };
  await context.route('**/*', async (route: Route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'chrome-extension:') return route.continue();
    if (/(^|\.)linkedin\.com$/.test(url.hostname)) {
      const file = all[url.pathname] ?? all[url.pathname.replace(/\/?$/, '/')];
      if (file && route.request().resourceType() === 'document') {
        return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: readFileSync(join(ROOT, file)) });
      }
      return route.fulfill({ status: 204, body: '' });
    }
    return route.abort('blockedbyclient');
  });
  const isExt = (u: string) => u.startsWith('chrome-extension://');
  let worker = context.serviceWorkers().find((w) => isExt(w.url()));
  worker ??= await context.waitForEvent('serviceworker', { predicate: (w) => isExt(w.url()), timeout: 20_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    async open(path) {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/${path.replace(/^\//, '')}`);
      return page;
    },
    async linkedin(path) {
      const page = await context.newPage();
      await page.goto(`https://www.linkedin.com${path}`);
      return page;
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

type Api = typeof import('./page').api;
declare const __kithBench: Api;

const PAGE_BUNDLE = join(ROOT, 'bench/tmp/page.js');
const ADA = { path: '/in/ada-example-0a1b2c3d/', file: 'tests/fixtures/linkedin/profile-ember-2025-12.html', name: 'Ada Example', handle: 'ada-example-0a1b2c3d' };
const BRUNO = { path: '/in/bruno-sample/', file: 'tests/fixtures/linkedin/profile-older-2023.html', name: 'Bruno Sample', handle: 'bruno-sample' };

const GOALS = {
  reachOutMs: 20,
  reachOutSpeedup: 50,
  popupMs: 100,
  importRatio: 1.5,
  contentScriptGzipBytes: 15 * 1024,
  panelMs: 150,
};

function r2(x: number) {
  return Math.round(x * 100) / 100;
}
function median(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}
function p95(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!;
}
function stats(xs: number[]) {
  return { n: xs.length, median: r2(median(xs)), p95: r2(p95(xs)), min: r2(Math.min(...xs)), max: r2(Math.max(...xs)), runs: xs.map(r2) };
}
const T0 = Date.now();
const compact = (v: unknown) => (typeof v === 'object' ? JSON.stringify(v, (k, x) => (k === 'runs' || k === 'rows' ? undefined : x)) : v);
const log = (what: string, v?: unknown) => console.log(`[bench ${((Date.now() - T0) / 1000).toFixed(1)}s] ${what}`, v === undefined ? '' : compact(v));
/** For development: BENCH_STAGES=floor,reach,import,popup,panel runs only those (and writes no results). */
const STAGES = process.env.BENCH_STAGES?.split(',');
const want = (s: string) => !STAGES || STAGES.includes(s);
/** For development: BENCH_SCALE=0.1 shrinks the data (and writes no results). */
const SCALE = Number(process.env.BENCH_SCALE ?? 1);

function machine() {
  let chromium = '';
  try {
    chromium = execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    chromium = 'unknown';
  }
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: ROOT, encoding: 'utf8' }).trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {
    commit = 'unknown';
  }
  return {
    date: new Date().toISOString(),
    cores: os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    chromium,
    headless: true,
    commit,
  };
}

/** An extension page with no app code in it: the manifest, shown as text. Same origin as the `kith` database. */
async function benchPage(kith: Kith): Promise<Page> {
  const page = await kith.open('manifest.json');
  await page.evaluate(readFileSync(PAGE_BUNDLE, 'utf8') + '\n;0');
  return page;
}

// ------------------------------------------------------------------ 3. popup first render

const POPUP_PROBE = () => {
  const w = window as unknown as { __popupProbe: Record<string, unknown> };
  const probe: Record<string, unknown> = {};
  w.__popupProbe = probe;
  const check = () => {
    if (probe.domMs !== undefined) return;
    const el = document.querySelector('.reach-row, .reach .empty');
    if (!el) return;
    probe.domMs = performance.now();
    probe.kind = el.classList.contains('reach-row') ? 'rows' : 'empty';
    obs.disconnect();
    // The frame that paints it.
    requestAnimationFrame(() => {
      probe.frameMs = performance.now();
      setTimeout(() => {
        probe.rows = document.querySelectorAll('.reach-row').length;
        const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
        probe.domContentLoadedMs = nav?.domContentLoadedEventEnd;
        probe.fcpMs = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
        probe.done = true;
      }, 0);
    });
  };
  const obs = new MutationObserver(check);
  obs.observe(document, { childList: true, subtree: true });
};

async function popupRender(kith: Kith, runs: number) {
  const out: Array<Record<string, number | string>> = [];
  for (let i = 0; i < runs; i++) {
    const page = await kith.context.newPage();
    await page.addInitScript(POPUP_PROBE);
    await page.goto(`chrome-extension://${kith.extensionId}/popup.html`);
    await page.waitForFunction(() => (window as unknown as { __popupProbe?: { done?: boolean } }).__popupProbe?.done === true, undefined, { timeout: 30_000 });
    out.push(await page.evaluate(() => (window as unknown as { __popupProbe: Record<string, number | string> }).__popupProbe));
    await page.close();
  }
  return out;
}

// ------------------------------------------------------------------ 6. side panel follows in-page navigation

const PANEL_PROBE = () => {
  const w = window as unknown as { __h1log: Array<{ text: string; at: number }> };
  w.__h1log = [];
  let last = '';
  const check = () => {
    const h = document.querySelector('h1.person-name');
    const text = h?.textContent?.trim() ?? '';
    if (text !== last) {
      last = text;
      w.__h1log.push({ text, at: performance.timeOrigin + performance.now() });
    }
  };
  new MutationObserver(check).observe(document.body, { childList: true, subtree: true, characterData: true });
};

async function panelFollows(kith: Kith, iterations: number, renderDelayMs: number) {
  const feed = await kith.linkedin('/feed/');
  const panel = await kith.open('sidepanel.html');
  try {
    await panel.locator('h1').first().waitFor({ timeout: 60_000 });
  } catch (e) {
    log('panel body', await panel.evaluate(() => document.body.innerHTML.slice(0, 2000)));
    throw e;
  }
  log('panel shows', await panel.locator('h1').first().textContent());
  await panel.evaluate(PANEL_PROBE);
  const bodies = new Map([ADA, BRUNO].map((p) => [p.path, savedBody(p.file)]));
  const rows: Array<{ to: string; known: boolean; firstChangeMs: number; nameMs: number }> = [];
  await panel.waitForTimeout(500);
  for (let i = 0; i < iterations; i++) {
    const target = i % 2 === 0 ? ADA : BRUNO;
    const { body, title } = bodies.get(target.path)!;
    await panel.evaluate(() => {
      (window as unknown as { __h1log: unknown[] }).__h1log.length = 0;
    });
    // In-page navigation the way LinkedIn does it (pushState from the page's own
    // world, content a moment later); t0 read right before pushState.
    const t0 = await feed.evaluate(
      ({ path, body, title, delay }) => {
        const t = performance.timeOrigin + performance.now();
        history.pushState({}, '', path);
        setTimeout(() => {
          document.body.innerHTML = body;
          document.title = title;
        }, delay);
        return t;
      },
      { path: target.path, body, title, delay: renderDelayMs },
    );
    await panel.waitForFunction((name) => document.querySelector('h1.person-name')?.textContent?.trim() === name, target.name, { timeout: 15_000 });
    const logEntries = await panel.evaluate(() => (window as unknown as { __h1log: Array<{ text: string; at: number }> }).__h1log);
    const named = logEntries.find((e) => e.text === target.name);
    if (!named) continue;
    rows.push({ to: target.name, known: target === ADA, firstChangeMs: r2(logEntries[0]!.at - t0), nameMs: r2(named.at - t0) });
    // Let the panel settle (its queries for the person) before the next navigation.
    await panel.waitForTimeout(250);
  }
  await feed.close();
  await panel.close();
  const names = rows.map((r) => r.nameMs);
  return {
    renderDelayMs,
    iterations,
    toName: stats(names),
    toNameKnown: stats(rows.filter((r) => r.known).map((r) => r.nameMs)),
    toNameUnknown: stats(rows.filter((r) => !r.known).map((r) => r.nameMs)),
    firstH1Change: stats(rows.map((r) => r.firstChangeMs)),
    rows,
  };
}

// ------------------------------------------------------------------ main

export async function main(): Promise<void> {
  const started = Date.now();
  const results: Record<string, unknown> = { machine: machine() };
  log('machine', results.machine);

  const built = join(ROOT, '.output/chrome-mv3');
  if (!existsSync(join(built, 'manifest.json'))) throw new Error('Build the extension first: npx wxt build');
  rmSync(EXTENSION_DIR, { recursive: true, force: true });
  cpSync(built, EXTENSION_DIR, { recursive: true });

  // 5. Content script size (no browser needed).
  const cs = readFileSync(join(EXTENSION_DIR, 'content-scripts/linkedin.js'));
  results.contentScript = { file: '.output/chrome-mv3/content-scripts/linkedin.js', bytes: cs.byteLength, gzipBytes: gzipSync(cs).byteLength, gzip9Bytes: gzipSync(cs, { level: 9 }).byteLength };
  log('content script', results.contentScript);

  const kith = await launchKith({ [ADA.path]: ADA.file, [BRUNO.path]: BRUNO.file });
  try {
    let page = await benchPage(kith);
    results.userAgent = await page.evaluate(() => navigator.userAgent);
    const gen = await page.evaluate((scale) => __kithBench.generate([{ name: 'Ada Example', handle: 'ada-example-0a1b2c3d', touches: 40 }], scale), SCALE);
    results.dataset = gen;
    log('dataset', gen);

    if (want('floor')) {
      results.floor = await page.evaluate(() => __kithBench.floor());
      log('1. floor', results.floor);
    }

    const seeded = await page.evaluate(() => __kithBench.seed());
    results.seed = seeded;
    log('seeded kith', results.seed);
    // A fresh page (and heap) for what is timed next.
    await page.close();
    page = await benchPage(kith);

    if (want('reach')) {
      results.reachOut = await page.evaluate(({ now, timeZone }) => __kithBench.reachOut(now, timeZone), seeded);
      log('2. reach-out', results.reachOut);
    }

    if (want('import')) {
      results.import = await page.evaluate((scale) => __kithBench.importVsFloor(scale), SCALE);
      log('4. import', results.import);
    }
    await page.close();

    await new Promise((r) => setTimeout(r, 1000));
    if (want('popup')) {
    const popupRuns = await popupRender(kith, 8);
    const warm = popupRuns.slice(1);
    results.popup = {
      note: 'popup.html opened in a tab against the seeded `kith` database; ms from navigation start (performance.timeOrigin) to the first .reach-row in the DOM, and to the next animation frame',
      rows: popupRuns[0]!.rows,
      kind: popupRuns[0]!.kind,
      first: popupRuns[0],
      warmDom: stats(warm.map((r) => Number(r.domMs))),
      warmFrame: stats(warm.map((r) => Number(r.frameMs))),
      warmDomContentLoaded: stats(warm.map((r) => Number(r.domContentLoadedMs))),
      runs: popupRuns,
    };
    log('3. popup', results.popup);
    }
    if (want('panel')) {

    results.panel = {
      note: 'saved feed page + sidepanel.html; t0 = performance.timeOrigin+now() in the page right before history.pushState; t1 = same clock in the panel when a MutationObserver sees h1.person-name become the new name. Alternates Ada Example (known: in the db with 40 touches) and Bruno Sample (unknown).',
      instant: await panelFollows(kith, 10, 0),
      linkedInLike: await panelFollows(kith, 10, 50),
    };
    log('6. panel', results.panel);
    }
  } finally {
    await kith.close();
  }
  if (want('popup')) {
    // Baseline: the same popup in a fresh profile with an empty database (the empty state).
    const empty = await launchKith({});
    try {
      const runs = await popupRender(empty, 6);
      const warm = runs.slice(1);
      results.popupEmptyDb = { kind: runs[0]!.kind, first: runs[0], warmDom: stats(warm.map((r) => Number(r.domMs))), warmFrame: stats(warm.map((r) => Number(r.frameMs))), warmDomContentLoaded: stats(warm.map((r) => Number(r.domContentLoadedMs))), runs };
      log('3b. popup, empty db', results.popupEmptyDb);
    } finally {
      await empty.close();
    }
  }
  if (STAGES || SCALE !== 1) return;
  results.totalSeconds = Math.round((Date.now() - started) / 1000);
  (results.machine as Record<string, unknown>).loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  results.goals = goals(results);
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify(results, null, 2) + '\n');
  writeFileSync(join(ROOT, 'bench/results.md'), markdown(results));
  log(`done in ${results.totalSeconds}s; wrote bench/results.json and bench/results.md`);
  console.log('\n' + markdown(results));
}

type Any = any;

function goals(r: Record<string, Any>) {
  const g = [] as Array<{ id: string; what: string; value: number; unit: string; goal: string; pass: boolean }>;
  g.push({ id: 'reachOut', what: 'reach-out query, median', value: r.reachOut.query.median, unit: 'ms', goal: `≤ ${GOALS.reachOutMs} ms`, pass: r.reachOut.query.median <= GOALS.reachOutMs });
  g.push({ id: 'reachOutSpeedup', what: 'reach-out vs full scan of touches', value: r.reachOut.speedup, unit: '×', goal: `≥ ${GOALS.reachOutSpeedup}×`, pass: r.reachOut.speedup >= GOALS.reachOutSpeedup });
  g.push({ id: 'popup', what: 'popup first render (warm, median, to next frame)', value: r.popup.warmFrame.median, unit: 'ms', goal: `≤ ${GOALS.popupMs} ms`, pass: r.popup.warmFrame.median <= GOALS.popupMs });
  g.push({ id: 'import', what: 'import 30,000-row Connections.csv vs raw floor', value: r.import.ratio, unit: '×', goal: `≤ ${GOALS.importRatio}×`, pass: r.import.ratio <= GOALS.importRatio });
  g.push({ id: 'contentScript', what: 'content script gzip', value: r.contentScript.gzipBytes, unit: 'B', goal: `≤ ${GOALS.contentScriptGzipBytes} B`, pass: r.contentScript.gzipBytes <= GOALS.contentScriptGzipBytes });
  g.push({ id: 'panel', what: 'in-page navigation → side panel shows the name (median, page renders at once)', value: r.panel.instant.toName.median, unit: 'ms', goal: `≤ ${GOALS.panelMs} ms`, pass: r.panel.instant.toName.median <= GOALS.panelMs });
  return g;
}

function markdown(r: Record<string, Any>): string {
  const m = r.machine;
  const ms = (s: Any) => `${s.median} ms (p95 ${s.p95}, n=${s.n})`;
  const ok = (id: string) => (r.goals.find((x: Any) => x.id === id)!.pass ? '✅' : '❌');
  const L: string[] = [];
  L.push('# Kith benchmark results', '');
  L.push(`Generated by \`npm run bench\` on ${m.date} — ${m.cores} cores (${m.cpu}), ${m.memoryGB} GB RAM, ${m.os}, ${m.chromium} (headless), Node ${m.node}, commit ${m.commit}. Total run ${r.totalSeconds} s. Load average (1/5/15 min) at start ${m.loadAverageAtStart.join(' / ')}, at end ${m.loadAverageAtEnd.join(' / ')}${m.loadAverageAtStart[0] > m.cores ? ' — **the machine was busy with other work: absolute times are inflated; the same-run ratios are the more meaningful numbers**' : ''}.`);
  L.push('');
  L.push(`Data: faker seed 42; ${r.dataset.people} people, ${r.dataset.touches} touches, ${r.dataset.notes} notes; mix ${Object.entries(r.dataset.mix).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  L.push('');
  L.push('| # | Measurement | Result | Goal | |');
  L.push('|---|---|---|---|---|');
  L.push(`| 1 | Raw IndexedDB floor: \`IDBObjectStore.add\` × ${r.floor.records} people, one transaction (Kith's people indexes) | ${ms(r.floor.raw)} | — | |`);
  L.push(`| 1 | Dexie \`bulkAdd\` of the same records (\`createDb\`) | ${ms(r.floor.dexie)} → **${r.floor.ratio}×** the floor | — | |`);
  L.push(`| 2 | \`reachOutList\` (${r.reachOut.listed} listed, ${r.reachOut.dueIndexRows} rows in the due range) | ${ms(r.reachOut.query)}; first call ${r.reachOut.firstCallMs} ms; of which the index reads alone: due ${r.reachOut.breakdown.dueCandidates.median} ms (${r.reachOut.breakdown.dueCandidates.rows} rows), rekindle ${r.reachOut.breakdown.rekindleCandidates.median} ms (${r.reachOut.breakdown.rekindleCandidates.rows} rows), follow-up notes ${r.reachOut.breakdown.followUpNotes.median} ms, \`rankReachOut\` ${r.reachOut.breakdown.rankReachOut.median} ms | ≤ ${GOALS.reachOutMs} ms | ${ok('reachOut')} |`);
  L.push(`| 2 | Full scan: \`db.touches.toArray()\` + group by person | ${ms(r.reachOut.scan)} → reach-out is **${r.reachOut.speedup}×** faster | ≥ ${GOALS.reachOutSpeedup}× | ${ok('reachOutSpeedup')} |`);
  L.push(`| 3 | Popup first render, navigation start → first \`.reach-row\` in DOM (warm) | ${ms(r.popup.warmDom)}; cold first open ${r2(r.popup.first.domMs)} ms | | |`);
  L.push(`| 3 | Popup first render → the frame that paints it (warm; ${r.popup.rows} rows) | ${ms(r.popup.warmFrame)}; cold first open ${r2(r.popup.first.frameMs)} ms | ≤ ${GOALS.popupMs} ms | ${ok('popup')} |`);
  L.push(`| 3 | Baseline: the same popup, fresh profile, empty database (empty state) | ${ms(r.popupEmptyDb.warmFrame)}; DOMContentLoaded ${r.popupEmptyDb.warmDomContentLoaded.median} ms (with 30k people: ${r.popup.warmDomContentLoaded.median} ms) | (info) | |`);
  L.push(`| 4 | Import ${r.import.csvRows}-row Connections.csv: parse + readExisting/mergePlan + \`applyImport\` | ${ms(r.import.total)} (parse ${r.import.parse.median}, plan ${r.import.readExistingAndMergePlan.median}, apply ${r.import.apply.median}) | | |`);
  L.push(`| 4 | Raw floor for the same ${r.import.written.people} people + ${r.import.written.profiles} profiles + ${r.import.written.touches} touches | ${ms(r.import.floor)} → import is **${r.import.ratio}×** (apply alone ${r.import.applyOnlyRatio}×); the profile-key lookups apply makes take ${r.import.diagnostic.profileKeyLookupsInChunksOf500EstimatedMs} ms alone (estimated from 10 chunks) | ≤ ${GOALS.importRatio}× | ${ok('import')} |`);
  L.push(`| 5 | Content script \`linkedin.js\` | ${r.contentScript.bytes} B raw, **${r.contentScript.gzipBytes} B gzip** (level 9: ${r.contentScript.gzip9Bytes} B) | ≤ ${GOALS.contentScriptGzipBytes} B | ${ok('contentScript')} |`);
  const p = r.panel.instant;
  const q = r.panel.linkedInLike;
  L.push(`| 6 | pushState → side panel h1 shows the name (page content at once) | ${ms(p.toName)}; known ${p.toNameKnown.median}, unknown ${p.toNameUnknown.median}; first h1 change ${p.firstH1Change.median} | ≤ ${GOALS.panelMs} ms | ${ok('panel')} |`);
  L.push(`| 6 | Same, page content rendered 50 ms after pushState (as the e2e helper) | ${ms(q.toName)}; known ${q.toNameKnown.median}, unknown ${q.toNameUnknown.median} | (info) | |`);
  L.push('');
  L.push('Notes:');
  L.push('- Every measurement runs in the built extension (`.output/chrome-mv3`, copied to `bench/tmp/chrome-mv3` first so a concurrent rebuild cannot change it mid-run) in real Chromium: 1, 2 and 4 inside an extension page (same origin as the `kith` database) with the app\'s own modules bundled from `lib/`; 3 and 6 measure the app\'s own pages from outside (an init script / MutationObserver, no hook in the app).');
  L.push('- "Floor" = plain `IDBObjectStore.add` of every record in one readwrite transaction into a throwaway database with exactly Kith\'s stores and indexes; it is re-measured in the same run as what it is compared with, alternating order.');
  L.push(`- Every generated time is relative to the run's real clock (${new Date(r.dataset.now).toISOString()}), since the popup and side panel use it; only which birthdays fall today or tomorrow depends on the date. Reach-out top reasons: ${Object.entries(r.reachOut.topReasons).map(([k, v]) => `${k} ${v}`).join(', ')}.`);
  L.push('- The popup and side panel open as tabs (1200×900), against the same seeded `kith` database (30,000 people).');
  L.push('');
  return L.join('\n');
}
