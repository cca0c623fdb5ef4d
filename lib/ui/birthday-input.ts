/** The birthday as the forms take it: day, month and an optional year, typed in three boxes. */
import type { Birthday } from '@/lib/model/types';

export interface BirthdayDraft {
  day: string;
  month: string;
  year: string;
}

export const NO_BIRTHDAY: BirthdayDraft = { day: '', month: '', year: '' };

export function birthdayDraft(b: Birthday | undefined): BirthdayDraft {
  return b ? { day: String(b.day), month: String(b.month), year: b.year !== undefined ? String(b.year) : '' } : NO_BIRTHDAY;
}

/** The birthday typed, `undefined` when all three boxes are empty, 'invalid' when it is no date (31 February, month 13). */
export function readBirthday(d: BirthdayDraft): Birthday | undefined | 'invalid' {
  if (!d.day && !d.month && !d.year) return undefined;
  const day = Number(d.day);
  const month = Number(d.month);
  const year = d.year ? Number(d.year) : undefined;
  const ok =
    Number.isInteger(day) &&
    Number.isInteger(month) &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= new Date(Date.UTC(year ?? 2000, month, 0)).getUTCDate() &&
    (year === undefined || (Number.isInteger(year) && year > 1900 && year < 2200));
  return ok ? { day, month, ...(year !== undefined ? { year } : {}) } : 'invalid';
}
