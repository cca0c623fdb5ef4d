/**
 * The full-text index of people, on MiniSearch (docs/search.md says why that
 * library): one document per live person, every field folded for case and
 * accents, prefix matches on each word as the user types, every word of the
 * query required. Pure: no database, no browser API, so it runs in the
 * background, a page, a worker or a unit test alike.
 */
import MiniSearch, { type Options, type SearchResult as MiniResult } from 'minisearch';
import { fold } from './fold';
import { FIELD_BOOST, SEARCH_FIELDS, type SearchDoc, type SearchField } from './docs';
import { STOP_WORDS } from './stop-words';

/** Bump when the fields, the tokenizer or the folding change: a stored index of another format is rebuilt. */
export const INDEX_FORMAT = 2;

// Marks are kept inside a word so that text already in NFD stays one word until folded.
const TOKEN = /[\p{L}\p{M}\p{N}]+/gu;

/** Fields of a few words each, where even a one-letter prefix is cheap to expand. */
const SHORT_FIELDS: SearchField[] = ['name', 'handles', 'emails', 'phones', 'company'];
const LONG_FIELDS: SearchField[] = SEARCH_FIELDS.filter((f) => !SHORT_FIELDS.includes(f));
const LONG: ReadonlySet<string> = new Set(LONG_FIELDS);
/**
 * A word this short is a prefix only in the short fields: in notes, "c" would
 * expand to every word starting with c, of everyone, at each first keystroke.
 */
const PREFIX_MIN = 3;

const OPTIONS: Options<SearchDoc> = {
  idField: 'id',
  fields: [...SEARCH_FIELDS],
  storeFields: [],
  // Phone numbers are indexed as their digit tails, one per line (docs.ts).
  tokenize: (text, field) => (field === 'phones' ? text.split('\n') : (text.match(TOKEN) ?? [])),
  processTerm: (term, field) => {
    const t = fold(term);
    return t && !(field && LONG.has(field) && STOP_WORDS.has(t)) ? t : null;
  },
  // The query's words are folded by `search` itself (stop words are handled there).
  searchOptions: { processTerm: (term) => fold(term) || null },
  autoVacuum: { minDirtCount: 200, minDirtFactor: 0.1, batchSize: 1000, batchWait: 20 },
};

export interface Hit {
  id: string;
  score: number;
  /** The document terms that matched, by field: what `explain` turns into a snippet. */
  fieldsOf: Map<string, SearchField[]>;
}

export class SearchIndex {
  private constructor(private readonly mini: MiniSearch<SearchDoc>) {}

  static empty(): SearchIndex {
    return new SearchIndex(new MiniSearch(OPTIONS));
  }

  /** An index saved with `toJSON`. */
  static fromJSON(json: string): SearchIndex {
    return new SearchIndex(MiniSearch.loadJSON(json, OPTIONS));
  }

  get size(): number {
    return this.mini.documentCount;
  }

  has(id: string): boolean {
    return this.mini.has(id);
  }

  addAll(docs: readonly SearchDoc[]): void {
    this.mini.addAll(docs);
  }

  /** Put a person's document in (replacing the old one), or take it out when `doc` is undefined. */
  set(id: string, doc: SearchDoc | undefined): void {
    if (doc) {
      if (this.mini.has(id)) this.mini.replace(doc);
      else this.mini.add(doc);
    } else if (this.mini.has(id)) this.mini.discard(id);
  }

  toJSON(): string {
    return JSON.stringify(this.mini);
  }

  /**
   * The people whose documents hold every word of `query` (the last one, or all
   * of them, as a prefix), best first.
   */
  search(query: string, limit = 20): Hit[] {
    let terms = (query.match(TOKEN) ?? []).map(fold).filter(Boolean);
    // A stop word is found in names only: drop it unless it is all there is ("di" in "festa di compleanno").
    const content = terms.filter((t) => !STOP_WORDS.has(t));
    if (content.length > 0) terms = content;
    if (terms.length === 0) return [];
    // The best `limit` are kept as MiniSearch scores each document (its `filter`
    // hook sees every match), and MiniSearch is told to keep none: a first "a"
    // matches thousands of people, and sorting them all to show 20 was most of
    // the keystroke's time.
    const top: MiniResult[] = [];
    const before = (a: MiniResult, b: MiniResult) => a.score > b.score || (a.score === b.score && String(a.id) < String(b.id));
    const keep = (r: MiniResult): boolean => {
      if (top.length === limit && !before(r, top[limit - 1]!)) return false;
      let i = top.length === limit ? limit - 1 : top.length;
      while (i > 0 && before(r, top[i - 1]!)) {
        top[i] = top[i - 1]!;
        i--;
      }
      top[i] = r;
      return false;
    };
    this.mini.search(
      {
        combineWith: 'AND',
        queries: terms.map((t) =>
          t.length >= PREFIX_MIN
            ? { queries: [t], prefix: true }
            : terms.length === 1 && t.length === 1
              ? // One letter alone: names only (every e-mail, handle and company word starting with it is too many to be useful).
                { queries: [t], fields: ['name'], prefix: true }
              : {
                  combineWith: 'OR',
                  queries: [
                    { queries: [t], fields: SHORT_FIELDS, prefix: true },
                    { queries: [t], fields: LONG_FIELDS, prefix: false },
                  ],
                },
        ),
      },
      { boost: FIELD_BOOST, filter: keep },
    );
    return top.map((r) => {
      const fieldsOf = new Map<string, SearchField[]>();
      for (const [term, fields] of Object.entries(r.match)) fieldsOf.set(term, fields as SearchField[]);
      return { id: String(r.id), score: r.score, fieldsOf };
    });
  }
}
