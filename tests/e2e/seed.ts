/**
 * Seeding Kith's real database in the browser: rows are built in the test with
 * Kith's own pure code (so summaries are what the app would have written), then
 * written with plain IndexedDB from one of Kith's pages (same origin as `kith`).
 * A page of either harness will do: Playwright's in Chromium, puppeteer's in Firefox.
 */
import type { Page as PlaywrightPage } from 'playwright-core';
import type { Page as PuppeteerPage } from 'puppeteer-core';
import type { Circle, Note, Person, Profile, Touch } from '@/lib/model/types';
import { computeSummary, emptySummary } from '@/lib/relationship/summary';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import { bucketsFromPeople } from '@/lib/db/reach-buckets';

export type Page = PlaywrightPage | PuppeteerPage;

/** `page.evaluate(fn, arg)`, which both libraries offer under different types. */
function inPage<A, R>(page: Page, fn: (arg: A) => R | Promise<R>, arg?: A): Promise<R> {
  return (page as unknown as { evaluate(f: (arg: A) => R | Promise<R>, a?: A): Promise<R> }).evaluate(fn, arg);
}

export interface SeedPerson {
  id: string;
  name: string;
  handle?: string;
  patch?: Partial<Person>;
  touches?: Omit<Touch, 'id' | 'personId' | 'createdAt' | 'updatedAt' | 'direction' | 'source'>[];
  notes?: Omit<Note, 'id' | 'personId' | 'createdAt' | 'updatedAt'>[];
}

export interface SeedRows {
  people: Person[];
  profiles: Profile[];
  touches: Touch[];
  notes: Note[];
}

export function buildRows(seed: SeedPerson[], now: number, timeZone: string, circles: Circle[] = DEFAULT_CIRCLES): SeedRows {
  const rows: SeedRows = { people: [], profiles: [], touches: [], notes: [] };
  for (const s of seed) {
    const touches: Touch[] = (s.touches ?? []).map((t, i) => ({
      ...t,
      id: `${s.id}-t${i}`,
      personId: s.id,
      direction: 'out',
      source: 'manual',
      createdAt: t.at,
      updatedAt: t.at,
    }));
    const notes: Note[] = (s.notes ?? []).map((n, i) => ({
      ...n,
      id: `${s.id}-n${i}`,
      personId: s.id,
      createdAt: now - 86_400_000,
      updatedAt: now - 86_400_000,
    }));
    const base: Person = {
      id: s.id,
      name: s.name,
      phones: [],
      emails: [],
      tags: [],
      archived: 0,
      createdAt: now - 400 * 86_400_000,
      updatedAt: now - 86_400_000,
      summary: emptySummary(),
      ...s.patch,
    };
    const person: Person = { ...base, summary: computeSummary({ person: base, touches, notes, circles, now, timeZone }) };
    rows.people.push(person);
    rows.touches.push(...touches);
    rows.notes.push(...notes);
    if (s.handle)
      rows.profiles.push({ id: `${s.id}-p`, personId: s.id, site: 'linkedin', handle: s.handle, key: `linkedin:${s.handle}`, createdAt: now, updatedAt: now });
  }
  return rows;
}

/** Every people row of the `kith` database, read from one of its pages (waiting for Kith to have created it). */
async function readPeople(page: Page): Promise<Person[]> {
  return inPage(page, async () => {
    const open = (): Promise<IDBDatabase> =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('kith');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    // The page opens Kith's database (Dexie creates its tables) as it starts: wait for that.
    let db = await open();
    for (let i = 0; i < 200 && !db.objectStoreNames.contains('rekindleBuckets'); i++) {
      db.close();
      await new Promise((r) => setTimeout(r, 50));
      db = await open();
    }
    const people = await new Promise<Person[]>((resolve, reject) => {
      const all = db.transaction('people').objectStore('people').getAll();
      all.onsuccess = () => resolve(all.result as Person[]);
      all.onerror = () => reject(all.error);
    });
    db.close();
    return people;
  });
}

