// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { ImportError, parseVCards, vcardExport, type ImportedPerson } from '@/lib/import';
import { expectWellFormed, fixtureBytes, listFixtures } from './helpers';

const ALL = [...listFixtures('vcard/ez-vcard', '.vcf'), ...listFixtures('vcard/node-vcf', '.vcf'), ...listFixtures('synthetic', '.vcf')];

describe('parseVCards on every fixture', () => {
  it.each(ALL)('%s', (f) => {
    const r = parseVCards(fixtureBytes(f));
    expectWellFormed(r);
    expect(r.people.length + r.skipped.length).toBeGreaterThan(0);
  });
});

const byName = (people: ImportedPerson[], name: string) => {
  const p = people.find((x) => x.name === name);
  if (!p) throw new Error(`${name} not in ${people.map((x) => x.name).join(' | ')}`);
  return p;
};

describe('parseVCards details', () => {
  it('iPhone 3.0: groups, X-ABLabel, several TEL/EMAIL, BDAY with value=date', () => {
    const r = parseVCards(fixtureBytes('vcard/ez-vcard/John_Doe_IPHONE.vcf'));
    const john = r.people[0]!;
    expect(john.name).toBe('Mr. John Richter James Doe Sr.');
    expect(john.company).toBe('IBM');
    expect(john.headline).toBe('Money Counter');
    expect(john.emails).toEqual(['john.doe@ibm.com']);
    expect(john.phones).toEqual(['905-555-1234', '905-666-1234', '905-777-1234', '905-888-1234', '905-999-1234', '905-111-1234', '905-222-1234']);
    expect(john.birthday).toEqual({ year: 2012, month: 6, day: 6 });
  });

  it('Mac Address Book: escaped commas in FN', () => {
    const john = parseVCards(fixtureBytes('vcard/ez-vcard/John_Doe_MAC_ADDRESS_BOOK.vcf')).people[0]!;
    expect(john.name).toBe('Mr. John Richter,James Doe Sr.');
  });

  it('Android 2.1: QUOTED-PRINTABLE UTF-8 with soft line breaks', () => {
    const r = parseVCards(fixtureBytes('vcard/ez-vcard/John_Doe_ANDROID.vcf'));
    expect(r.people.map((p) => p.name)).toContain('Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ Ñ');
    expect(r.people.some((p) => p.emails.includes('john.doe@company.com'))).toBe(true);
    // a card with only an e-mail is kept, named by its e-mail
    expect(r.people.some((p) => p.name === 'jane.doe@company.com')).toBe(true);
  });

  it('Outlook 2007: QP soft breaks do not leak into properties; BDAY YYYYMMDD', () => {
    const r = parseVCards(fixtureBytes('vcard/ez-vcard/outlook-2007.vcf'));
    expect(r.people).toHaveLength(1);
    expect(r.people[0]!.birthday).toEqual({ year: 1922, month: 3, day: 10 });
  });

  it('RFC 6350 example with LF only: BDAY --0203 has no year, tel: URIs', () => {
    const p = parseVCards(fixtureBytes('vcard/ez-vcard/rfc6350-example.vcf')).people[0]!;
    expect(p.name).toBe('Simon Perreault');
    expect(p.birthday).toEqual({ month: 2, day: 3 });
    expect(p.phones).toEqual(['+1-418-656-9254', '+1-418-262-6501']);
    expect(p.emails).toEqual(['simon.perreault@viagenie.ca']);
    expect(p.company).toBe('Viagenie');
  });

  it('XING 2.1 with CHARSET=ISO-8859-1 on plain values; several cards per file', () => {
    expect(parseVCards(fixtureBytes('vcard/node-vcf/xing.vcf')).people[0]).toMatchObject({
      name: 'Hans-Peter Mustermann',
      company: 'Example GmbH',
      headline: 'CTO',
    });
    expect(parseVCards(fixtureBytes('vcard/node-vcf/multiple.vcf')).people).toHaveLength(1); // three cards, same e-mail -> one person
    expect(parseVCards(fixtureBytes('vcard/ez-vcard/gmail-list.vcf')).people.map((p) => p.name)).toEqual(['Arnold Smith', 'Chris Beatle', 'Doug White']);
  });

  it('Apple iOS 17: X-SOCIALPROFILE, X-APPLE-OMIT-YEAR, item groups, --MMDD', () => {
    const r = parseVCards(fixtureBytes('synthetic/apple-ios17.vcf'));
    expectWellFormed(r);
    const ada = byName(r.people, 'Ada Lovelace');
    expect(ada.key).toBe('linkedin:ada-lovelace-0a1b2c');
    expect(ada.birthday).toEqual({ month: 4, day: 12 });
    expect(ada.emails).toEqual(['ada@example.com', 'ada.lovelace@engines.example']);
    expect(ada.phones).toEqual(['+44 20 7946 0018', '+44 (20) 7946-0019']);
    expect(ada.profiles.map((p) => `${p.site}:${p.handle}`)).toEqual(['linkedin:ada-lovelace-0a1b2c', 'x:adaengines', 'github:ada-engines']);
    expect(ada.company).toBe('Analytical Engines Ltd');
    const park = byName(r.people, 'Min-jun Park, CFA, FRM');
    expect(park.company).toBe('Blue Harbor Capital, Inc.');
    expect(park.birthday).toEqual({ month: 2, day: 3 });
    expect(park.profiles.map((p) => `${p.site}:${p.handle}`)).toEqual(['x:minjun_p', 'linkedin:min-jun-park-cfa']);
  });

  it('Android 2.1: CHARSET=ISO-8859-1 quoted-printable, cut-off last card', () => {
    const r = parseVCards(fixtureBytes('synthetic/android-21-qp.vcf'));
    expectWellFormed(r);
    const b = byName(r.people, 'Björn Ångström');
    expect(b.birthday).toEqual({ year: 1985, month: 7, day: 14 });
    expect(b.phones).toEqual(['+46701234567', '08-123 456 78']);
    expect(r.people.some((p) => p.name === '+39 333 000 1111')).toBe(true);
    expect(r.skipped).toEqual([{ row: 3, reason: 'no-name' }]);
    expect(r.people.some((p) => p.name === 'Cut Short')).toBe(true);
  });

  it('vCard 4.0 LF: quoted parameter with ":" inside, URL with LinkedIn profile, --MM-DD', () => {
    const p = parseVCards(fixtureBytes('synthetic/rfc6350-lf.vcf')).people[0]!;
    expect(p.key).toBe('linkedin:chiara-rossi-42');
    expect(p.birthday).toEqual({ month: 12, day: 24 });
    expect(p.phones).toEqual(['+39-011-555-0101']);
    expect(p.profiles.map((x) => x.site)).toEqual(['linkedin', 'instagram']);
  });

  it('errors', () => {
    expect(() => parseVCards('')).toThrow(ImportError);
    expect(() => parseVCards('just text')).toThrow(expect.objectContaining({ code: 'wrong-columns' }));
  });
});

