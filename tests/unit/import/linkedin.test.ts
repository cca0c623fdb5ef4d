// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { ImportError, parseConnections, parseInvitations, parseLinkedInZip, parseMessages, parseLinkedInDate, splitRecipientNames } from '@/lib/import';
import { ERAS, NOW, SELF, VARIANTS, buildFile, expectWellFormed, fixtureText, realHeader, utf16le, vname, type Era } from './helpers';

const CONN_ROWS: Record<Era, string> = {
  '2018-11_complete_legacy': 'connections-2018.rows.csv',
  '2022-09_complete': 'connections-2022.rows.csv',
  '2024-12_complete': 'connections-2024.rows.csv',
  '2025-03_basic': 'connections-2024.rows.csv',
  '2026-03_basic': 'connections-2026.rows.csv',
};

function conn(era: Era, v = VARIANTS[0]!) {
  return parseConnections(buildFile(realHeader(era, 'Connections'), fixtureText(`synthetic/${CONN_ROWS[era]}`), v), { now: NOW });
}

describe('parseConnections', () => {
  for (const era of ERAS) {
    for (const v of VARIANTS) {
      it(`${era} ${vname(v)}`, () => {
        const r = conn(era, v);
        expectWellFormed(r);
        expect(r.kind).toBe('linkedin-connections');
        const names = r.people.map((p) => p.name);
        expect(names).toContain('Ada Lovelace');
        expect(names).toContain('Min-jun Park, CFA, FRM');
        expect(names).toContain('Chiara Rossi');
        expect(r.skipped.filter((s) => s.reason === 'hidden-profile')).toHaveLength(1);
        const ada = r.people.find((p) => p.name === 'Ada Lovelace')!;
        expect(ada.emails).toEqual(['ada@example.com']);
        expect(ada.company).toBe('Analytical Engines Ltd');
        expect(ada.headline).toBe('Chief Mathematician');
        expect(ada.connectedAt).toBeTypeOf('number');
        const park = r.people.find((p) => p.name.startsWith('Min-jun'))!;
        expect(park.company).toBe('Blue Harbor Capital, Inc.');
        const chiara = r.people.find((p) => p.name === 'Chiara Rossi')!;
        expect(chiara.headline).toBe('Architetta "senior"');
        if (era >= '2024') {
          expect(ada.key).toBe('linkedin:ada-lovelace-0a1b2c');
          expect(ada.profiles[0]).toMatchObject({ site: 'linkedin', handle: 'ada-lovelace-0a1b2c' });
          const bjorn = r.people.find((p) => p.name.startsWith('Björn'))!;
          expect(bjorn.name).toBe('Björn 🚀 Ångström');
          expect(bjorn.key).toBe('linkedin:björn-ångström');
          expect(bjorn.headline).toBe('Founder & CEO, 🚀');
        } else {
          expect(ada.key).toBe('email:ada@example.com');
          expect(park.key).toBe('name:min jun park cfa frm');
        }
      });
    }
  }

  it('reads every era of Connected On', () => {
    const at = (era: Era, name: string) => conn(era).people.find((p) => p.name === name)!.connectedAt;
    expect(at('2018-11_complete_legacy', 'Ada Lovelace')).toBe(Date.UTC(2018, 0, 8, 18, 14));
    expect(at('2024-12_complete', 'Ada Lovelace')).toBe(Date.UTC(2024, 9, 9));
    expect(at('2026-03_basic', 'Ada Lovelace')).toBe(Date.UTC(2024, 9, 9));
    expect(at('2026-03_basic', 'Chiara Rossi')).toBe(Date.UTC(2026, 1, 6));
  });

  it('reads a UTF-16LE, TAB-separated, fully quoted file (the 2018 style of some files)', () => {
    const text =
      '"First Name"\t"Last Name"\t"Email Address"\t"Company"\t"Position"\t"Connected On"\n"Ada"\t"Lovelace"\t"ada@example.com"\t"AE"\t"CTO"\t"1/8/18, 6:14 PM"';
    const r = parseConnections(utf16le(text), { now: NOW });
    expect(r.people).toHaveLength(1);
    expect(r.people[0]).toMatchObject({ name: 'Ada Lovelace', emails: ['ada@example.com'], connectedAt: Date.UTC(2018, 0, 8, 18, 14) });
  });

  it('keeps namesakes without identifiers apart', () => {
    const r = parseConnections('First Name,Last Name,Email Address,Company,Position,Connected On\nJohn,Smith,,A,,09 Oct 2024\nJohn,Smith,,B,,10 Oct 2024\n', {
      now: NOW,
    });
    expect(r.people.map((p) => p.key)).toEqual(['name:john smith', 'name:john smith#2']);
  });

  it('errors are codes', () => {
    expect(() => parseConnections('', { now: NOW })).toThrow(ImportError);
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as ImportError).code;
      }
      return 'none';
    };
    expect(code(() => parseConnections('   \n', { now: NOW }))).toBe('empty');
    expect(code(() => parseConnections('hello world\nno delimiters here', { now: NOW }))).toBe('not-csv');
    expect(code(() => parseConnections('a,b,c\n1,2,3', { now: NOW }))).toBe('wrong-columns');
    expect(code(() => parseConnections(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 1, 2, 0, 0]), { now: NOW }))).toBe('binary');
  });
});

