/**
 * The search over everyone, kept right: loaded from its saved copy when there is
 * one, built from the rows (with progress) when there is none or it is of another
 * format, and brought up to date from the people rows changed since it last
 * looked. Every write to a person, or to what belongs to them (a note, a touch, a
 * profile), stamps the person's indexed `updatedAt` (lib/db/writes), so "what
 * changed" is one range read of that index, whichever page or worker wrote it.
 */
import type { KithDB } from '@/lib/db/db';
import Dexie from 'dexie';
import type { Person } from '@/lib/model/types';
import { isLive } from '@/lib/relationship/people-list';
import { toDoc, type PersonRows, type SearchDoc, type SearchField } from './docs';
import { INDEX_FORMAT, SearchIndex, type Hit } from './engine';
import { bestField, explain, type Why } from './explain';
import type { IndexStorage } from './persist';
import { rowsOfPeople, touchesOfPerson } from '@/lib/db/touch-ranges';

export interface PersonMatch {
  id: string;
  name: string;
  headline?: string;
  company?: string;
  photoUrl?: string;
  /** Why this person matched; absent only when no field can be pointed at. */
  why?: Why;
}

export type SearchReply =
  | {
      state: 'ready';
      results: PersonMatch[];
      /** The background's time for this query, and its parts: catching up with writes, the index, reading rows and cutting snippets. */
      ms: number;
      parts?: { catchUp: number; index: number; shape: number };
    }
  /** The index is being built from the rows (first run, or after an upgrade): how far. */
  | { state: 'building'; done: number; total: number }
  /** The saved index is being read: a moment. */
  | { state: 'loading' };

/** How long a query waits for the index to open before answering "not yet". */
const OPEN_WAIT_MS = 150;

export interface BuildProgress {
  done: number;
  total: number;
}

/**
 * With no write announced, a query answers at once and the database is looked at
 * again (without the query waiting) when the last look is older than this: for
 * writes no event announces (another browser profile's sync, a plain IndexedDB write).
 */
const RECHECK_MS = 1000;

/** People per step of a build: one read of their rows, then a yield. */
const BUILD_CHUNK = 1000;
/** A save waits this long for more changes, so a burst of writes is saved once. */
const SAVE_DELAY_MS = 2000;

/**
 * The rows of `people` the index needs, in one transaction: one `getAll` of the
 * `personId` index per person and table. (A single `anyOf` over all of them walks
 * a cursor one row per step, which in Chromium is one round trip to the browser
 * process per row: most of a query's and a build's time.)
 */
async function rowsOf(db: KithDB, people: readonly Person[]): Promise<PersonRows[]> {
  if (people.length === 0) return [];
  return db.transaction('r', db.profiles, db.notes, db.touches, () =>
    Promise.all(
      people.map(async (person) => {
        const [profiles, notes, touches] = await Promise.all([
          db.profiles.where('personId').equals(person.id).toArray(),
          db.notes.where('personId').equals(person.id).toArray(),
          touchesOfPerson(db, person.id).toArray(),
        ]);
        return { person, profiles, notes, touches };
      }),
    ),
  );
}

/** The table a snippet of each field is cut from (the others are on the person row). */
const TABLE_OF: Partial<Record<SearchField, 'profiles' | 'notes' | 'touches'>> = {
  handles: 'profiles',
  notes: 'notes',
  followups: 'notes',
  touches: 'touches',
};
/** People whose rows are kept for shaping results: the next keystroke mostly shows the same people. */
const ROW_CACHE = 400;

type CachedRows = { person?: Person } & Partial<Omit<PersonRows, 'person'>>;

export interface PeopleSearchOptions {
  storage: IndexStorage;
  /** Told how a build goes, e.g. to log its time. */
  onBuilt?: (info: { people: number; ms: number }) => void;
  onProgress?: (p: BuildProgress) => void;
  saveDelayMs?: number;
}

