/**
 * The person picker's search (the capture picker's type-ahead): people by name,
 * company, handle, e-mail or phone, as the options page's people list searches
 * them today. The one place to switch the picker to a full-text index.
 */
import type { KithDB } from '@/lib/db/db';
import { loadPeopleRows } from '@/lib/db/read';
import { filterPeople, type PersonRow } from '@/lib/relationship/people-list';

export async function searchPeople(db: KithDB, query: string, limit = 8): Promise<PersonRow[]> {
  const q = query.trim();
  if (!q) return [];
  return filterPeople(await loadPeopleRows(db), { search: q, archived: 'all' }, Date.now()).slice(0, limit);
}