const MSG_ROWS: Record<Era, string> = {
  '2018-11_complete_legacy': 'messages-2018.rows.csv',
  '2022-09_complete': 'messages-2022.rows.csv',
  '2024-12_complete': 'messages-2024.rows.csv',
  '2025-03_basic': 'messages-2025.rows.csv',
  '2026-03_basic': 'messages-2026.rows.csv',
};
function msgs(era: Era, v = VARIANTS[0]!, extra: { keepText?: boolean; selfProfileHandle?: string } = {}) {
  return parseMessages(buildFile(realHeader(era, 'messages'), fixtureText(`synthetic/${MSG_ROWS[era]}`), v), { now: NOW, ...extra });
}

describe('parseMessages', () => {
  for (const era of ERAS.filter((e) => e !== '2018-11_complete_legacy')) {
    for (const v of VARIANTS) {
      it(`${era} ${vname(v)} (self detected)`, () => {
        const r = msgs(era, v);
        expectWellFormed(r);
        expect(r.people.some((p) => p.key === 'linkedin:sam-example')).toBe(false);
        const ada = r.touches.filter((t) => t.personKey === 'linkedin:ada-lovelace-0a1b2c');
        // in: "Hi Sam", out: "Thanks Ada!", out: book club (group of 3), out: mass (6)
        expect(ada.map((t) => [t.direction, t.channel, t.depth])).toEqual([
          ['in', 'message', 'personal'],
          ['out', 'message', 'personal'],
          ['out', 'message', 'personal'],
          ['out', 'mass-message', 'broadcast'],
        ]);
        expect(ada[0]!.at).toBe(Date.UTC(2024, 9, 10, 9, 15));
        expect(ada.every((t) => t.text === undefined)).toBe(true);
        // 2022 has no recipient URLs: "Min-jun Park, CFA, FRM" never wrote, so stays a name
        const parkKey = era === '2022-09_complete' ? 'name:min jun park cfa frm' : 'linkedin:min-jun-park-cfa';
        const park = r.touches.filter((t) => t.personKey === parkKey);
        expect(park[0]).toMatchObject({ direction: 'out', depth: 'personal' });
        const acme = r.people.find((p) => p.name === 'Acme Webinars')!;
        expect(r.touches.filter((t) => t.personKey === acme.key)).toMatchObject([{ direction: 'in', depth: 'broadcast' }]);
        const bjorn = r.touches.filter((t) => t.personKey === 'linkedin:björn-ångström' && t.direction === 'in');
        expect(bjorn).toMatchObject([{ depth: 'broadcast' }]);
        expect(r.skipped.map((s) => s.reason).sort()).toEqual(era === '2024-12_complete' ? ['bad-date', 'draft'] : ['bad-date']);
        if (era !== '2022-09_complete') {
          expect(r.people.find((p) => p.key === 'linkedin:min-jun-park-cfa')!.name).toBe('Min-jun Park, CFA, FRM');
          expect(r.touches.filter((t) => t.channel === 'mass-message')).toHaveLength(6);
        }
      });
    }
  }

  it('2018 Messages.csv uses its Direction column', () => {
    const r = msgs('2018-11_complete_legacy');
    expectWellFormed(r);
    expect(r.touches.map((t) => [t.personKey, t.direction, t.depth])).toEqual([
      ['name:ada lovelace', 'in', 'personal'],
      ['name:ada lovelace', 'out', 'personal'],
      ['name:min jun park cfa frm', 'out', 'personal'],
      ['name:acme webinars', 'in', 'broadcast'],
    ]);
    expect(r.touches[0]!.at).toBe(Date.UTC(2018, 10, 2, 15, 22));
  });

  it('keeps text only when asked, and multi-line content whole', () => {
    const r = msgs('2026-03_basic', VARIANTS[0], { keepText: true });
    expect(r.touches.find((t) => t.direction === 'out')!.text).toBe("Thanks Ada!\nLet's meet on Friday, ok?");
  });

  it('selfProfileHandle wins over the heuristic, and sourceKeys are stable across eras', () => {
    const a = msgs('2024-12_complete', VARIANTS[0], { selfProfileHandle: `https://www.linkedin.com/in/${SELF}/` });
    const b = msgs('2026-03_basic', VARIANTS[5]!);
    const keysA = a.touches.map((t) => t.sourceKey).sort();
    const keysB = b.touches.map((t) => t.sourceKey).sort();
    expect(keysB).toEqual(keysA);
    // and the same file twice gives the same keys
    expect(
      msgs('2024-12_complete')
        .touches.map((t) => t.sourceKey)
        .sort(),
    ).toEqual(keysA);
  });

  it('a non-CSV file ("No conversations found") -> not-csv', () => {
    expect(() => parseMessages(fixtureText('linkedin-headers/2025-03_basic/LearningCoachMessages.csv'), { now: NOW })).toThrow(
      expect.objectContaining({ code: 'not-csv' }),
    );
  });

  it('splits recipient names with commas inside', () => {
    expect(splitRecipientNames('Min-jun Park, CFA, FRM', 1)).toEqual(['Min-jun Park, CFA, FRM']);
    expect(splitRecipientNames('Ada Lovelace, Min-jun Park, CFA, FRM, Björn', 3)).toEqual(['Ada Lovelace', 'Min-jun Park, CFA, FRM', 'Björn']);
  });
});

