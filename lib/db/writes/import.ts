/**
 * Writes an import plan (`lib/import/merge.ts` `mergePlan`) to the database in ONE
 * transaction: all of it, or nothing.
 *
 * - The work is done in chunks inside that transaction; after each chunk the
 *   caller hears about progress and may cancel (an AbortSignal): cancelling throws
 *   inside the transaction, so IndexedDB rolls every chunk back.
 * - The plan was made from a snapshot read before the preview; anything the user
 *   changed meanwhile wins: fills only go into fields still empty and not edited by
 *   hand, a touch whose `sourceKey` is already stored is skipped, a profile that
 *   now belongs to someone else is not moved.
 * - Summaries are computed in the same transaction, so lists are right at once.
 *
 * Part of the write module: see `./index.ts`. What the plan is made from is read
 * by `readExisting` in `lib/db/read.ts`.
 */
import type { FillableField, MergePlan, PersonFill } from '@/lib/import/merge';
import type { ImportedPerson, ImportedProfile } from '@/lib/import/types';
import type { Person, Profile, Touch } from '@/lib/model/types';
import { isLive } from '@/lib/relationship/people-list';
import { computeSummary } from '@/lib/relationship/summary';
import { profileKey } from '@/lib/sites/identity';
import type { KithDB } from '@/lib/db/db';
import { newId, refreshSummaries, refreshSummary, SUMMARY_TABLES, writeTx, type WriteContext } from './tx';

export class ImportCancelled extends Error {
  constructor() {
    super('import-cancelled');
    this.name = 'ImportCancelled';
  }
}

export interface ApplyProgress {
  done: number;
  total: number;
}

export interface ApplyOptions {
  onProgress?: (p: ApplyProgress) => void;
  signal?: AbortSignal;
  /** Rows per chunk (progress and cancel points). */
  chunkSize?: number;
}

export interface ApplyReport {
  created: number;
  updated: number;
  touches: number;
  /** Touches already stored (from an earlier import) and so not added again. */
  touchesAlreadyThere: number;
  /** Profiles left with the person who has them now. */
  profilesKept: number;
}

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

function profileRow(personId: string, p: ImportedProfile, now: number): Profile {
  const key = profileKey(p.site, p.handle);
  return {
    id: newId(),
    personId,
    site: p.site,
    handle: key.slice(p.site.length + 1),
    key,
    ...(p.url ? { url: p.url } : {}),
    createdAt: now,
    updatedAt: now,
  };
}

function personRow(p: ImportedPerson, now: number): Person {
  const row: Person = {
    id: newId(),
    name: p.name.trim(),
    phones: [...p.phones],
    emails: [...p.emails],
    tags: [],
    archived: 0,
    createdAt: now,
    updatedAt: now,
    summary: { passiveSince: 0, broadcastSince: 0, personal12m: 0, inbound12m: 0, personalTotal: 0, openFollowUps: 0 },
  };
  if (p.headline) row.headline = p.headline;
  if (p.company) row.company = p.company;
  if (p.birthday) row.birthday = { ...p.birthday };
  if (p.howWeMet) row.howWeMet = p.howWeMet;
  if (p.connectedAt !== undefined) row.connectedAt = p.connectedAt;
  return row;
}

/**
 * An edit by an import, in memory: fill what is still empty and not edited by
 * hand (`userEdited`); add list items not there yet.
 */
export function fillFromImport(person: Person, fill: PersonFill): { next: Person; changed: boolean } {
  const edited = new Set<FillableField>(person.userEdited ?? []);
  const next: Person = { ...person };
  let changed = false;
  for (const k of ['name', 'headline', 'company', 'howWeMet', 'connectedAt', 'birthday'] as const) {
    const v = fill[k];
    if (isEmpty(v) || edited.has(k) || !isEmpty(person[k])) continue;
    (next as unknown as Record<string, unknown>)[k] = v;
    changed = true;
  }
  if (fill.emails?.length && !edited.has('emails')) {
    const have = new Set(person.emails.map((e) => e.toLowerCase()));
    const add = fill.emails.filter((e) => !have.has(e.toLowerCase()));
    if (add.length) {
      next.emails = [...person.emails, ...add];
      changed = true;
    }
  }
  if (fill.phones?.length && !edited.has('phones')) {
    const digits = (s: string) => s.replace(/\D/g, '');
    const have = new Set(person.phones.map(digits));
    const add = fill.phones.filter((p) => !have.has(digits(p)));
    if (add.length) {
      next.phones = [...person.phones, ...add];
      changed = true;
    }
  }
  return { next, changed };
}

