import type { Birthday } from '@/lib/model/types';
import { keyOf, parseDayKey } from './time';

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function isValidBirthday(b: Birthday | undefined): b is Birthday {
  return (
    b !== undefined &&
    Number.isInteger(b.month) &&
    Number.isInteger(b.day) &&
    b.month >= 1 &&
    b.month <= 12 &&
    b.day >= 1 &&
    // 2000 is a leap year: 29 February is valid, 30 February and 31 April are not.
    b.day <= daysInMonth(2000, b.month)
  );
}

/** "MM-DD", for the equality index (29 February stays "02-29"). */
export function birthdayKeyOf(b: Birthday | undefined): string | undefined {
  if (!isValidBirthday(b)) return undefined;
  return `${String(b.month).padStart(2, '0')}-${String(b.day).padStart(2, '0')}`;
}

/**
 * The day key on which the birthday is celebrated in `year`: 29 February is
 * celebrated on 28 February in non-leap years (the common convention, and it
 * keeps the birthday in February instead of a day late).
 */
export function celebrationKey(b: Birthday, year: number): string {
  return keyOf(year, b.month, Math.min(b.day, daysInMonth(year, b.month)));
}

/** The next celebration on or after `todayKey` (today included). */
export function nextCelebrationKey(b: Birthday, todayKey: string): string {
  const { year } = parseDayKey(todayKey);
  const thisYear = celebrationKey(b, year);
  return thisYear >= todayKey ? thisYear : celebrationKey(b, year + 1);
}

/**
 * The `birthdayKey` values celebrated on a local date: for an index query
 * ("whose birthday is today?"). On 28 February of a non-leap year this includes
 * "02-29".
 */
export function birthdayKeysCelebratedOn(dayKey: string): string[] {
  const { year, month, day } = parseDayKey(dayKey);
  const keys = [dayKey.slice(5)];
  if (month === 2 && day === 28 && daysInMonth(year, 2) === 28) keys.push('02-29');
  return keys;
}
