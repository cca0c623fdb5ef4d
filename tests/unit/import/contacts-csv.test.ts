// @vitest-environment node
import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { PEOPLE_CSV_COLUMNS, parseContactsCsv, peopleCsvExport, type ImportedPerson } from '@/lib/import';
import { VARIANTS, buildFile, expectWellFormed, fixtureText, vname } from './helpers';

/** A CSV row for a header, from a {column: value} map (other cells empty). */
function rowFor(header: string, values: Record<string, string>): string {
  const cols = header.trim().split(',');
  for (const k of Object.keys(values)) if (!cols.includes(k)) throw new Error(`no column ${k}`);
  return Papa.unparse([cols.map((c) => values[c] ?? '')], { newline: '\n' });
}

const GOOGLE = fixtureText('contacts-csv/google-contacts-current.header.reconstructed.csv');
const LEGACY = fixtureText('contacts-csv/google-contacts-legacy-2018.header.csv');
const OUTLOOK = fixtureText('contacts-csv/outlook-classic.header.reconstructed.csv');

describe('Google CSV (current)', () => {
  const rows = [
    rowFor(GOOGLE, {
      'First Name': 'Ada',
      'Last Name': 'Lovelace',
      'Organization Name': 'Analytical Engines Ltd',
      'Organization Title': 'Chief Mathematician',
      Birthday: '--04-12',
      'E-mail 1 - Label': '* Home',
      'E-mail 1 - Value': 'ada@example.com ::: Ada.L@engines.example',
      'Phone 1 - Label': 'Mobile',
      'Phone 1 - Value': '+44 20 7946 0018',
      'Website 1 - Label': 'Profile',
      'Website 1 - Value': 'https://www.linkedin.com/in/ada-lovelace-0a1b2c',
    }),
    rowFor(GOOGLE, { 'First Name': 'Min-jun', 'Last Name': 'Park', 'Name Suffix': 'CFA', Birthday: '1990-02-03', 'Phone 1 - Value': '010-1234-5678' }),
    rowFor(GOOGLE, { 'Organization Name': 'Studio Rossi', 'E-mail 1 - Value': 'info@studiorossi.example' }),
    rowFor(GOOGLE, { Notes: 'nobody' }),
  ].join('\n');
  for (const v of VARIANTS) {
    it(vname(v), () => {
      const r = parseContactsCsv(buildFile(GOOGLE, rows, v));
      expectWellFormed(r);
      expect(r.kind).toBe('google-csv');
      expect(r.people).toHaveLength(3);
      expect(r.people[0]).toMatchObject({
        key: 'linkedin:ada-lovelace-0a1b2c',
        name: 'Ada Lovelace',
        company: 'Analytical Engines Ltd',
        headline: 'Chief Mathematician',
        emails: ['ada@example.com', 'ada.l@engines.example'],
        phones: ['+44 20 7946 0018'],
        birthday: { month: 4, day: 12 },
      });
      expect(r.people[1]).toMatchObject({ name: 'Min-jun Park CFA', birthday: { year: 1990, month: 2, day: 3 }, key: 'phone:01012345678' });
      expect(r.people[2]).toMatchObject({ name: 'Studio Rossi', emails: ['info@studiorossi.example'] });
      expect(r.people[2]!.company).toBeUndefined();
      expect(r.skipped).toEqual([{ row: 4, reason: 'no-name' }]);
    });
  }
});

