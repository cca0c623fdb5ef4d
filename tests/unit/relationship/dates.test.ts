import { describe, expect, it } from 'vitest';
import type { PersonDate } from '@/lib/model/types';
import { dateStatuses, datesDueAt, isOneOffOpen, isValidPersonDate, normalizePersonDates } from '@/lib/relationship/dates';
import { reasonsFor } from '@/lib/relationship/reasons';
import { computeSummary } from '@/lib/relationship/summary';
import { CIRCLES, person } from './fixtures';

const u = (iso: string) => Date.parse(iso);
const yearly = (month: number, day: number, over: Partial<PersonDate> = {}): PersonDate => ({ id: 'd1', kind: 'wedding', month, day, ...over });
const once = (year: number, month: number, day: number, over: Partial<PersonDate> = {}): PersonDate => ({
  id: 'd1',
  kind: 'other',
  label: 'her exam',
  month,
  day,
  year,
  once: true,
  ...over,
});

function statuses(dates: PersonDate[], today: string, lastPersonalAt?: number, tz = 'Europe/Rome') {
  return dateStatuses(dates, today, lastPersonalAt, tz).map((s) => [s.moment, s.days, s.years ?? null]);
}

function dateReasons(dates: PersonDate[], nowIso: string, tz = 'Europe/Rome', lastPersonalAt?: number) {
  const p = person({ dates, ...(lastPersonalAt !== undefined ? { summary: { lastPersonalAt } } : {}) });
  return reasonsFor({ person: p, notes: [], circles: CIRCLES, now: u(nowIso), timeZone: tz })
    .filter((r) => r.code.startsWith('date-'))
    .map((r) => [r.code, r.params.days, r.params.years ?? null]);
}

describe('a date is valid', () => {
  it.each<[string, Pick<PersonDate, 'month' | 'day' | 'year' | 'once'>, boolean]>([
    ['29 February, yearly, no year', { month: 2, day: 29 }, true],
    ['29 February, yearly, in a non-leap year', { month: 2, day: 29, year: 2001 }, true],
    ['30 February', { month: 2, day: 30 }, false],
    ['31 April', { month: 4, day: 31 }, false],
    ['month 13', { month: 13, day: 1 }, false],
    ['day 0', { month: 1, day: 0 }, false],
    ['year before 1900', { month: 5, day: 1, year: 1899 }, false],
    ['year 1900', { month: 5, day: 1, year: 1900 }, true],
    ['ten years ahead', { month: 5, day: 1, year: 2036 }, true],
    ['eleven years ahead', { month: 5, day: 1, year: 2037 }, false],
    ['one-off without a year', { month: 3, day: 12, once: true }, false],
    ['one-off on 29 February of a non-leap year', { month: 2, day: 29, year: 2027, once: true }, false],
    ['one-off on 29 February of a leap year', { month: 2, day: 29, year: 2028, once: true }, true],
  ])('%s', (_, d, ok) => {
    expect(isValidPersonDate(d, 2026)).toBe(ok);
  });

  it('normalizing drops the invalid, trims labels, bounds lead times and keeps ids unique', () => {
    const out = normalizePersonDates(
      [
        { id: 'a', kind: 'wedding', month: 6, day: 20, leadDays: 500, label: '  ours  ' },
        { id: 'a', kind: 'wedding', month: 6, day: 21 },
        { id: 'b', kind: 'nonsense', month: 2, day: 30 },
        { id: 'c', kind: 'nonsense', month: 1, day: 2, leadDays: -3 },
        { id: 'd', kind: 'other', month: 3, day: 12, once: true },
        'junk',
        null,
      ],
      2026,
    );
    expect(out).toEqual([
      { id: 'a', kind: 'wedding', month: 6, day: 20, leadDays: 60, label: 'ours' },
      { id: 'c', kind: 'other', month: 1, day: 2 },
    ]);
    expect(normalizePersonDates(undefined, 2026)).toEqual([]);
  });
});