export class PeopleSearch {
  private index: SearchIndex | undefined;
  private stamps = new Map<string, number>();
  private watermark = -Infinity;
  /** The rows stamped exactly at the watermark already read (`table:id:updatedAt`). */
  private edge = new Set<string>();
  private building: BuildProgress | undefined;
  private opening: Promise<void> | undefined;
  private catchingUp: Promise<boolean> | undefined;
  private again = false;
  /** People named by a write whose stamps need not be newer than the watermark (an undo, a synced row): re-read at the next catch-up. */
  private named = new Set<string>();
  private saveTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<void> = Promise.resolve();
  /** A write to the database was announced since the last catch-up began: the next query waits for one. */
  private dirty = true;
  /** Rows read to shape results, by person; dropped whenever the index re-reads that person. */
  private rowCache = new Map<string, CachedRows>();
  private lastCheck = -Infinity;
  private readonly onMutated = (parts: Record<string, unknown>) => {
    const prefix = `idb://${this.db.name}/`;
    if (Object.keys(parts).some((k) => k.startsWith(prefix))) this.dirty = true;
  };

  constructor(
    private readonly db: KithDB,
    private readonly opts: PeopleSearchOptions,
  ) {
    // Dexie announces every committed write, this context's and (broadcast) every other page's.
    Dexie.on('storagemutated', this.onMutated);
  }

  /** Stop following the writes (the index stays usable as it is). */
  close(): void {
    Dexie.on('storagemutated').unsubscribe(this.onMutated);
  }

  /** Load the saved index, or build one; resolves when queries can be answered. */
  open(): Promise<void> {
    this.opening ??= this.loadOrBuild().catch((err: unknown) => {
      this.opening = undefined;
      throw err;
    });
    return this.opening;
  }

  /** Where a build is, while one runs. */
  progress(): BuildProgress | undefined {
    return this.building;
  }

  get size(): number {
    return this.index?.size ?? 0;
  }

  private async loadOrBuild(): Promise<void> {
    const saved = await this.opts.storage.load().catch(() => undefined);
    if (saved && saved.format === INDEX_FORMAT) {
      try {
        this.index = SearchIndex.fromJSON(saved.json);
        this.stamps = new Map(saved.stamps);
        this.watermark = saved.watermark;
        this.edge = new Set(saved.edge);
        await this.catchUp();
        return;
      } catch {
        // A copy that does not load is rebuilt below, like a missing one.
        this.index = undefined;
      }
    }
    await this.rebuild();
  }

  /** Build from every row, in steps, with progress; the old index answers until the new one is whole. */
  async rebuild(): Promise<void> {
    await this.build();
    await this.catchUp();
  }

  private async build(): Promise<void> {
    const t0 = performance.now();
    // Writes while the build reads are caught up afterwards: nothing stamped after
    // the build started is taken as read.
    const startedAt = Date.now();
    const fresh = SearchIndex.empty();
    const stamps = new Map<string, number>();
    let top = -Infinity;
    const all = await this.db.people.toArray();
    this.building = { done: 0, total: all.length };
    this.opts.onProgress?.(this.building);
    try {
      for (let i = 0; i < all.length; i += BUILD_CHUNK) {
        const chunk = all.slice(i, i + BUILD_CHUNK);
        for (const p of chunk) {
          stamps.set(p.id, p.updatedAt);
          if (p.updatedAt > top) top = p.updatedAt;
        }
        const rows = await rowsOf(this.db, chunk.filter(isLive));
        for (const r of rows) for (const x of [...r.profiles, ...r.notes, ...r.touches]) if (x.updatedAt > top) top = x.updatedAt;
        fresh.addAll(rows.map(toDoc));
        this.building = { done: Math.min(all.length, i + chunk.length), total: all.length };
        this.opts.onProgress?.(this.building);
        await new Promise((r) => setTimeout(r, 0));
      }
    } finally {
      this.building = undefined;
    }
    this.index = fresh;
    this.rowCache.clear();
    this.stamps = stamps;
    this.watermark = Math.min(top, startedAt);
    this.edge = new Set();
    this.opts.onBuilt?.({ people: fresh.size, ms: Math.round(performance.now() - t0) });
    this.scheduleSave(0);
  }

