/**
 * Shared low-level helpers for the importers: decoding bytes, reading CSV with a
 * preamble, normalising names / e-mails / phones, reading dates, stable hashes.
 */
import Papa from 'papaparse';
import { handleFromProfileUrl } from '@/lib/sites/identity';
import { profileUrl } from '@/lib/sites/table';
import type { SiteId } from '@/lib/model/types';
import { ImportError, type ImportedPerson, type ImportedProfile } from './types';

// ---------------------------------------------------------------- decoding

// Windows-1252 0x80-0x9F (some engines decode the label as plain Latin-1).
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/** Windows-1252, the same in every engine. */
export function decodeCp1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    const chars: string[] = [];
    for (const b of chunk) chars.push(b >= 0x80 && b <= 0x9f ? CP1252_HIGH[b - 0x80]! : String.fromCharCode(b));
    out += chars.join('');
  }
  return out;
}

function decodeWith(label: string, bytes: Uint8Array, fatal: boolean): string {
  if (label === 'windows-1252') return decodeCp1252(bytes);
  return new TextDecoder(label, { fatal }).decode(bytes);
}

/** Share of NUL bytes at even / odd offsets in a sample (UTF-16 without BOM). */
export function nulShares(bytes: Uint8Array, n: number): { even: number; odd: number; all: number } {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) {
    if (bytes[i] === 0) {
      if (i % 2 === 0) even++;
      else odd++;
    }
  }
  const half = Math.max(1, n / 2);
  return { even: even / half, odd: odd / half, all: (even + odd) / Math.max(1, n) };
}

/**
 * Bytes to text: UTF-8 with or without BOM, UTF-16LE/BE with BOM (LinkedIn 2018-2022
 * wrote some files that way), UTF-16LE without BOM when obvious; text that is not
 * valid UTF-8 is read as Windows-1252 (Outlook's CSV). Binary data -> 'binary'.
 */
export function decodeText(input: Uint8Array | string): string {
  if (typeof input === 'string') {
    const s = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    if (looksBinaryText(s)) throw new ImportError('binary');
    return s;
  }
  const bytes = input;
  if (bytes.length === 0) return '';
  let text: string;
  try {
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      text = decodeWith('utf-8', bytes.subarray(3), true);
    } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      text = decodeWith('utf-16le', bytes.subarray(2), true);
    } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      text = decodeWith('utf-16be', bytes.subarray(2), true);
    } else {
      const n = Math.min(bytes.length, 4096);
      const nul = nulShares(bytes, n);
      if (n >= 4 && nul.odd > 0.4 && nul.even < 0.05) {
        text = decodeWith('utf-16le', bytes, true);
      } else if (n >= 4 && nul.even > 0.4 && nul.odd < 0.05) {
        text = decodeWith('utf-16be', bytes, true);
      } else if (nul.all > 0) {
        throw new ImportError('binary');
      } else {
        try {
          text = decodeWith('utf-8', bytes, true);
        } catch {
          text = decodeWith('windows-1252', bytes, false);
        }
      }
    }
  } catch (e) {
    if (e instanceof ImportError) throw e;
    throw new ImportError('bad-encoding');
  }
  if (looksBinaryText(text)) throw new ImportError('binary');
  return text;
}

