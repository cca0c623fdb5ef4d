/**
 * The options page's side of the people table: a light projection for the list
 * (search, filters, sorts in memory), and the writes the list and the editor need
 * that `repo.ts` does not have: edits that remember what the user typed, touch
 * edits, bulk edits, delete with undo, and merging two people.
 *
 * Why an in-memory projection instead of index queries: the list combines a free
 * text search over name, company, tags, handles and e-mails with five filters and
 * three sorts. One read of every person (a few hundred ms at 30,000) and a filter
 * over plain strings (a few ms per keystroke at 30,000, see the test) beats
 * compound index queries that could only serve one of those at a time.
 */
import { readMutedPeople, setPersonMuted } from '../nudges/store';
import type { FillableField } from '../import/merge';
import type { Channel, Direction, Note, Person, Profile, SiteId, Touch, TouchDepth } from '../model/types';
import { stageOf, type Stage } from '../relationship/stages';
import type { KithDB } from './db';
import { guarded, refreshSummaries, refreshSummary, type PersonPatch, type WriteContext } from './repo';

/** A person row may carry the fields the user typed by hand (imports never fill them). */
/** A person row; `userEdited` lives on Person itself. */
export type EditablePerson = Person;

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
    hay: fold([p.name, p.company ?? '', p.headline ?? '', ...p.tags.map((t) => `#${t}`), ...handles, ...p.emails, ...p.phones.map((x) => x.replace(/\D/g, ''))].join('\u0001')),
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

