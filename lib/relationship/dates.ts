/**
 * The rules of a person's dates besides the birthday (`PersonDate`): which are
 * valid, when each is next, from which local day it is worth a word, and what
 * it says today. Pure: a clock, a time zone and the dates in.
 *
 * Yearly dates follow the birthday's rules (`./birthday.ts`): 29 February is
 * kept on 28 February in non-leap years, the year is optional, and "next" is
 * the next celebration on or after today in the user's time zone. A one-off
 * date happens once; after it, it asks how it went until the user logs a
 * personal touch from that day on, or dismisses it.
 */
import type { PersonDate, PersonDateKind } from '@/lib/model/types';
import { celebrationKey, isValidBirthday, nextCelebrationKey } from './birthday';
import { addDaysToKey, daysBetweenKeys, keyOf, localDayKey, parseDayKey, startOfLocalDate } from './time';

export const PERSON_DATE_KINDS: readonly PersonDateKind[] = ['nameday', 'wedding', 'work', 'child', 'other'];
/** The most days ahead a reminder may start (two months: enough to plan a trip). */
export const MAX_LEAD_DAYS = 60;
export const MAX_DATE_LABEL = 80;
/** Years are typed by hand: from 1900 to a few years ahead (a one-off date may be planned far out). */
export const MIN_DATE_YEAR = 1900;
export const DATE_YEARS_AHEAD = 10;
/** More dates than anyone keeps for one person: a bound on what a backup can carry in. */
export const MAX_DATES_PER_PERSON = 50;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Day and month valid (29 February too), year (when present) within range; a one-off date needs a year, and a day that year has. */
export function isValidPersonDate(d: Pick<PersonDate, 'month' | 'day' | 'year' | 'once'>, thisYear: number): boolean {
  if (!isValidBirthday({ month: d.month, day: d.day })) return false;
  if (d.year !== undefined && (!Number.isInteger(d.year) || d.year < MIN_DATE_YEAR || d.year > thisYear + DATE_YEARS_AHEAD)) return false;
  if (d.once) return d.year !== undefined && d.day <= daysInMonth(d.year, d.month);
  return true;
}

/**
 * Whatever was stored or restored, as dates the rules can use: invalid ones
 * dropped, labels trimmed and bounded, lead times whole days within range,
 * ids unique. Never throws.
 */
export function normalizePersonDates(raw: unknown, thisYear: number): PersonDate[] {
  if (!Array.isArray(raw)) return [];
  const out: PersonDate[] = [];
  const ids = new Set<string>();
  for (const r of raw as unknown[]) {
    if (out.length >= MAX_DATES_PER_PERSON) break;
    if (typeof r !== 'object' || r === null) continue;
    const x = r as Record<string, unknown>;
    const num = (v: unknown) => (typeof v === 'number' && Number.isInteger(v) ? v : undefined);
    const month = num(x.month);
    const day = num(x.day);
    const year = num(x.year);
    const once = x.once === true;
    if (typeof x.id !== 'string' || x.id === '' || ids.has(x.id) || month === undefined || day === undefined) continue;
    if (!isValidPersonDate({ month, day, year, once }, thisYear)) continue;
    const kind = PERSON_DATE_KINDS.includes(x.kind as PersonDateKind) ? (x.kind as PersonDateKind) : 'other';
    const label = typeof x.label === 'string' ? x.label.trim().slice(0, MAX_DATE_LABEL) : '';
    const lead = num(x.leadDays);
    const d: PersonDate = { id: x.id, kind, month, day };
    if (label) d.label = label;
    if (year !== undefined) d.year = year;
    if (once) d.once = true;
    if (lead !== undefined && lead > 0) d.leadDays = Math.min(lead, MAX_LEAD_DAYS);
    if (typeof x.dismissedAt === 'number' && Number.isFinite(x.dismissedAt)) d.dismissedAt = x.dismissedAt;
    ids.add(x.id);
    out.push(d);
  }
  return out;
}