describe('parseInvitations', () => {
  it('2024 layout (with profile URLs)', () => {
    const r = parseInvitations(buildFile(realHeader('2024-12_complete', 'Invitations'), fixtureText('synthetic/invitations-2024.rows.csv'), VARIANTS[3]!), {
      now: NOW,
    });
    expectWellFormed(r);
    const ada = r.people.find((p) => p.key === 'linkedin:ada-lovelace-0a1b2c')!;
    expect(ada.invitation).toEqual({ direction: 'out', at: Date.UTC(2024, 9, 9, 15, 12), message: "Hi Ada, great talk on engines today — let's connect!" });
    expect(ada.howWeMet).toBe("Hi Ada, great talk on engines today — let's connect!");
    const chiara = r.people.find((p) => p.key === 'linkedin:chiara-rossi-42')!;
    expect(chiara.invitation).toEqual({ direction: 'in', at: Date.UTC(2024, 10, 30, 23, 59) });
    expect(chiara.howWeMet).toBeUndefined();
    expect(r.people.find((p) => p.key === 'linkedin:dev-patel-77')!.invitation!.direction).toBe('in');
  });
  it('2018 layout (names only)', () => {
    const r = parseInvitations(
      buildFile(realHeader('2018-11_complete_legacy', 'Invitations'), fixtureText('synthetic/invitations-2018.rows.csv'), VARIANTS[0]!),
      { now: NOW },
    );
    expectWellFormed(r);
    expect(r.people.map((p) => p.key)).toEqual(['name:ada lovelace', 'name:chiara rossi']);
  });
});

function zipOf(files: Record<string, string | Uint8Array>): Uint8Array {
  const z: Record<string, Uint8Array> = {};
  for (const [k, v] of Object.entries(files)) z[k] = typeof v === 'string' ? strToU8(v) : v;
  return zipSync(z);
}

