import type { Channel, Direction, Note, Person, PersonSummary, Touch, TouchDepth } from '@/lib/model/types';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';
import { depthOfChannel } from '@/lib/relationship/touches';
import { emptySummary } from '@/lib/relationship/summary';

export const DAY = 86_400_000;
export const HOUR = 3_600_000;
/** Sunday 15 June 2025, 12:00 UTC (14:00 in Rome). */
export const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
export const TZ = 'Europe/Rome';
export const CIRCLES = DEFAULT_CIRCLES; // close 14/21, friends 30/45, network 90/120

export function person(over: Partial<Omit<Person, 'summary'>> & { summary?: Partial<PersonSummary> } = {}): Person {
  const { summary, ...rest } = over;
  return {
    id: 'p1',
    name: 'Ada',
    phones: [],
    emails: [],
    tags: [],
    archived: 0,
    createdAt: NOW - 400 * DAY,
    updatedAt: NOW - 400 * DAY,
    ...rest,
    summary: { ...emptySummary(), ...summary },
  };
}

let seq = 0;
export function touch(at: number, channel: Channel, over: { direction?: Direction; depth?: TouchDepth; deletedAt?: number; id?: string } = {}): Touch {
  seq++;
  return {
    id: over.id ?? `t${String(seq).padStart(5, '0')}`,
    personId: 'p1',
    depth: over.depth ?? depthOfChannel(channel) ?? 'passive',
    direction: over.direction ?? 'out',
    channel,
    at,
    source: 'manual',
    createdAt: at,
    updatedAt: at,
    ...(over.deletedAt !== undefined ? { deletedAt: over.deletedAt } : {}),
  };
}

export function followUp(over: Partial<Note> = {}): Note {
  seq++;
  return {
    id: `n${String(seq).padStart(5, '0')}`,
    personId: 'p1',
    kind: 'followup',
    text: 'send the article',
    createdAt: NOW - 30 * DAY,
    updatedAt: NOW - 30 * DAY,
    ...over,
  };
}