describe('vcardExport', () => {
  it('round-trips through parseVCards', () => {
    const people: ImportedPerson[] = [
      ...parseVCards(fixtureBytes('synthetic/apple-ios17.vcf')).people,
      {
        key: 'x',
        name: 'Zoë "Zed" O\'Neil; the 2nd, with a name long enough to be folded over several lines 🚀🚀🚀 ok',
        headline: 'Line one\nLine two; with, punctuation \\ and backslash',
        company: 'Ünïcödé GmbH',
        emails: ['zoe@example.org'],
        phones: ['+39 011 555 0101'],
        birthday: { month: 2, day: 29 },
        profiles: [
          { site: 'linkedin', handle: 'zoë-o-neil' },
          { site: 'facebook', handle: 'zoe.oneil' },
        ],
        howWeMet: 'Hackathon, Turin; 2019',
      },
    ];
    const text = vcardExport(people);
    expect(text.split('\r\n').every((l) => new TextEncoder().encode(l).length <= 75)).toBe(true);
    const back = parseVCards(text).people;
    expect(back).toHaveLength(people.length);
    back.forEach((b, i) => {
      const p = people[i]!;
      expect(b.name).toBe(p.name.replace(/\s+/g, ' '));
      expect(b.emails).toEqual(p.emails);
      expect(b.phones).toEqual(p.phones);
      expect(b.birthday).toEqual(p.birthday);
      expect(b.company).toBe(p.company);
      expect(b.headline).toBe(p.headline?.replace(/\s+/g, ' '));
      expect(b.profiles.map((x) => `${x.site}:${x.handle}`)).toEqual(p.profiles.map((x) => `${x.site}:${x.handle}`));
      expect(b.howWeMet).toBe(p.howWeMet);
    });
  });
});
