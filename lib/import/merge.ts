import type { UserEditableField } from '@/lib/model/types';
/**
 * Import planning: parse results + what the database already holds -> what to add
 * and what to fill. Pure; the database layer applies the plan in one transaction.
 *
 * Rules:
 * - Matching order: canonical profile handle, then e-mail, then phone. A person with
 *   none of those (e.g. a 2018 connection without e-mail) matches an existing person
 *   of the same folded name, one-to-one (namesakes map in order), provided that
 *   person has no profile on the same site with a different handle. Otherwise new.
 * - An import never overwrites: it fills empty scalar fields and adds e-mails, phones
 *   and profiles that are not there yet; fields listed in `userEdited` are never
 *   touched (not even the lists: the user may have removed an address on purpose).
 *   A profile already owned by another person is not added (profile keys are unique).
 * - Touches are deduplicated by `sourceKey` against `existingTouchKeys` and within
 *   the plan, so importing the same file twice plans nothing.
 */
import { profileKey } from '@/lib/sites/identity';
import type { ImportSkip, ImportedPerson, ImportedProfile, ImportedTouch, ParseKind, ParseResult } from './types';
import { foldName, mergeInto, phoneDigits } from './text';

export type FillableField = UserEditableField;

export interface ExistingPerson {
  id: string;
  name: string;
  emails: string[];
  phones: string[];
  /** `${site}:${canonical handle}` of each of the person's profiles. */
  profileKeys: string[];
  headline?: string;
  company?: string;
  birthday?: { month: number; day: number; year?: number };
  howWeMet?: string;
  connectedAt?: number;
  /** Fields the user edited by hand: imports never fill them. */
  userEdited?: readonly FillableField[];
}

export interface MergeExisting {
  people: ExistingPerson[];
  /** `sourceKey`s of touches already stored. */
  existingTouchKeys?: ReadonlySet<string>;
}

export interface PersonFill {
  name?: string;
  headline?: string;
  company?: string;
  birthday?: { month: number; day: number; year?: number };
  howWeMet?: string;
  connectedAt?: number;
  /** To add (not already present). */
  emails?: string[];
  phones?: string[];
  profiles?: ImportedProfile[];
}

export type PlannedTouch = Omit<ImportedTouch, 'personKey'> & ({ personId: string; newPersonKey?: undefined } | { personId?: undefined; newPersonKey: string });

export interface MergePlan {
  newPeople: ImportedPerson[];
  updates: Array<{ personId: string; fill: PersonFill }>;
  skipped: Array<ImportSkip & { kind: ParseKind }>;
  touches: PlannedTouch[];
  counts: { new: number; updated: number; skipped: number; touches: number; duplicateTouches: number };
}