  /**
   * Bring the index up to date with the rows changed since it last looked.
   * Resolves to whether anything changed. Calls overlapping a running one run it
   * once more after it.
   */
  catchUp(people: Iterable<string> = []): Promise<boolean> {
    for (const id of people) this.named.add(id);
    if (this.catchingUp) {
      this.again = true;
      return this.catchingUp;
    }
    this.catchingUp = (async () => {
      let changed = false;
      do {
        this.again = false;
        changed = (await this.catchUpOnce()) || changed;
      } while (this.again);
      return changed;
    })().finally(() => {
      this.catchingUp = undefined;
    });
    return this.catchingUp;
  }

  private async catchUpOnce(): Promise<boolean> {
    if (!this.index) return false;
    this.dirty = false;
    this.lastCheck = performance.now();
    const { db } = this;
    const w = this.watermark;
    const [count, people, profiles, notes, touches] = await db.transaction('r', db.people, db.profiles, db.notes, db.touches, () =>
      Promise.all([
        db.people.count(),
        db.people.where('updatedAt').aboveOrEqual(w).toArray(),
        db.profiles.where('updatedAt').aboveOrEqual(w).toArray(),
        db.notes.where('updatedAt').aboveOrEqual(w).toArray(),
        db.touches.where('updatedAt').aboveOrEqual(w).toArray(),
      ]),
    );
    const seen = this.stamps.size + people.filter((p) => !this.stamps.has(p.id)).length;
    // Rows gone without a tombstone (delete everything, a replace-restore): start over.
    if (count !== seen) {
      await this.build();
      this.again = true;
      return true;
    }
    // Rows stamped exactly at the watermark were read last time already, unless new.
    const affected = new Set<string>();
    const edge = new Set<string>();
    let top = w;
    const visit = (table: string, row: { id: string; updatedAt: number }, personId: string) => {
      const key = `${table}:${row.id}:${row.updatedAt}`;
      if (row.updatedAt > top) top = row.updatedAt;
      if (!this.edge.has(key)) affected.add(personId);
      edge.add(key);
    };
    for (const p of people) visit('people', p, p.id);
    for (const r of profiles) visit('profiles', r, r.personId);
    for (const r of notes) visit('notes', r, r.personId);
    for (const r of touches) visit('touches', r, r.personId);
    this.watermark = top;
    this.edge = new Set([...edge].filter((k) => Number(k.slice(k.lastIndexOf(':') + 1)) === top));
    // An undo puts rows back with their old stamps, and sync writes rows stamped on another device: neither is above the watermark.
    for (const id of this.named) affected.add(id);
    this.named.clear();
    if (affected.size === 0) return false;
    const rows = (await db.people.bulkGet([...affected])).filter((p): p is Person => !!p);
    await this.refresh(rows);
    return true;
  }

  private async refresh(people: readonly Person[]): Promise<void> {
    const index = this.index!;
    const live = people.filter(isLive);
    const docs = new Map<string, SearchDoc>((await rowsOf(this.db, live)).map((r) => [r.person.id, toDoc(r)]));
    for (const p of people) {
      this.rowCache.delete(p.id);
      index.set(p.id, docs.get(p.id));
      this.stamps.set(p.id, p.updatedAt);
    }
    this.scheduleSave();
  }

  /** Forget everything and build again: the rows were replaced wholesale. */
  async reset(): Promise<void> {
    if (!this.index) return this.open();
    await this.rebuild();
  }

