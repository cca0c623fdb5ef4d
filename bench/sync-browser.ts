/**
 * The browser sync stage (BENCH_STAGES=syncBrowser): the first sync of the bench's
 * dataset (faker seed 42; BENCH_SYNC_SCALE, default 1 = 30,000 people / 300,000
 * touches) in real Chromium. Devices A and B are the built extension in two browser
 * profiles, each with its background's own sync service (real IndexedDB,
 * pouchdb-browser), through pouchdb-server on 127.0.0.1. A is seeded and turns sync on
 * as the first device from its options page; B joins from its options page (after the
 * preview, timed apart). Timed: A from "Turn on sync" until the server holds every
 * document; B from "Merge and turn on sync" until its database holds every person,
 * profile, touch and note, with every summary computed (and, apart, until its own
 * turn-on run finished).
 *
 * The floor, in the same run and browser: plain pouchdb-browser in an extension page
 * of A, replicating copies of the server's documents (the encrypted bodies, opaque
 * strings to it) from an IndexedDB database to an empty database on the same server
 * (send), then from there into a fresh IndexedDB database (receive), with the engine's
 * batch options; one round between A and B, one after B.
 *
 * Where the time goes: the engine's `kith-sync:*` performance measures, read in each
 * background. Memory: the background's JS heap (CDP `Runtime.getHeapUsage` on the
 * service worker's target), sampled every 250 ms.
 *
 * Playwright's request interception is removed from both browsers (`unroute`): the
 * harness's route pauses every request for a round trip to Node, which the sync's
 * HTTP requests and the floor's would both pay. Nothing here visits a site.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchKith, ROOT, type Kith } from '@/tests/e2e/harness';
import { chooseJoining, fillSyncForm, grantHostAccess, syncFormValues } from '@/tests/e2e/sync-ui';
import { startSyncServer, type SyncServer } from '@/tests/sync/pouchdb-server';

type Any = any;
declare const __kithBench: Any;
declare const __kithSyncBench: Any;

const SCALE = Number(process.env.BENCH_SYNC_SCALE ?? 1);
const PASSPHRASE = 'correct horse battery staple';
/** Long enough for the full size on a busy machine. */
const LONG = 3 * 60 * 60 * 1000;

const r2 = (x: number) => Math.round(x * 100) / 100;
const MB = (b: number) => r2(b / 2 ** 20);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const T0 = Date.now();
const log = (what: string, v?: unknown) =>
  console.log(`[bench syncBrowser ${((Date.now() - T0) / 1000).toFixed(1)}s] ${what}`, v === undefined ? '' : JSON.stringify(v));

async function evalBundle(kith: Kith, file: string): Promise<Page> {
  const page = await kith.open('manifest.json');
  await page.evaluate(readFileSync(join(ROOT, 'bench/tmp', file), 'utf8') + '\n;0');
  return page;
}

/**
 * A CDP session on the extension's service worker. Playwright opens sessions on pages
 * and frames only, so this goes through a page's session: attach to the worker's
 * target (not flattened) and talk to it with `Target.sendMessageToTarget`.
 */
async function workerSession(kith: Kith): Promise<{ send(method: string, params?: object): Promise<Any>; close(): Promise<void> }> {
  const page = await kith.context.newPage();
  const s: CDPSession = await kith.context.newCDPSession(page);
  const { targetInfos } = (await s.send('Target.getTargets')) as Any;
  const sw = targetInfos.find((t: Any) => t.type === 'service_worker' && String(t.url).startsWith(`chrome-extension://${kith.extensionId}/`));
  if (!sw) throw new Error('no service worker target');
  const { sessionId } = (await s.send('Target.attachToTarget', { targetId: sw.targetId, flatten: false })) as Any;
  let next = 1;
  const waiting = new Map<number, (v: Any) => void>();
  s.on('Target.receivedMessageFromTarget' as Any, (m: Any) => {
    if (m.sessionId !== sessionId) return;
    const msg = JSON.parse(m.message);
    const done = msg.id !== undefined ? waiting.get(msg.id) : undefined;
    if (done) {
      waiting.delete(msg.id);
      done(msg);
    }
  });
  return {
    async send(method, params = {}) {
      const id = next++;
      const reply = new Promise<Any>((r) => waiting.set(id, r));
      await s.send('Target.sendMessageToTarget' as Any, { sessionId, message: JSON.stringify({ id, method, params }) });
      const msg = await reply;
      if (msg.error) throw new Error(`${method}: ${JSON.stringify(msg.error)}`);
      return msg.result;
    },
    async close() {
      await s.send('Target.detachFromTarget' as Any, { sessionId }).catch(() => undefined);
      await s.detach().catch(() => undefined);
      await page.close();
    },
  };
}