describe('yearly dates', () => {
  it.each<[string, PersonDate, string, unknown[][]]>([
    ['on the day', yearly(6, 15), '2025-06-15', [['today', 0, null]]],
    ['the day before, with no lead time', yearly(6, 16), '2025-06-15', []],
    ['within the lead time', yearly(6, 18, { leadDays: 3 }), '2025-06-15', [['soon', 3, null]]],
    ['just outside the lead time', yearly(6, 19, { leadDays: 3 }), '2025-06-15', []],
    ['the day after', yearly(6, 14, { leadDays: 3 }), '2025-06-15', []],
    ['years counted when the year is known', yearly(6, 15, { year: 2015 }), '2025-06-15', [['today', 0, 10]]],
    ['no count in the year itself', yearly(6, 15, { year: 2025 }), '2025-06-15', [['today', 0, null]]],
    ['lead time across the new year', yearly(1, 2, { leadDays: 5, year: 2000 }), '2025-12-30', [['soon', 3, 26]]],
    ['29 February on 28 February of a non-leap year', yearly(2, 29), '2025-02-28', [['today', 0, null]]],
    ['29 February not on 1 March of a non-leap year', yearly(2, 29), '2025-03-01', []],
    ['29 February on the day in a leap year', yearly(2, 29), '2028-02-29', [['today', 0, null]]],
    ['29 February: not on 28 February of a leap year', yearly(2, 29), '2028-02-28', []],
    ['29 February, a day ahead in a non-leap year', yearly(2, 29, { leadDays: 1 }), '2025-02-27', [['soon', 1, null]]],
  ])('%s', (_, d, today, expected) => {
    expect(statuses([d], today)).toEqual(expected);
  });

  it('the list reads "today" by the user’s local date, not UTC', () => {
    // 23:30 UTC on 14 June is already 15 June in Rome, still 14 June in New York.
    expect(dateReasons([yearly(6, 15)], '2025-06-14T23:30:00Z', 'Europe/Rome')).toEqual([['date-today', 0, null]]);
    expect(dateReasons([yearly(6, 15)], '2025-06-14T23:30:00Z', 'America/New_York')).toEqual([]);
    expect(dateReasons([yearly(6, 15, { leadDays: 1 })], '2025-06-14T23:30:00Z', 'America/New_York')).toEqual([['date-soon', 1, null]]);
  });

  it('makes the person due from the first day of the lead time, in the user’s zone', () => {
    expect(datesDueAt([yearly(6, 20, { leadDays: 3 })], u('2025-06-01T12:00:00Z'), 'Europe/Rome', undefined)).toBe(u('2025-06-16T22:00:00Z'));
    // The date passed this year: next year's.
    expect(datesDueAt([yearly(6, 10)], u('2025-06-15T12:00:00Z'), 'UTC', undefined)).toBe(u('2026-06-10T00:00:00Z'));
    // The nearest of several.
    expect(datesDueAt([yearly(12, 1), yearly(7, 1, { id: 'd2' })], u('2025-06-15T12:00:00Z'), 'UTC', undefined)).toBe(u('2025-07-01T00:00:00Z'));
    expect(datesDueAt([], u('2025-06-15T12:00:00Z'), 'UTC', undefined)).toBeUndefined();
  });

  it('a summary is due on the day a date needs a word, and a person with a date today is listed for it', () => {
    const now = u('2025-06-15T08:00:00Z');
    const p = person({ dates: [yearly(6, 15, { kind: 'nameday' })] });
    const summary = computeSummary({ person: p, touches: [], notes: [], circles: CIRCLES, now, timeZone: 'UTC' });
    expect(summary.dueAt).toBe(u('2025-06-15T00:00:00Z'));
    const [top] = reasonsFor({ person: { ...p, summary }, notes: [], circles: CIRCLES, now, timeZone: 'UTC' });
    expect(top?.code).toBe('date-today');
    expect(top?.params).toMatchObject({ kind: 'nameday', days: 0 });
  });
});

describe('one-off dates', () => {
  const exam = once(2025, 6, 12);
  it.each<[string, PersonDate, string, number | undefined, unknown[][]]>([
    ['before, outside the lead time', once(2025, 6, 20, { leadDays: 2 }), '2025-06-15', undefined, []],
    ['before, within the lead time', once(2025, 6, 17, { leadDays: 2 }), '2025-06-15', undefined, [['soon', 2, null]]],
    ['on the day', once(2025, 6, 15), '2025-06-15', undefined, [['today', 0, null]]],
    ['the day after: ask how it went', exam, '2025-06-13', undefined, [['after', 1, null]]],
    ['days after, still unasked', exam, '2025-06-20', undefined, [['after', 8, null]]],
    ['a personal touch since the day closes it', exam, '2025-06-20', u('2025-06-13T10:00:00Z'), []],
    ['a personal touch before the day does not', exam, '2025-06-20', u('2025-06-11T10:00:00Z'), [['after', 8, null]]],
    ['dismissed', once(2025, 6, 12, { dismissedAt: 1 }), '2025-06-20', undefined, []],
    ['never comes back the next year', exam, '2026-06-12', u('2025-06-13T10:00:00Z'), []],
  ])('%s', (_, d, today, lastPersonalAt, expected) => {
    expect(statuses([d], today, lastPersonalAt)).toEqual(expected);
  });

  it('is open until a personal touch from the start of its local day', () => {
    // The exam day starts at 22:00 UTC the evening before, in Rome.
    expect(isOneOffOpen(exam, u('2025-06-11T22:30:00Z'), 'Europe/Rome')).toBe(false);
    expect(isOneOffOpen(exam, u('2025-06-11T21:30:00Z'), 'Europe/Rome')).toBe(true);
  });

  it('is due until asked, and no longer due once asked', () => {
    const now = u('2025-06-20T12:00:00Z');
    expect(datesDueAt([exam], now, 'UTC', undefined)).toBe(u('2025-06-12T00:00:00Z'));
    expect(datesDueAt([exam], now, 'UTC', u('2025-06-14T00:00:00Z'))).toBeUndefined();
    expect(dateReasons([exam], '2025-06-13T12:00:00Z')).toEqual([['date-after', 1, null]]);
  });
});
