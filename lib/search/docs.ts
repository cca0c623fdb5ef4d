/**
 * What the index knows of a person: one document per live person, its fields
 * plain text. Deleted and merged people have no document.
 */
import type { Note, Person, Profile, Touch } from '@/lib/model/types';
import { phoneTokens } from './fold';

/** The fields a person is found by, in the order a result prefers to explain itself. */
export const SEARCH_FIELDS = ['name', 'handles', 'emails', 'phones', 'company', 'headline', 'howWeMet', 'notes', 'followups', 'touches'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

export type SearchDoc = { id: string } & Record<SearchField, string>;

/** How much a match in each field weighs: a name beats a word in a note. */
export const FIELD_BOOST: Record<SearchField, number> = {
  name: 6,
  handles: 3,
  emails: 2,
  phones: 2,
  company: 2,
  headline: 1.5,
  howWeMet: 1.2,
  notes: 1,
  followups: 1,
  touches: 0.8,
};

/** Fields longer than this are cut: a 10,000-word paste should not weigh the index down. */
const MAX_FIELD = 20_000;

const join = (xs: Iterable<string | undefined>) => {
  let s = '';
  for (const x of xs) if (x) s += (s ? '\n' : '') + x;
  return s.length > MAX_FIELD ? s.slice(0, MAX_FIELD) : s;
};

export interface PersonRows {
  person: Person;
  profiles: readonly Profile[];
  notes: readonly Note[];
  touches: readonly Touch[];
}

export function toDoc({ person, profiles, notes, touches }: PersonRows): SearchDoc {
  const liveNotes = notes.filter((n) => !n.deletedAt);
  return {
    id: person.id,
    name: person.name,
    handles: join(profiles.filter((p) => !p.deletedAt).map((p) => p.handle)),
    emails: join(person.emails),
    phones: join(person.phones.flatMap(phoneTokens)),
    company: person.company ?? '',
    headline: person.headline ?? '',
    howWeMet: person.howWeMet ?? '',
    notes: join(liveNotes.filter((n) => n.kind === 'listening').map((n) => n.text)),
    followups: join(liveNotes.filter((n) => n.kind === 'followup').map((n) => n.text)),
    touches: join(touches.filter((t) => !t.deletedAt).map((t) => t.note)),
  };
}