/** Control characters other than TAB/CR/LF/FF in more than 1% of a sample, or any NUL. */
export function looksBinaryText(s: string): boolean {
  const n = Math.min(s.length, 8192);
  let bad = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0) return true;
    if ((c < 0x20 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return n > 0 && bad / n > 0.01;
}

// ---------------------------------------------------------------- CSV

export interface CsvTable {
  /** Normalised header cells (trimmed, lower-case, single spaces). */
  header: string[];
  /** Data rows (header excluded), cells as read. */
  rows: string[][];
}

export function normHeader(cell: string): string {
  return cell
    .replace(/^\uFEFF/, '')
    .replace(/^"|"$/g, '')
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

const DELIMS = [',', '\t', ';'] as const;

/**
 * Finds the header line (within the first 40 lines, so that LinkedIn's "Notes:"
 * preamble is skipped) for which `isHeader` holds, guesses the delimiter from it and
 * parses the rest with papaparse. Throws 'empty', 'not-csv' or 'wrong-columns'.
 */
export function readCsv(text: string, isHeader: (cells: string[]) => boolean): CsvTable {
  const t = text.replace(/^\uFEFF/, '');
  if (t.trim() === '') throw new ImportError('empty');
  const lineRe = /\r\n|\n|\r/g;
  let start = 0;
  let sawDelimiter = false;
  for (let i = 0; i < 40 && start <= t.length; i++) {
    lineRe.lastIndex = start;
    const m = lineRe.exec(t);
    const end = m ? m.index : t.length;
    const line = t.slice(start, end);
    for (const d of DELIMS) {
      if (!line.includes(d)) continue;
      sawDelimiter = true;
      const cells = line.split(d).map(normHeader);
      if (isHeader(cells)) {
        const parsed = Papa.parse<string[]>(t.slice(start), {
          delimiter: d,
          skipEmptyLines: 'greedy',
        });
        const all = parsed.data.filter((r): r is string[] => Array.isArray(r));
        const head = (all[0] ?? []).map(normHeader);
        return { header: head, rows: all.slice(1) };
      }
    }
    if (!m) break;
    start = m.index + m[0].length;
  }
  throw new ImportError(sawDelimiter ? 'wrong-columns' : 'not-csv');
}

/** Column accessor by (normalised) header name; '' when absent. */
export function columns(header: string[]) {
  const index = new Map<string, number>();
  header.forEach((h, i) => {
    if (!index.has(h)) index.set(h, i);
  });
  return {
    has: (name: string) => index.has(name),
    get(row: string[], ...names: string[]): string {
      for (const n of names) {
        const i = index.get(n);
        if (i !== undefined) {
          const v = row[i];
          if (v !== undefined && v.trim() !== '') return v.trim();
        }
      }
      return '';
    },
  };
}

// ---------------------------------------------------------------- people

/** Whitespace collapsed, NFC, trimmed. */
export function cleanText(s: string | undefined): string {
  return (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}

/** Name folded for matching: no accents, lower-case, letters and digits only. */
export function foldName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export { normEmail } from '@/lib/model/email';

export function phoneDigits(raw: string): string {
  return raw.replace(/\D+/g, '');
}

/** A phone as written, without `tel:` and URI parameters; undefined if under 3 digits. */
export function normPhone(raw: string): string | undefined {
  const p = cleanText(raw.replace(/^tel:/i, '').split(';')[0]);
  const d = phoneDigits(p);
  return d.length >= 3 && d.length <= 20 && p.length <= 40 ? p : undefined;
}

export function addUnique(list: string[], v: string | undefined, by: (s: string) => string = (s) => s): void {
  if (!v) return;
  const k = by(v);
  if (!list.some((x) => by(x) === k)) list.push(v);
}

/**
 * A profile from a URL in an import (vCard X-SOCIALPROFILE, a CSV web column):
 * the same canonical handle the site adapters read from the page.
 */
export function profileFromUrl(raw: string): ImportedProfile | undefined {
  const url = raw.trim().replace(/\\:/g, ':');
  if (!url || url.length > 2048) return undefined;
  const hit = handleFromProfileUrl(url);
  return hit ? { site: hit.site, handle: hit.handle, url } : undefined;
}

/**
 * A profile's address as the exports write it: the site table's address without a
 * trailing slash, the form LinkedIn's own Connections.csv uses (and reads back).
 */
export function exportProfileUrl(p: { site: SiteId; handle: string }): string {
  return profileUrl(p.site, p.handle).replace(/\/$/, '');
}

export function addProfile(list: ImportedProfile[], p: ImportedProfile | undefined): void {
  if (!p || !p.handle) return;
  if (!list.some((x) => x.site === p.site && x.handle === p.handle)) list.push(p);
}

/** The best key for a person: LinkedIn handle, then e-mail, then phone, then name. */
export function personKeyOf(p: Pick<ImportedPerson, 'profiles' | 'emails' | 'phones' | 'name'>): string {
  const li = p.profiles.find((x) => x.site === 'linkedin');
  if (li) return `linkedin:${li.handle}`;
  const other = p.profiles[0];
  const email = p.emails[0];
  if (email) return `email:${email}`;
  const phone = p.phones[0];
  if (phone) return `phone:${phoneDigits(phone)}`;
  if (other) return `${other.site}:${other.handle}`;
  return `name:${foldName(p.name) || p.name.toLowerCase()}`;
}

/** Union of two records of the same person: fills empty fields, unions lists. */
export function mergeInto(target: ImportedPerson, src: ImportedPerson): void {
  if (!target.name && src.name) target.name = src.name;
  if (!target.headline && src.headline) target.headline = src.headline;
  if (!target.company && src.company) target.company = src.company;
  if (!target.birthday && src.birthday) target.birthday = src.birthday;
  if (target.connectedAt === undefined && src.connectedAt !== undefined) target.connectedAt = src.connectedAt;
  if (!target.howWeMet && src.howWeMet) target.howWeMet = src.howWeMet;
  if (!target.invitation && src.invitation) target.invitation = src.invitation;
  for (const e of src.emails) addUnique(target.emails, e);
  for (const ph of src.phones) addUnique(target.phones, ph, phoneDigits);
  for (const pr of src.profiles) addProfile(target.profiles, pr);
}

/**
 * Collects people of one file: same key -> same person (merged), except name-only
 * keys, where two rows are two namesakes and get '#2', '#3'… suffixes.
 */
export class PeopleBag {
  private byKey = new Map<string, ImportedPerson>();
  private nameCount = new Map<string, number>();
  add(p: ImportedPerson, mergeSameName = false): ImportedPerson {
    let key = personKeyOf(p);
    if (key.startsWith('name:') && !mergeSameName) {
      const n = (this.nameCount.get(key) ?? 0) + 1;
      this.nameCount.set(key, n);
      if (n > 1) key = `${key}#${n}`;
    }
    const prev = this.byKey.get(key);
    if (prev) {
      mergeInto(prev, p);
      return prev;
    }
    p.key = key;
    this.byKey.set(key, p);
    return p;
  }
  get(key: string): ImportedPerson | undefined {
    return this.byKey.get(key);
  }
  list(): ImportedPerson[] {
    return [...this.byKey.values()];
  }
}

// ---------------------------------------------------------------- dates

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  // Italian abbreviations (LinkedIn localises some exports)
  gen: 1,
  mag: 5,
  giu: 6,
  lug: 7,
  ago: 8,
  set: 9,
  ott: 10,
  dic: 12,
};

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, '');
  return MONTHS[w] ?? MONTHS[w.slice(0, 3)];
}

