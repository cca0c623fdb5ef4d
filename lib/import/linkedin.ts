/**
 * LinkedIn "Get a copy of your data" exports, every era from 2018 to 2026:
 * Connections.csv, messages.csv (Messages.csv in 2018), Invitations.csv, and the
 * whole .zip as downloaded.
 */
import { canonicalHandle, linkedInHandleFromUrl } from '@/lib/sites/identity';
import type { Direction, TouchDepth, Channel } from '@/lib/model/types';
import {
  ImportError,
  MASS_MESSAGE_MIN_RECIPIENTS,
  MAX_IMPORT_BYTES,
  type ImportOptions,
  type ImportSkip,
  type ImportedPerson,
  type ImportedTouch,
  type ParseResult,
} from './types';
import { PeopleBag, addProfile, cleanText, columns, decodeText, foldName, mergeInto, normEmail, parseLinkedInDate, readCsv, stableHash } from './text';
import { own, rangePump, runBytesJob, runSync, runTextJob, withPlan, type CsvConsumer, type Reader, type RowJob } from './stream';
import { ZipDataError, checkEntry, checkInflatedTotal, entryPump, readEntry, zipDirectory, type ZipEntry } from './zip';

const DEFAULT_NOW = () => Date.UTC(2100, 0, 1);

function newPerson(name: string): ImportedPerson {
  return { key: '', name, emails: [], phones: [], profiles: [] };
}

function linkedInProfile(url: string) {
  const handle = linkedInHandleFromUrl(url);
  return handle ? { site: 'linkedin' as const, handle, url: url.trim() } : undefined;
}

// ---------------------------------------------------------------- Connections.csv

/**
 * Connections.csv: 2018 (no preamble, no URL), 2022 (Notes preamble, no URL),
 * 2024-2026 (preamble and URL). Rows with only a date are hidden profiles.
 */
export function parseConnections(input: string | Uint8Array, opts?: Partial<ImportOptions>): ParseResult {
  return runJob(input, () => connectionsJob(opts));
}

export function connectionsJob(opts?: Partial<ImportOptions>): RowJob<ParseResult> {
  const now = opts?.now ?? DEFAULT_NOW();
  let col = columns([]);
  const bag = new PeopleBag();
  const skipped: ImportSkip[] = [];
  return {
    isHeader: (c) => c.includes('first name') && c.includes('last name') && (c.includes('connected on') || c.includes('company')),
    passes: 1,
    consumer: () => ({
      header: (h) => {
        col = columns(h);
      },
      row(row, i) {
        const first = cleanText(col.get(row, 'first name'));
        const last = cleanText(col.get(row, 'last name'));
        const url = col.get(row, 'url', 'profile url');
        const email = col.get(row, 'email address', 'email');
        const company = cleanText(col.get(row, 'company'));
        const position = cleanText(col.get(row, 'position'));
        const date = col.get(row, 'connected on');
        const name = cleanText(`${first} ${last}`);
        if (row.every((c) => c.trim() === '')) return;
        if (!name) {
          skipped.push({ row: i + 1, reason: !url && !email && !company && !position ? 'hidden-profile' : 'no-name' });
          return;
        }
        const p = newPerson(name);
        addProfile(p.profiles, linkedInProfile(url));
        const e = normEmail(email);
        if (e) p.emails.push(e);
        if (company) p.company = company;
        if (position) p.headline = position;
        const at = date ? parseLinkedInDate(date, now) : undefined;
        if (at !== undefined) p.connectedAt = at;
        bag.add(ownPerson(p));
      },
    }),
    finish: () => ({ kind: 'linkedin-connections', people: bag.list(), touches: [], skipped }),
  };
}

/** One file's rows through a job: a text as given, or bytes decoded (as decodeText decodes them). */
export function runJob(input: string | Uint8Array, make: () => RowJob<ParseResult>): ParseResult {
  if (typeof input === 'string') return runTextJob(make(), input);
  return runSync(
    withPlan((plan) => runBytesJob(make(), rangePump(0, input.length), plan)),
    input,
  );
}

