/**
 * LinkedIn "Get a copy of your data" exports, every era from 2018 to 2026:
 * Connections.csv, messages.csv (Messages.csv in 2018), Invitations.csv, and the
 * whole .zip as downloaded.
 */
import { unzipSync } from 'fflate';
import { canonicalHandle, linkedInHandleFromUrl } from '../sites/identity';
import type { Direction, TouchDepth, Channel } from '../model/types';
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
import {
  PeopleBag,
  addProfile,
  cleanText,
  columns,
  decodeText,
  foldName,
  mergeInto,
  normEmail,
  parseLinkedInDate,
  readCsv,
  stableHash,
} from './text';

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
  const now = opts?.now ?? DEFAULT_NOW();
  const text = decodeText(input);
  const table = readCsv(text, (c) => c.includes('first name') && c.includes('last name') && (c.includes('connected on') || c.includes('company')));
  const col = columns(table.header);
  const bag = new PeopleBag();
  const skipped: ImportSkip[] = [];
  table.rows.forEach((row, i) => {
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
    bag.add(p);
  });
  return { kind: 'linkedin-connections', people: bag.list(), touches: [], skipped };
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
  const pieces = t.split(',').map((s) => s.trim()).filter(Boolean);
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
  return joinCredentials(to.split(',').map((s) => s.trim()).filter(Boolean));
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

interface MsgRow {
  row: number;
  conv: string;
  from?: Party;
  senderUrl: string;
  to: Party[];
  toRaw: string;
  date: string;
  content: string;
  subject: string;
  folder: string;
  direction?: Direction;
  draft: boolean;
}

function isYes(s: string): boolean {
  return /^(yes|true|1|y|sì|si)$/i.test(s.trim());
}

/**
 * messages.csv of every era (7 columns in 2018 with a Direction column; 9 in 2022;
 * 10-13 from 2024 with RECIPIENT PROFILE URLS, drafts and attachments; fully quoted
 * in 2026). Each message is a touch for the other person(s).
 */
