import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useState } from 'react';
import { getDb } from '@/lib/db/db';
import { loadPeopleRows } from '@/lib/db/read';
import { type PersonRow } from '@/lib/relationship/people-list';

/**
 * Every live person as a light row, read once and again whenever the people or
 * profiles tables change (Dexie's live query). Undefined while loading.
 */
export function usePeopleRows(): PersonRow[] | undefined {
  return useLiveQuery(() => loadPeopleRows(getDb()), []);
}

export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}
