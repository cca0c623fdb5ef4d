/**
 * An e-mail address is stored only when it is a plain address: a `?`, `&`, `%` or
 * `#` would turn a mailto: link into a draft with hidden recipients or text
 * (`ada@example.com?bcc=spy%40evil.example`). Every way in refuses them, and
 * mailto: links are built with the address encoded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getSettings } from '@/lib/settings/store';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { serializeBackup } from '@/lib/backup/format';
import { collectBackup } from '@/lib/db/read';
import type { KithDB } from '@/lib/db/db';
import { addPerson, readBackup, restoreBackup } from '@/lib/db/writes';
import { parseConnections, parseContactsCsv, parseVCards } from '@/lib/import';
import { normEmail } from '@/lib/model/email';
import { mailtoHref } from '@/lib/ui/safe-url';
import { ctxAt, freshDb } from '@/tests/unit/db/helpers';
import { fixtureText } from '@/tests/unit/import/helpers';

const HOSTILE = [
  'ada@example.com?bcc=spy%40evil.example&body=Hello',
  'ada@example.com?cc=spy@evil.example',
  'ada@example.com&bcc=spy@evil.example',
  'ada%40evil.example@example.com',
  'ada@example.com#subject=hi',
  'ada@exa%6dple.com',
  'mailto:ada@example.com?bcc=spy@evil.example',
];

describe('normEmail (the one normaliser every way in uses)', () => {
  it('refuses ?, &, % and # anywhere in an address', () => {
    for (const e of HOSTILE) expect(normEmail(e)).toBeUndefined();
  });
  it('keeps plain addresses, lower-cased, without a mailto: prefix', () => {
    expect(normEmail(' Ada.Lovelace+kith@Example.org ')).toBe('ada.lovelace+kith@example.org');
    expect(normEmail('mailto:ada@example.org')).toBe('ada@example.org');
    expect(normEmail("o'brien@example.ie")).toBe("o'brien@example.ie");
  });
});

describe('mailto: links', () => {
  it('are refused for an address with parameters, even one stored before the check', () => {
    for (const e of HOSTILE) expect(mailtoHref(e)).toBeUndefined();
  });
  it('carry the address encoded: nothing after it becomes a header', () => {
    expect(mailtoHref('ada@example.org')).toBe('mailto:ada@example.org');
    expect(mailtoHref('zoë@example.org')).toBe('mailto:zo%C3%AB@example.org');
    for (const e of ['ada@example.org', 'zoë@example.org', "o'brien@example.ie"]) expect(new URL(mailtoHref(e)!).search).toBe('');
  });
});

describe('importers drop hostile addresses', () => {
  const hostile = HOSTILE[0]!;
  it('LinkedIn Connections.csv', () => {
    const csv = `First Name,Last Name,URL,Email Address,Company,Position,Connected On\nAda,Lovelace,https://www.linkedin.com/in/ada-lovelace,${hostile},Engines,,09 Oct 2024\nBob,Plain,https://www.linkedin.com/in/bob-plain,bob@example.org,,,09 Oct 2024\n`;
    const r = parseConnections(csv, { now: Date.UTC(2026, 2, 15) });
    expect(r.people.find((p) => p.name === 'Ada Lovelace')!.emails).toEqual([]);
    expect(r.people.find((p) => p.name === 'Bob Plain')!.emails).toEqual(['bob@example.org']);
  });
  it('vCard', () => {
    const r = parseVCards(`BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Ada Lovelace\r\nEMAIL;TYPE=INTERNET:${hostile}\r\nEMAIL:ada@example.org\r\nEND:VCARD\r\n`);
    expect(r.people[0]!.emails).toEqual(['ada@example.org']);
  });
  it.each([
    ['Google', 'google-contacts-current.header.reconstructed.csv', /^E-mail 1 - Value$/],
    ['Google (2018)', 'google-contacts-legacy-2018.header.csv', /^E-mail 1 - Value$/],
    ['Outlook', 'outlook-classic.header.reconstructed.csv', /^E-mail Address$/],
  ])('%s contacts CSV', (_, file, emailColumn) => {
    const header = fixtureText(`contacts-csv/${file}`).split(/\r?\n/)[0]!;
    const cols = header.split(',');
    const row = (name: string, email: string) =>
      cols
        .map((c) => {
          if (emailColumn.test(c)) return `"${email}"`;
          if (c === 'First Name' || c === 'Given Name') return name;
          if (c === 'Name') return `${name} Lovelace`;
          if (c === 'Last Name' || c === 'Family Name') return 'Lovelace';
          return '';
        })
        .join(',');
    const r = parseContactsCsv(`${header}\n${row('Ada', hostile)}\n${row('Bob', 'bob@example.org')}\n`);
    expect(r.people).toHaveLength(2);
    expect(r.people.flatMap((p) => p.emails)).toEqual(['bob@example.org']);
  });
});

describe('backup restore drops hostile addresses', () => {
  let db: KithDB;
  beforeEach(() => {
    fakeBrowser.reset();
    db = freshDb();
  });
  afterEach(() => db.delete());
  it.each(['replace', 'merge'] as const)('%s', async (mode) => {
    const source = freshDb();
    const ada = await addPerson(source, { name: 'Ada' }, ctxAt());
    await source.people.update(ada.id, { emails: [...HOSTILE, 'ada@example.org'] });
    const data = await readBackup(serializeBackup(await collectBackup(source, await getSettings())));
    await source.delete();
    await restoreBackup(db, data, ctxAt(), { mode });
    expect((await db.people.get(ada.id))!.emails).toEqual(['ada@example.org']);
  });
});