describe('Google CSV (2018 header)', () => {
  it('reads Name, E-mail N - Value, Organization 1', () => {
    const rows = rowFor(LEGACY, {
      Name: 'Chiara Rossi',
      'Given Name': 'Chiara',
      'Family Name': 'Rossi',
      Birthday: '1988-12-24',
      'E-mail 1 - Type': '* Work',
      'E-mail 1 - Value': 'chiara.rossi@example.it',
      'Phone 1 - Type': 'Mobile',
      'Phone 1 - Value': '+39 333 000 1111 ::: +39 011 555 0101',
      'Organization 1 - Name': 'Studio Rossi',
      'Organization 1 - Title': 'Architetta',
      'Website 1 - Value': 'https://x.com/chiara_arch',
    });
    const r = parseContactsCsv(buildFile(LEGACY, rows, VARIANTS[0]!));
    expectWellFormed(r);
    expect(r.kind).toBe('google-csv');
    expect(r.people[0]).toMatchObject({
      name: 'Chiara Rossi',
      company: 'Studio Rossi',
      headline: 'Architetta',
      emails: ['chiara.rossi@example.it'],
      phones: ['+39 333 000 1111', '+39 011 555 0101'],
      birthday: { year: 1988, month: 12, day: 24 },
      profiles: [{ site: 'x', handle: 'chiara_arch' }],
    });
  });
});

describe('Outlook CSV', () => {
  it('reads names, phones, e-mails, 0/0/00 birthdays; Windows-1252 bytes', () => {
    const rows = [
      rowFor(OUTLOOK, {
        'First Name': 'Björn',
        'Last Name': 'Ångström',
        Company: 'Nordic Fjord AB',
        'Job Title': 'Founder',
        'E-mail Address': 'bjorn@fjord.example',
        'E-mail 2 Address': 'b@fjord.example',
        'Mobile Phone': '+46 70 123 45 67',
        'Business Phone': '08-123 456 78',
        Birthday: '7/14/1985',
      }),
      rowFor(OUTLOOK, { 'First Name': 'Dev', 'Last Name': 'Patel', Birthday: '0/0/00', 'Web Page': 'https://www.linkedin.com/in/dev-patel-77/' }),
    ].join('\r\n');
    const text = `${OUTLOOK.trim()}\r\n${rows}\r\n`;
    const bytes = Uint8Array.from([...text].map((c) => c.charCodeAt(0))); // latin-1 == cp1252 here
    const r = parseContactsCsv(bytes);
    expectWellFormed(r);
    expect(r.kind).toBe('outlook-csv');
    expect(r.people[0]).toMatchObject({
      name: 'Björn Ångström',
      company: 'Nordic Fjord AB',
      headline: 'Founder',
      emails: ['bjorn@fjord.example', 'b@fjord.example'],
      phones: ['+46 70 123 45 67', '08-123 456 78'],
      birthday: { year: 1985, month: 7, day: 14 },
    });
    expect(r.people[1]).toMatchObject({ key: 'linkedin:dev-patel-77' });
    expect(r.people[1]!.birthday).toBeUndefined();
  });

  it('unknown header -> wrong-columns', () => {
    expect(() => parseContactsCsv('Foo,Bar\n1,2\n')).toThrow(expect.objectContaining({ code: 'wrong-columns' }));
  });
});

describe('peopleCsvExport', () => {
  it('writes a header, one row per person, guards formulas, reads back with papaparse', () => {
    const people: ImportedPerson[] = [
      {
        key: 'a',
        name: 'Ada Lovelace',
        company: 'AE, Ltd',
        emails: ['ada@example.com', 'a@b.example'],
        phones: ['+44 20 7946 0018'],
        profiles: [{ site: 'linkedin', handle: 'ada' }],
        birthday: { month: 4, day: 12 },
        connectedAt: Date.UTC(2024, 9, 9),
      },
      { key: 'b', name: '=HYPERLINK("http://evil")', howWeMet: 'Line 1\nLine 2', emails: [], phones: [], profiles: [] },
    ];
    const csv = peopleCsvExport(people);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true }).data;
    expect(parsed[0]).toEqual([...PEOPLE_CSV_COLUMNS]);
    expect(parsed[1]).toEqual([
      'Ada Lovelace',
      '',
      'AE, Ltd',
      'ada@example.com ::: a@b.example',
      '+44 20 7946 0018',
      '--04-12',
      'https://www.linkedin.com/in/ada',
      '',
      '',
      '2024-10-09',
    ]);
    expect(parsed[2]![0]).toBe('\'=HYPERLINK("http://evil")');
    expect(parsed[2]![8]).toBe('Line 1\nLine 2');
  });
});
