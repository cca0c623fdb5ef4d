/**
 * Google Contacts CSV (the current "Google CSV" and the 2018 one), Outlook CSV
 * (English headers), and a plain CSV export of people.
 */
import Papa from 'papaparse';
import type { ImportSkip, ImportedPerson, ParseResult } from './types';
import {
  PeopleBag,
  addProfile,
  addUnique,
  exportProfileUrl,
  cleanText,
  columns,
  decodeText,
  normEmail,
  normPhone,
  parseBirthday,
  phoneDigits,
  profileFromUrl,
  readCsv,
} from './text';
import type { ExportPerson } from './vcard';

type Flavour = 'google' | 'google-legacy' | 'outlook';

function flavourOf(c: string[]): Flavour | undefined {
  const has = (s: string) => c.includes(s);
  if (has('given name') && has('family name') && (has('e-mail 1 - value') || has('phone 1 - value') || has('group membership'))) {
    return 'google-legacy';
  }
  if (has('first name') && has('last name') && (has('labels') || has('organization name') || has('e-mail 1 - value') || has('phone 1 - value'))) {
    return 'google';
  }
  if (has('first name') && has('last name') && (has('e-mail address') || has('mobile phone') || has('business phone') || has('job title'))) {
    return 'outlook';
  }
  return undefined;
}

/** Google puts several values of one kind in a cell, separated by " ::: ". */
function multi(v: string): string[] {
  return v
    .split(':::')
    .map((s) => s.trim())
    .filter(Boolean);
}

const OUTLOOK_PHONES = [
  'primary phone',
  'mobile phone',
  'home phone',
  'home phone 2',
  'business phone',
  'business phone 2',
  'company main phone',
  'other phone',
  'car phone',
  "assistant's phone",
  'callback',
  'radio phone',
];

export function parseContactsCsv(input: string | Uint8Array): ParseResult {
  const text = decodeText(input);
  const table = readCsv(text, (c) => flavourOf(c) !== undefined);
  const flavour = flavourOf(table.header)!;
  const col = columns(table.header);
  const numbered = (prefix: string, suffix: string) => table.header.filter((h) => h.startsWith(prefix) && h.endsWith(suffix));
  const emailCols = flavour === 'outlook' ? ['e-mail address', 'e-mail 2 address', 'e-mail 3 address'] : numbered('e-mail ', ' - value');
  const phoneCols = flavour === 'outlook' ? OUTLOOK_PHONES : numbered('phone ', ' - value');
  const webCols = flavour === 'outlook' ? ['web page'] : numbered('website ', ' - value');
  const bag = new PeopleBag();
  const skipped: ImportSkip[] = [];
  table.rows.forEach((r, i) => {
    if (r.every((c) => c.trim() === '')) return;
    const p: ImportedPerson = { key: '', name: '', emails: [], phones: [], profiles: [] };
    for (const c of emailCols) for (const v of multi(col.get(r, c))) addUnique(p.emails, normEmail(v));
    for (const c of phoneCols) for (const v of multi(col.get(r, c))) addUnique(p.phones, normPhone(v), phoneDigits);
    for (const c of webCols) for (const v of multi(col.get(r, c))) addProfile(p.profiles, profileFromUrl(v));
    let name: string;
    let company: string;
    let title: string;
    if (flavour === 'outlook') {
      name = cleanText([col.get(r, 'title'), col.get(r, 'first name'), col.get(r, 'middle name'), col.get(r, 'last name'), col.get(r, 'suffix')].join(' '));
      company = cleanText(col.get(r, 'company'));
      title = cleanText(col.get(r, 'job title'));
    } else if (flavour === 'google') {
      name = cleanText(
        [col.get(r, 'name prefix'), col.get(r, 'first name'), col.get(r, 'middle name'), col.get(r, 'last name'), col.get(r, 'name suffix')].join(' '),
      );
      company = cleanText(col.get(r, 'organization name', 'organization 1 - name'));
      title = cleanText(col.get(r, 'organization title', 'organization 1 - title'));
    } else {
      name = cleanText(col.get(r, 'name')) || cleanText([col.get(r, 'given name'), col.get(r, 'additional name'), col.get(r, 'family name')].join(' '));
      company = cleanText(col.get(r, 'organization 1 - name'));
      title = cleanText(col.get(r, 'organization 1 - title'));
    }
    name ||= cleanText(col.get(r, 'nickname', 'file as')) || company || p.emails[0] || p.phones[0] || '';
    if (!name) {
      skipped.push({ row: i + 1, reason: 'no-name' });
      return;
    }
    p.name = name;
    if (company && company !== name) p.company = company;
    if (title) p.headline = title;
    const b = parseBirthday(col.get(r, 'birthday'));
    if (b) p.birthday = b;
    bag.add(p);
  });
  return { kind: flavour === 'outlook' ? 'outlook-csv' : 'google-csv', people: bag.list(), touches: [], skipped };
}

// ---------------------------------------------------------------- writing

/** A cell starting like a spreadsheet formula is prefixed with "'" (CSV injection). */
function safeCell(s: string): string {
  if (/^[=@\t\r]/.test(s)) return `'${s}`;
  if (/^[+-]/.test(s) && !/^[+-][\d\s().-]*$/.test(s)) return `'${s}`;
  return s;
}

function pad(n: number, w: number): string {
  return String(n).padStart(w, '0');
}

export const PEOPLE_CSV_COLUMNS = [
  'Name',
  'Headline',
  'Company',
  'E-mails',
  'Phones',
  'Birthday',
  'LinkedIn',
  'Other profiles',
  'How we met',
  'Connected on',
] as const;

/**
 * People as CSV (UTF-8 with BOM so that spreadsheet programs read accents, CRLF).
 * Several e-mails / phones / profiles in one cell are separated by " ::: " as in
 * Google's CSV. Birthday: YYYY-MM-DD or --MM-DD; Connected on: YYYY-MM-DD (UTC).
 */
export function peopleCsvExport(people: ExportPerson[]): string {
  const rows = people.map((p) => {
    const li = p.profiles.filter((x) => x.site === 'linkedin').map((x) => x.url ?? exportProfileUrl(x));
    const other = p.profiles.filter((x) => x.site !== 'linkedin').map((x) => x.url ?? exportProfileUrl(x));
    const b = p.birthday;
    const bday = b ? (b.year !== undefined ? `${pad(b.year, 4)}-` : '--') + `${pad(b.month, 2)}-${pad(b.day, 2)}` : '';
    const conn = p.connectedAt !== undefined && Number.isFinite(p.connectedAt) ? new Date(p.connectedAt).toISOString().slice(0, 10) : '';
    return [
      p.name,
      p.headline ?? '',
      p.company ?? '',
      p.emails.join(' ::: '),
      p.phones.join(' ::: '),
      bday,
      li.join(' ::: '),
      other.join(' ::: '),
      p.howWeMet ?? '',
      conn,
    ].map(safeCell);
  });
  return '\uFEFF' + Papa.unparse({ fields: [...PEOPLE_CSV_COLUMNS], data: rows }, { newline: '\r\n', quotes: false }) + '\r\n';
}
