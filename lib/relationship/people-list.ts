/**
 * The people list's pure side: a light row per person (`toRow`), the search, the
 * filters and sorts over those rows, the tags in use and the suggested duplicates.
 * Plain data in, plain data out: no Dexie, no browser (the rows are read by
 * `loadPeopleRows` in `lib/db/read.ts`).
 *
 * Why an in-memory projection instead of index queries: the list combines a free
 * text search over name, company, tags, handles and e-mails with five filters and
 * three sorts. One read of every person (a few hundred ms at 30,000) and a filter
 * over plain strings (a few ms per keystroke at 30,000, see the test) beats
 * compound index queries that could only serve one of those at a time.
 */
import type { Channel, Person, Profile, SiteId } from '@/lib/model/types';
import { stageOf, type Stage } from './stages';

export interface PersonRow {
  id: string;
  name: string;
  company?: string;
  headline?: string;
  tags: string[];
  emails: string[];
  phones: string[];
  /** Canonical handles of every profile. */
  handles: string[];
  sites: SiteId[];
  circleId?: string;
  archived: 0 | 1;
  stage: Stage;
  dueAt?: number;
  /** Out of the reach-out list until then (may be past: then it no longer counts). */
  snoozedUntil?: number;
  lastPersonalAt?: number;
  lastPersonalChannel?: Channel;
  /** Folded text searched by the box: name, company, headline, tags, handles, e-mails, phones. */
  hay: string;
}

/** Lower-case, accents removed: "Zoë Müller" finds "zoe muller". */
export function fold(s: string): string {
  // ASCII needs no decomposition (most rows): skipping it is 5x faster at 30,000 people.
  return (/^[\u0000-\u007f]*$/.test(s) ? s : s.normalize('NFD').replace(/[\u0300-\u036f]/g, '')).toLowerCase();
}

export function isLive(p: Pick<Person, 'deletedAt' | 'mergedInto'>): boolean {
  return p.deletedAt === undefined && p.mergedInto === undefined;
}

export function toRow(p: Person, profiles: readonly Profile[]): PersonRow {
  const handles = profiles.map((x) => x.handle);
  const sites = [...new Set(profiles.map((x) => x.site))];
  const row: PersonRow = {
    id: p.id,
    name: p.name,
    tags: p.tags,
    emails: p.emails,
    phones: p.phones,
    handles,
    sites,
    archived: p.archived,
    stage: stageOf(p.summary),
    hay: fold(
      [p.name, p.company ?? '', p.headline ?? '', ...p.tags.map((t) => `#${t}`), ...handles, ...p.emails, ...p.phones.map((x) => x.replace(/\D/g, ''))].join(
        '\u0001',
      ),
    ),
  };
  if (p.company) row.company = p.company;
  if (p.headline) row.headline = p.headline;
  if (p.circleId) row.circleId = p.circleId;
  if (p.summary.dueAt !== undefined) row.dueAt = p.summary.dueAt;
  if (p.snoozedUntil !== undefined) row.snoozedUntil = p.snoozedUntil;
  if (p.summary.lastPersonalAt !== undefined) row.lastPersonalAt = p.summary.lastPersonalAt;
  if (p.summary.lastPersonalChannel) row.lastPersonalChannel = p.summary.lastPersonalChannel;
  return row;
}

export type PeopleSort = 'name' | 'last-personal' | 'due';

export interface PeopleFilter {
  search?: string;
  /** A circle id, or 'none' for people in no circle. */
  circle?: string;
  stage?: Stage;
  dueOnly?: boolean;
  tag?: string;
  site?: SiteId;
  /** 'active' (default), 'archived', or 'all'. */
  archived?: 'active' | 'archived' | 'all';
  sort?: PeopleSort;
}

/** Whether a row is someone to reach out to by now: due, and not snoozed (as in today's list). */
export function isDueRow(r: Pick<PersonRow, 'dueAt' | 'snoozedUntil'>, now: number): boolean {
  return r.dueAt !== undefined && r.dueAt <= now && !isSnoozedRow(r, now);
}

