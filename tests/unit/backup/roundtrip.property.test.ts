/**
 * Property: for any valid backup, serialize -> parse -> serialize gives the very
 * same string, and parsing gives back the same rows (sorted by id).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BACKUP_TIME, MIN_BACKUP_TIME, parseBackup, serializeBackup, type BackupData } from '@/lib/backup/format';
import { CHANNELS, type Birthday, type Channel, type Note, type Person, type PersonSummary, type Profile, type SiteId, type Touch } from '@/lib/model/types';

/** Text with the awkward parts over-represented: RTL, zero-width, combining, emoji, lone surrogates. */
const tricky = fc.constantFrom(
  '\u200B',
  '\u200C',
  '\u200D',
  '\u2060',
  '\uFEFF',
  '\u200E',
  '\u200F',
  '\u202E',
  '\u2066',
  'مرحبا',
  'שלום',
  'e\u0301',
  'é',
  'Ω',
  '👩‍👩‍👧',
  '🇮🇹',
  '\uD800',
  '\uDFFF',
  '"',
  '\\',
  '\n',
  '\u2028',
  '</script>',
  '',
);
const text = fc
  .array(fc.oneof({ weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 6 }) }, { weight: 2, arbitrary: tricky }), {
    maxLength: 6,
  })
  .map((parts) => parts.join(''));
const id = fc.oneof(
  fc.uuid(),
  text.filter((s) => s.length > 0),
);
// Epoch ms; fractional and negative too, for robustness, over the whole range a
// backup may hold (years 1 to 9999). JSON has no -0 (it reads back as 0).
const time = fc.oneof(
  fc.integer({ min: 0, max: 4_102_444_800_000 }),
  fc.double({ noNaN: true, min: MIN_BACKUP_TIME, max: MAX_BACKUP_TIME }).map((n) => (Object.is(n, -0) ? 0 : n)),
);
const count = fc.nat({ max: 10_000 });
const site = fc.constantFrom<SiteId>('linkedin', 'x', 'github', 'facebook', 'instagram');
const channel = fc.constantFrom<Channel>(...CHANNELS);

const birthday: fc.Arbitrary<Birthday> = fc.record(
  { month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }), year: fc.integer({ min: 1900, max: 2100 }) },
  { requiredKeys: ['month', 'day'] },
);

const summary: fc.Arbitrary<PersonSummary> = fc.record(
  {
    lastPersonalAt: time,
    lastPersonalChannel: channel,
    lastInboundAt: time,
    passiveSince: count,
    broadcastSince: count,
    personal12m: count,
    inbound12m: count,
    personalTotal: count,
    nextFollowUpAt: time,
    openFollowUps: count,
    dueAt: time,
    rekindleAt: time,
    birthdayKey: text,
  },
  { requiredKeys: ['passiveSince', 'broadcastSince', 'personal12m', 'inbound12m', 'personalTotal', 'openFollowUps'] },
);

const person: fc.Arbitrary<Person> = fc.record(
  {
    id,
    name: text,
    headline: text,
    company: text,
    location: text,
    photoUrl: text,
    phones: fc.array(text, { maxLength: 3 }),
    emails: fc.array(text, { maxLength: 3 }),
    birthday,
    howWeMet: text,
    tags: fc.array(text, { maxLength: 3 }),
    circleId: text,
    rhythm: fc.record({ idealDays: fc.nat({ max: 400 }), maxDays: fc.nat({ max: 400 }) }),
    connectedAt: time,
    snoozedUntil: time,
    archived: fc.constantFrom<0 | 1>(0, 1),
    createdAt: time,
    updatedAt: time,
    deletedAt: time,
    mergedInto: id,
    summary,
  },
  { requiredKeys: ['id', 'name', 'phones', 'emails', 'tags', 'archived', 'createdAt', 'updatedAt', 'summary'] },
);

const profile: fc.Arbitrary<Profile> = fc.record(
  { id, personId: id, site, handle: text, key: text, url: text, createdAt: time, updatedAt: time, deletedAt: time },
  { requiredKeys: ['id', 'personId', 'site', 'handle', 'key', 'createdAt', 'updatedAt'] },
);

const touch: fc.Arbitrary<Touch> = fc.record(
  {
    id,
    personId: id,
    depth: fc.constantFrom('personal' as const, 'passive' as const, 'broadcast' as const),
    direction: fc.constantFrom('out' as const, 'in' as const),
    channel,
    at: time,
    note: text,
    source: fc.constantFrom('manual' as const, 'page' as const, 'import' as const, 'nudge' as const),
    site,
    sourceKey: text,
    createdAt: time,
    updatedAt: time,
    deletedAt: time,
  },
  { requiredKeys: ['id', 'personId', 'depth', 'direction', 'channel', 'at', 'source', 'createdAt', 'updatedAt'] },
);

const note: fc.Arbitrary<Note> = fc.record(
  {
    id,
    personId: id,
    kind: fc.constantFrom('listening' as const, 'followup' as const),
    text,
    dueAt: time,
    doneAt: time,
    createdAt: time,
    updatedAt: time,
    deletedAt: time,
  },
  { requiredKeys: ['id', 'personId', 'kind', 'text', 'createdAt', 'updatedAt'] },
);

const rows = <T extends { id: string }>(a: fc.Arbitrary<T>) => fc.uniqueArray(a, { maxLength: 5, selector: (r) => r.id });

const backup: fc.Arbitrary<BackupData> = fc.record({
  format: fc.constant('kith-backup' as const),
  version: fc.constant(1),
  exportedAt: time,
  schemaVersion: fc.integer({ min: 1, max: 3 }),
  settings: fc.oneof(fc.constant(undefined), fc.jsonValue()),
  tables: fc.record({ people: rows(person), profiles: rows(profile), touches: rows(touch), notes: rows(note) }),
});

const byId = <T extends { id: string }>(r: T[]) => [...r].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

describe('backup round trip (property)', () => {
  it('serialize -> parse -> serialize is the identity on the text', () => {
    fc.assert(
      fc.property(backup, (data) => {
        const text = serializeBackup(data);
        const back = parseBackup(text, 3);
        expect(serializeBackup(back)).toBe(text);
        expect(back.tables.people).toEqual(byId(data.tables.people));
        expect(back.tables.profiles).toEqual(byId(data.tables.profiles));
        expect(back.tables.touches).toEqual(byId(data.tables.touches));
        expect(back.tables.notes).toEqual(byId(data.tables.notes));
      }),
      { numRuns: 200 },
    );
  });
});