/** The person with strings of its own (not views into a chunk of the file). */
function ownPerson(p: ImportedPerson): ImportedPerson {
  p.name = own(p.name);
  if (p.headline) p.headline = own(p.headline);
  if (p.company) p.company = own(p.company);
  if (p.howWeMet) p.howWeMet = own(p.howWeMet);
  if (p.invitation?.message) p.invitation.message = own(p.invitation.message);
  p.emails = p.emails.map(own);
  p.phones = p.phones.map(own);
  p.profiles = p.profiles.map((x) => ({ ...x, handle: own(x.handle), ...(x.url !== undefined ? { url: own(x.url) } : {}) }));
  return p;
}

// ---------------------------------------------------------------- messages.csv

interface Party {
  /** 'h:<handle>' or 'n:<folded name>' */
  id: string;
  name: string;
  handle?: string;
  url?: string;
}

function party(name: string, url: string): Party | undefined {
  const n = cleanText(name);
  const prof = linkedInProfile(url);
  if (prof) return { id: `h:${prof.handle}`, name: n, handle: prof.handle, url: prof.url };
  const f = foldName(n);
  return f ? { id: `n:${f}`, name: n } : undefined;
}

const CREDENTIAL = /^(?:[A-Z][A-Za-z.&-]{0,7}|Ph\.?D\.?|Jr\.?|Sr\.?|I{1,3}|IV|Esq\.?|Dr\.?|MBA|PMP|CPA|CFA|FRM)$/;

/**
 * Splits the TO names of a message into `n` names. Names may contain commas
 * ("Park, CFA, FRM"): pieces that look like credentials stick to the name before.
 */
export function splitRecipientNames(to: string, n: number): string[] | undefined {
  const t = to.trim();
  if (!t) return undefined;
  if (n <= 1) return [t];
  const pieces = t
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (pieces.length === n) return pieces;
  const out = joinCredentials(pieces);
  return out.length === n ? out : undefined;
}

function joinCredentials(pieces: string[]): string[] {
  const out: string[] = [];
  for (const piece of pieces) {
    if (out.length > 0 && CREDENTIAL.test(piece) && !/\s/.test(piece)) out[out.length - 1] += `, ${piece}`;
    else out.push(piece);
  }
  return out;
}

/** TO names when the number of recipients is unknown (no profile URLs, 2018-2022). */
export function guessRecipientNames(to: string): string[] {
  return joinCredentials(
    to
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );
}

function splitUrls(s: string): string[] {
  return s
    .split(/[,\s]+/)
    .map((x) => x.trim())
    .filter((x) => x.length > 0);
}

const TEMPLATE_RE = /%[A-Z][A-Z_]{2,}%|\{\{\s*[\w.]+\s*\}\}|\[\s*(?:first ?name|name|nome|company|azienda)\s*\]/i;
const HTML_RE = /<\/?(?:p|br|div|span|a|table|tr|td|img|strong|em|b|i|ul|li|h[1-6]|html|body|font)\b[^>]*>/i;

/** Is this message text a broadcast (HTML, template placeholders)? */
export function looksBroadcast(content: string): boolean {
  return TEMPLATE_RE.test(content) || HTML_RE.test(content);
}

function isYes(s: string): boolean {
  return /^(yes|true|1|y|sì|si)$/i.test(s.trim());
}

const MESSAGES_HEADER = (c: string[]) => c.includes('from') && c.includes('to') && c.includes('content') && (c.includes('date') || c.includes('sent at'));

/**
 * messages.csv of every era (7 columns in 2018 with a Direction column; 9 in 2022;
 * 10-13 from 2024 with RECIPIENT PROFILE URLS, drafts and attachments; fully quoted
 * in 2026). Each message is a touch for the other person(s).
 */
export function parseMessages(input: string | Uint8Array, opts: ImportOptions): ParseResult {
  return runJob(input, () => messagesJob(opts));
}

// Flags of a message row, kept between the two passes.
const F_DRAFT = 1;
const F_OUT = 2;
const F_IN = 4;
const F_SPONSOR_FOLDER = 8;
const F_NO_SENDER_URL = 16;

/** A growable typed column. */
class Column<A extends Int32Array | Float64Array | Uint8Array> {
  length = 0;
  constructor(public data: A) {}
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new (this.data.constructor as new (n: number) => A)(this.data.length * 2);
      next.set(this.data as never);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
}

