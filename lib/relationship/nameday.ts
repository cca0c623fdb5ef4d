/**
 * The name day of a person's first name, from the table in `./namedays.ts`
 * (its source and licence are written there). Matching ignores case and
 * accents; a compound first name ("Maria Grazia", "Gian Luca", "Gian-Marco")
 * is tried joined first, then its first word alone.
 */
import { NAME_DAYS } from './namedays';

export interface NameDay {
  month: number;
  day: number;
  /** The first name as the person's name spells it ("Maria Grazia", "Niccolò"). */
  firstName: string;
}

/** Lower case, without accents or apostrophes ("Niccolò" → "niccolo", "D'Angelo" → "dangelo"). */
export function foldName(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/['’`]/g, '');
}

function parse(mmdd: string): { month: number; day: number } {
  return { month: Number(mmdd.slice(0, 2)), day: Number(mmdd.slice(3, 5)) };
}

/** The name day of the first name in `fullName`, if the table has it. */
export function nameDayFor(fullName: string): NameDay | undefined {
  const words = fullName
    .trim()
    .split(/[\s\-]+/)
    .filter(Boolean);
  const first = words[0];
  if (first === undefined) return undefined;
  const second = words[1];
  if (second !== undefined) {
    const joined = foldName(first + second);
    if (Object.hasOwn(NAME_DAYS, joined)) return { ...parse(NAME_DAYS[joined]!), firstName: `${first} ${second}` };
  }
  const key = foldName(first);
  const hit = Object.hasOwn(NAME_DAYS, key) ? NAME_DAYS[key] : undefined;
  return hit === undefined ? undefined : { ...parse(hit), firstName: first };
}

/** Every first name (folded) whose name day is this month and day: for tests and seeding. */
export function namesCelebratedOn(month: number, day: number): string[] {
  const mmdd = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return Object.keys(NAME_DAYS).filter((k) => NAME_DAYS[k] === mmdd);
}
