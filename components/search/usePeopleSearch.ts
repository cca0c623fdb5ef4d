/**
 * The search as a hook, for any screen that finds people as the user types (the
 * popup, the side panel, the people list, a person picker): give it the query,
 * get the ranked people with why each matched. Answers arrive in order: a slow
 * reply to an older query never replaces a newer one.
 */
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

export function usePeopleSearch(query: string, opts: { limit?: number; search?: (q: string, limit: number) => Promise<SearchReply> } = {}): SearchState {
  const { limit = 20, search = searchPeople } = opts;
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
    const ask = () => {
      if (inFlight.current) return;
      inFlight.current = true;
      search(q, limit)
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
              timer = setTimeout(ask, POLL_MS);
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
        });
    };
    askLatest.current = ask;
    ask();
    return () => {
      if (askLatest.current === ask) askLatest.current = undefined;
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [query, limit, search]);
  return state;
}

/** Open the index before the first keystroke (the background reads or builds it once per worker life). */
export function warmSearch(search: (q: string, limit: number) => Promise<SearchReply> = searchPeople): void {
  search('', 1).catch(warnFailed('opening the search index'));
}
