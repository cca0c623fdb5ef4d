import { describe, expect, it } from 'vitest';
import { foldName, nameDayFor, namesCelebratedOn } from '@/lib/relationship/nameday';
import { NAME_DAYS } from '@/lib/relationship/namedays';
import { isValidPersonDate } from '@/lib/relationship/dates';

describe('the name-day table', () => {
  it('covers the common Italian first names with valid days, keyed folded', () => {
    const names = Object.keys(NAME_DAYS);
    expect(names.length).toBeGreaterThanOrEqual(300);
    for (const n of names) {
      expect(foldName(n), n).toBe(n);
      expect(n, n).toMatch(/^[a-z]+$/);
      const v = NAME_DAYS[n]!;
      expect(v, n).toMatch(/^\d{2}-\d{2}$/);
      expect(isValidPersonDate({ month: Number(v.slice(0, 2)), day: Number(v.slice(3)) }, 2026), n).toBe(true);
    }
  });

  it.each<[string, string]>([
    ['giuseppe', '03-19'],
    ['giulia', '05-22'],
    ['francesco', '10-04'],
    ['maria', '09-12'],
    ['giovanni', '06-24'],
    ['lucia', '12-13'],
  ])('%s is on %s', (name, day) => {
    expect(NAME_DAYS[name]).toBe(day);
  });
});

describe('looking up a person’s name day', () => {
  it.each<[string, { month: number; day: number; firstName: string } | undefined]>([
    ['Giulia Rossi', { month: 5, day: 22, firstName: 'Giulia' }],
    ['GIUSEPPE VERDI', { month: 3, day: 19, firstName: 'GIUSEPPE' }],
    ['giuseppe', { month: 3, day: 19, firstName: 'giuseppe' }],
    ['  Niccolò Ammaniti ', { month: 12, day: 6, firstName: 'Niccolò' }],
    ['Nicolo Barella', { month: 12, day: 6, firstName: 'Nicolo' }],
    ['Giosuè Carducci', { month: 9, day: 1, firstName: 'Giosuè' }],
    ['Mosè Bianchi', { month: 9, day: 4, firstName: 'Mosè' }],
    ['Maria Grazia Cucinotta', { month: 7, day: 2, firstName: 'Maria Grazia' }],
    ['Mariagrazia Neri', { month: 7, day: 2, firstName: 'Mariagrazia' }],
    ['Gian Luca Zambrotta', { month: 10, day: 18, firstName: 'Gian Luca' }],
    ['Gian-Marco Tamberi', { month: 4, day: 25, firstName: 'Gian Marco' }],
    ['Anna Maria Ortese', { month: 7, day: 26, firstName: 'Anna Maria' }],
    // A second word that is a surname is not a compound: the first name alone.
    ['Maria Rossi', { month: 9, day: 12, firstName: 'Maria' }],
    ['Gian Rossi', undefined],
    ['Kevin Smith', undefined],
    ['', undefined],
    ['constructor', undefined],
  ])('%j', (name, expected) => {
    expect(nameDayFor(name)).toEqual(expected);
  });

  it('lists the names celebrated on a day', () => {
    expect(namesCelebratedOn(3, 19)).toEqual(expect.arrayContaining(['giuseppe', 'giuseppina']));
    expect(namesCelebratedOn(2, 30)).toEqual([]);
  });
});
