/**
 * The search index lives in the background: it is read from its saved copy (or
 * built) once per worker life, on the first search, then kept in memory, so a
 * popup opened a second later answers its first keystroke at once instead of
 * reading the whole index again. Every write, from any page or from here,
 * reaches this worker as Dexie's "storage mutated" event; the index then catches
 * up from the rows changed since (lib/search/people-search.ts) and saves itself a
 * moment later.
 */
import Dexie from 'dexie';
import { PeopleSearch, type SearchReply } from '@/lib/search/people-search';
import { idbIndexStorage } from '@/lib/search/persist';
import { warnFailed } from '@/lib/platform/warn';
import type { BackgroundEnv } from './env';

/** Writes come in bursts (an import, a merge): catch up once per burst. */
const CATCH_UP_DELAY_MS = 250;

export function peopleSearch(env: BackgroundEnv): PeopleSearch {
  env.state.search ??= new PeopleSearch(env.db, {
    storage: idbIndexStorage(),
    onBuilt: ({ people, ms }) => console.info(`Kith: search index built for ${people} people in ${ms} ms`),
  });
  return env.state.search;
}

export function searchQuery(env: BackgroundEnv, query: string, limit?: number, fresh?: boolean): Promise<SearchReply> {
  return peopleSearch(env).query(query, limit, { fresh: fresh === true });
}

/**
 * The keys a storage-mutated part names one by one (a Dexie RangeSet, or the plain
 * tree it arrives as from another context). Ranges, such as a table cleared, are
 * left out: the index notices rows gone by their count.
 */
export function keysNamed(tree: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown, depth: number): void => {
    if (!node || typeof node !== 'object' || depth > 200) return;
    const { from, to, l, r } = node as { from?: unknown; to?: unknown; l?: unknown; r?: unknown };
    walk(l, depth + 1);
    if (typeof from === 'string' && from === to) out.push(from);
    walk(r, depth + 1);
  };
  walk(tree, 0);
  return out;
}

export function register(env: BackgroundEnv): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const prefix = `idb://${env.db.name}/`;
  const named = new Set<string>();
  Dexie.on('storagemutated', (parts: Record<string, unknown>) => {
    // Only an index already open follows the writes: one not yet opened catches up when it opens.
    const search = env.state.search;
    if (!search || !Object.keys(parts).some((k) => k.startsWith(prefix))) return;
    // The people rows written: every write that changes what a person is found by rewrites their row (its summary at least).
    for (const id of keysNamed(parts[`${prefix}people/`])) named.add(id);
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      const people = [...named];
      named.clear();
      search.catchUp(people).catch(warnFailed('search index catch-up'));
    }, CATCH_UP_DELAY_MS);
  });
}