export function parseMessages(input: string | Uint8Array, opts: ImportOptions): ParseResult {
  const text = decodeText(input);
  const table = readCsv(
    text,
    (c) => c.includes('from') && c.includes('to') && c.includes('content') && (c.includes('date') || c.includes('sent at')),
  );
  const col = columns(table.header);
  const skipped: ImportSkip[] = [];
  const rows: MsgRow[] = [];
  table.rows.forEach((r, i) => {
    if (r.every((c) => c.trim() === '')) return;
    const senderUrl = col.get(r, 'sender profile url');
    const urls = splitUrls(col.get(r, 'recipient profile urls', 'recipient profile url'));
    const toRaw = col.get(r, 'to');
    const names = urls.length > 0 ? (splitRecipientNames(toRaw, urls.length) ?? []) : guessRecipientNames(toRaw);
    const to: Party[] = [];
    if (urls.length > 0) {
      urls.forEach((u, k) => {
        const p = party(names[k] ?? '', u);
        if (p) to.push(p);
      });
    } else {
      for (const n of names.length ? names : []) {
        const p = party(n, '');
        if (p) to.push(p);
      }
    }
    const dirRaw = col.get(r, 'direction').toLowerCase();
    const row: MsgRow = {
      row: i + 1,
      conv: col.get(r, 'conversation id'),
      senderUrl,
      to,
      toRaw,
      date: col.get(r, 'date', 'sent at'),
      content: col.get(r, 'content'),
      subject: col.get(r, 'subject'),
      folder: col.get(r, 'folder'),
      draft: isYes(col.get(r, 'is message draft')),
    };
    const from = party(col.get(r, 'from'), senderUrl);
    if (from) row.from = from;
    if (/^(out|outgoing|sent)$/.test(dirRaw)) row.direction = 'out';
    else if (/^(in|incoming|received)$/.test(dirRaw)) row.direction = 'in';
    rows.push(row);
  });

  // Parties known only by name (no recipient URLs before 2024) get the handle that
  // the same name was written with elsewhere in the file, when there is exactly one.
  const handles = new Map<string, Set<string>>();
  const byHandle = new Map<string, Party>();
  for (const r of rows) {
    for (const p of [r.from, ...r.to]) {
      if (!p?.handle) continue;
      const f = foldName(p.name);
      if (f) (handles.get(f) ?? handles.set(f, new Set()).get(f)!).add(p.handle);
      if (!byHandle.has(p.handle) || !byHandle.get(p.handle)!.name) byHandle.set(p.handle, p);
    }
  }
  const resolve = (p: Party): Party => {
    if (p.handle) return p;
    const hs = handles.get(p.id.slice(2));
    if (!hs || hs.size !== 1) return p;
    return byHandle.get([...hs][0]!) ?? p;
  };
  for (const r of rows) {
    if (r.from) r.from = resolve(r.from);
    r.to = r.to.map(resolve);
  }

  const selfIds = detectSelf(rows, opts);
  const bag = new Map<string, ImportedPerson>();
  const touches: ImportedTouch[] = [];
  const seenKeys = new Set<string>();
  const hasSenderUrlColumn = col.has('sender profile url');

  const personFor = (p: Party): ImportedPerson => {
    const key = p.handle ? `linkedin:${p.handle}` : `name:${p.id.slice(2)}`;
    let person = bag.get(key);
    if (!person) {
      person = newPerson(p.name || p.handle || p.id.slice(2));
      person.key = key;
      if (p.handle) person.profiles.push({ site: 'linkedin', handle: p.handle, ...(p.url ? { url: p.url } : {}) });
      bag.set(key, person);
    } else if (p.name && (!person.name || (p.handle && person.name === p.handle))) person.name = p.name;
    return person;
  };

  for (const m of rows) {
    if (m.draft) {
      skipped.push({ row: m.row, reason: 'draft' });
      continue;
    }
    const at = parseLinkedInDate(m.date, opts.now);
    if (at === undefined) {
      skipped.push({ row: m.row, reason: 'bad-date' });
      continue;
    }
    const fromSelf =
      m.direction !== undefined ? m.direction === 'out' : m.from !== undefined && selfIds.has(m.from.id);
    const sponsored = /sponsor/i.test(m.folder) || (hasSenderUrlColumn && !fromSelf && m.senderUrl === '');
    const templated = looksBroadcast(m.content);
    const normContent = m.content.replace(/\s+/g, ' ').trim();
    const emit = (p: Party, direction: Direction, channel: Channel, depth: TouchDepth) => {
      const person = personFor(p);
      const sourceKey = `li-msg:${stableHash([at, m.from?.id ?? '', person.key, normContent, m.subject])}`;
      if (seenKeys.has(sourceKey)) return;
      seenKeys.add(sourceKey);
      const t: ImportedTouch = { personKey: person.key, channel, depth, direction, at, sourceKey };
      if (opts.keepText && m.content) t.text = m.content;
      touches.push(t);
    };
    if (fromSelf) {
      const others = m.to.filter((p) => !selfIds.has(p.id));
      if (others.length === 0) {
        skipped.push({ row: m.row, reason: 'no-recipient' });
        continue;
      }
      const mass = others.length >= MASS_MESSAGE_MIN_RECIPIENTS;
      const depth: TouchDepth = mass || templated ? 'broadcast' : 'personal';
      for (const p of others) emit(p, 'out', mass ? 'mass-message' : 'message', depth);
    } else {
      if (!m.from) {
        skipped.push({ row: m.row, reason: 'no-sender' });
        continue;
      }
      const depth: TouchDepth = sponsored || templated ? 'broadcast' : 'personal';
      emit(m.from, 'in', 'message', depth);
    }
  }
  return { kind: 'linkedin-messages', people: [...bag.values()], touches, skipped };
}

/**
 * Who the user is in a messages file: opts.selfProfileHandle, then opts.selfName,
 * then the party present (as sender or recipient) in the most conversations, ties
 * broken by messages sent.
 */
