import type { Circle, Note, Person } from '@/lib/model/types';
import { MAX_REKINDLE } from './constants';
import { type Reason, reasonsFor, rekindleReason } from './reasons';
import { hash32 } from './hash';
import { dayIndex, localDayKey } from './time';

export interface RankInput {
  /** Usually the people whose `summary.dueAt <= now` (an index range). */
  people: Person[];
  /** Notes per person id; a missing entry means none. */
  notesByPerson: Map<string, Note[]>;
  circles: Circle[];
  now: number;
  timeZone: string;
  /** Usually the people whose `summary.rekindleAt <= now`. */
  rekindleCandidates?: Person[];
  maxRekindle?: number;
}

export interface RankedPerson {
  person: Person;
  /** Heaviest first; never empty. */
  reasons: Reason[];
  top: Reason;
}

function withReasons(input: RankInput): RankedPerson[] {
  const seen = new Set<string>();
  const out: RankedPerson[] = [];
  for (const person of input.people) {
    if (seen.has(person.id)) continue;
    seen.add(person.id);
    const reasons = reasonsFor({
      person,
      notes: input.notesByPerson.get(person.id) ?? [],
      circles: input.circles,
      now: input.now,
      timeZone: input.timeZone,
    });
    const top = reasons[0];
    if (top) out.push({ person, reasons, top });
  }
  // Heaviest reason first; then whoever has waited longest for a personal word
  // (never = longest); then id, so the order never flickers.
  return out.sort(
    (a, b) =>
      b.top.weight - a.top.weight ||
      (a.person.summary.lastPersonalAt ?? -Infinity) - (b.person.summary.lastPersonalAt ?? -Infinity) ||
      (a.person.id < b.person.id ? -1 : a.person.id > b.person.id ? 1 : 0),
  );
}

/**
 * Up to `max` rekindle suggestions for the local day. Candidates sit in a fixed
 * hashed circle and each day shows the next `max` of them, so consecutive days
 * differ (when there are at least 2×max) and everyone comes round in turn.
 */
export function pickRekindle(candidates: RankedPerson[], max: number, now: number, timeZone: string): RankedPerson[] {
  const n = candidates.length;
  if (max <= 0 || n === 0) return [];
  const ring = [...candidates].sort((a, b) => hash32(a.person.id) - hash32(b.person.id) || (a.person.id < b.person.id ? -1 : 1));
  if (n <= max) return ring;
  const start = (((dayIndex(localDayKey(now, timeZone)) * max) % n) + n) % n;
  return Array.from({ length: max }, (_, i) => ring[(start + i) % n]).filter((r): r is RankedPerson => r !== undefined);
}

/**
 * The day's rekindle ring over candidate ids, starting at the day's place: the
 * same hashed circle `pickRekindle` walks, so the database layer can read only
 * the few rows it needs instead of every candidate.
 */
export function rekindleRing(ids: readonly string[], now: number, timeZone: string, max = MAX_REKINDLE): string[] {
  // Each id hashed once, not once per comparison.
  const ring = ids
    .map((id) => ({ id, h: hash32(id) }))
    .sort((a, b) => a.h - b.h || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((x) => x.id);
  const n = ring.length;
  if (n === 0) return [];
  const start = (((dayIndex(localDayKey(now, timeZone)) * max) % n) + n) % n;
  return Array.from({ length: n }, (_, i) => ring[(start + i) % n]!);
}

/** The "Reach out today" list: people with reasons, ranked, then the day's rekindle suggestions. */
export function rankReachOut(input: RankInput): RankedPerson[] {
  const ranked = withReasons(input);
  const listed = new Set(ranked.map((r) => r.person.id));
  const candidates: RankedPerson[] = [];
  for (const person of input.rekindleCandidates ?? []) {
    if (listed.has(person.id)) continue;
    const r = rekindleReason(person, input.now);
    if (!r) continue;
    listed.add(person.id);
    candidates.push({ person, reasons: [r], top: r });
  }
  return [...ranked, ...pickRekindle(candidates, input.maxRekindle ?? MAX_REKINDLE, input.now, input.timeZone)];
}

/** How many people are waiting (for the badge): those with a reason; rekindle suggestions do not count. */
export function countWaiting(input: Omit<RankInput, 'rekindleCandidates' | 'maxRekindle'>): number {
  return withReasons(input).length;
}
