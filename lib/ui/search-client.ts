/**
 * Ask the background's search index (lib/background/search.ts) from any of
 * Kith's pages. The reply is the ranked people, each with why they matched, or
 * where the index is while it is opened or built.
 */
import { send } from '@/lib/messages/client';
import type { SearchReply } from '@/lib/search/people-search';

export type { PersonMatch, SearchReply } from '@/lib/search/people-search';
export type { Why } from '@/lib/search/explain';

/** `fresh`: the page heard of a write since it last asked; the background looks at what changed first. */
export function searchPeople(query: string, limit = 20, fresh = false): Promise<SearchReply> {
  return send({ type: 'search/query', query: query.slice(0, 200), limit, ...(fresh ? { fresh } : {}) });
}