export function isSnoozedRow(r: Pick<PersonRow, 'snoozedUntil'>, now: number): r is { snoozedUntil: number } {
  return r.snoozedUntil !== undefined && r.snoozedUntil > now;
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

/** Filter and sort rows. Pure. */
export function filterPeople(rows: readonly PersonRow[], f: PeopleFilter, now: number): PersonRow[] {
  const terms = fold(f.search ?? '')
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => (/^[+\d][\d\s().-]{4,}$/.test(t) ? t.replace(/\D/g, '') : t));
  const archived = f.archived ?? 'active';
  const tag = f.tag ? fold(f.tag) : undefined;
  const out: PersonRow[] = [];
  for (const r of sortedRows(rows, f.sort ?? 'name')) {
    if (archived === 'active' && r.archived === 1) continue;
    if (archived === 'archived' && r.archived === 0) continue;
    if (f.circle !== undefined && f.circle !== '' && (f.circle === 'none' ? r.circleId !== undefined : r.circleId !== f.circle)) continue;
    if (f.stage && r.stage !== f.stage) continue;
    if (f.dueOnly && !isDueRow(r, now)) continue;
    if (tag && !r.tags.some((t) => fold(t) === tag)) continue;
    if (f.site && !r.sites.includes(f.site)) continue;
    let ok = true;
    for (const t of terms) {
      if (!r.hay.includes(t)) {
        ok = false;
        break;
      }
    }
    if (ok) out.push(r);
  }
  return out;
}

const byName = (a: PersonRow, b: PersonRow) => collator.compare(a.name, b.name) || (a.id < b.id ? -1 : 1);
const COMPARE: Record<NonNullable<PeopleFilter['sort']>, (a: PersonRow, b: PersonRow) => number> = {
  name: byName,
  // Most recent first; never-talked-to last.
  'last-personal': (a, b) => (b.lastPersonalAt ?? -Infinity) - (a.lastPersonalAt ?? -Infinity) || byName(a, b),
  // Soonest first; never due last.
  due: (a, b) => (a.dueAt ?? Infinity) - (b.dueAt ?? Infinity) || byName(a, b),
};

/**
 * The rows in each order, sorted once per loaded list: sorting 30,000 names with
 * a collator on every keystroke of a search made long tasks; filtering a sorted
 * list keeps its order.
 */
const sortCache = new WeakMap<readonly PersonRow[], Map<string, PersonRow[]>>();
function sortedRows(rows: readonly PersonRow[], sort: NonNullable<PeopleFilter['sort']>): PersonRow[] {
  let bySort = sortCache.get(rows);
  if (!bySort) sortCache.set(rows, (bySort = new Map()));
  let sorted = bySort.get(sort);
  if (!sorted) bySort.set(sort, (sorted = [...rows].sort(COMPARE[sort])));
  return sorted;
}

/** Every tag in use, sorted, for the tag filter. */
export function allTags(rows: readonly PersonRow[]): string[] {
  const set = new Set<string>();
  for (const r of rows) for (const t of r.tags) set.add(t);
  return [...set].sort((a, b) => collator.compare(a, b));
}

// --- duplicates -----------------------------------------------------------------

export type DuplicateReason = 'email' | 'phone' | 'name';

export interface DuplicatePair {
  a: string;
  b: string;
  reason: DuplicateReason;
}

/** A name with its words sorted: "Rossi Mario" and "mario rossi" meet. */
export function nameKey(name: string): string {
  return fold(name)
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter(Boolean)
    .sort()
    .join(' ');
}

/**
 * Suggested duplicates: people sharing an e-mail or a phone, or whose names are the
 * same once accents, case, punctuation and word order are set aside. (Profiles
 * cannot be shared: a profile key belongs to one person.) At most `limit` pairs.
 */
export function suggestDuplicates(rows: readonly PersonRow[], limit = 200): DuplicatePair[] {
  const pairs: DuplicatePair[] = [];
  const seen = new Set<string>();
  const groups: Array<[DuplicateReason, Map<string, string[]>]> = [
    ['email', new Map()],
    ['phone', new Map()],
    ['name', new Map()],
  ];
  const push = (m: Map<string, string[]>, k: string, id: string) => {
    if (!k) return;
    const l = m.get(k);
    if (l) {
      if (!l.includes(id)) l.push(id);
    } else m.set(k, [id]);
  };
  for (const r of rows) {
    for (const e of r.emails) push(groups[0]![1], e.toLowerCase(), r.id);
    for (const ph of r.phones) {
      const d = ph.replace(/\D/g, '');
      if (d.length >= 6) push(groups[1]![1], d.slice(-9), r.id);
    }
    const nk = nameKey(r.name);
    if (nk.includes(' ')) push(groups[2]![1], nk, r.id);
  }
  for (const [reason, m] of groups) {
    for (const ids of m.values()) {
      for (let i = 0; i < ids.length; i++) {
        for (let j = i + 1; j < ids.length; j++) {
          const a = ids[i]!;
          const b = ids[j]!;
          const k = a < b ? `${a}|${b}` : `${b}|${a}`;
          if (seen.has(k)) continue;
          seen.add(k);
          pairs.push({ a, b, reason });
          if (pairs.length >= limit) return pairs;
        }
      }
    }
  }
  return pairs;
}
