/**
 * The search as a hook, for any screen that finds people as the user types (the
 * popup, the side panel, the people list, a person picker): give it the query,
 * get the ranked people with why each matched. Answers arrive in order: a slow
 * reply to an older query never replaces a newer one. The results follow the data:
 * when people, profiles, touches or notes change anywhere in Kith (this page,
 * another, a sync in the background), the query is asked again and its new answer
 * replaces the old one in place.
 */
import Dexie from 'dexie';
import { useEffect, useRef, useState } from 'react';
import { searchPeople, type PersonMatch, type SearchReply } from '@/lib/ui/search-client';
import { warnFailed } from '@/lib/platform/warn';

export type SearchState =
  | { state: 'idle' }
  | { state: 'ready'; query: string; results: PersonMatch[] }
  | { state: 'building'; percent: number }
  | { state: 'loading' }
  | { state: 'failed' };

/** While the index is being opened or built, ask again this often. */
const POLL_MS = 300;
/** After a change to what people are found by, ask again this much later (a burst of writes is one question). */
export const REFRESH_MS = 250;

/** Calls `listener` whenever a committed write, in any of Kith's contexts, touched a table the search reads. */
export function onSearchedRowsChanged(listener: () => void): () => void {
  const searched = /^idb:\/\/[^/]+\/(people|profiles|touches|notes)\//;
  const fn = (parts: Record<string, unknown>) => {
    if (Object.keys(parts).some((k) => searched.test(k))) listener();
  };
  Dexie.on('storagemutated', fn);
  return () => Dexie.on('storagemutated').unsubscribe(fn);
}

export function usePeopleSearch(
  query: string,
  opts: {
    limit?: number;
    /** `fresh` is true when asking again after a change was heard (see `searchPeople`). */
    search?: (q: string, limit: number, fresh?: boolean) => Promise<SearchReply>;
    /** Where changes to the searched rows are heard (the default: Dexie's announcements of every write). */
    onChange?: (listener: () => void) => () => void;
  } = {},
): SearchState {
  const { limit = 20, search = searchPeople, onChange = onSearchedRowsChanged } = opts;
  const [state, setState] = useState<SearchState>({ state: 'idle' });
  const seq = useRef(0);
  // One question at a time: keys typed while one is out are asked as one, the
  // newest, when its reply comes, so the background never works through queries
  // already superseded (and a fast reply still shows at once).
  const inFlight = useRef(false);
  const askLatest = useRef<(() => void) | undefined>(undefined);
  useEffect(() => {
    const q = query.trim();
    const mine = ++seq.current;
    if (!q) {
      askLatest.current = undefined;
      setState({ state: 'idle' });
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    let refresh: ReturnType<typeof setTimeout> | undefined;
    /** The data changed while a question was out: its answer may be older than the change, so ask once more. */
    let askAgain = false;
    /** The next question follows a change heard here: the background must look at what changed, whether or not it heard. */
    let heard = false;
    const ask = () => {
      if (inFlight.current) {
        askAgain = true;
        return;
      }
      askAgain = false;
      inFlight.current = true;
      const fresh = heard;
      heard = false;
      search(q, limit, fresh)
        .then(
          (reply) => {
            if (mine !== seq.current) return;
            if (reply.state === 'ready') setState({ state: 'ready', query: q, results: reply.results });
            else {
              setState(
                reply.state === 'building'
                  ? { state: 'building', percent: reply.total ? Math.floor((100 * reply.done) / reply.total) : 0 }
                  : { state: 'loading' },
              );
              timer = setTimeout(() => {
                timer = undefined;
                ask();
              }, POLL_MS);
            }
          },
          (err: unknown) => {
            if (mine !== seq.current) return;
            warnFailed('search')(err);
            setState({ state: 'failed' });
          },
        )
        .finally(() => {
          inFlight.current = false;
          if (mine !== seq.current) askLatest.current?.();
          else if (askAgain) ask();
        });
    };
    askLatest.current = ask;
    ask();
    const stopListening = onChange(() => {
      heard = true;
      if (refresh !== undefined) clearTimeout(refresh);
      refresh = setTimeout(() => {
        refresh = undefined;
        // A poll while the index is built asks anyway; otherwise the answer shown stays until the new one comes.
        if (timer === undefined) ask();
      }, REFRESH_MS);
    });
    return () => {
      stopListening();
      if (askLatest.current === ask) askLatest.current = undefined;
      if (timer !== undefined) clearTimeout(timer);
      if (refresh !== undefined) clearTimeout(refresh);
    };
  }, [query, limit, search, onChange]);
  return state;
}

/** Open the index before the first keystroke (the background reads or builds it once per worker life). */
export function warmSearch(search: (q: string, limit: number) => Promise<SearchReply> = searchPeople): void {
  search('', 1).catch(warnFailed('opening the search index'));
}
