/**
 * Likely duplicates of a person about to be added by hand: someone already stored
 * with the same profile, e-mail or phone, or a name that is nearly the same. Pure:
 * it reads the people list's rows (`toRow`), so the add forms and the capture
 * picker ask the same question the same way. The options page's pairwise
 * "Find duplicates" (`suggestDuplicates`) keys on the same name and phone rules.
 */
import { normEmail } from '@/lib/model/email';
import type { SiteId } from '@/lib/model/types';
import { fold, nameKey, type PersonRow } from './people-list';

export type LikelyDuplicateReason = 'profile' | 'email' | 'phone' | 'name';

export interface DuplicateCandidate {
  name: string;
  emails?: readonly string[];
  phones?: readonly string[];
  profiles?: readonly { site: SiteId; handle: string }[];
}

export interface LikelyDuplicate {
  row: PersonRow;
  reason: LikelyDuplicateReason;
}

/**
 * A phone's digits for comparison: `00` and `+` both start an international
 * number, so "+39 333 123 4567" and "0039 3331234567" give the same digits.
 */
export function phoneDigitsForMatch(raw: string): string {
  const d = raw.replace(/\D+/g, '');
  return d.startsWith('00') ? d.slice(2) : d;
}

/**
 * A phone as the user wrote it, tidied: without `tel:` or URI parameters, spaces
 * collapsed; undefined when it holds fewer than 3 or more than 20 digits (the
 * importers' rule, without their CSV reader in the pages' bundles).
 */
export function cleanPhone(raw: string): string | undefined {
  const p = (raw.replace(/^\s*tel:/i, '').split(';')[0] ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
  const d = p.replace(/\D+/g, '').length;
  return d >= 3 && d <= 20 && p.length <= 40 ? p : undefined;
}

/** Below this many digits a number is too short to say two people share it (an extension, a short code). */
const MIN_PHONE_DIGITS = 7;

/**
 * Whether two phones are the same number written two ways: the same digits, or
 * one written with a country code (1 to 3 digits) and the other without, the
 * national trunk "0" set aside ("+44 7700 900123" is "07700 900123"; Italy keeps
 * its 0: "+39 02 1234 5678" is "02 1234 5678").
 */
export function samePhone(a: string, b: string): boolean {
  const x = phoneDigitsForMatch(a);
  const y = phoneDigitsForMatch(b);
  if (x.length < MIN_PHONE_DIGITS || y.length < MIN_PHONE_DIGITS) return x === y && x.length > 0;
  if (x === y) return true;
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  for (const national of [short, short.replace(/^0/, '')]) {
    const extra = long.length - national.length;
    if (national.length >= MIN_PHONE_DIGITS && extra >= 1 && extra <= 3 && long.endsWith(national)) return true;
  }
  return false;
}

/** Edit distance (insert, delete, substitute, swap two neighbours), giving up above `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      best = Math.min(best, v);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Whether two names are probably the same person's: the same words in any order,
 * accents and case aside ("Rossi, Mario" / "mario rossi"); every word of a
 * two-word name inside the other ("Mario Rossi" / "Mario Luigi Rossi"); or a typo
 * apart (one edit, two in names of ten letters or more). A one-word name matches
 * only the same one word: "Ada" alone says too little.
 */
export function similarNames(a: string, b: string): boolean {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (!ka || !kb) return false;
  if (ka === kb) return true;
  const ta = ka.split(' ');
  const tb = kb.split(' ');
  if (ta.length < 2 || tb.length < 2) return false;
  const [fewer, more] = ta.length <= tb.length ? [ta, tb] : [tb, ta];
  if (fewer.length < more.length && fewer.every((w) => more.includes(w))) return true;
  const fa = fold(a)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const fb = fold(b)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  const max = Math.min(fa.length, fb.length) >= 10 ? 2 : 1;
  return editDistance(fa, fb, max) <= max;
}

const ORDER: Record<LikelyDuplicateReason, number> = { profile: 0, email: 1, phone: 2, name: 3 };

/**
 * The stored people the candidate is likely to be, the strongest reason first
 * (profile, e-mail, phone, then name), at most `limit`. Archived people count:
 * adding someone again is rarely what the user wants.
 */
export function findLikelyDuplicates(candidate: DuplicateCandidate, rows: readonly PersonRow[], limit = 5): LikelyDuplicate[] {
  // A row's handles carry no site: the same handle on another site is a likely match too.
  const handles = new Set((candidate.profiles ?? []).map((p) => p.handle));
  const emails = new Set((candidate.emails ?? []).map((e) => normEmail(e) ?? e.trim().toLowerCase()).filter(Boolean));
  const phones = (candidate.phones ?? []).filter((p) => phoneDigitsForMatch(p).length > 0);
  const name = candidate.name.trim();
  const out: LikelyDuplicate[] = [];
  for (const row of rows) {
    let reason: LikelyDuplicateReason | undefined;
    if (handles.size > 0 && row.handles.some((h) => handles.has(h))) reason = 'profile';
    else if (emails.size > 0 && row.emails.some((e) => emails.has(e.toLowerCase()))) reason = 'email';
    else if (phones.length > 0 && row.phones.some((p) => phones.some((q) => samePhone(p, q)))) reason = 'phone';
    else if (name && similarNames(name, row.name)) reason = 'name';
    if (reason) out.push({ row, reason });
  }
  return out.sort((a, b) => ORDER[a.reason] - ORDER[b.reason]).slice(0, limit);
}