/**
 * messages.csv in two passes over the rows, so that message text is never held:
 * the first pass keeps, per row, only who wrote to whom, in which conversation,
 * when and with which flags (a few numbers in typed columns; parties and
 * conversations interned); who the user is and which names stand for which profile
 * are decided from that; the second pass reads the rows again and makes the touches,
 * reading each message's text only while its row is at hand.
 */
export function messagesJob(opts: ImportOptions): RowJob<ParseResult> {
  let col = columns([]);
  const parties: Party[] = [];
  const partyIndex = new Map<string, number>();
  const convs: string[] = [];
  const convIndex = new Map<string, number>();
  const rowNo = new Column(new Int32Array(1024));
  const conv = new Column(new Int32Array(1024));
  const from = new Column(new Int32Array(1024));
  const toStart = new Column(new Int32Array(1024));
  const toList = new Column(new Int32Array(1024));
  const at = new Column(new Float64Array(1024));
  const flags = new Column(new Uint8Array(1024));
  // Parties known only by name (no recipient URLs before 2024) get the handle that
  // the same name was written with elsewhere in the file, when there is exactly one.
  const handles = new Map<string, Set<string>>();
  const byHandle = new Map<string, number>();

  const intern = (p: Party | undefined): number => {
    if (!p) return -1;
    const key = `${p.handle ?? ''}\u0000${p.url ?? ''}\u0000${p.name}`;
    let i = partyIndex.get(key);
    if (i === undefined) {
      i = parties.length;
      const q: Party = { id: own(p.id), name: own(p.name) };
      if (p.handle !== undefined) q.handle = own(p.handle);
      if (p.url !== undefined) q.url = own(p.url);
      parties.push(q);
      partyIndex.set(own(key), i);
    }
    return i;
  };
  const seeHandle = (i: number) => {
    if (i < 0) return;
    const p = parties[i]!;
    if (!p.handle) return;
    const f = foldName(p.name);
    if (f) (handles.get(f) ?? handles.set(f, new Set()).get(f)!).add(p.handle);
    const prev = byHandle.get(p.handle);
    if (prev === undefined || !parties[prev]!.name) byHandle.set(p.handle, i);
  };

  let hasSenderUrlColumn = false;
  let resolved: Int32Array = new Int32Array(0);
  let selfIds = new Set<string>();
  const pass1: CsvConsumer = {
    header(h) {
      col = columns(h);
      hasSenderUrlColumn = col.has('sender profile url');
    },
    row(r, i) {
      if (r.every((c) => c.trim() === '')) return;
      const senderUrl = col.get(r, 'sender profile url');
      const urls = splitUrls(col.get(r, 'recipient profile urls', 'recipient profile url'));
      const toRaw = col.get(r, 'to');
      const names = urls.length > 0 ? (splitRecipientNames(toRaw, urls.length) ?? []) : guessRecipientNames(toRaw);
      const fromIdx = intern(party(col.get(r, 'from'), senderUrl));
      toStart.push(toList.length);
      if (urls.length > 0) {
        urls.forEach((u, k) => {
          const p = party(names[k] ?? '', u);
          if (p) toList.push(intern(p));
        });
      } else {
        for (const n of names) {
          const p = party(n, '');
          if (p) toList.push(intern(p));
        }
      }
      const dirRaw = col.get(r, 'direction').toLowerCase();
      let f = 0;
      if (isYes(col.get(r, 'is message draft'))) f |= F_DRAFT;
      if (/^(out|outgoing|sent)$/.test(dirRaw)) f |= F_OUT;
      else if (/^(in|incoming|received)$/.test(dirRaw)) f |= F_IN;
      if (/sponsor/i.test(col.get(r, 'folder'))) f |= F_SPONSOR_FOLDER;
      if (senderUrl === '') f |= F_NO_SENDER_URL;
      const c = col.get(r, 'conversation id');
      let ci = convIndex.get(c);
      if (ci === undefined) {
        ci = convs.length;
        const oc = own(c);
        convs.push(oc);
        convIndex.set(oc, ci);
      }
      rowNo.push(i + 1);
      conv.push(ci);
      from.push(fromIdx);
      at.push(parseLinkedInDate(col.get(r, 'date', 'sent at'), opts.now) ?? NaN);
      flags.push(f);
      seeHandle(fromIdx);
      for (let k = toStart.data[toStart.length - 1]!; k < toList.length; k++) seeHandle(toList.data[k]!);
    },
  };

  const resolveAll = () => {
    resolved = new Int32Array(parties.length);
    parties.forEach((p, i) => {
      resolved[i] = i;
      if (p.handle) return;
      const hs = handles.get(p.id.slice(2));
      if (!hs || hs.size !== 1) return;
      const h = byHandle.get([...hs][0]!);
      if (h !== undefined) resolved[i] = h;
    });
    const n = rowNo.length;
    const rows: MsgRows = {
      length: n,
      from: (k) => {
        const f = from.data[k]!;
        return f < 0 ? undefined : parties[resolved[f]!];
      },
      to: (k) => {
        const end = k + 1 < n ? toStart.data[k + 1]! : toList.length;
        const out: Party[] = [];
        for (let j = toStart.data[k]!; j < end; j++) out.push(parties[resolved[toList.data[j]!]!]!);
        return out;
      },
      conv: (k) => convs[conv.data[k]!]!,
      direction: (k) => (flags.data[k]! & F_OUT ? 'out' : flags.data[k]! & F_IN ? 'in' : undefined),
    };
    selfIds = detectSelf(rows, opts);
    return rows;
  };

  const bag = new Map<string, ImportedPerson>();
  const touches: ImportedTouch[] = [];
  const skipped: ImportSkip[] = [];
  const seenKeys = new Set<string>();
  let rows: MsgRows | undefined;
  let k = 0;

  const personFor = (p: Party): ImportedPerson => {
    const key = p.handle ? `linkedin:${p.handle}` : `name:${p.id.slice(2)}`;
    let person = bag.get(key);
    if (!person) {
      person = newPerson(p.name || p.handle || p.id.slice(2));
      person.key = own(key);
      if (p.handle) person.profiles.push({ site: 'linkedin', handle: p.handle, ...(p.url ? { url: p.url } : {}) });
      bag.set(person.key, person);
    } else if (p.name && (!person.name || (p.handle && person.name === p.handle))) person.name = p.name;
    return person;
  };

  const pass2: CsvConsumer = {
    header() {
      rows = resolveAll();
    },
    row(r) {
      if (r.every((c) => c.trim() === '')) return;
      const m = k++;
      const f = flags.data[m]!;
      const row = rowNo.data[m]!;
      if (f & F_DRAFT) {
        skipped.push({ row, reason: 'draft' });
        return;
      }
      const when = at.data[m]!;
      if (Number.isNaN(when)) {
        skipped.push({ row, reason: 'bad-date' });
        return;
      }
      const direction = rows!.direction(m);
      const sender = rows!.from(m);
      const fromSelf = direction !== undefined ? direction === 'out' : sender !== undefined && selfIds.has(sender.id);
      const sponsored = (f & F_SPONSOR_FOLDER) !== 0 || (hasSenderUrlColumn && !fromSelf && (f & F_NO_SENDER_URL) !== 0);
      const content = col.get(r, 'content');
      const subject = col.get(r, 'subject');
      const templated = looksBroadcast(content);
      const normContent = content.replace(/\s+/g, ' ').trim();
      const emit = (p: Party, dir: Direction, channel: Channel, depth: TouchDepth) => {
        const person = personFor(p);
        const sourceKey = `li-msg:${stableHash([when, sender?.id ?? '', person.key, normContent, subject])}`;
        if (seenKeys.has(sourceKey)) return;
        seenKeys.add(sourceKey);
        const t: ImportedTouch = { personKey: person.key, channel, depth, direction: dir, at: when, sourceKey };
        if (opts.keepText && content) t.text = own(content);
        touches.push(t);
      };
      if (fromSelf) {
        const others = rows!.to(m).filter((p) => !selfIds.has(p.id));
        if (others.length === 0) {
          skipped.push({ row, reason: 'no-recipient' });
          return;
        }
        const mass = others.length >= MASS_MESSAGE_MIN_RECIPIENTS;
        const depth: TouchDepth = mass || templated ? 'broadcast' : 'personal';
        for (const p of others) emit(p, 'out', mass ? 'mass-message' : 'message', depth);
      } else {
        if (!sender) {
          skipped.push({ row, reason: 'no-sender' });
          return;
        }
        const depth: TouchDepth = sponsored || templated ? 'broadcast' : 'personal';
        emit(sender, 'in', 'message', depth);
      }
    },
  };

  return {
    isHeader: MESSAGES_HEADER,
    passes: 2,
    consumer: (pass) => (pass === 0 ? pass1 : pass2),
    finish: () => {
      rows ??= resolveAll();
      return { kind: 'linkedin-messages', people: [...bag.values()], touches, skipped };
    },
  };
}

