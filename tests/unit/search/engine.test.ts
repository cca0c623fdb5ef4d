import { describe, expect, it } from 'vitest';
import { toDoc, type PersonRows } from '@/lib/search/docs';
import { SearchIndex } from '@/lib/search/engine';
import { explain, snippet } from '@/lib/search/explain';
import { fold, phoneTokens } from '@/lib/search/fold';
import type { Note, Person, Touch } from '@/lib/model/types';

const base = {
  phones: [],
  emails: [],
  tags: [],
  archived: 0 as const,
  createdAt: 1,
  updatedAt: 1,
  summary: { passiveSince: 0, broadcastSince: 0, personal12m: 0, inbound12m: 0, personalTotal: 0, openFollowUps: 0 },
};
const person = (id: string, p: Partial<Person>): Person => ({ id, name: id, ...base, ...p });
const note = (personId: string, text: string, kind: Note['kind'] = 'listening'): Note => ({
  id: `${personId}-${text.length}`,
  personId,
  kind,
  text,
  createdAt: 1,
  updatedAt: 1,
});
const touch = (personId: string, text: string): Touch => ({
  id: `${personId}-t`,
  personId,
  depth: 'personal',
  direction: 'out',
  channel: 'call',
  at: 1,
  note: text,
  source: 'manual',
  createdAt: 1,
  updatedAt: 1,
});

const ROWS: PersonRows[] = [
  {
    person: person('anna', { name: 'Anna Rossi', company: 'Ceramiche Faentine', emails: ['anna.rossi@example.it'] }),
    profiles: [],
    notes: [note('anna', 'Met at the ceramics class in Faenza, she loves raku.')],
    touches: [],
  },
  {
    person: person('nicco', { name: 'Niccolò Bianchi', headline: 'Product designer', phones: ['+39 333 123 4567'] }),
    profiles: [],
    notes: [],
    touches: [touch('nicco', 'Abbiamo parlato della città di Perugia e del perché del trasloco')],
  },
  {
    person: person('zoe', { name: 'ZOË Smith', howWeMet: 'Neighbours on Via Garibaldi' }),
    profiles: [{ id: 'pz', personId: 'zoe', site: 'github', handle: 'zsmith', key: 'github:zsmith', createdAt: 1, updatedAt: 1 }],
    notes: [note('zoe', 'Ask about the marathon in May', 'followup')],
    touches: [],
  },
];

function built() {
  const index = SearchIndex.empty();
  index.addAll(ROWS.map(toDoc));
  return index;
}
const ids = (index: SearchIndex, q: string) => index.search(q).map((h) => h.id);

