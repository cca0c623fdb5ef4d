/**
 * vCard 2.1 / 3.0 / 4.0 reading and vCard 4.0 writing.
 *
 * Why not the `vcf` package for reading: vcf 2.1.2 rejects LF-only files (the RFC
 * 6350 example), turns quoted-printable soft line breaks into bogus properties,
 * decodes neither quoted-printable nor CHARSET, and drops properties whose quoted
 * parameters contain ':' or ';'. Those are exactly the parts that matter for real
 * phone exports, so the content-line tokenizer below is hand-written (RFC 6350
 * section 3.3, plus 2.1's bare parameters and soft breaks).
 */
import type { SiteId } from '@/lib/model/types';
import { canonicalHandle } from '@/lib/sites/identity';
import { SITE_IDS } from '@/lib/sites/table';
import type { ImportSkip, ImportedPerson, ImportedProfile, ParseResult } from './types';
import {
  PeopleBag,
  addProfile,
  addUnique,
  exportProfileUrl,
  cleanText,
  decodeCp1252,
  decodeText,
  normEmail,
  normPhone,
  parseBirthday,
  phoneDigits,
  profileFromUrl,
} from './text';
import { ImportError } from './types';

export interface ContentLine {
  group?: string;
  /** Upper-case property name. */
  name: string;
  /** Upper-case parameter names -> values (bare 2.1 parameters go under TYPE). */
  params: Map<string, string[]>;
  /** Raw value (not yet decoded or unescaped). */
  value: string;
}

function isQP(line: string): boolean {
  const head = line.slice(0, line.indexOf(':') === -1 ? line.length : line.indexOf(':'));
  return /(?:^|;)(?:ENCODING=)?QUOTED-PRINTABLE(?:;|$)/i.test(head);
}

/** Physical lines -> logical lines: folding (space/tab) and QP soft line breaks. */
export function unfold(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split(/\r\n|\r|\n/)) {
    const last = out.length - 1;
    const prev = out[last];
    if (prev !== undefined && (line.startsWith(' ') || line.startsWith('\t'))) {
      out[last] = prev + line.slice(1);
    } else if (prev !== undefined && prev.endsWith('=') && isQP(prev) && !/^[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)?[;:]/.test(line)) {
      out[last] = prev.slice(0, -1) + line;
    } else {
      out.push(line);
    }
  }
  return out;
}

/** One logical line -> group, name, parameters (quotes honoured), raw value. */
export function parseContentLine(line: string): ContentLine | undefined {
  const m = /^(?:([A-Za-z0-9-]+)\.)?([A-Za-z0-9-]+)/.exec(line);
  if (!m || !m[2]) return undefined;
  let i = m[0].length;
  const params = new Map<string, string[]>();
  const push = (k: string, vals: string[]) => {
    const key = k.toUpperCase();
    const list = params.get(key) ?? [];
    for (const v of vals) if (v !== '') list.push(v);
    params.set(key, list);
  };
  while (i < line.length && line[i] === ';') {
    i++;
    let name = '';
    while (i < line.length && line[i] !== '=' && line[i] !== ';' && line[i] !== ':') name += line[i++];
    if (line[i] !== '=') {
      // vCard 2.1 bare parameter: TEL;WORK;VOICE, ENCODING shorthand, charset shorthand
      const bare = name.trim();
      if (/^(QUOTED-PRINTABLE|BASE64|B|8BIT|7BIT)$/i.test(bare)) push('ENCODING', [bare]);
      else if (bare) push('TYPE', [bare]);
      continue;
    }
    i++;
    const vals: string[] = [];
    let cur = '';
    while (i < line.length && line[i] !== ';' && line[i] !== ':') {
      if (line[i] === '"') {
        i++;
        while (i < line.length && line[i] !== '"') cur += line[i++];
        i++;
      } else if (line[i] === ',') {
        vals.push(cur);
        cur = '';
        i++;
      } else cur += line[i++];
    }
    vals.push(cur);
    // TYPE="work,voice" (quoted list) splits like TYPE=work,voice
    const key = name.trim();
    push(key, key.toUpperCase() === 'TYPE' ? vals.flatMap((v) => v.split(',')) : vals);
  }
  if (line[i] !== ':') return undefined;
  const out: ContentLine = { name: m[2].toUpperCase(), params, value: line.slice(i + 1) };
  if (m[1]) out.group = m[1].toLowerCase();
  return out;
}

function param(cl: ContentLine, name: string): string | undefined {
  return cl.params.get(name)?.[0];
}

const encoder = new TextEncoder();