describe('parseLinkedInZip', () => {
  const v = VARIANTS[0]!;
  const export2024 = () =>
    zipOf({
      'Basic_LinkedInDataExport_12-10-2024/Connections.csv': buildFile(
        realHeader('2024-12_complete', 'Connections'),
        fixtureText('synthetic/connections-2024.rows.csv'),
        v,
      ),
      'Basic_LinkedInDataExport_12-10-2024/messages.csv': buildFile(
        realHeader('2024-12_complete', 'messages'),
        fixtureText('synthetic/messages-2024.rows.csv'),
        v,
      ),
      'Basic_LinkedInDataExport_12-10-2024/coach_messages.csv':
        'CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER\n',
      'Basic_LinkedInDataExport_12-10-2024/Invitations.csv': buildFile(
        realHeader('2024-12_complete', 'Invitations'),
        fixtureText('synthetic/invitations-2024.rows.csv'),
        v,
      ),
      'Basic_LinkedInDataExport_12-10-2024/Profile.csv': buildFile(
        realHeader('2024-12_complete', 'Profile'),
        fixtureText('synthetic/profile-2024.rows.csv'),
        v,
      ),
    });

  it('finds the three files anywhere, ignores coach_messages', () => {
    const rs = parseLinkedInZip(export2024(), { now: NOW });
    expect(rs.map((r) => r.kind)).toEqual(['linkedin-connections', 'linkedin-messages', 'linkedin-invitations']);
    rs.forEach(expectWellFormed);
    // the user's own name from Profile.csv keeps them out of the people
    expect(rs[1]!.people.some((p) => p.name === 'Sam Example')).toBe(false);
  });

  it('2022 export: name-only people are tied to the handle seen in messages', () => {
    const z = zipOf({
      'Connections.csv': buildFile(realHeader('2022-09_complete', 'Connections'), fixtureText('synthetic/connections-2022.rows.csv'), v),
      'MESSAGES.CSV': buildFile(realHeader('2022-09_complete', 'messages'), fixtureText('synthetic/messages-2022.rows.csv'), v),
    });
    const [c, m] = parseLinkedInZip(z, { now: NOW });
    expectWellFormed(c!);
    expectWellFormed(m!);
    const ada = c!.people.find((p) => p.name === 'Ada Lovelace')!;
    expect(ada.key).toBe('linkedin:ada-lovelace-0a1b2c');
    expect(ada.emails).toEqual(['ada@example.com']);
  });

  it('error codes', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        expect(e).toBeInstanceOf(ImportError);
        return (e as ImportError).code;
      }
      return 'none';
    };
    const full = export2024();
    expect(code(() => parseLinkedInZip(full.subarray(0, Math.floor(full.length / 2)), { now: NOW }))).toBe('truncated-zip');
    expect(code(() => parseLinkedInZip(zipOf({ 'Skills.csv': 'Name\nTypeScript\n' }), { now: NOW }))).toBe('no-known-files');
    expect(code(() => parseLinkedInZip(new Uint8Array(0), { now: NOW }))).toBe('empty');
    expect(code(() => parseLinkedInZip(zipOf({ 'Connections.csv': 'nonsense' }), { now: NOW }))).toBe('not-csv');
  });
});

describe('parseLinkedInDate', () => {
  it.each([
    ['09 Oct 2024', Date.UTC(2024, 9, 9)],
    ['6-Feb-26', Date.UTC(2026, 1, 6)],
    ['1/8/18, 6:14 PM', Date.UTC(2018, 0, 8, 18, 14)],
    ['12/31/24, 12:05 AM', Date.UTC(2024, 11, 31, 0, 5)],
    ['2024-10-10 09:15:00 UTC', Date.UTC(2024, 9, 10, 9, 15)],
    ['2024-10-10T09:15:00+02:00', Date.UTC(2024, 9, 10, 7, 15)],
    ['Oct 9, 2024', Date.UTC(2024, 9, 9)],
    ['09 ott 2024', Date.UTC(2024, 9, 9)],
  ])('%s', (s, t) => expect(parseLinkedInDate(s, NOW)).toBe(t));
  it.each(['', '31 Feb 2024', '13/40/24', '2099-01-01', '1999-01-01', 'yesterday', '2024-13-01'])('rejects %s', (s) => {
    expect(parseLinkedInDate(s, NOW)).toBeUndefined();
  });
});