/**
 * BENCH_SYNC_PROFILE=1: a CPU profile of each device's background while it syncs, written
 * to bench/tmp/sync-<device>.cpuprofile (open it in Chromium's DevTools, Performance), and
 * its heaviest functions by self time in the log. Build without minifying for names:
 * KITH_NO_MINIFY=1 (see CONTRIBUTING.md).
 */
const PROFILE = process.env.BENCH_SYNC_PROFILE === '1';

/** The functions with the most self time in a CDP CPU profile: name, file:line, ms. */
function heaviest(profile: Any, top = 25): { fn: string; at: string; ms: number }[] {
  const self = new Map<number, number>();
  const dt: number[] = profile.timeDeltas ?? [];
  (profile.samples ?? []).forEach((id: number, i: number) => self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0) / 1000));
  const byFn = new Map<string, { fn: string; at: string; ms: number }>();
  for (const node of profile.nodes ?? []) {
    const c = node.callFrame;
    const at = `${String(c.url).split('/').pop()}:${c.lineNumber + 1}`;
    const key = `${c.functionName}@${at}`;
    const e = byFn.get(key) ?? byFn.set(key, { fn: c.functionName || '(anonymous)', at, ms: 0 }).get(key)!;
    e.ms += self.get(node.id) ?? 0;
  }
  return [...byFn.values()]
    .sort((x, y) => y.ms - x.ms)
    .slice(0, top)
    .map((e) => ({ ...e, ms: Math.round(e.ms) }));
}

/** The background's JS heap every ~250 ms while `work` runs: peak, and where it started. */
async function heapWhile<T>(kith: Kith, work: () => Promise<T>, profileName?: string): Promise<{ value: T; heap: Any }> {
  let session: Awaited<ReturnType<typeof workerSession>> | undefined;
  try {
    session = await workerSession(kith);
  } catch (err) {
    log('no heap readings', String(err));
    return { value: await work(), heap: { error: String(err) } };
  }
  const sw = session;
  await sw.send('HeapProfiler.collectGarbage').catch(() => undefined);
  const start = (await sw.send('Runtime.getHeapUsage')).usedSize as number;
  let peak = start;
  let samples = 0;
  let done = false;
  if (PROFILE && profileName) {
    await sw.send('Profiler.enable');
    await sw.send('Profiler.setSamplingInterval', { interval: 1000 });
    await sw.send('Profiler.start');
  }
  const loop = (async () => {
    while (!done) {
      try {
        peak = Math.max(peak, (await sw.send('Runtime.getHeapUsage')).usedSize as number);
        samples++;
      } catch {
        // the worker busy or restarting: next time
      }
      await sleep(250);
    }
  })();
  try {
    const value = await work();
    return { value, heap: { startMB: MB(start), peakMB: MB(peak), samples } };
  } finally {
    done = true;
    await loop;
    if (PROFILE && profileName) {
      const { profile } = await sw.send('Profiler.stop');
      writeFileSync(join(ROOT, `bench/tmp/sync-${profileName}.cpuprofile`), JSON.stringify(profile));
      log(`CPU profile of ${profileName}'s background, heaviest by self time`, heaviest(profile));
    }
    await sw.close();
  }
}

