/**
 * The search hook follows the data: a change to the searched rows asks the shown
 * query again, once for a burst of changes, and once more when the change came
 * while a question was out (its answer may predate the change). It stops listening
 * when the screen goes.
 */
import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { REFRESH_MS, usePeopleSearch } from '@/components/search/usePeopleSearch';
import type { PersonMatch, SearchReply } from '@/lib/ui/search-client';

const match = (name: string): PersonMatch => ({ id: name.toLowerCase(), name, why: [] }) as unknown as PersonMatch;

/** A search whose answers the test gives, one question at a time, and a change source it fires. */
function harness() {
  const asked: { query: string; fresh: boolean; answer: (names: string[]) => void }[] = [];
  const search = (query: string, _limit: number, fresh = false) =>
    new Promise<SearchReply>((resolve) => {
      asked.push({ query, fresh, answer: (names) => resolve({ state: 'ready', results: names.map(match) } as SearchReply) });
    });
  const listeners = new Set<() => void>();
  const onChange = (l: () => void) => {
    listeners.add(l);
    return () => void listeners.delete(l);
  };
  const change = () => listeners.forEach((l) => l());
  return { asked, search, onChange, change, listeners };
}

const names = (state: ReturnType<typeof usePeopleSearch>) => (state.state === 'ready' ? state.results.map((r) => r.name) : state.state);

describe('the search hook, when the data changes', () => {
  it('asks a burst of changes as one question, and shows its answer in place of the old one', async () => {
    const h = harness();
    const { result } = renderHook(() => usePeopleSearch('faenza', { search: h.search, onChange: h.onChange }));
    await waitFor(() => expect(h.asked).toHaveLength(1));
    h.asked[0]!.answer(['Anna Rossi']);
    await waitFor(() => expect(names(result.current)).toEqual(['Anna Rossi']));

    h.change();
    h.change();
    h.change();
    await waitFor(() => expect(h.asked).toHaveLength(2));
    // Asked fresh: the background looks at what changed whether or not it has heard of the write yet.
    expect(h.asked.map((a) => [a.query, a.fresh])).toEqual([
      ['faenza', false],
      ['faenza', true],
    ]);
    // Until the new answer comes, the old one stays on screen.
    expect(names(result.current)).toEqual(['Anna Rossi']);
    h.asked[1]!.answer(['Anna Rossi', 'Carla Bianchi']);
    await waitFor(() => expect(names(result.current)).toEqual(['Anna Rossi', 'Carla Bianchi']));
    await new Promise((r) => setTimeout(r, REFRESH_MS * 2));
    expect(h.asked).toHaveLength(2);
  });

  it('asks once more after the answer to a question that was out when the data changed', async () => {
    const h = harness();
    const { result } = renderHook(() => usePeopleSearch('faenza', { search: h.search, onChange: h.onChange }));
    await waitFor(() => expect(h.asked).toHaveLength(1));
    h.change();
    await new Promise((r) => setTimeout(r, REFRESH_MS * 2));
    // Still one question out: the change waits for its answer rather than asking beside it.
    expect(h.asked).toHaveLength(1);
    h.asked[0]!.answer(['Anna Rossi']);
    await waitFor(() => expect(h.asked).toHaveLength(2));
    expect(h.asked[1]!.fresh).toBe(true);
    h.asked[1]!.answer(['Anna Rossi', 'Carla Bianchi']);
    await waitFor(() => expect(names(result.current)).toEqual(['Anna Rossi', 'Carla Bianchi']));
  });

  it('stops listening when the query is cleared or the screen goes', async () => {
    const h = harness();
    const { rerender, unmount } = renderHook(({ q }) => usePeopleSearch(q, { search: h.search, onChange: h.onChange }), { initialProps: { q: 'faenza' } });
    await waitFor(() => expect(h.listeners.size).toBe(1));
    rerender({ q: '' });
    expect(h.listeners.size).toBe(0);
    h.change();
    await new Promise((r) => setTimeout(r, REFRESH_MS * 2));
    expect(h.asked).toHaveLength(1);
    rerender({ q: 'anna' });
    await waitFor(() => expect(h.listeners.size).toBe(1));
    unmount();
    expect(h.listeners.size).toBe(0);
  });
});