function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0): number | undefined {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return undefined;
  const t = Date.UTC(y, mo - 1, d, h, mi, s);
  const dt = new Date(t);
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== mo - 1 || dt.getUTCDate() !== d) return undefined;
  return t;
}

function year2(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? 2000 + n : n;
}

function hour12(h: number, ampm: string | undefined): number {
  if (!ampm) return h;
  const pm = /^p/i.test(ampm);
  if (h === 12) return pm ? 12 : 0;
  return pm ? h + 12 : h;
}

/**
 * Reads the dates LinkedIn wrote over the years (as UTC): '2024-10-09 14:03:11 UTC',
 * '09 Oct 2024', '6-Feb-26', '1/8/18, 6:14 PM', 'Oct 9, 2024'. Rejects dates before
 * 2002 (LinkedIn did not exist) or more than a day after `now`.
 */
export function parseLinkedInDate(raw: string, now: number): number | undefined {
  const s = raw.trim().replace(/\s+/g, ' ');
  if (!s || s.length > 60) return undefined;
  let t: number | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)? ?(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(s))) {
    t = utc(+m[1]!, +m[2]!, +m[3]!, +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
    const z = m[7];
    if (t !== undefined && z && /^[+-]/.test(z)) {
      const sign = z.startsWith('-') ? -1 : 1;
      const digits = z.slice(1).replace(':', '');
      t -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60000;
    }
  } else if ((m = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{2}|\d{4})(?: (\d{1,2}):(\d{2})(?::(\d{2}))? ?([AP]M)?)?$/i.exec(s))) {
    const mo = monthOf(m[2]!);
    if (mo) t = utc(year2(m[3]!), mo, +m[1]!, hour12(+(m[4] ?? 0), m[7]), +(m[5] ?? 0), +(m[6] ?? 0));
  } else if ((m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(s))) {
    const mo = monthOf(m[1]!);
    if (mo) t = utc(+m[3]!, mo, +m[2]!);
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4}),? ?(?:(\d{1,2}):(\d{2})(?::(\d{2}))? ?([AP]M)?)? ?(?:UTC|GMT)?$/i.exec(s))) {
    // LinkedIn (en-US): month/day/year
    t = utc(year2(m[3]!), +m[1]!, +m[2]!, hour12(+(m[4] ?? 0), m[7]), +(m[5] ?? 0), +(m[6] ?? 0));
  }
  if (t === undefined || !Number.isFinite(t)) return undefined;
  if (t < Date.UTC(2002, 0, 1) || t > now + 86_400_000) return undefined;
  return t;
}

/**
 * Reads a birthday: '1980-03-22', '19800322', '--0203', '--02-03', '3/22/1980'
 * (month/day/year), with `omitYear` (Apple's X-APPLE-OMIT-YEAR) or the year 1604
 * meaning "no year".
 */
export function parseBirthday(raw: string, omitYear?: string): { month: number; day: number; year?: number } | undefined {
  const s = raw.trim().replace(/T.*$/, '');
  let y: number | undefined;
  let mo: number;
  let d: number;
  let m: RegExpExecArray | null;
  if ((m = /^--(\d{2})-?(\d{2})$/.exec(s))) {
    mo = +m[1]!;
    d = +m[2]!;
  } else if ((m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(s))) {
    y = +m[1]!;
    mo = +m[2]!;
    d = +m[3]!;
  } else if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})$/.exec(s))) {
    mo = +m[1]!;
    d = +m[2]!;
    y = m[3]!.length === 2 ? (+m[3]! > 30 ? 1900 : 2000) + +m[3]! : +m[3]!;
  } else {
    return undefined;
  }
  if (y !== undefined && (y === 1604 || (omitYear !== undefined && String(y) === omitYear.trim()) || y < 1800 || y > 2200)) {
    y = undefined;
  }
  // Validate against a leap year when the year is unknown (29 Feb is a real birthday).
  if (utc(y ?? 2000, mo, d) === undefined) return undefined;
  return y === undefined ? { month: mo, day: d } : { month: mo, day: d, year: y };
}

// ---------------------------------------------------------------- hashing

function cyrb53(str: string, seed: number): number {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** A stable ~106-bit hash of a list of fields, as a short string. */
export function stableHash(fields: Array<string | number>): string {
  const s = fields.map((f) => String(f)).join('\u001f');
  return cyrb53(s, 1).toString(36) + '.' + cyrb53(s, 2).toString(36);
}