describe('search index', () => {
  it.each([
    ['accents folded in the query', 'niccolo', ['nicco']],
    ['accents folded in the text', 'NICCOLÒ', ['nicco']],
    ['case folded', 'aNnA', ['anna']],
    ['a prefix as the user types', 'cera', ['anna']],
    ['every word must match', 'anna faenza', ['anna']],
    ['words of different people do not combine', 'anna perugia', []],
    ['an Italian word with an accent in a touch note', 'perche', ['nicco']],
    ['città typed without the accent', 'citta', ['nicco']],
    ['a diaeresis', 'zoe', ['zoe']],
    ['how we met', 'garibaldi', ['zoe']],
    ['a follow-up', 'marathon', ['zoe']],
    ['a handle', 'zsmi', ['zoe']],
    ['an e-mail', 'anna.rossi@example', ['anna']],
    ['phone digits as written', '333 123', ['nicco']],
    ['phone digits run together', '3331234', ['nicco']],
    ['phone with country code', '+39333', ['nicco']],
    ['phone tail', '4567', ['nicco']],
    ['nothing', 'xylophone', []],
    ['punctuation only', '  ,. ', []],
  ])('%s: %s', (_what, q, expected) => {
    expect(ids(built(), q)).toEqual(expected);
  });

  it('ranks a name above a word in a note', () => {
    const index = SearchIndex.empty();
    index.addAll([
      toDoc({ person: person('a', { name: 'Some One' }), profiles: [], notes: [note('a', 'talked about Marco and his bike')], touches: [] }),
      toDoc({ person: person('b', { name: 'Marco Verdi' }), profiles: [], notes: [], touches: [] }),
    ]);
    expect(ids(index, 'marco')).toEqual(['b', 'a']);
  });

  it('finds a stop word in a name, and skips it in a query about notes', () => {
    const index = SearchIndex.empty();
    index.addAll([
      toDoc({ person: person('dm', { name: 'Luigi Di Maio' }), profiles: [], notes: [], touches: [] }),
      toDoc({ person: person('fc', { name: 'Sara' }), profiles: [], notes: [note('fc', 'Festa di compleanno a Roma')], touches: [] }),
    ]);
    expect(ids(index, 'di')).toEqual(['dm']);
    expect(ids(index, 'di maio')).toEqual(['dm']);
    expect(ids(index, 'festa di compl')).toEqual(['fc']);
  });

  it('matches a one- or two-letter prefix in names, not inside notes', () => {
    const index = SearchIndex.empty();
    index.addAll([
      toDoc({ person: person('a', { name: 'Carla Blu' }), profiles: [], notes: [], touches: [] }),
      toDoc({ person: person('b', { name: 'Tom' }), profiles: [], notes: [note('b', 'cycling and cooking')], touches: [] }),
    ]);
    expect(ids(index, 'c')).toEqual(['a']);
    expect(ids(index, 'ca')).toEqual(['a']);
    expect(ids(index, 'coo')).toEqual(['b']);
  });

  it('follows a replaced and a removed document', () => {
    const index = built();
    index.set('anna', toDoc({ ...ROWS[0]!, notes: [note('anna', 'Plays the cello')] }));
    expect(ids(index, 'faenza')).toEqual([]);
    expect(ids(index, 'cello')).toEqual(['anna']);
    index.set('anna', undefined);
    expect(ids(index, 'cello')).toEqual([]);
    expect(index.has('anna')).toBe(false);
  });

  it('answers the same after a save and a load', () => {
    const index = built();
    const again = SearchIndex.fromJSON(index.toJSON());
    for (const q of ['anna', 'cera', 'perche', '333', 'zsmi', 'marathon']) expect(ids(again, q)).toEqual(ids(index, q));
  });
});

describe('why a person matched', () => {
  const why = (q: string, id: string) => {
    const hit = built()
      .search(q)
      .find((h) => h.id === id)!;
    return explain(
      ROWS.find((r) => r.person.id === id)!,
      hit.fieldsOf,
    );
  };

  it.each([
    ['faenza', 'anna', { field: 'notes', before: 'Met at the ceramics class in ', match: 'Faenza', after: ', she loves raku.' }],
    ['perche', 'nicco', { field: 'touches', match: 'perché' }],
    ['333 12', 'nicco', { field: 'phones', match: '+39 333 123 4567' }],
    ['garib', 'zoe', { field: 'howWeMet', before: 'Neighbours on Via ', match: 'Garibaldi', after: '' }],
    ['zoe', 'zoe', { field: 'name', match: 'ZOË' }],
    ['marath', 'zoe', { field: 'followups', match: 'marathon' }],
  ])('%s → %s', (q, id, expected) => {
    expect(why(q, id)).toMatchObject(expected);
  });

  it('prefers a field the result row does not show', () => {
    // "anna" is in the name and the e-mail: the e-mail says more.
    expect(why('anna', 'anna')).toMatchObject({ field: 'emails', match: 'anna' });
  });

  it('cuts a long text around the word, at word boundaries', () => {
    const long = 'one two three four five six seven eight nine ten eleven twelve ceramics thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty';
    const s = snippet(long, ['ceramics'])!;
    expect(s.match).toBe('ceramics');
    expect(s.before.startsWith('…')).toBe(true);
    expect(s.after.endsWith('…')).toBe(true);
    expect((s.before + s.match + s.after).length).toBeLessThan(100);
    expect(long.includes(s.before.slice(1) + s.match + s.after.slice(0, -1))).toBe(true);
  });

  it('keeps a snippet to the note the word is in', () => {
    expect(snippet('first note\nsecond about pottery\nthird', ['pottery'])).toEqual({ before: 'second about ', match: 'pottery', after: '' });
  });
});

describe('folding', () => {
  it.each([
    ['Niccolò', 'niccolo'],
    ['PERCHÉ', 'perche'],
    ['Zoë', 'zoe'],
    ['São Paulo', 'sao paulo'],
  ])('%s → %s', (a, b) => expect(fold(a)).toBe(b));

  it('indexes a phone by every tail of four digits or more', () => {
    expect(phoneTokens('+39 06-1234')).toEqual(['39061234', '9061234', '061234', '61234', '1234']);
  });
});
