import { describe, expect, it } from 'vitest';
import { inQuietHours, localParts, nextDigestCheck, parseHHMM, shouldShowDigest } from '@/lib/background/digest';

const ROME = 'Europe/Rome';
/** An instant at a Rome wall-clock time on 2026-11-25 (UTC+1). */
const rome = (hh: number, mm = 0) => Date.UTC(2026, 10, 25, hh - 1, mm);
const base = { timeZone: ROME, digestTime: '09:00', quietStart: '22:00', quietEnd: '08:00', enabled: true, waiting: 3 };

describe('the daily digest', () => {
  it.each([
    ['before the digest time', rome(8, 59), undefined, 3, false],
    ['at the digest time', rome(9, 0), undefined, 3, true],
    ['later the same day, if it was missed (browser closed at 9)', rome(15, 30), undefined, 3, true],
    ['not twice the same day', rome(15, 30), '2026-11-25', 3, false],
    ['the next day again', rome(9, 5) + 86_400_000, '2026-11-25', 3, true],
    ['never when nobody is waiting', rome(9, 0), undefined, 0, false],
    ['never in quiet hours, even if missed', rome(23, 0), undefined, 3, false],
  ] as const)('%s', (_name, now, lastDigestDay, waiting, show) => {
    expect(shouldShowDigest({ ...base, now, waiting, ...(lastDigestDay ? { lastDigestDay } : {}) })).toBe(show);
  });

  it('is off when the user turned it off', () => {
    expect(shouldShowDigest({ ...base, now: rome(9), enabled: false })).toBe(false);
  });

  it('wakes at the digest time today, or tomorrow once it has passed', () => {
    expect(new Date(nextDigestCheck(rome(7, 10), ROME, '09:00', '22:00', '08:00')).toISOString()).toBe('2026-11-25T08:00:00.000Z');
    expect(new Date(nextDigestCheck(rome(10, 0), ROME, '09:00', '22:00', '08:00')).toISOString()).toBe('2026-11-26T08:00:00.000Z');
  });

  it('a digest time inside quiet hours waits for their end', () => {
    expect(new Date(nextDigestCheck(rome(21, 0), ROME, '23:00', '22:00', '08:00')).toISOString()).toBe('2026-11-26T07:00:00.000Z');
  });

  it('keeps the local time across the change to summer time', () => {
    // 2026-03-29 in Rome: 02:00 becomes 03:00. 09:00 local is 07:00 UTC that day.
    expect(new Date(nextDigestCheck(Date.UTC(2026, 2, 28, 12), ROME, '09:00', '22:00', '08:00')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
  });

  it('reads the local clock and quiet hours that wrap past midnight', () => {
    expect(localParts(rome(9, 30), ROME)).toEqual({ day: '2026-11-25', minutes: 9 * 60 + 30 });
    expect(parseHHMM('7:05')).toBe(425);
    expect(inQuietHours(parseHHMM('23:30'), '22:00', '08:00')).toBe(true);
    expect(inQuietHours(parseHHMM('07:59'), '22:00', '08:00')).toBe(true);
    expect(inQuietHours(parseHHMM('08:00'), '22:00', '08:00')).toBe(false);
    expect(inQuietHours(parseHHMM('13:00'), '12:00', '14:00')).toBe(true);
    expect(inQuietHours(parseHHMM('13:00'), '10:00', '10:00')).toBe(false);
  });
});
