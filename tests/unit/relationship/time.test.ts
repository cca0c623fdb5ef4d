import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDaysToKey, dayIndex, daysBetweenKeys, localDayKey, localDayKeyExact, startOfLocalDate, startOfLocalDay } from '@/lib/relationship/time';

const u = (iso: string) => Date.parse(iso);

describe('localDayKey', () => {
  it.each([
    ['2025-06-15T23:30:00Z', 'Europe/Rome', '2025-06-16'],
    ['2025-06-15T23:30:00Z', 'America/Los_Angeles', '2025-06-15'],
    ['2025-06-15T11:59:59Z', 'Pacific/Auckland', '2025-06-15'],
    ['2025-06-15T12:00:00Z', 'Pacific/Auckland', '2025-06-16'],
    ['2025-06-15T06:59:59Z', 'America/Los_Angeles', '2025-06-14'],
    ['2025-06-15T07:00:00Z', 'America/Los_Angeles', '2025-06-15'],
    ['2025-03-29T22:59:59Z', 'Europe/Rome', '2025-03-29'],
    ['2025-03-29T23:00:00Z', 'Europe/Rome', '2025-03-30'],
    ['2025-03-30T21:59:59Z', 'Europe/Rome', '2025-03-30'], // 23:59:59 CEST
    ['2025-10-26T22:59:59Z', 'Europe/Rome', '2025-10-26'], // 23:59:59 CET
    ['2025-10-26T23:00:00Z', 'Europe/Rome', '2025-10-27'],
    ['2024-12-31T23:00:00Z', 'Europe/Rome', '2025-01-01'],
    ['2025-06-15T12:00:00Z', 'UTC', '2025-06-15'],
  ])('%s in %s -> %s', (iso, tz, key) => {
    expect(localDayKey(u(iso), tz)).toBe(key);
  });
});

describe('startOfLocalDay', () => {
  it.each([
    // Rome, spring forward (Sun 30 Mar 2025, 02:00 -> 03:00): midnight is still CET.
    ['2025-03-30T12:00:00Z', 'Europe/Rome', '2025-03-29T23:00:00Z'],
    ['2025-03-30T00:30:00Z', 'Europe/Rome', '2025-03-29T23:00:00Z'], // 01:30 CET
    ['2025-03-30T01:30:00Z', 'Europe/Rome', '2025-03-29T23:00:00Z'], // 03:30 CEST
    ['2025-03-31T12:00:00Z', 'Europe/Rome', '2025-03-30T22:00:00Z'],
    // Rome, fall back (Sun 26 Oct 2025, 03:00 -> 02:00): midnight is still CEST.
    ['2025-10-26T00:30:00Z', 'Europe/Rome', '2025-10-25T22:00:00Z'], // 02:30 CEST (first)
    ['2025-10-26T01:30:00Z', 'Europe/Rome', '2025-10-25T22:00:00Z'], // 02:30 CET (second)
    ['2025-10-26T22:59:59Z', 'Europe/Rome', '2025-10-25T22:00:00Z'],
    ['2025-10-27T12:00:00Z', 'Europe/Rome', '2025-10-26T23:00:00Z'],
    // Exactly at the start.
    ['2025-03-29T23:00:00Z', 'Europe/Rome', '2025-03-29T23:00:00Z'],
    ['2025-06-15T12:00:00Z', 'Pacific/Auckland', '2025-06-15T12:00:00Z'],
    ['2025-06-15T12:00:00Z', 'America/Los_Angeles', '2025-06-15T07:00:00Z'],
    ['2025-06-15T12:00:00Z', 'UTC', '2025-06-15T00:00:00Z'],
    // Santiago skips midnight (8 Sep 2024, 00:00 -> 01:00): the day starts at the jump.
    ['2024-09-08T12:00:00Z', 'America/Santiago', '2024-09-08T04:00:00Z'],
    ['2024-09-07T12:00:00Z', 'America/Santiago', '2024-09-07T04:00:00Z'],
  ])('%s in %s -> %s', (iso, tz, start) => {
    expect(new Date(startOfLocalDay(u(iso), tz)).toISOString()).toBe(new Date(u(start)).toISOString());
  });

  it.each([
    ['Europe/Rome', '2025-03-30', 23],
    ['Europe/Rome', '2025-10-26', 25],
    ['Europe/Rome', '2025-06-15', 24],
    ['America/Los_Angeles', '2025-03-09', 23],
    ['America/Los_Angeles', '2025-11-02', 25],
    ['America/Santiago', '2024-09-08', 23],
  ])('%s: %s lasts %i hours', (tz, key, hours) => {
    const len = startOfLocalDate(addDaysToKey(key, 1), tz) - startOfLocalDate(key, tz);
    expect(len).toBe(hours * 3_600_000);
  });

  it('agrees with localDayKey every hour for a year in Rome', () => {
    const tz = 'Europe/Rome';
    for (let t = u('2025-01-01T00:00:00Z'); t < u('2026-01-01T00:00:00Z'); t += 3_600_000) {
      const start = startOfLocalDay(t, tz);
      expect(start).toBeLessThanOrEqual(t);
      expect(localDayKey(start, tz)).toBe(localDayKey(t, tz));
      expect(localDayKey(start - 1, tz)).not.toBe(localDayKey(t, tz));
    }
  });
});

describe('day keys', () => {
  it.each([
    ['2025-06-15', 1, '2025-06-16'],
    ['2025-06-30', 1, '2025-07-01'],
    ['2025-12-31', 1, '2026-01-01'],
    ['2025-03-01', -1, '2025-02-28'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2025-06-15', -365, '2024-06-15'],
  ])('%s + %i = %s', (key, n, out) => {
    expect(addDaysToKey(key, n)).toBe(out);
    expect(daysBetweenKeys(key, out)).toBe(n);
  });

  it('dayIndex counts from 1970-01-01', () => {
    expect(dayIndex('1970-01-01')).toBe(0);
    expect(dayIndex('1970-01-02')).toBe(1);
    expect(dayIndex('1969-12-31')).toBe(-1);
  });
});

describe('localDayKey: the offset read once per zone and UTC day gives the exact date', () => {
  const ZONES = [
    'UTC',
    'Europe/Rome',
    'Europe/Dublin',
    'America/Santiago',
    'America/St_Johns',
    'Australia/Lord_Howe',
    'Asia/Kolkata',
    'Pacific/Apia',
    'Pacific/Chatham',
    'Antarctica/Troll',
    'America/New_York',
    'Asia/Tehran',
  ];

  it('agrees with Intl read for that very instant, for any instant from 1900 to 2100', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ZONES), fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }), (tz, t) => {
        expect(localDayKey(t, tz)).toBe(localDayKeyExact(t, tz));
      }),
      { numRuns: 3000 },
    );
  });

  it('agrees every minute around DST switches and a skipped day', () => {
    const around = [
      ['Europe/Rome', Date.UTC(2026, 2, 29, 1)], // spring forward at 01:00 UTC
      ['Europe/Rome', Date.UTC(2026, 9, 25, 1)], // fall back at 01:00 UTC
      ['America/Santiago', Date.UTC(2026, 8, 6, 4)], // midnight skipped
      ['Australia/Lord_Howe', Date.UTC(2026, 3, 4, 15)], // half-hour DST ends
      ['Pacific/Apia', Date.UTC(2011, 11, 30, 10)], // 30 December 2011 never happened there
    ] as const;
    for (const [tz, at] of around) {
      for (let t = at - 36 * 3_600_000; t <= at + 36 * 3_600_000; t += 60_000) expect(localDayKey(t, tz)).toBe(localDayKeyExact(t, tz));
    }
  });
});