/** The engine's steps, summed: `kith-sync:<step>` measures in the background. */
async function steps(kith: Kith): Promise<Record<string, { ms: number; n: number }>> {
  const entries = await kith.sw(() =>
    performance
      .getEntriesByType('measure')
      .filter((e) => e.name.startsWith('kith-sync:'))
      .map((e) => [e.name.slice('kith-sync:'.length), e.duration] as [string, number]),
  );
  const out: Record<string, { ms: number; n: number }> = {};
  for (const [name, ms] of entries) {
    const s = (out[name] ??= { ms: 0, n: 0 });
    s.ms += ms;
    s.n++;
  }
  for (const s of Object.values(out)) s.ms = Math.round(s.ms);
  return out;
}

async function serverDocs(server: SyncServer, db = server.database): Promise<number> {
  return ((await server.request('GET', `/${db}`)).json as { doc_count: number }).doc_count;
}

async function device(server: SyncServer, extensionDir: string): Promise<Kith> {
  const k = await launchKith({ extensionDir, networkLog: false, allowOrigins: [server.origin] });
  await k.context.unroute('**/*');
  await grantHostAccess(k, ['http://127.0.0.1/*']);
  return k;
}

/** Waits (polling) until `check` is true; returns when it first was. */
async function until(check: () => Promise<boolean>, everyMs: number, timeoutMs = LONG): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return Date.now();
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(everyMs);
  }
}

