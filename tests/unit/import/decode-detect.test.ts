// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { zipSync, strToU8 } from 'fflate';
import { ImportError, MAX_IMPORT_BYTES, decodeText, detectAndParse } from '@/lib/import';
import { NOW, VARIANTS, buildFile, fixtureBytes, fixtureText, realHeader, utf16le } from './helpers';

const code = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(ImportError);
    return (e as ImportError).code;
  }
  return 'none';
};

describe('decodeText', () => {
  it('UTF-8 with and without BOM', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x61, 0xc3, 0xa8]))).toBe('aè');
    expect(decodeText(new Uint8Array([0x61, 0xc3, 0xa8]))).toBe('aè');
  });
  it('UTF-16LE with BOM (LinkedIn 2018), UTF-16LE without BOM, UTF-16BE with BOM', () => {
    expect(decodeText(utf16le('"Time"\t"Event"\nè'))).toBe('"Time"\t"Event"\nè');
    expect(decodeText(utf16le('"Time"\t"Event"', false))).toBe('"Time"\t"Event"');
    expect(decodeText(new Uint8Array([0xfe, 0xff, 0x00, 0x61, 0x00, 0xe8]))).toBe('aè');
  });
  it('Windows-1252 fallback', () => {
    expect(decodeText(new Uint8Array([0x63, 0x61, 0x66, 0xe8, 0x80]))).toBe('cafè€');
  });
  it('binary -> binary; bad UTF-16 -> bad-encoding', () => {
    expect(code(() => decodeText(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x02, 0x03, 0x00, 0xff, 0x10])))).toBe(
      'binary',
    );
    expect(code(() => decodeText(new Uint8Array([0xff, 0xfe, 0x00, 0xd8, 0x61, 0x00])))).toBe('bad-encoding');
    expect(code(() => decodeText('a\u0000b'))).toBe('binary');
  });
});

describe('detectAndParse', () => {
  const v = VARIANTS[0]!;
  it('dispatches by content and name', () => {
    const conn = buildFile(realHeader('2024-12_complete', 'Connections'), fixtureText('synthetic/connections-2024.rows.csv'), v);
    expect(detectAndParse('anything.csv', conn, { now: NOW }).map((r) => r.kind)).toEqual(['linkedin-connections']);
    const msg = buildFile(realHeader('2026-03_basic', 'messages'), fixtureText('synthetic/messages-2026.rows.csv'), v);
    expect(detectAndParse('messages.csv', msg, { now: NOW })[0]!.kind).toBe('linkedin-messages');
    const inv = buildFile(realHeader('2018-11_complete_legacy', 'Invitations'), fixtureText('synthetic/invitations-2018.rows.csv'), v);
    expect(detectAndParse('Invitations.csv', inv, { now: NOW })[0]!.kind).toBe('linkedin-invitations');
    expect(detectAndParse('contacts.vcf', fixtureBytes('vcard/node-vcf/vcard-3.0.vcf'), { now: NOW })[0]!.kind).toBe('vcard');
    expect(detectAndParse('x.txt', fixtureBytes('synthetic/apple-ios17.vcf'), { now: NOW })[0]!.kind).toBe('vcard');
    const google = new TextEncoder().encode(`${fixtureText('contacts-csv/google-contacts-current.header.reconstructed.csv').trim()}\nAda,,Lovelace`);
    expect(detectAndParse('contacts.csv', google, { now: NOW })[0]!.kind).toBe('google-csv');
    const zip = zipSync({ 'export/Connections.csv': conn, 'export/Skills.csv': strToU8('Name\n') });
    expect(detectAndParse('Basic_LinkedInDataExport.zip', zip, { now: NOW })[0]!.kind).toBe('linkedin-connections');
  });
  it('too-large before reading, empty, binary', () => {
    const huge = { length: MAX_IMPORT_BYTES + 1 } as unknown as Uint8Array;
    expect(code(() => detectAndParse('big.csv', huge, { now: NOW }))).toBe('too-large');
    expect(code(() => detectAndParse('e.csv', new Uint8Array(0), { now: NOW }))).toBe('empty');
    expect(code(() => detectAndParse('photo.csv', new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]), { now: NOW }))).toBe(
      'binary',
    );
  });
});
