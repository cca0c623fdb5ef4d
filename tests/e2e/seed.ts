/**
 * Seeding Kith's real database in the browser: rows are built in the test with
 * Kith's own pure code (so summaries are what the app would have written), then
 * written with plain IndexedDB from one of Kith's pages (same origin as `kith`).
 */
import type { Page } from 'playwright-core';
import type { Circle, Note, Person, Profile, Touch } from '../../lib/model/types';
import { computeSummary, emptySummary } from '../../lib/relationship/summary';
import { DEFAULT_CIRCLES } from '../../lib/model/settings';
import { dueBucketOfPerson, rekindleBucketOfPerson } from '../../lib/db/reach-buckets';

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
    const touches: Touch[] = (s.touches ?? []).map((t, i) => ({ ...t, id: `${s.id}-t${i}`, personId: s.id, direction: 'out', source: 'manual', createdAt: t.at, updatedAt: t.at }));
    const notes: Note[] = (s.notes ?? []).map((n, i) => ({ ...n, id: `${s.id}-n${i}`, personId: s.id, createdAt: now - 86_400_000, updatedAt: now - 86_400_000 }));
    const base: Person = { id: s.id, name: s.name, phones: [], emails: [], tags: [], archived: 0, createdAt: now - 400 * 86_400_000, updatedAt: now - 86_400_000, summary: emptySummary(), ...s.patch };
    const person: Person = { ...base, summary: computeSummary({ person: base, touches, notes, circles, now, timeZone }) };
    rows.people.push(person);
    rows.touches.push(...touches);
    rows.notes.push(...notes);
    if (s.handle) rows.profiles.push({ id: `${s.id}-p`, personId: s.id, site: 'linkedin', handle: s.handle, key: `linkedin:${s.handle}`, createdAt: now, updatedAt: now });
  }
  return rows;
}

/**
 * Write rows into the `kith` database from an extension page that has opened it.
 * The reach buckets are written too, as Kith's own middleware would
 * (lib/db/reach-buckets.ts): each seeded person leaves whatever buckets held them
 * and goes into the ones their row belongs in.
 */
export async function seed(page: Page, rows: SeedRows): Promise<void> {
  const placed = rows.people.map((p) => ({
    id: p.id,
    dueBuckets: dueBucketOfPerson(p) ?? null,
    rekindleBuckets: rekindleBucketOfPerson(p) ?? null,
    rekindle: { id: p.id, at: p.summary.rekindleAt },
  }));
  await page.evaluate(
    async ({ rows, placed }) => {
      // The page opens Kith's database (Dexie creates its tables) as it starts: wait for that.
      const open = (): Promise<IDBDatabase> =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open('kith');
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => reject(req.error);
        });
      let db = await open();
      for (let i = 0; i < 200 && !db.objectStoreNames.contains('rekindleBuckets'); i++) {
        db.close();
        await new Promise((r) => setTimeout(r, 50));
        db = await open();
      }
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction(['people', 'profiles', 'touches', 'notes', 'dueBuckets', 'rekindleBuckets'], 'readwrite');
        for (const [table, list] of Object.entries(rows)) for (const row of list as object[]) tx.objectStore(table).put(row);
        const ids = new Set(placed.map((x) => x.id));
        for (const store of ['dueBuckets', 'rekindleBuckets'] as const) {
          const buckets = tx.objectStore(store);
          const all = buckets.getAll();
          all.onsuccess = () => {
            const byKey = new Map<number, { key: number; people: { id: string }[] }>();
            for (const row of all.result as { key: number; people: { id: string }[] }[]) byKey.set(row.key, { key: row.key, people: row.people.filter((p) => !ids.has(p.id)) });
            placed.forEach((x, i) => {
              const key = x[store];
              if (key === null) return;
              const row = byKey.get(key) ?? byKey.set(key, { key, people: [] }).get(key)!;
              row.people.push(store === 'dueBuckets' ? rows.people[i]! : x.rekindle);
            });
            for (const row of byKey.values()) {
              if (row.people.length > 0) buckets.put(row);
              else buckets.delete(row.key);
            }
          };
        }
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
      db.close();
    },
    { rows, placed },
  );
}

/** Change people rows as Kith's pages would (the due buckets included): read, patch, write. */
export async function patchPeople(page: Page, patches: Record<string, Partial<Person>>): Promise<void> {
  const people = await page.evaluate(
    (ids) =>
      new Promise<Person[]>((resolve, reject) => {
        const req = indexedDB.open('kith');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const all = db.transaction('people').objectStore('people').getAll();
          all.onsuccess = () => {
            db.close();
            resolve((all.result as Person[]).filter((p) => ids.includes(p.id)));
          };
          all.onerror = () => reject(all.error);
        };
      }),
    Object.keys(patches),
  );
  await seed(page, { people: people.map((p) => ({ ...p, ...patches[p.id] })), profiles: [], touches: [], notes: [] });
}

/** Set Kith's settings the way the options page would (WXT storage item 'local:settings'). */
export async function setSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (patch) => {
    const cur = ((await chrome.storage.local.get('settings')) as { settings?: object }).settings ?? {};
    await chrome.storage.local.set({ settings: { ...cur, ...patch } });
  }, patch);
}

/** Every row of every table of Kith's database, as JSON, read from one of its pages: to compare before and after. */
export async function dumpKith(page: Page): Promise<string> {
  return page.evaluate(async () => {
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
  await page.evaluate(async (rows) => {
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
  }, rows);
}

/** One row of Kith's `meta` table, read from one of its pages. */
export async function readMeta(page: Page, key: string): Promise<unknown> {
  return page.evaluate(async (key) => {
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
  }, key);
}