/**
 * Write rows into the `kith` database from an extension page that has opened it.
 * The reach buckets are written too, as Kith's own middleware would keep them
 * (lib/db/reach-buckets.ts): made again from every people row, the seeded ones
 * included. (Tests seed before they act, so nothing writes in between.)
 */
export async function seed(page: Page, rows: SeedRows): Promise<void> {
  const people = new Map((await readPeople(page)).map((p) => [p.id, p]));
  for (const p of rows.people) people.set(p.id, p);
  const buckets = bucketsFromPeople([...people.values()]);
  await inPage(
    page,
    async ({ rows, buckets }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const req = indexedDB.open('kith');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['people', 'profiles', 'touches', 'notes', 'dueBuckets', 'rekindleBuckets'], 'readwrite');
        for (const [table, list] of Object.entries(rows)) for (const row of list as object[]) tx.objectStore(table).put(row);
        for (const [store, list] of Object.entries(buckets)) {
          tx.objectStore(store).clear();
          for (const row of list as object[]) tx.objectStore(store).put(row);
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { rows, buckets },
  );
}

/** Change people rows as Kith's pages would (the reach buckets included): read, patch, write. */
export async function patchPeople(page: Page, patches: Record<string, Partial<Person>>): Promise<void> {
  const people = (await readPeople(page)).filter((p) => p.id in patches);
  await seed(page, { people: people.map((p) => ({ ...p, ...patches[p.id] })), profiles: [], touches: [], notes: [] });
}

/** Set Kith's settings the way the options page would (WXT storage item 'local:settings'). */
export async function setSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  await inPage(
    page,
    async (patch) => {
      const cur = ((await chrome.storage.local.get('settings')) as { settings?: object }).settings ?? {};
      await chrome.storage.local.set({ settings: { ...cur, ...patch } });
    },
    patch,
  );
}

/** Every row of every table of Kith's database, as JSON, read from one of its pages: to compare before and after. */
export async function dumpKith(page: Page): Promise<string> {
  return inPage(page, async () => {
    // Wait for Kith itself to have created its database: opening it here first would
    // create an empty one, and a baseline taken before Kith's first open (the service
    // worker may still be starting on a slow machine) would read as `{}` instead of
    // empty tables.
    const deadline = Date.now() + 15_000;
    for (;;) {
      const found = (await indexedDB.databases()).find((d) => d.name === 'kith');
      if (found?.version) break;
      if (Date.now() > deadline) throw new Error('Kith never created its database');
      await new Promise((r) => setTimeout(r, 50));
    }
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const req = indexedDB.open('kith');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const out: Record<string, unknown[]> = {};
    for (const store of Array.from(db.objectStoreNames)) {
      out[store] = await new Promise<unknown[]>((resolve, reject) => {
        const req = db.transaction(store).objectStore(store).getAll();
        req.onsuccess = () => resolve(req.result as unknown[]);
        req.onerror = () => reject(req.error);
      });
    }
    db.close();
    return JSON.stringify(out);
  });
}

/** Put rows in Kith's `meta` table (e.g. the nudge mutes), from an extension page that has opened the database. */
export async function seedMeta(page: Page, rows: { key: string; value: unknown }[]): Promise<void> {
  await inPage(
    page,
    async (rows) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const req = indexedDB.open('kith');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('meta', 'readwrite');
        for (const row of rows) tx.objectStore('meta').put(row);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    rows,
  );
}

/** One row of Kith's `meta` table, read from one of its pages. */
export async function readMeta(page: Page, key: string): Promise<unknown> {
  return inPage(
    page,
    async (key) => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const req = indexedDB.open('kith');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const row = await new Promise<{ value?: unknown } | undefined>((resolve, reject) => {
        const req = db.transaction('meta').objectStore('meta').get(key);
        req.onsuccess = () => resolve(req.result as { value?: unknown } | undefined);
        req.onerror = () => reject(req.error);
      });
      db.close();
      return row?.value;
    },
    key,
  );
}