  /**
   * The best matches for `query`, with why each matched; while a build runs, where it is.
   * `fresh`: catch up before answering even when no write was announced here (the page
   * asking heard of one, and this context may hear of it later).
   */
  async query(query: string, limit = 20, opts: { fresh?: boolean } = {}): Promise<SearchReply> {
    const t0 = performance.now();
    if (!this.index) {
      const opened = this.open().then(() => true);
      const waited = await Promise.race([opened, new Promise<false>((r) => setTimeout(() => r(false), OPEN_WAIT_MS))]);
      if (!waited || !this.index) return this.building ? { state: 'building', ...this.building } : { state: 'loading' };
    }
    const t1 = performance.now();
    // Reading what changed costs a few IndexedDB requests (a large share of a keystroke
    // in Chromium): wait for it only when a write was announced since the last look.
    if (this.dirty || opts.fresh) await this.catchUp();
    // A look that fails is simply taken again at a later query.
    else if (t1 - this.lastCheck > RECHECK_MS) this.catchUp().catch(() => undefined);
    const t2 = performance.now();
    const hits = this.index!.search(query, limit);
    const t3 = performance.now();
    const parts = () => ({ catchUp: t2 - t1, index: t3 - t2, shape: performance.now() - t3 });
    if (hits.length === 0) return { state: 'ready', results: [], ms: performance.now() - t0, parts: parts() };
    const rows = await this.rowsForHits(hits);
    const results: PersonMatch[] = [];
    for (const h of hits) {
      const r = rows.get(h.id);
      if (!r) continue;
      const { person } = r;
      results.push({
        id: person.id,
        name: person.name,
        ...(person.headline ? { headline: person.headline } : {}),
        ...(person.company ? { company: person.company } : {}),
        ...(person.photoUrl ? { photoUrl: person.photoUrl } : {}),
        ...((w) => (w ? { why: w } : {}))(explain(r, h.fieldsOf)),
      });
    }
    return { state: 'ready', results, ms: performance.now() - t0, parts: parts() };
  }

  /**
   * What shaping the hits needs: each person's row, and only the table their
   * snippet is cut from (none for a name, e-mail, phone or company), from the
   * cache where the last keystrokes already read them, in one transaction.
   */
  private async rowsForHits(hits: readonly Hit[]): Promise<Map<string, PersonRows>> {
    const { db } = this;
    const cache = this.rowCache;
    const entry = (id: string): CachedRows => {
      const e = cache.get(id) ?? {};
      // Most recently used last: the oldest go first when the cache is full.
      cache.delete(id);
      cache.set(id, e);
      return e;
    };
    const wanted = hits.map((h) => ({ id: h.id, e: entry(h.id), table: ((f) => f && TABLE_OF[f])(bestField(h.fieldsOf)?.field) }));
    const noPerson = wanted.filter((w) => !w.e.person);
    const noTable = wanted.filter((w) => w.table && !w.e[w.table]);
    if (noPerson.length || noTable.length)
      await db.transaction('r', db.people, db.profiles, db.notes, db.touches, () =>
        Promise.all([
          noPerson.length ? db.people.bulkGet(noPerson.map((w) => w.id)).then((ps) => ps.forEach((p, i) => p && (noPerson[i]!.e.person = p))) : undefined,
          ...noTable.map(async (w) => {
            const table = w.table!;
            const rows = await rowsOfPeople(db, table, w.id, w.id).toArray();
            (w.e as Record<string, unknown>)[table] = rows;
          }),
        ]),
      );
    while (cache.size > ROW_CACHE) cache.delete(cache.keys().next().value!);
    const out = new Map<string, PersonRows>();
    for (const { id, e } of wanted)
      if (e.person && isLive(e.person)) out.set(id, { person: e.person, profiles: e.profiles ?? [], notes: e.notes ?? [], touches: e.touches ?? [] });
    return out;
  }

  private scheduleSave(delay = this.opts.saveDelayMs ?? SAVE_DELAY_MS): void {
    if (this.saveTimer !== undefined) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = undefined;
      void this.flush();
    }, delay);
  }

  /** Save now (a pending debounced save included). */
  flush(): Promise<void> {
    if (this.saveTimer !== undefined) {
      clearTimeout(this.saveTimer);
      this.saveTimer = undefined;
    }
    const index = this.index;
    if (!index) return this.saving;
    const saved = {
      key: 'people' as const,
      format: INDEX_FORMAT,
      watermark: this.watermark,
      edge: [...this.edge],
      stamps: [...this.stamps],
      json: index.toJSON(),
      savedAt: Date.now(),
    };
    // Saves run one after the other, so an older copy never lands after a newer one.
    this.saving = this.saving
      .then(() => this.opts.storage.save(saved))
      .catch(() => {
        // A failed save (quota) costs only a rebuild at the next start.
      });
    return this.saving;
  }
}