/**
 * Apply a plan. Throws `ImportCancelled` when cancelled and `StorageError` for a
 * storage failure; in every failure nothing at all was written.
 */
export async function applyImport(db: KithDB, plan: MergePlan, ctx: WriteContext, opts: ApplyOptions = {}): Promise<ApplyReport> {
  const size = Math.max(1, opts.chunkSize ?? 500);
  const report: ApplyReport = { created: 0, updated: 0, touches: 0, touchesAlreadyThere: 0, profilesKept: 0 };
  const touchesOfExisting = plan.touches.filter((t) => t.personId !== undefined);
  const existingIds = new Set<string>([...plan.updates.map((u) => u.personId), ...touchesOfExisting.map((t) => t.personId!)]);
  const total = plan.newPeople.length + plan.updates.length + plan.touches.length + existingIds.size;
  let done = 0;
  const step = (n: number) => {
    if (opts.signal?.aborted) throw new ImportCancelled();
    done += n;
    opts.onProgress?.({ done, total });
  };
  if (opts.signal?.aborted) throw new ImportCancelled();

  return writeTx(db, ['people', 'profiles', 'touches', 'notes'], async () => {
    const now = ctx.now;
    // Which person each new-person key became.
    const idOfNew = new Map<string, string>();
    const touchesByNewKey = new Map<string, Touch[]>();
    const makeTouch = (t: MergePlan['touches'][number], personId: string): Touch => ({
      id: newId(),
      personId,
      depth: t.depth,
      direction: t.direction,
      channel: t.channel,
      at: t.at,
      ...(t.text?.trim() ? { note: t.text.trim() } : {}),
      source: 'import',
      sourceKey: t.sourceKey,
      createdAt: now,
      updatedAt: now,
    });

    // Every profile key and touch source key already stored, read once from the
    // indexes (keys only): per-chunk `anyOf` look-ups cost as much as the writes.
    let heldKeys: Set<string> | undefined;
    let storedSourceKeys: Set<string> | undefined;

    /** Profiles to add: skip keys someone has; clear tombstones holding a key. */
    const addProfiles = async (rows: Profile[]) => {
      if (rows.length === 0) return;
      heldKeys ??= new Set((await db.profiles.orderBy('key').keys()).map(String));
      const clashing = rows.filter((r) => heldKeys!.has(r.key)).map((r) => r.key);
      const held = clashing.length > 0 ? await db.profiles.where('key').anyOf(clashing).toArray() : [];
      const byKey = new Map(held.map((h) => [h.key, h]));
      const add: Profile[] = [];
      const seen = new Set<string>();
      for (const r of rows) {
        const h = byKey.get(r.key);
        if ((h && !h.deletedAt) || seen.has(r.key)) {
          report.profilesKept++;
          continue;
        }
        if (h) await db.profiles.delete(h.id);
        seen.add(r.key);
        add.push(r);
      }
      await db.profiles.bulkAdd(add);
      for (const r of add) heldKeys.add(r.key);
    };

    /** Touches whose sourceKey is stored already are left out (idempotent). */
    const freshTouches = async (list: MergePlan['touches']) => {
      storedSourceKeys ??= new Set((await db.touches.orderBy('sourceKey').keys()).map(String));
      const stored = storedSourceKeys;
      // Taken keys are marked at once: a key twice in one plan is written once.
      const out = list.filter((t) => !stored.has(t.sourceKey) && (stored.add(t.sourceKey), true));
      report.touchesAlreadyThere += list.length - out.length;
      return out;
    };

    // 1. New people, with their profiles and touches, summaries computed in memory.
    const newTouchList = plan.touches.filter((t) => t.newPersonKey !== undefined);
    for (const p of plan.newPeople) idOfNew.set(p.key, newId());
    for (const part of chunks(newTouchList, size * 4)) {
      for (const t of await freshTouches(part)) {
        const pid = idOfNew.get(t.newPersonKey!);
        if (!pid) continue;
        const list = touchesByNewKey.get(t.newPersonKey!) ?? [];
        list.push(makeTouch(t, pid));
        touchesByNewKey.set(t.newPersonKey!, list);
      }
    }
    for (const part of chunks(plan.newPeople, size)) {
      const people: Person[] = [];
      const profiles: Profile[] = [];
      const touches: Touch[] = [];
      for (const ip of part) {
        const row = { ...personRow(ip, now), id: idOfNew.get(ip.key)! };
        const own = touchesByNewKey.get(ip.key) ?? [];
        row.summary = computeSummary({ person: row, touches: own, notes: [], circles: ctx.circles, now, timeZone: ctx.timeZone });
        people.push(row);
        for (const pr of ip.profiles) profiles.push(profileRow(row.id, pr, now));
        touches.push(...own);
      }
      await db.people.bulkAdd(people);
      await addProfiles(profiles);
      if (touches.length) await db.touches.bulkAdd(touches);
      report.created += people.length;
      report.touches += touches.length;
      step(part.length + touches.length);
    }
    // Touches of new people that were already stored still count as done.
    step(newTouchList.length - [...touchesByNewKey.values()].reduce((n, l) => n + l.length, 0));

    // 2. Fills for people who exist.
    for (const part of chunks(plan.updates, size)) {
      const current = (await db.people.bulkGet(part.map((u) => u.personId))) as Array<Person | undefined>;
      const puts: Person[] = [];
      const profiles: Profile[] = [];
      part.forEach((u, i) => {
        const person = current[i];
        if (!person || !isLive(person)) return;
        const { next, changed } = fillFromImport(person, u.fill);
        const edited = new Set(person.userEdited ?? []);
        const newProfiles = edited.has('profiles') ? [] : (u.fill.profiles ?? []);
        for (const pr of newProfiles) profiles.push(profileRow(person.id, pr, now));
        if (changed || newProfiles.length) {
          puts.push({ ...next, updatedAt: now });
          report.updated++;
        }
      });
      await db.people.bulkPut(puts);
      await addProfiles(profiles);
      step(part.length);
    }

    // 3. Touches for people who exist.
    for (const part of chunks(touchesOfExisting, size * 4)) {
      const fresh = await freshTouches(part);
      const alive = new Set(
        (await db.people.bulkGet([...new Set(fresh.map((t) => t.personId!))])).filter((p): p is Person => !!p && isLive(p)).map((p) => p.id),
      );
      const rows = fresh.filter((t) => alive.has(t.personId!)).map((t) => makeTouch(t, t.personId!));
      await db.touches.bulkAdd(rows);
      report.touches += rows.length;
      step(part.length);
    }

    // 4. Summaries of people who exist and changed.
    for (const part of chunks([...existingIds], size)) {
      await refreshSummaries(db, part, ctx);
      step(part.length);
    }
    return report;
  });
}

/**
 * An edit by an import for one person who exists: the same fill as `applyImport`
 * (only empty fields the user never edited, list items not there yet).
 */
export async function editPersonByImport(db: KithDB, personId: string, fill: PersonFill, ctx: WriteContext): Promise<Person | undefined> {
  return writeTx(db, SUMMARY_TABLES, async () => {
    const person = await db.people.get(personId);
    if (!person || !isLive(person)) return undefined;
    const { next, changed } = fillFromImport(person, fill);
    if (!changed) return person;
    await db.people.put({ ...next, updatedAt: ctx.now });
    return refreshSummary(db, personId, ctx);
  });
}
