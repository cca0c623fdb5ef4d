import { describe, expect, it } from 'vitest';
import { cleanPhone, findLikelyDuplicates, phoneDigitsForMatch, samePhone, similarNames } from '@/lib/relationship/duplicates';
import { toRow } from '@/lib/relationship/people-list';
import { emptySummary } from '@/lib/relationship/summary';
import type { Person, Profile, SiteId } from '@/lib/model/types';

function row(id: string, name: string, extra: Partial<Person> = {}, profiles: [SiteId, string][] = []) {
  const person: Person = { id, name, phones: [], emails: [], tags: [], archived: 0, createdAt: 0, updatedAt: 0, summary: emptySummary(), ...extra };
  const prof = profiles.map(([site, handle]): Profile => ({
    id: `${id}-${handle}`,
    personId: id,
    site,
    handle,
    key: `${site}:${handle}`,
    createdAt: 0,
    updatedAt: 0,
  }));
  return toRow(person, prof);
}

describe('phones compare as numbers, not as text', () => {
  it.each([
    ['+39 333 123 4567', '0039 3331234567'],
    ['+39 333 123 4567', '333 1234567'],
    ['0039-333-1234567', '(333) 123-4567'],
    ['+39 02 1234 5678', '02 1234 5678'],
    ['+44 7700 900123', '07700 900123'],
    ['+1 (415) 555-0134', '415-555-0134'],
    ['tel:+393331234567', '+39 333 1234567'],
  ])('%s is %s', (a, b) => {
    expect(samePhone(a, b)).toBe(true);
    expect(samePhone(b, a)).toBe(true);
  });

  it.each([
    ['+39 333 123 4567', '+39 333 123 4568'],
    ['+39 333 123 4567', '+41 333 123 4567'],
    ['1234', '91234'],
    ['', ''],
    ['+39 333 1234567', '1234567'],
  ])('%s is not %s', (a, b) => {
    expect(samePhone(a, b)).toBe(false);
  });

  it('00 and + start the same international number', () => {
    expect(phoneDigitsForMatch('0039 333')).toBe(phoneDigitsForMatch('+39 333'));
  });

  it.each([
    ['tel:+39 333 1234567', '+39 333 1234567'],
    ['tel:+39333123;ext=2', '+39333123'],
    ['  +39   333  1234567 ', '+39 333 1234567'],
    ['12', undefined],
    ['call me', undefined],
  ])('cleanPhone(%s) is %s', (raw, want) => {
    expect(cleanPhone(raw)).toBe(want);
  });
});

describe('similar names', () => {
  it.each([
    ['Mario Rossi', 'mario rossi'],
    ['Mario Rossi', 'Rossi, Mario'],
    ['Zoë Müller', 'Zoe Muller'],
    ['Mario Rossi', 'Mario Luigi Rossi'],
    ['Mario Rossi', 'Maria Rossi'],
    ['Margherita Bianchi', 'Margerita Bianchi'],
    ['Ada', 'ada'],
  ])('%s ~ %s', (a, b) => {
    expect(similarNames(a, b)).toBe(true);
  });

  it.each([
    ['Ada', 'Ada Lovelace'],
    ['Mario Rossi', 'Mario Bianchi'],
    ['Anna Neri', 'Luca Neri'],
    ['', 'Mario Rossi'],
  ])('%s is not %s', (a, b) => {
    expect(similarNames(a, b)).toBe(false);
  });
});

describe('likely duplicates of someone about to be added', () => {
  const rows = [
    row('p-handle', 'Ada Lovelace', {}, [['linkedin', 'ada-lovelace']]),
    row('p-email', 'A. Byron', { emails: ['ada@example.org'] }),
    row('p-phone', 'Countess', { phones: ['+39 333 1234567'] }),
    row('p-name', 'Lovelace Ada'),
    row('p-other', 'Charles Babbage', { emails: ['charles@example.org'], phones: ['+44 20 7946 0000'] }, [['github', 'babbage']]),
  ];

  it('finds each by its reason, the strongest first', () => {
    const got = findLikelyDuplicates(
      { name: 'Ada Lovelace', emails: ['ADA@example.org '], phones: ['0039 333 123 4567'], profiles: [{ site: 'linkedin', handle: 'ada-lovelace' }] },
      rows,
    );
    expect(got.map((d) => [d.row.id, d.reason])).toEqual([
      ['p-handle', 'profile'],
      ['p-email', 'email'],
      ['p-phone', 'phone'],
      ['p-name', 'name'],
    ]);
  });

  it('each reason alone is enough', () => {
    expect(findLikelyDuplicates({ name: 'Someone New', profiles: [{ site: 'github', handle: 'babbage' }] }, rows).map((d) => d.row.id)).toEqual(['p-other']);
    expect(findLikelyDuplicates({ name: 'Someone New', emails: ['charles@example.org'] }, rows).map((d) => d.row.id)).toEqual(['p-other']);
    expect(findLikelyDuplicates({ name: 'Someone New', phones: ['020 7946 0000'] }, rows).map((d) => d.row.id)).toEqual(['p-other']);
    expect(findLikelyDuplicates({ name: 'Charles Babage' }, rows).map((d) => d.row.id)).toEqual(['p-other']);
  });

  it('nobody like them: nothing', () => {
    expect(findLikelyDuplicates({ name: 'Grace Hopper', emails: ['grace@example.org'], phones: ['+1 202 555 0100'] }, rows)).toEqual([]);
  });

  it('stops at the limit', () => {
    const many = Array.from({ length: 20 }, (_, i) => row(`m${i}`, 'Mario Rossi'));
    expect(findLikelyDuplicates({ name: 'Mario Rossi' }, many, 3)).toHaveLength(3);
  });
});