function decodeQP(value: string, charset: string | undefined): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(value.slice(i + 1, i + 3))) {
      bytes.push(parseInt(value.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c === '=' && i === value.length - 1) {
      // trailing soft break
    } else {
      for (const b of encoder.encode(c)) bytes.push(b);
    }
  }
  const arr = new Uint8Array(bytes);
  const label = (charset ?? 'utf-8').trim().toLowerCase();
  if (/^(iso-8859-1|latin-?1|windows-1252|cp1252|us-ascii|ascii)$/.test(label)) return decodeCp1252(arr);
  try {
    return new TextDecoder(label, { fatal: true }).decode(arr);
  } catch {
    // Unknown label or bytes not in that charset: UTF-8 if valid, else Windows-1252.
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(arr);
    } catch {
      return decodeCp1252(arr);
    }
  }
}

/** The value as text: QP + CHARSET decoded, base64 left alone. */
function rawText(cl: ContentLine): string {
  const enc = param(cl, 'ENCODING');
  if (enc && /^quoted-printable$/i.test(enc)) return decodeQP(cl.value, param(cl, 'CHARSET'));
  return cl.value;
}

/** Splits on unescaped `sep` and unescapes each part (\n \, \; \\ \:). */
function splitEscaped(s: string, sep: ';' | ','): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && i + 1 < s.length) {
      const n = s[++i]!;
      cur += n === 'n' || n === 'N' ? '\n' : n;
    } else if (c === sep) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

function text(cl: ContentLine): string {
  return splitEscaped(rawText(cl), '\u0000' as ';').join('');
}

function structured(cl: ContentLine): string[] {
  return splitEscaped(rawText(cl), ';');
}

/** vCard TYPE names of social profiles: every site id, and X's former name. */
const SOCIAL_TYPES: Record<string, SiteId> = { ...Object.fromEntries(SITE_IDS.map((id) => [id, id])), twitter: 'x' };

function socialProfile(cl: ContentLine, label: string | undefined): ImportedProfile | undefined {
  const v = text(cl).trim();
  const fromUrl = profileFromUrl(v);
  if (fromUrl) return fromUrl;
  const typeName = [...(cl.params.get('TYPE') ?? []), label ?? ''].map((t) => t.toLowerCase().replace(/[^a-z]/g, ''));
  const site = typeName.map((t) => SOCIAL_TYPES[t]).find((s): s is SiteId => s !== undefined);
  if (!site) return undefined;
  const user = param(cl, 'X-USER') ?? v.replace(/^x-apple:/i, '').replace(/^@/, '');
  if (!user || /[/\s:]/.test(user)) return undefined;
  const handle = canonicalHandle(user.replace(/^@/, ''));
  return handle ? { site, handle } : undefined;
}

interface Card {
  lines: ContentLine[];
  row: number;
  closed: boolean;
}

function splitCards(text: string): Card[] {
  const cards: Card[] = [];
  let cur: Card | undefined;
  let depth = 0;
  for (const raw of unfold(text)) {
    const line = raw.trim() === '' ? '' : raw;
    if (!line) continue;
    if (/^BEGIN:VCARD\s*$/i.test(line)) {
      if (!cur) {
        cur = { lines: [], row: cards.length + 1, closed: false };
        depth = 1;
      } else depth++;
      continue;
    }
    if (/^END:VCARD\s*$/i.test(line)) {
      if (!cur) continue;
      depth--;
      if (depth === 0) {
        cur.closed = true;
        cards.push(cur);
        cur = undefined;
      }
      continue;
    }
    if (!cur || depth > 1) continue; // outside any card, or a nested (AGENT) card
    const cl = parseContentLine(line);
    if (cl) cur.lines.push(cl);
  }
  if (cur) cards.push(cur);
  return cards;
}