function detectSelf(rows: MsgRow[], opts: ImportOptions): Set<string> {
  const ids = new Set<string>();
  if (opts.selfProfileHandle) {
    const h = linkedInHandleFromUrl(opts.selfProfileHandle) ?? canonicalHandle(opts.selfProfileHandle);
    if (h) ids.add(`h:${h}`);
  }
  if (opts.selfName) {
    const f = foldName(opts.selfName);
    if (f) ids.add(`n:${f}`);
  }
  // Tie names and handles of the same party together.
  const handleOfName = new Map<string, string>();
  for (const r of rows) {
    for (const p of [r.from, ...r.to]) {
      if (p?.handle && p.name) {
        const f = foldName(p.name);
        if (f) handleOfName.set(`n:${f}`, p.id);
      }
    }
  }
  if (ids.size > 0) {
    for (const id of [...ids]) {
      const h = handleOfName.get(id);
      if (h) ids.add(h);
    }
    // Also the names the user's handle is written with.
    for (const r of rows) {
      for (const p of [r.from, ...r.to]) {
        if (p?.handle && ids.has(p.id) && p.name) ids.add(`n:${foldName(p.name)}`);
      }
    }
    return ids;
  }
  if (rows.some((r) => r.direction !== undefined)) return ids;
  const convs = new Map<string, Set<string>>();
  const sent = new Map<string, number>();
  for (const r of rows) {
    const conv = r.conv || `${r.from?.id ?? ''}|${r.to.map((p) => p.id).sort().join(',')}`;
    for (const p of [r.from, ...r.to]) {
      if (!p) continue;
      let s = convs.get(p.id);
      if (!s) convs.set(p.id, (s = new Set()));
      s.add(conv);
    }
    if (r.from) sent.set(r.from.id, (sent.get(r.from.id) ?? 0) + 1);
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
    for (const r of rows) {
      for (const p of [r.from, ...r.to]) {
        if (p && p.id === best && p.name) ids.add(`n:${foldName(p.name)}`);
      }
    }
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
  const now = opts?.now ?? DEFAULT_NOW();
  const text = decodeText(input);
  const table = readCsv(text, (c) => c.includes('from') && c.includes('to') && c.includes('sent at') && c.includes('direction'));
  const col = columns(table.header);
  const bag = new PeopleBag();
  const skipped: ImportSkip[] = [];
  table.rows.forEach((r, i) => {
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
    bag.add(p, true);
  });
  return { kind: 'linkedin-invitations', people: bag.list(), touches: [], skipped };
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
  if (bytes.length > MAX_IMPORT_BYTES) throw new ImportError('too-large');
  if (bytes.length === 0) throw new ImportError('empty');
  let files: Record<string, Uint8Array>;
  let tooBig = false;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!KNOWN.has(baseName(f.name))) return false;
        if (f.originalSize > MAX_IMPORT_BYTES) {
          tooBig = true;
          return false;
        }
        return true;
      },
    });
  } catch (e) {
    throw new ImportError('truncated-zip', e instanceof Error ? e.message : undefined);
  }
  if (tooBig) throw new ImportError('too-large');
  const byBase = new Map<string, Uint8Array>();
  for (const name of Object.keys(files).sort()) {
    const b = baseName(name);
    const data = files[name];
    if (data && !byBase.has(b)) byBase.set(b, data);
  }
  const o: ImportOptions = { ...opts };
  const prof = byBase.get('profile.csv');
  if (!o.selfName && prof) {
    const n = selfNameFromProfile(prof);
    if (n) o.selfName = n;
  }
  const results: ParseResult[] = [];
  let firstError: unknown;
  const run = (base: string, f: (b: Uint8Array) => ParseResult) => {
    const data = byBase.get(base);
    if (!data) return;
    try {
      results.push(f(data));
    } catch (e) {
      if (!(e instanceof ImportError)) throw e;
      firstError ??= e;
    }
  };
  run('connections.csv', (b) => parseConnections(b, o));
  run('messages.csv', (b) => parseMessages(b, o));
  run('invitations.csv', (b) => parseInvitations(b, o));
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