/** The rows of a messages file as the self detection reads them (parties resolved). */
interface MsgRows {
  length: number;
  from(k: number): Party | undefined;
  to(k: number): Party[];
  conv(k: number): string;
  direction(k: number): Direction | undefined;
}

/**
 * Who the user is in a messages file: opts.selfProfileHandle, then opts.selfName,
 * then the party present (as sender or recipient) in the most conversations, ties
 * broken by messages sent.
 */
function detectSelf(rows: MsgRows, opts: ImportOptions): Set<string> {
  const ids = new Set<string>();
  if (opts.selfProfileHandle) {
    const h = linkedInHandleFromUrl(opts.selfProfileHandle) ?? canonicalHandle(opts.selfProfileHandle);
    if (h) ids.add(`h:${h}`);
  }
  if (opts.selfName) {
    const f = foldName(opts.selfName);
    if (f) ids.add(`n:${f}`);
  }
  const each = (fn: (p: Party | undefined, k: number) => void) => {
    for (let k = 0; k < rows.length; k++) {
      fn(rows.from(k), k);
      for (const p of rows.to(k)) fn(p, k);
    }
  };
  // Tie names and handles of the same party together.
  const handleOfName = new Map<string, string>();
  each((p) => {
    if (p?.handle && p.name) {
      const f = foldName(p.name);
      if (f) handleOfName.set(`n:${f}`, p.id);
    }
  });
  if (ids.size > 0) {
    for (const id of [...ids]) {
      const h = handleOfName.get(id);
      if (h) ids.add(h);
    }
    // Also the names the user's handle is written with.
    each((p) => {
      if (p?.handle && ids.has(p.id) && p.name) ids.add(`n:${foldName(p.name)}`);
    });
    return ids;
  }
  for (let k = 0; k < rows.length; k++) if (rows.direction(k) !== undefined) return ids;
  const convs = new Map<string, Set<string>>();
  const sent = new Map<string, number>();
  for (let k = 0; k < rows.length; k++) {
    const sender = rows.from(k);
    const to = rows.to(k);
    const conv =
      rows.conv(k) ||
      `${sender?.id ?? ''}|${to
        .map((p) => p.id)
        .sort()
        .join(',')}`;
    for (const p of [sender, ...to]) {
      if (!p) continue;
      let s = convs.get(p.id);
      if (!s) convs.set(p.id, (s = new Set()));
      s.add(conv);
    }
    if (sender) sent.set(sender.id, (sent.get(sender.id) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestScore: [number, number] = [-1, -1];
  for (const [id, s] of convs) {
    const score: [number, number] = [s.size, sent.get(id) ?? 0];
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = id;
      bestScore = score;
    }
  }
  // A single conversation gives no evidence of who is who unless one side sent.
  if (best && (bestScore[0] > 1 || convs.size === 1 || (sent.get(best) ?? 0) > 0)) {
    ids.add(best);
    each((p) => {
      if (p && p.id === best && p.name) ids.add(`n:${foldName(p.name)}`);
    });
    const h = handleOfName.get(best);
    if (h) ids.add(h);
  }
  return ids;
}

// ---------------------------------------------------------------- Invitations.csv

/**
 * Invitations.csv: 'From,To,Sent At,Message,Direction' (2018-2022) and with
 * 'inviterProfileUrl,inviteeProfileUrl' (2024 on). The counterpart gets
 * `invitation: { direction, at, message }`; the message itself (their words or the
 * user's) also becomes `howWeMet`.
 */
export function parseInvitations(input: string | Uint8Array, opts?: Partial<ImportOptions>): ParseResult {
  return runJob(input, () => invitationsJob(opts));
}

export function invitationsJob(opts?: Partial<ImportOptions>): RowJob<ParseResult> {
  const now = opts?.now ?? DEFAULT_NOW();
  let col = columns([]);
  const bag = new PeopleBag();
  const skipped: ImportSkip[] = [];
  return {
    isHeader: (c) => c.includes('from') && c.includes('to') && c.includes('sent at') && c.includes('direction'),
    passes: 1,
    consumer: () => ({
      header: (h) => {
        col = columns(h);
      },
      row(r, i) {
        if (r.every((c) => c.trim() === '')) return;
        const dirRaw = col.get(r, 'direction').toLowerCase();
        const direction: Direction = /^(in|incoming|received)$/.test(dirRaw) ? 'in' : 'out';
        const name = cleanText(direction === 'out' ? col.get(r, 'to') : col.get(r, 'from'));
        const url = direction === 'out' ? col.get(r, 'inviteeprofileurl') : col.get(r, 'inviterprofileurl');
        const prof = linkedInProfile(url);
        if (!name && !prof) {
          skipped.push({ row: i + 1, reason: 'no-name' });
          return;
        }
        const p = newPerson(name || prof?.handle || '');
        addProfile(p.profiles, prof);
        const at = parseLinkedInDate(col.get(r, 'sent at'), now);
        const message = col.get(r, 'message').trim();
        p.invitation = { direction, ...(at !== undefined ? { at } : {}), ...(message ? { message } : {}) };
        if (message) p.howWeMet = message;
        bag.add(ownPerson(p), true);
      },
    }),
    finish: () => ({ kind: 'linkedin-invitations', people: bag.list(), touches: [], skipped }),
  };
}

// ---------------------------------------------------------------- the .zip

function baseName(path: string): string {
  return (path.split('/').pop() ?? path).toLowerCase();
}

const KNOWN = new Set(['connections.csv', 'messages.csv', 'invitations.csv', 'profile.csv']);

/** The user's own name from Profile.csv, if present. */
function selfNameFromProfile(bytes: Uint8Array): string | undefined {
  try {
    const t = readCsv(decodeText(bytes), (c) => c.includes('first name') && c.includes('last name'));
    const col = columns(t.header);
    const row = t.rows[0];
    if (!row) return undefined;
    return cleanText(`${col.get(row, 'first name')} ${col.get(row, 'last name')}`) || undefined;
  } catch {
    return undefined;
  }
}

/**
 * A whole LinkedIn export (.zip as downloaded): Connections.csv, messages.csv /
 * Messages.csv and Invitations.csv anywhere inside (case-insensitive). Files that
 * fail on their own are left out; the first such error is thrown only if nothing
 * could be read. Name-only people are tied to a LinkedIn handle seen for the same
 * name in another file (2018/2022 Connections have no URL).
 */
export function parseLinkedInZip(bytes: Uint8Array, opts: ImportOptions): ParseResult[] {
  return runSync(linkedInZipReader(bytes.length, opts), bytes);
}

/**
 * The zip as a reader: the central directory first (from the end of the file), then
 * each known entry streamed from its offset through the same streamed CSV path as a
 * single file (messages.csv twice: see messagesJob). Same errors as unzipping it
 * whole: a cut-short download is 'truncated-zip' whatever else is wrong.
 */
export function* linkedInZipReader(size: number, opts: ImportOptions): Reader<ParseResult[]> {
  if (size > MAX_IMPORT_BYTES) throw new ImportError('too-large');
  if (size === 0) throw new ImportError('empty');
  try {
    return yield* zipBody(size, opts);
  } catch (e) {
    if (e instanceof ZipDataError) throw new ImportError('truncated-zip', e.message);
    throw e;
  }
}

function* zipBody(size: number, opts: ImportOptions): Reader<ParseResult[]> {
  const all = yield* zipDirectory(size);
  let tooBig = false;
  const files = new Map<string, ZipEntry>();
  const known: ZipEntry[] = [];
  for (const f of all) {
    if (!KNOWN.has(baseName(f.name))) continue;
    if (f.originalSize > MAX_IMPORT_BYTES) {
      tooBig = true;
      continue;
    }
    known.push(f);
    files.set(f.name, f);
  }
  // Before a byte is inflated: the known entries are what rest() inflates in all.
  checkInflatedTotal(known);
  const byBase = new Map<string, ZipEntry>();
  for (const name of [...files.keys()].sort()) {
    const b = baseName(name);
    if (!byBase.has(b)) byBase.set(b, files.get(name)!);
  }
  const used = new Set<ZipEntry>();
  const rest = function* (): Reader<void> {
    // unzipSync inflated every known entry: a damaged one is an error even if unused.
    for (const f of known) if (!used.has(f)) yield* checkEntry(f);
  };
  const msgs = byBase.get('messages.csv');
  yield { plan: known.reduce((n, f) => n + f.size + 30, 0) + (msgs ? msgs.size + 30 : 0) };
  if (tooBig) {
    yield* rest();
    throw new ImportError('too-large');
  }
  const o: ImportOptions = { ...opts };
  const prof = byBase.get('profile.csv');
  if (!o.selfName && prof) {
    used.add(prof);
    const n = selfNameFromProfile(yield* readEntry(prof));
    if (n) o.selfName = n;
  }
  const results: ParseResult[] = [];
  let firstError: unknown;
  const run = function* (base: string, make: () => RowJob<ParseResult>): Reader<void> {
    const entry = byBase.get(base);
    if (!entry) return;
    used.add(entry);
    try {
      results.push(yield* withPlan((plan) => runBytesJob(make(), entryPump(entry), plan)));
    } catch (e) {
      if (!(e instanceof ImportError) || e.code === 'unsafe-zip') throw e;
      // The rest of the entry must still inflate (else the zip is cut short).
      yield* checkEntry(entry);
      firstError ??= e;
    }
  };
  yield* run('connections.csv', () => connectionsJob(o));
  yield* run('messages.csv', () => messagesJob(o));
  yield* run('invitations.csv', () => invitationsJob(o));
  yield* rest();
  if (results.length === 0) {
    if (firstError) throw firstError;
    throw new ImportError('no-known-files');
  }
  linkNamesToHandles(results);
  return results;
}

/**
 * Across the results of one export: a person known only by name (or e-mail) in one
 * file and by exactly one LinkedIn handle in another gets that handle (and key).
 */
export function linkNamesToHandles(results: ParseResult[]): void {
  const handlesByName = new Map<string, Set<string>>();
  const sample = new Map<string, ImportedPerson>();
  for (const r of results) {
    for (const p of r.people) {
      const li = p.profiles.find((x) => x.site === 'linkedin');
      const f = foldName(p.name);
      if (!li || !f) continue;
      let s = handlesByName.get(f);
      if (!s) handlesByName.set(f, (s = new Set()));
      s.add(li.handle);
      sample.set(li.handle, p);
    }
  }
  // Names shared by several un-handled people in one file are ambiguous.
  for (const r of results) {
    const count = new Map<string, number>();
    for (const p of r.people) {
      if (p.profiles.some((x) => x.site === 'linkedin')) continue;
      const f = foldName(p.name);
      count.set(f, (count.get(f) ?? 0) + 1);
    }
    const remap = new Map<string, string>();
    for (const p of r.people) {
      if (p.profiles.some((x) => x.site === 'linkedin')) continue;
      const f = foldName(p.name);
      const hs = handlesByName.get(f);
      if (!hs || hs.size !== 1 || (count.get(f) ?? 0) !== 1) continue;
      const handle = [...hs][0]!;
      const src = sample.get(handle);
      const prof = src?.profiles.find((x) => x.site === 'linkedin' && x.handle === handle);
      addProfile(p.profiles, prof ?? { site: 'linkedin', handle });
      const newKey = `linkedin:${handle}`;
      remap.set(p.key, newKey);
      p.key = newKey;
    }
    if (remap.size === 0) continue;
    for (const t of r.touches) {
      const k = remap.get(t.personKey);
      if (k) t.personKey = k;
    }
    // Two rows of one file may now share a key: fold them together.
    const byKey = new Map<string, ImportedPerson>();
    for (const p of r.people) {
      const prev = byKey.get(p.key);
      if (prev) mergeInto(prev, p);
      else byKey.set(p.key, p);
    }
    r.people = [...byKey.values()];
  }
}