/** Every live person as a list row (one read of two tables). */
export async function loadPeopleRows(db: KithDB): Promise<PersonRow[]> {
  const [people, profiles] = await db.transaction('r', db.people, db.profiles, () => Promise.all([db.people.toArray(), db.profiles.toArray()]));
  const byPerson = new Map<string, Profile[]>();
  for (const pr of profiles) {
    if (pr.deletedAt) continue;
    const list = byPerson.get(pr.personId);
    if (list) list.push(pr);
    else byPerson.set(pr.personId, [pr]);
  }
  const rows: PersonRow[] = [];
  for (const p of people) if (isLive(p)) rows.push(toRow(p, byPerson.get(p.id) ?? []));
  return rows;
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
function nameKey(name: string): string {
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

// --- writes -----------------------------------------------------------------------

const FILLABLE: ReadonlySet<string> = new Set<FillableField>(['name', 'headline', 'company', 'birthday', 'howWeMet', 'connectedAt', 'emails', 'phones']);

/**
 * An edit by the user: like `updatePerson`, and the edited fields are remembered so
 * that an import never fills them again (an e-mail removed on purpose stays removed).
 */
export async function editPerson(db: KithDB, personId: string, patch: PersonPatch, ctx: WriteContext): Promise<Person | undefined> {
  return guarded(() =>
    db.transaction('rw', db.people, db.touches, db.notes, async () => {
      const person = (await db.people.get(personId)) as EditablePerson | undefined;
      if (!person || !isLive(person)) return undefined;
      const next: EditablePerson = { ...person, updatedAt: ctx.now };
      const edited = new Set(person.userEdited ?? []);
      for (const [k, v] of Object.entries(patch) as [keyof PersonPatch, unknown][]) {
        const before = (person as unknown as Record<string, unknown>)[k];
        if (JSON.stringify(before) === JSON.stringify(v)) continue;
        if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
        else (next as unknown as Record<string, unknown>)[k] = v;
        if (FILLABLE.has(k)) edited.add(k as FillableField);
      }
      if (edited.size > 0) next.userEdited = [...edited].sort();
      if (next.name.trim() === '') next.name = person.name;
      await db.people.put(next);
      return refreshSummary(db, personId, ctx);
    }),
  );
}

export interface TouchPatch {
  channel?: Channel;
  depth?: TouchDepth;
  direction?: Direction;
  at?: number;
  note?: string;
}

export async function updateTouch(db: KithDB, touchId: string, patch: TouchPatch, ctx: WriteContext): Promise<void> {
  await guarded(() =>
    db.transaction('rw', db.people, db.touches, db.notes, async () => {
      const touch = await db.touches.get(touchId);
      if (!touch || touch.deletedAt) return;
      const next: Touch = { ...touch, ...patch, updatedAt: ctx.now };
      if (patch.note !== undefined && patch.note.trim() === '') delete next.note;
      await db.touches.put(next);
      await refreshSummary(db, touch.personId, ctx);
    }),
  );
}

export async function updateNoteText(db: KithDB, noteId: string, text: string, ctx: WriteContext): Promise<void> {
  await guarded(() =>
    db.transaction('rw', db.notes, async () => {
      const note = await db.notes.get(noteId);
      if (!note || note.deletedAt) return;
      await db.notes.put({ ...note, text: text.trim(), updatedAt: ctx.now });
    }),
  );
}

/** Take a profile off a person (a tombstone; the key can then be linked again). */
export async function unlinkProfile(db: KithDB, profileId: string, ctx: WriteContext): Promise<void> {
  await guarded(() =>
    db.transaction('rw', db.profiles, async () => {
      const p = await db.profiles.get(profileId);
      if (!p || p.deletedAt) return;
      await db.profiles.put({ ...p, url: undefined, deletedAt: ctx.now, updatedAt: ctx.now });
    }),
  );
}

export type BulkOp =
  | { kind: 'add-tag'; tag: string }
  | { kind: 'remove-tag'; tag: string }
  | { kind: 'set-circle'; circleId: string | undefined }
  | { kind: 'archive'; archived: boolean }
  /** Snooze until then; `undefined` ends the snooze. */
  | { kind: 'snooze'; until: number | undefined };

/** One edit for many people, in one transaction. Returns how many changed. */
export async function bulkEdit(db: KithDB, ids: readonly string[], op: BulkOp, ctx: WriteContext): Promise<number> {
  return guarded(() =>
    db.transaction('rw', db.people, db.touches, db.notes, async () => {
      const people = await db.people.bulkGet([...ids]);
      // Written together at the end: one write of people (see refreshSummaries).
      const changed: Person[] = [];
      for (const p of people) {
        if (!p || !isLive(p)) continue;
        const next: Person = { ...p, updatedAt: ctx.now };
        if (op.kind === 'add-tag') {
          const tag = op.tag.trim();
          if (!tag || p.tags.includes(tag)) continue;
          next.tags = [...p.tags, tag];
        } else if (op.kind === 'remove-tag') {
          if (!p.tags.includes(op.tag)) continue;
          next.tags = p.tags.filter((t) => t !== op.tag);
        } else if (op.kind === 'set-circle') {
          if (p.circleId === op.circleId) continue;
          if (op.circleId === undefined) delete next.circleId;
          else next.circleId = op.circleId;
        } else if (op.kind === 'snooze') {
          if (op.until === undefined) {
            if (p.snoozedUntil === undefined) continue;
            delete next.snoozedUntil;
          } else {
            if (p.snoozedUntil === op.until) continue;
            next.snoozedUntil = op.until;
          }
        } else {
          const a = op.archived ? 1 : 0;
          if (p.archived === a) continue;
          next.archived = a;
        }
        changed.push(next);
      }
      await db.people.bulkPut(changed);
      if (op.kind === 'set-circle' || op.kind === 'snooze')
        await refreshSummaries(db, changed.map((p) => p.id), ctx);
      return changed.length;
    }),
  );
}

/** People in a circle get their summary recomputed (its rhythm changed, or it was removed). */
export async function refreshCircle(db: KithDB, circleId: string, ctx: WriteContext, opts: { clear?: boolean } = {}): Promise<number> {
  return guarded(() =>
    db.transaction('rw', db.people, db.touches, db.notes, async () => {
      const ids = await db.people.where('circleId').equals(circleId).primaryKeys();
      if (opts.clear) {
        const people = (await db.people.bulkGet(ids)).filter((p): p is Person => !!p);
        await db.people.bulkPut(
          people.map((p) => {
            const next = { ...p, updatedAt: ctx.now };
            delete next.circleId;
            return next;
          }),
        );
      }
      await refreshSummaries(db, ids, ctx);
      return ids.length;
    }),
  );
}

/** Everything a delete takes away, so that "Undo" can put it back exactly. */
export interface DeletedSnapshot {
  people: Person[];
  profiles: Profile[];
  touches: Touch[];
  notes: Note[];
}

/**
 * Delete people: each becomes a tombstone (content wiped, `deletedAt` set), and so
 * do their profiles, touches and notes. Returns the rows as they were, for undo.
 */
export async function deletePeople(db: KithDB, ids: readonly string[], ctx: WriteContext): Promise<DeletedSnapshot> {
  return guarded(() =>
    db.transaction('rw', db.people, db.profiles, db.touches, db.notes, async () => {
      const snap: DeletedSnapshot = { people: [], profiles: [], touches: [], notes: [] };
      const tombstones: Person[] = [];
      for (const id of ids) {
        const p = await db.people.get(id);
        if (!p || !isLive(p)) continue;
        const [profiles, touches, notes] = await Promise.all([
          db.profiles.where('personId').equals(id).toArray(),
          db.touches.where('personId').equals(id).toArray(),
          db.notes.where('personId').equals(id).toArray(),
        ]);
        snap.people.push(p);
        snap.profiles.push(...profiles);
        snap.touches.push(...touches);
        snap.notes.push(...notes);
        const at = { deletedAt: ctx.now, updatedAt: ctx.now };
        tombstones.push({
          id: p.id,
          name: '',
          phones: [],
          emails: [],
          tags: [],
          archived: p.archived,
          createdAt: p.createdAt,
          summary: { passiveSince: 0, broadcastSince: 0, personal12m: 0, inbound12m: 0, personalTotal: 0, openFollowUps: 0 },
          ...at,
        });
        await db.profiles.bulkPut(profiles.filter((x) => !x.deletedAt).map((x) => ({ id: x.id, personId: x.personId, site: x.site, handle: x.handle, key: x.key, createdAt: x.createdAt, ...at })));
        await db.touches.bulkPut(
          touches
            .filter((x) => !x.deletedAt)
            .map((x) => {
              const { note: _n, ...rest } = x;
              return { ...rest, ...at };
            }),
        );
        await db.notes.bulkPut(notes.filter((x) => !x.deletedAt).map((x) => ({ ...x, text: '', ...at })));
      }
      // One write of people for all of them (see refreshSummaries).
      await db.people.bulkPut(tombstones);
      return snap;
    }),
  );
}

/** Undo a delete: the rows come back as they were (a profile re-linked meanwhile stays with its new owner). */
export async function undoDelete(db: KithDB, snap: DeletedSnapshot, ctx: WriteContext): Promise<void> {
  await guarded(() =>
    db.transaction('rw', db.people, db.profiles, db.touches, db.notes, async () => {
      await db.people.bulkPut(snap.people.map((p) => ({ ...p, updatedAt: ctx.now })));
      for (const pr of snap.profiles) {
        const holder = await db.profiles.where('key').equals(pr.key).first();
        if (holder && holder.id !== pr.id) {
          if (!holder.deletedAt) continue;
          await db.profiles.delete(holder.id);
        }
        await db.profiles.put({ ...pr, updatedAt: ctx.now });
      }
      await db.touches.bulkPut(snap.touches.map((t) => ({ ...t, updatedAt: ctx.now })));
      await db.notes.bulkPut(snap.notes.map((n) => ({ ...n, updatedAt: ctx.now })));
      await refreshSummaries(db, snap.people.map((p) => p.id), ctx);
    }),
  );
}

function unionBy(a: readonly string[], b: readonly string[], key: (s: string) => string): string[] {
  const out = [...a];
  const seen = new Set(a.map(key));
  for (const x of b) {
    const k = key(x);
    if (seen.has(k)) continue;
    seen.add(k);
    out.push(x);
  }
  return out;
}

/**
 * Merge `dropId` into `keepId`: profiles, touches and notes move to the kept
 * person; e-mails, phones and tags are united; empty fields of the kept person are
 * filled from the other, and a different "how we met" is appended, so nothing is
 * lost. The other person becomes a tombstone pointing at the kept one
 * (`mergedInto`). The kept person's summary is recomputed. One transaction.
 */
export async function mergePeople(db: KithDB, keepId: string, dropId: string, ctx: WriteContext): Promise<Person> {
  if (keepId === dropId) throw new Error('same-person');
  return guarded(() =>
    db.transaction('rw', [db.people, db.profiles, db.touches, db.notes, db.meta], async () => {
      const [keep, drop] = (await db.people.bulkGet([keepId, dropId])) as Array<EditablePerson | undefined>;
      if (!keep || !isLive(keep) || !drop || !isLive(drop)) throw new Error('no-such-person');
      const next: EditablePerson = { ...keep, updatedAt: ctx.now };
      for (const k of ['headline', 'company', 'location', 'photoUrl', 'birthday', 'circleId', 'rhythm', 'connectedAt'] as const) {
        if (next[k] === undefined && drop[k] !== undefined) (next as unknown as Record<string, unknown>)[k] = drop[k];
      }
      if (drop.connectedAt !== undefined && next.connectedAt !== undefined) next.connectedAt = Math.min(next.connectedAt, drop.connectedAt);
      if (drop.howWeMet && drop.howWeMet !== keep.howWeMet) next.howWeMet = keep.howWeMet ? `${keep.howWeMet}\n\n${drop.howWeMet}` : drop.howWeMet;
      next.emails = unionBy(keep.emails, drop.emails, (s) => s.toLowerCase());
      next.phones = unionBy(keep.phones, drop.phones, (s) => s.replace(/\D/g, ''));
      next.tags = unionBy(keep.tags, drop.tags, (s) => s);
      if (keep.archived === 0 || drop.archived === 0) next.archived = 0;
      const edited = new Set([...(keep.userEdited ?? []), ...(drop.userEdited ?? [])]);
      if (edited.size > 0) next.userEdited = [...edited].sort();
      await db.people.put(next);
      await db.profiles.where('personId').equals(dropId).modify({ personId: keepId, updatedAt: ctx.now });
      await db.touches.where('personId').equals(dropId).modify({ personId: keepId, updatedAt: ctx.now });
      await db.notes.where('personId').equals(dropId).modify({ personId: keepId, updatedAt: ctx.now });
      await db.people.put({
        id: drop.id,
        name: '',
        phones: [],
        emails: [],
        tags: [],
        archived: drop.archived,
        createdAt: drop.createdAt,
        updatedAt: ctx.now,
        deletedAt: ctx.now,
        mergedInto: keepId,
        summary: { passiveSince: 0, broadcastSince: 0, personal12m: 0, inbound12m: 0, personalTotal: 0, openFollowUps: 0 },
      });
      // "Not for this person" said of either one holds for the person kept.
      if ((await readMutedPeople(db)).includes(dropId)) {
        await setPersonMuted(db, dropId, false);
        await setPersonMuted(db, keepId, true);
      }
      return (await refreshSummary(db, keepId, ctx)) ?? next;
    }),
  );
}