/** The local day a one-off date falls on. */
export function oneOffKey(d: PersonDate): string {
  return keyOf(d.year ?? 0, d.month, d.day);
}

/** A yearly date's next celebration on or after `todayKey`; a one-off date's own day. */
export function nextOccurrenceKey(d: PersonDate, todayKey: string): string {
  return d.once ? oneOffKey(d) : nextCelebrationKey(d, todayKey);
}

/**
 * A one-off date still waits for "how did it go?": not dismissed, and no
 * personal touch since its day began.
 */
export function isOneOffOpen(d: PersonDate, lastPersonalAt: number | undefined, timeZone: string): boolean {
  if (!d.once || d.dismissedAt !== undefined) return false;
  return lastPersonalAt === undefined || lastPersonalAt < startOfLocalDate(oneOffKey(d), timeZone);
}

/** The local day from which the date is worth a word (its lead time before it), or none (a one-off date that is closed). */
export function reminderStartKey(d: PersonDate, todayKey: string, lastPersonalAt: number | undefined, timeZone: string): string | undefined {
  if (d.once && !isOneOffOpen(d, lastPersonalAt, timeZone)) return undefined;
  return addDaysToKey(nextOccurrenceKey(d, todayKey), -(d.leadDays ?? 0));
}

/**
 * The earliest instant any of the dates needs a word: for the summary's `dueAt`,
 * so the reach-out list finds the person through its due buckets without a
 * new index. Like the birthday eve, it goes stale once the day passes, and the
 * daily refresh recomputes it.
 */
export function datesDueAt(dates: readonly PersonDate[] | undefined, now: number, timeZone: string, lastPersonalAt: number | undefined): number | undefined {
  if (!dates || dates.length === 0) return undefined;
  const today = localDayKey(now, timeZone);
  let first: string | undefined;
  for (const d of dates) {
    const start = reminderStartKey(d, today, lastPersonalAt, timeZone);
    if (start !== undefined && (first === undefined || start < first)) first = start;
  }
  return first === undefined ? undefined : startOfLocalDate(first, timeZone);
}

export type DateMoment = 'today' | 'soon' | 'after';

export interface DateStatus {
  date: PersonDate;
  moment: DateMoment;
  /** soon: days until it; after: days since it; today: 0. */
  days: number;
  /** Years since the date's year, when known and positive (a tenth anniversary). */
  years?: number;
}

/** What each date says on `todayKey`: on its day, within its lead time, or (one-off, open) after it. Nearest first. */
export function dateStatuses(dates: readonly PersonDate[] | undefined, todayKey: string, lastPersonalAt: number | undefined, timeZone: string): DateStatus[] {
  const out: DateStatus[] = [];
  for (const d of dates ?? []) {
    if (d.once) {
      if (!isOneOffOpen(d, lastPersonalAt, timeZone)) continue;
      const days = daysBetweenKeys(todayKey, oneOffKey(d));
      if (days === 0) out.push({ date: d, moment: 'today', days: 0 });
      else if (days > 0 && days <= (d.leadDays ?? 0)) out.push({ date: d, moment: 'soon', days });
      else if (days < 0) out.push({ date: d, moment: 'after', days: -days });
      continue;
    }
    const next = nextCelebrationKey(d, todayKey);
    const days = daysBetweenKeys(todayKey, next);
    if (days > (d.leadDays ?? 0)) continue;
    const status: DateStatus = { date: d, moment: days === 0 ? 'today' : 'soon', days };
    const years = d.year !== undefined ? parseDayKey(next).year - d.year : 0;
    if (years > 0) status.years = years;
    out.push(status);
  }
  return out.sort((a, b) => a.days - b.days || (a.date.id < b.date.id ? -1 : a.date.id > b.date.id ? 1 : 0));
}

/** The day a yearly date is celebrated in `year` (29 February on 28 February in other years). */
export function dateCelebrationKey(d: PersonDate, year: number): string {
  return d.once ? oneOffKey(d) : celebrationKey(d, year);
}