function cardToPerson(card: Card): ImportedPerson | undefined {
  const labels = new Map<string, string>();
  for (const cl of card.lines) if (cl.group && cl.name === 'X-ABLABEL') labels.set(cl.group, text(cl));
  const p: ImportedPerson = { key: '', name: '', emails: [], phones: [], profiles: [] };
  let fn = '';
  let nName = '';
  let org = '';
  let title = '';
  let role = '';
  for (const cl of card.lines) {
    const label = cl.group ? labels.get(cl.group) : undefined;
    switch (cl.name) {
      case 'FN':
        fn ||= cleanText(text(cl));
        break;
      case 'N': {
        const [family = '', given = '', additional = '', prefix = '', suffix = ''] = structured(cl);
        nName ||= cleanText([prefix, given, additional, family, suffix].join(' '));
        break;
      }
      case 'ORG':
        org ||= cleanText(structured(cl)[0]);
        break;
      case 'TITLE':
        title ||= cleanText(text(cl));
        break;
      case 'ROLE':
        role ||= cleanText(text(cl));
        break;
      case 'EMAIL':
        addUnique(p.emails, normEmail(text(cl)));
        break;
      case 'TEL':
        addUnique(p.phones, normPhone(text(cl)), phoneDigits);
        break;
      case 'BDAY': {
        const b = parseBirthday(text(cl), param(cl, 'X-APPLE-OMIT-YEAR'));
        if (b && !p.birthday) p.birthday = b;
        break;
      }
      case 'X-SOCIALPROFILE':
        addProfile(p.profiles, socialProfile(cl, label));
        break;
      case 'URL': {
        const v = text(cl).trim();
        const pr = profileFromUrl(v);
        if (pr) addProfile(p.profiles, pr);
        break;
      }
      case 'X-TWITTER':
        addProfile(p.profiles, socialProfile({ ...cl, params: new Map([['TYPE', ['twitter']]]) }, undefined));
        break;
      case 'X-KITH-HOW-WE-MET':
        p.howWeMet ||= text(cl).trim() || undefined;
        if (!p.howWeMet) delete p.howWeMet;
        break;
    }
  }
  p.name = fn || nName || org || p.emails[0] || p.phones[0] || '';
  if (!p.name) return undefined;
  if (org && org !== p.name) p.company = org;
  if (title || role) p.headline = title || role;
  return p;
}

/** Every card in a .vcf file (any version, several per file). */
export function parseVCards(input: string | Uint8Array): ParseResult {
  const t = decodeText(input);
  if (t.trim() === '') throw new ImportError('empty');
  if (!/BEGIN:VCARD/i.test(t)) throw new ImportError('wrong-columns');
  const bag = new PeopleBag();
  const skipped: ImportSkip[] = [];
  for (const card of splitCards(t)) {
    const p = cardToPerson(card);
    if (!p) {
      skipped.push({ row: card.row, reason: card.closed ? 'no-name' : 'bad-card' });
      continue;
    }
    bag.add(p);
  }
  return { kind: 'vcard', people: bag.list(), touches: [], skipped };
}

// ---------------------------------------------------------------- writing

export interface ExportPerson {
  name: string;
  headline?: string;
  company?: string;
  emails: string[];
  phones: string[];
  birthday?: { month: number; day: number; year?: number };
  profiles: Array<{ site: SiteId; handle: string; url?: string }>;
  howWeMet?: string;
  connectedAt?: number;
}

function esc(s: string): string {
  return s
    .replace(/\\/g, '\\\\')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;');
}

/** Folds a content line at 75 octets, never inside a UTF-8 sequence or surrogate pair. */
function fold(line: string): string {
  const out: string[] = [];
  let cur = '';
  let bytes = 0;
  for (const ch of line) {
    const b = encoder.encode(ch).length;
    const limit = out.length === 0 ? 75 : 74;
    if (bytes + b > limit) {
      out.push(cur);
      cur = '';
      bytes = 0;
    }
    cur += ch;
    bytes += b;
  }
  out.push(cur);
  return out.join('\r\n ');
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

/** vCard 4.0 (RFC 6350), CRLF, folded; `parseVCards` reads it back. */
export function vcardExport(people: ExportPerson[]): string {
  const out: string[] = [];
  for (const p of people) {
    const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${esc(p.name)}`];
    if (p.company) lines.push(`ORG:${esc(p.company)}`);
    if (p.headline) lines.push(`TITLE:${esc(p.headline)}`);
    for (const e of p.emails) lines.push(`EMAIL:${esc(e)}`);
    for (const t of p.phones) lines.push(`TEL;VALUE=text:${esc(t)}`);
    if (p.birthday) {
      const b = p.birthday;
      lines.push(b.year !== undefined ? `BDAY:${pad(b.year, 4)}${pad(b.month, 2)}${pad(b.day, 2)}` : `BDAY:--${pad(b.month, 2)}${pad(b.day, 2)}`);
    }
    for (const pr of p.profiles) {
      const back = pr.url ? profileFromUrl(pr.url) : undefined;
      const url = back && back.site === pr.site && back.handle === pr.handle ? pr.url! : exportProfileUrl(pr);
      lines.push(`X-SOCIALPROFILE;TYPE=${pr.site}:${url.replace(/[\r\n]/g, '')}`);
    }
    if (p.howWeMet) lines.push(`X-KITH-HOW-WE-MET:${esc(p.howWeMet)}`);
    lines.push('END:VCARD');
    out.push(...lines.map(fold));
  }
  return out.length ? out.join('\r\n') + '\r\n' : '';
}
