/**
 * Why a person matched: the field that explains it best and a short snippet
 * around the matched word ("Note: …the ceramics class in Faenza…").
 */
import type { Person } from '@/lib/model/types';
import { digits, foldWithMap } from './fold';
import { FIELD_BOOST, toDoc, type PersonRows, type SearchField } from './docs';

export interface Why {
  field: SearchField;
  /** The text around the match, split so the UI can mark the matched word without HTML. */
  before: string;
  match: string;
  after: string;
}

/** Fields the result row shows anyway: a match there needs no snippet when another field can say more. */
const SHOWN: ReadonlySet<SearchField> = new Set(['name', 'company', 'headline']);

/** Characters of context on each side of the matched word. */
const CONTEXT = 36;

/**
 * Pick the field that explains a hit: one the result row does not already show,
 * if any, with the most matched words, then the heaviest.
 */
export function bestField(fieldsOf: ReadonlyMap<string, readonly SearchField[]>): { field: SearchField; terms: string[] } | undefined {
  const terms = new Map<SearchField, string[]>();
  for (const [term, fields] of fieldsOf) for (const f of fields) (terms.get(f) ?? terms.set(f, []).get(f)!).push(term);
  let best: SearchField | undefined;
  const rank = (f: SearchField) => [SHOWN.has(f) ? 0 : 1, terms.get(f)!.length, FIELD_BOOST[f]] as const;
  for (const f of terms.keys()) {
    if (!best) best = f;
    else {
      const a = rank(f);
      const b = rank(best);
      if (a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])))) best = f;
    }
  }
  return best ? { field: best, terms: terms.get(best)! } : undefined;
}

/** The snippet of `text` around the first word whose folded form is one of `terms` (or starts with one, for prefixes). */
export function snippet(text: string, terms: readonly string[]): Omit<Why, 'field'> | undefined {
  const { folded, from } = foldWithMap(text);
  const word = /[\p{L}\p{N}]+/gu;
  let found: { start: number; end: number } | undefined;
  let prefixed: { start: number; end: number } | undefined;
  for (let m = word.exec(folded); m; m = word.exec(folded)) {
    const w = m[0];
    if (terms.includes(w)) {
      found = { start: m.index, end: m.index + w.length };
      break;
    }
    if (!prefixed && terms.some((t) => w.startsWith(t))) prefixed = { start: m.index, end: m.index + w.length };
  }
  const hit = found ?? prefixed;
  if (!hit) return undefined;
  const start = from[hit.start]!;
  const end = from[hit.end]!;
  // Only the line (one note, one touch) the word is in, cut at word boundaries.
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const nl = text.indexOf('\n', end);
  const lineEnd = nl === -1 ? text.length : nl;
  let a = Math.max(lineStart, start - CONTEXT);
  let b = Math.min(lineEnd, end + CONTEXT);
  if (a > lineStart) {
    const sp = text.indexOf(' ', a);
    a = sp !== -1 && sp < start ? sp + 1 : a;
  }
  if (b < lineEnd) {
    const sp = text.lastIndexOf(' ', b);
    b = sp > end ? sp : b;
  }
  return {
    before: (a > lineStart ? '…' : '') + text.slice(a, start),
    match: text.slice(start, end),
    after: text.slice(end, b) + (b < lineEnd ? '…' : ''),
  };
}

/** The phone whose digits hold a matched tail, shown as the user wrote it. */
function phoneWhy(person: Person, terms: readonly string[]): Omit<Why, 'field'> | undefined {
  for (const phone of person.phones) {
    const d = digits(phone);
    if (terms.some((t) => d.includes(t))) return { before: '', match: phone, after: '' };
  }
  return undefined;
}

export function explain(rows: PersonRows, fieldsOf: ReadonlyMap<string, readonly SearchField[]>): Why | undefined {
  const best = bestField(fieldsOf);
  if (!best) return undefined;
  if (best.field === 'phones') {
    const w = phoneWhy(rows.person, best.terms);
    return w && { field: 'phones', ...w };
  }
  const text = toDoc(rows)[best.field];
  const s = snippet(text, best.terms);
  return s && { field: best.field, ...s };
}
