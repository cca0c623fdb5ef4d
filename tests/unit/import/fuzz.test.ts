// @vitest-environment node
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { zipSync } from 'fflate';
import {
  ImportError,
  decodeText,
  detectAndParse,
  mergePlan,
  parseConnections,
  parseContactsCsv,
  parseInvitations,
  parseLinkedInZip,
  parseMessages,
  parseVCards,
  vcardExport,
  type ParseResult,
} from '@/lib/import';
import { NOW, expectWellFormed, fixtureText, realHeader } from './helpers';

/** Runs f; only ImportError may escape, and a result must be well-formed. */
function safely(f: () => ParseResult | ParseResult[]): void {
  let out: ParseResult | ParseResult[];
  try {
    out = f();
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    expect(typeof e.code).toBe('string');
    return;
  }
  for (const r of Array.isArray(out) ? out : [out]) expectWellFormed(r);
  mergePlan({ people: [] }, Array.isArray(out) ? out : [out]);
}

// Text made of the characters that matter to these formats.
const piece = fc.constantFrom(
  ',',
  '"',
  '\n',
  '\r\n',
  '\t',
  ';',
  ':',
  '=',
  '\\',
  ' ',
  'BEGIN:VCARD',
  'END:VCARD',
  'VERSION:2.1',
  'FN:',
  'TEL:',
  'EMAIL:',
  'BDAY:',
  '--0203',
  'ENCODING=QUOTED-PRINTABLE',
  '=C3=',
  'https://www.linkedin.com/in/',
  '%E0%A4',
  'Ada',
  '🚀',
  'é',
  '09 Oct 2024',
  '1/8/18, 6:14 PM',
  '2024-10-10 09:15:00 UTC',
  '@example.com',
  'Yes',
  '<p>',
  '%FIRSTNAME%',
  '\uFEFF',
  '\u0000',
);
const textish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.array(piece, { maxLength: 60 }).map((a) => a.join('')),
);
const withHeader = (h: string) => textish.map((t) => `${h}${t}`);

const RUNS = 400;
const conf = { numRuns: RUNS };

describe('fuzz: never throws anything but ImportError, never returns malformed output', () => {
  it('decodeText on bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (b) => {
        try {
          expect(typeof decodeText(b)).toBe('string');
        } catch (e) {
          if (!(e instanceof ImportError)) throw e;
        }
      }),
      conf,
    );
  });
  it('parseConnections', () => {
    const h = realHeader('2024-12_complete', 'Connections');
    fc.assert(
      fc.property(fc.oneof(textish, withHeader(h), withHeader(realHeader('2018-11_complete_legacy', 'Connections'))), (t) =>
        safely(() => parseConnections(t, { now: NOW })),
      ),
      conf,
    );
  });
  it('parseMessages', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          textish,
          withHeader(realHeader('2024-12_complete', 'messages')),
          withHeader(realHeader('2026-03_basic', 'messages')),
          withHeader(realHeader('2018-11_complete_legacy', 'messages')),
        ),
        fc.boolean(),
        (t, keepText) => safely(() => parseMessages(t, { now: NOW, keepText })),
      ),
      conf,
    );
  });
  it('parseMessages on mutated real-shaped rows', () => {
    const base = realHeader('2024-12_complete', 'messages') + fixtureText('synthetic/messages-2024.rows.csv');
    fc.assert(
      fc.property(fc.nat(base.length), fc.nat(40), textish, (at, del, ins) =>
        safely(() => parseMessages(base.slice(0, at) + ins + base.slice(at + del), { now: NOW })),
      ),
      conf,
    );
  });
  it('parseInvitations', () => {
    fc.assert(
      fc.property(fc.oneof(textish, withHeader(realHeader('2024-12_complete', 'Invitations'))), (t) => safely(() => parseInvitations(t, { now: NOW }))),
      conf,
    );
  });
  it('parseVCards', () => {
    fc.assert(
      fc.property(fc.oneof(textish, withHeader('BEGIN:VCARD\r\nVERSION:3.0\r\n')), (t) => safely(() => parseVCards(t))),
      conf,
    );
  });
  it('parseContactsCsv', () => {
    const g = fixtureText('contacts-csv/google-contacts-current.header.reconstructed.csv');
    const o = fixtureText('contacts-csv/outlook-classic.header.reconstructed.csv');
    fc.assert(
      fc.property(fc.oneof(textish, withHeader(g), withHeader(o)), (t) => safely(() => parseContactsCsv(t))),
      conf,
    );
  });
  it('parseLinkedInZip and detectAndParse on random and damaged zips', () => {
    const good = zipSync({
      'Connections.csv': new TextEncoder().encode(realHeader('2024-12_complete', 'Connections') + fixtureText('synthetic/connections-2024.rows.csv')),
    });
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), fc.nat(good.length), fc.nat(255), (junk, at, byte) => {
        safely(() => parseLinkedInZip(junk, { now: NOW }));
        const damaged = good.slice();
        damaged[at] = byte;
        safely(() => parseLinkedInZip(damaged, { now: NOW }));
        safely(() => parseLinkedInZip(good.subarray(0, at), { now: NOW }));
        safely(() => detectAndParse('x.bin', junk, { now: NOW }));
      }),
      { numRuns: 200 },
    );
  });
  it('vcardExport -> parseVCards keeps names, e-mails and phones', () => {
    const name = fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /\S/.test(s) && !/[\u0000-\u001f\u007f\ufffd]/.test(s));
    fc.assert(
      fc.property(name, fc.array(fc.emailAddress(), { maxLength: 3 }), (n, emails) => {
        const text = vcardExport([{ name: n, emails: emails.map((e) => e.toLowerCase()), phones: [], profiles: [] }]);
        const r = parseVCards(text);
        expect(r.people[0]!.name).toBe(n.normalize('NFC').replace(/\s+/g, ' ').trim());
      }),
      { numRuns: 300 },
    );
  });
});