export async function syncBrowserStage(extensionDir: string): Promise<Any> {
  const started = Date.now();
  const out: Any = {
    note: `Chromium (headless), the built extension in two profiles: each background's own sync service (IndexedDB, pouchdb-browser), through pouchdb-server --in-memory on 127.0.0.1, no request interception. The floor: plain pouchdb-browser in an extension page, copies of the server's documents IndexedDB → server (send) → fresh IndexedDB (receive), the engine's batch options (batch_size 500, batches_limit 4).`,
    loadAverageAtStart: os.loadavg().map(r2),
    scale: SCALE,
  };
  const server = await startSyncServer({ database: 'kith' });
  const auth = { username: server.user.name, password: server.user.password };
  const opened: Kith[] = [];
  try {
    // Device A, seeded as the other stages seed (plain IndexedDB, one transaction).
    const a = await device(server, extensionDir);
    opened.push(a);
    const page = await evalBundle(a, 'page.js');
    out.dataset = await page.evaluate((scale) => __kithBench.generate([], scale, 0), SCALE);
    const seeded = await page.evaluate(() => __kithBench.seed());
    out.dataset = { people: seeded.counts.people, profiles: seeded.counts.profiles, touches: seeded.counts.touches, notes: seeded.counts.notes };
    await page.close();
    log('seeded A', out.dataset);

    // 1. A turns sync on, as the first device.
    const aOptions = await a.open('options.html#/sync');
    await fillSyncForm(aOptions, syncFormValues(server, PASSPHRASE, 'first'));
    await a.sw(() => performance.clearMeasures());
    const counts: Array<{ t: number; docs: number }> = [];
    let polling = true;
    const t0 = Date.now();
    const poll = (async () => {
      while (polling) {
        counts.push({ t: Date.now(), docs: await serverDocs(server).catch(() => -1) });
        await sleep(250);
      }
    })();
    const first = await heapWhile(
      a,
      async () => {
        await aOptions.getByRole('button', { name: 'Turn on sync' }).click();
        await aOptions.getByText('Every change made here is on the server.').waitFor({ timeout: LONG });
        return Date.now();
      },
      'a',
    );
    polling = false;
    await poll;
    const docs = await serverDocs(server);
    const onServerAt = counts.find((c) => c.docs === docs)?.t ?? first.value;
    out.first = { ms: onServerAt - t0, untilStatusMs: first.value - t0, heap: first.heap, steps: await steps(a) };
    await aOptions.close();
    log('A turned on', out.first);

    // What the server holds, read once for the floor.
    const floorPage = await evalBundle(a, 'sync-page.js');
    const dbUrl = `${server.origin}/${server.database}`;
    const held = await floorPage.evaluate(({ url, auth }) => __kithSyncBench.readServer(url, auth), { url: dbUrl, auth });
    out.server = { docs, MB: MB(held.bytes), bytes: held.bytes, meanDocBytes: Math.round(held.bytes / held.docs) };
    log('on the server', out.server);

    const floors: Any[] = [];
    const floorRound = async () => {
      const round = floors.length + 1;
      const name = `floor-${round}`;
      await server.request('PUT', `/${name}`);
      await server.request('PUT', `/${name}/_security`, { members: { names: [server.user.name], roles: [] }, admins: { names: [], roles: [] } });
      const f = await floorPage.evaluate(({ url, auth, round }) => __kithSyncBench.floor(url, auth, round), { url: `${server.origin}/${name}`, auth, round });
      floors.push(f);
      log(`floor ${round}`, f);
    };
    await floorRound();

    // 2. B joins, from its own profile.
    const b = await device(server, extensionDir);
    opened.push(b);
    const bOptions = await b.open('options.html#/sync');
    await chooseJoining(bOptions);
    await fillSyncForm(bOptions, syncFormValues(server, PASSPHRASE, 'join'));
    let p0 = Date.now();
    await bOptions.getByRole('button', { name: 'Turn on sync' }).click();
    await bOptions.getByText(/will be merged with what is here/).waitFor({ timeout: LONG });
    out.previewMs = Date.now() - p0;
    log('B preview', { ms: out.previewMs });
    const bPage = await evalBundle(b, 'sync-page.js');
    const want = out.dataset;
    await b.sw(() => performance.clearMeasures());
    p0 = Date.now();
    const join = await heapWhile(
      b,
      async () => {
        await bOptions.getByRole('button', { name: 'Merge and turn on sync' }).click();
        const heldAt = await until(() => bPage.evaluate((w) => __kithSyncBench.holds(w), want), 500);
        await bOptions.getByText('Every change made here is on the server.').waitFor({ timeout: LONG });
        return { heldAt, doneAt: Date.now() };
      },
      'b',
    );
    out.join = { ms: join.value.heldAt - p0, untilStatusMs: join.value.doneAt - p0, heap: join.heap, steps: await steps(b) };
    await bOptions.close();
    await bPage.close();
    log('B joined', out.join);

    await floorRound();
    await floorPage.close();

    const n = docs;
    const mean = (k: string) => floors.reduce((x, f) => x + f[k], 0) / floors.length;
    const floorSend = mean('sendMs');
    const floorReceive = mean('receiveMs');
    out.floor = { rounds: floors, sendMs: Math.round(floorSend), receiveMs: Math.round(floorReceive), ms: Math.round(floorSend + floorReceive) };
    out.floor.docsPerSec = Math.round(n / (out.floor.ms / 1000));
    out.first.docsPerSec = Math.round(n / (out.first.ms / 1000));
    out.join.docsPerSec = Math.round(n / (out.join.ms / 1000));
    out.ms = out.first.ms + out.join.ms;
    out.docsPerSec = Math.round(n / (out.ms / 1000));
    out.ratio = r2(out.ms / (floorSend + floorReceive));
    out.ratioSend = r2(out.first.ms / floorSend);
    out.ratioJoin = r2(out.join.ms / floorReceive);
    // With B's own turn-on run to its end (its full push of what it just received, and its send).
    out.ratioUntilIdle = r2((out.first.ms + out.join.untilStatusMs) / (floorSend + floorReceive));
    out.loadAverageAtEnd = os.loadavg().map(r2);
    out.totalSeconds = Math.round((Date.now() - started) / 1000);
    log('result', {
      ms: out.ms,
      docsPerSec: out.docsPerSec,
      floor: out.floor.ms,
      ratio: out.ratio,
      ratioSend: out.ratioSend,
      ratioJoin: out.ratioJoin,
      ratioUntilIdle: out.ratioUntilIdle,
    });
  } finally {
    for (const k of opened) await k.close().catch(() => undefined);
    await server.close();
  }
  return out;
}