function clonePerson(p: ImportedPerson): ImportedPerson {
  return {
    ...p,
    emails: [...p.emails],
    phones: [...p.phones],
    profiles: p.profiles.map((x) => ({ ...x })),
    ...(p.birthday ? { birthday: { ...p.birthday } } : {}),
    ...(p.invitation ? { invitation: { ...p.invitation } } : {}),
  };
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '';

type Target = { personId: string } | { newKey: string };

export function mergePlan(existing: MergeExisting, results: ParseResult[]): MergePlan {
  // 1. One record per key across all results.
  const unified = new Map<string, ImportedPerson>();
  for (const r of results) {
    for (const p of r.people) {
      const prev = unified.get(p.key);
      if (prev) mergeInto(prev, p);
      else unified.set(p.key, clonePerson(p));
    }
  }

  // 2. Indexes of what exists (a working copy, so that fills accumulate).
  const state = new Map<string, ExistingPerson & { fill: PersonFill }>();
  const byProfile = new Map<string, string>();
  const byEmail = new Map<string, string>();
  const byPhone = new Map<string, string>();
  const byName = new Map<string, string[]>();
  for (const e of existing.people) {
    state.set(e.id, { ...e, emails: [...e.emails], phones: [...e.phones], profileKeys: [...e.profileKeys], fill: {} });
    for (const k of e.profileKeys) if (!byProfile.has(k)) byProfile.set(k, e.id);
    for (const m of e.emails) if (!byEmail.has(m.toLowerCase())) byEmail.set(m.toLowerCase(), e.id);
    for (const ph of e.phones) {
      const d = phoneDigits(ph);
      if (d.length >= 3 && !byPhone.has(d)) byPhone.set(d, e.id);
    }
    const f = foldName(e.name);
    if (f) byName.set(f, [...(byName.get(f) ?? []), e.id]);
  }
  const consumedByName = new Set<string>();

  const newPeople: ImportedPerson[] = [];
  const newByProfile = new Map<string, ImportedPerson>();
  const newByEmail = new Map<string, ImportedPerson>();
  const newByPhone = new Map<string, ImportedPerson>();
  const indexNew = (p: ImportedPerson) => {
    for (const pr of p.profiles) {
      const k = profileKey(pr.site, pr.handle);
      if (!newByProfile.has(k)) newByProfile.set(k, p);
    }
    for (const m of p.emails) if (!newByEmail.has(m)) newByEmail.set(m, p);
    for (const ph of p.phones) {
      const d = phoneDigits(ph);
      if (d.length >= 3 && !newByPhone.has(d)) newByPhone.set(d, p);
    }
  };
  const target = new Map<string, Target>();

  const findExisting = (p: ImportedPerson): string | undefined => {
    for (const pr of p.profiles) {
      const id = byProfile.get(profileKey(pr.site, pr.handle));
      if (id) return id;
    }
    for (const m of p.emails) {
      const id = byEmail.get(m);
      if (id) return id;
    }
    for (const ph of p.phones) {
      const id = byPhone.get(phoneDigits(ph));
      if (id) return id;
    }
    if (p.profiles.length > 0 || p.emails.length > 0 || p.phones.length > 0) return undefined;
    const f = foldName(p.name);
    for (const id of byName.get(f) ?? []) {
      if (consumedByName.has(id)) continue;
      consumedByName.add(id);
      return id;
    }
    return undefined;
  };

  const findNew = (p: ImportedPerson): ImportedPerson | undefined => {
    for (const pr of p.profiles) {
      const n = newByProfile.get(profileKey(pr.site, pr.handle));
      if (n) return n;
    }
    for (const m of p.emails) {
      const n = newByEmail.get(m);
      if (n) return n;
    }
    for (const ph of p.phones) {
      const n = newByPhone.get(phoneDigits(ph));
      if (n) return n;
    }
    return undefined;
  };

  // 3. Match, fill or add.
  for (const p of unified.values()) {
    const id = findExisting(p);
    if (id) {
      const e = state.get(id)!;
      const edited = new Set(e.userEdited ?? []);
      const fill = e.fill;
      const scalar = <K extends 'name' | 'headline' | 'company' | 'howWeMet' | 'connectedAt' | 'birthday'>(k: K) => {
        const v = p[k];
        if (isEmpty(v) || !isEmpty(e[k]) || edited.has(k)) return;
        (e as Record<K, unknown>)[k] = v;
        (fill as Record<K, unknown>)[k] = v;
      };
      scalar('name');
      scalar('headline');
      scalar('company');
      scalar('howWeMet');
      scalar('connectedAt');
      scalar('birthday');
      if (!edited.has('emails')) {
        for (const m of p.emails) {
          if (e.emails.some((x) => x.toLowerCase() === m)) continue;
          e.emails.push(m);
          (fill.emails ??= []).push(m);
        }
      }
      if (!edited.has('phones')) {
        for (const ph of p.phones) {
          const d = phoneDigits(ph);
          if (e.phones.some((x) => phoneDigits(x) === d)) continue;
          e.phones.push(ph);
          (fill.phones ??= []).push(ph);
        }
      }
      if (!edited.has('profiles')) {
        for (const pr of p.profiles) {
          const k = profileKey(pr.site, pr.handle);
          if (e.profileKeys.includes(k)) continue;
          const owner = byProfile.get(k);
          if (owner && owner !== id) continue;
          e.profileKeys.push(k);
          byProfile.set(k, id);
          (fill.profiles ??= []).push(pr);
        }
      }
      target.set(p.key, { personId: id });
      continue;
    }
    const n = findNew(p);
    if (n) {
      mergeInto(n, p);
      indexNew(n);
      target.set(p.key, { newKey: n.key });
      continue;
    }
    newPeople.push(p);
    indexNew(p);
    target.set(p.key, { newKey: p.key });
  }

  const updates: MergePlan['updates'] = [];
  for (const e of state.values()) {
    if (Object.keys(e.fill).length > 0) updates.push({ personId: e.id, fill: e.fill });
  }

  // 4. Touches.
  const seen = new Set<string>();
  const touches: PlannedTouch[] = [];
  let duplicateTouches = 0;
  for (const r of results) {
    for (const t of r.touches) {
      if (existing.existingTouchKeys?.has(t.sourceKey) || seen.has(t.sourceKey)) {
        duplicateTouches++;
        continue;
      }
      const tg = target.get(t.personKey);
      if (!tg) continue;
      seen.add(t.sourceKey);
      const { personKey: _drop, ...rest } = t;
      touches.push('personId' in tg ? { ...rest, personId: tg.personId } : { ...rest, newPersonKey: tg.newKey });
    }
  }

  const skipped = results.flatMap((r) => r.skipped.map((s) => ({ ...s, kind: r.kind })));
  return {
    newPeople,
    updates,
    skipped,
    touches,
    counts: { new: newPeople.length, updated: updates.length, skipped: skipped.length, touches: touches.length, duplicateTouches },
  };
}
