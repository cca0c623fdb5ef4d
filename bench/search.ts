/**
 * The search stage (BENCH_STAGES=search): in real Chromium, against the seeded
 * 30,000 people / 300,000 touches / 100,000 notes.
 * - building the index from scratch in the background (first search after an upgrade);
 * - its size on disk, and what a page would pay to load it itself;
 * - each keystroke in the popup's search box, from the input event to the results
 *   in the DOM (the box's results list says which query it answers);
 * - a note's write cost, before the index exists and while the background keeps it.
 */
import type { Page } from 'playwright-core';
import type { Kith } from '../tests/e2e/harness';

type Any = Record<string, unknown>;
declare const __kithBench: any;

/** What the user types, one keystroke at a time. */
const WORDS = ['ada exa', 'voluptas', 'perche', 'faenza', 'quasars', 'niccolo', 'zzz'];

function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  const med = s.length % 2 ? s[s.length >> 1]! : (s[(s.length >> 1) - 1]! + s[s.length >> 1]!) / 2;
  return { n: xs.length, median: r(med), p95: r(s[Math.min(s.length - 1, Math.ceil(0.95 * s.length) - 1)]!), max: r(s[s.length - 1]!), runs: xs.map(r) };
}

async function ask(page: Page, query: string): Promise<Any> {
  const reply = (await page.evaluate((q) => chrome.runtime.sendMessage({ type: 'search/query', query: q }), query)) as { ok: boolean; data: Any };
  return reply.data;
}

/** Type `q` (already in the box but for its last character) and time it to its results in the DOM. */
const KEYSTROKE = async (q: string) => {
  const input = document.querySelector<HTMLInputElement>('input[type="search"]')!;
  const want = q.trim();
  const done = () => document.querySelector<HTMLElement>('ul.search-results')?.dataset.query === want;
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  return new Promise<number>((resolve) => {
    let t0 = 0;
    const obs = new MutationObserver(() => {
      if (done()) {
        obs.disconnect();
        resolve(performance.now() - t0);
      }
    });
    obs.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    t0 = performance.now();
    setter.call(input, q);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
};

export async function searchStage(kith: Kith, benchPage: (k: Kith) => Promise<Page>): Promise<Any> {
  const page = await benchPage(kith);
  const out: Any = {};
  try {
    out.noteWriteNoIndex = stats(await page.evaluate(() => __kithBench.search.noteWrites()));

    // 1. Build from scratch, as the first search after an upgrade does; the reply says how far.
    const t0 = Date.now();
    let progressSeen = 0;
    for (;;) {
      const r = await ask(page, '');
      if (r.state === 'ready') break;
      if (r.state === 'building') progressSeen++;
      await new Promise((res) => setTimeout(res, 100));
    }
    out.buildMs = Date.now() - t0;
    out.buildProgressReplies = progressSeen;

    // 2. Saved (the background saves right after a build); its size and a page's own load of it.
    let saved: Any = { saved: false };
    for (let i = 0; i < 300 && !saved.saved; i++) {
      await new Promise((res) => setTimeout(res, 500));
      saved = (await page.evaluate(() => __kithBench.search.savedIndex())) as Any;
    }
    out.savedIndex = saved;
    out.diskUsage = await page.evaluate(async () => (await navigator.storage.estimate()).usage);

    // 3. Keystrokes in the popup.
    const popup = await kith.open('popup.html');
    const box = popup.locator('input[type="search"]');
    await box.waitFor();
    await box.focus();
    const per: number[] = [];
    const byWord: Record<string, number[]> = {};
    for (const w of WORDS) {
      await box.fill('');
      byWord[w] = [];
      for (let i = 1; i <= w.length; i++) {
        if (w[i - 1] === ' ') continue;
        const ms = await popup.evaluate(KEYSTROKE, w.slice(0, i));
        per.push(ms);
        byWord[w].push(Math.round(ms * 10) / 10);
      }
    }
    out.keystroke = {
      note: 'popup.html; from the input event to the results list for that query in the DOM (message to the background, index query, snippets, React render)',
      ...stats(per),
      byWord,
    };
    // The same keystrokes asked of the background directly: its own time per query (catch-up, index, snippets), without the page.
    const inWorker: number[] = [];
    const parts: Record<'catchUp' | 'index' | 'shape', number[]> = { catchUp: [], index: [], shape: [] };
    for (const w of WORDS)
      for (let i = 1; i <= w.length; i++) {
        if (w[i - 1] === ' ') continue;
        const r = await ask(page, w.slice(0, i));
        inWorker.push(Number(r.ms));
        const p = r.parts as Record<keyof typeof parts, number> | undefined;
        if (p) for (const k of Object.keys(parts) as (keyof typeof parts)[]) parts[k].push(p[k]);
      }
    out.queryInBackground = { ...stats(inWorker), parts: Object.fromEntries(Object.entries(parts).map(([k, xs]) => [k, { ...stats(xs), runs: undefined }])) };
    out.resultsFor = Object.fromEntries(
      await Promise.all(['faenza', 'perche', 'ada exa'].map(async (q) => [q, ((await ask(page, q)).results as unknown[] | undefined)?.length ?? 0])),
    );
    await popup.close();

    // 4. A note written while the background keeps the index (it catches up after each write).
    out.noteWriteWithIndex = stats(await page.evaluate(() => __kithBench.search.noteWrites()));
    const med = (x: unknown) => (x as { median: number }).median;
    out.noteWriteCost = {
      note: 'addNote in a page, 15 writes before the background opened the index and 15 while it keeps it (same run, not interleaved: the index cannot be closed again)',
      withoutIndex: out.noteWriteNoIndex,
      withIndex: out.noteWriteWithIndex,
      extraMedian: Math.max(0, Math.round((med(out.noteWriteWithIndex) - med(out.noteWriteNoIndex)) * 100) / 100),
    };
    // 5. The upkeep itself: a note written, then its word searched at once.
    const upkeep = (await page.evaluate(() => __kithBench.search.noteUpkeep())) as Array<{
      writeMs: number;
      upkeepMs: number;
      queryMs: number;
      found: boolean;
    }>;
    out.noteUpkeep = {
      note: "a note with a word of its own written in a page, then that word searched at once: the background's catch-up for that one note (which the query waits for), the whole query, and whether the note was found",
      catchUp: { ...stats(upkeep.map((u) => u.upkeepMs)), runs: undefined },
      query: { ...stats(upkeep.map((u) => u.queryMs)), runs: undefined },
      found: upkeep.filter((u) => u.found).length,
      of: upkeep.length,
    };
  } finally {
    await page.close();
  }
  return out;
}
