import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { ParseResult } from '@/lib/import/types';
import { SITE_IDS } from '@/lib/sites/table';
import { CHANNELS } from '@/lib/model/types';

export const FIX = join(__dirname, '../../fixtures/import');
export const NOW = Date.UTC(2026, 2, 15);
export const SELF = 'sam-example';

export function fixtureBytes(rel: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIX, rel)));
}
export function fixtureText(rel: string): string {
  return readFileSync(join(FIX, rel), 'utf8');
}
export function listFixtures(rel: string, ext: string): string[] {
  return readdirSync(join(FIX, rel))
    .filter((f) => f.endsWith(ext))
    .map((f) => `${rel}/${f}`);
}

export const ERAS = ['2018-11_complete_legacy', '2022-09_complete', '2024-12_complete', '2025-03_basic', '2026-03_basic'] as const;
export type Era = (typeof ERAS)[number];

/** The real header file of an era (byte-exact prefix of a real export). */
export function realHeader(era: Era, base: 'Connections' | 'messages' | 'Invitations' | 'Profile'): string {
  const dir = join(FIX, 'linkedin-headers', era);
  const f = readdirSync(dir).find((n) => n.toLowerCase() === `${base.toLowerCase()}.header.csv`);
  if (!f) throw new Error(`no ${base} header for ${era}`);
  return readFileSync(join(dir, f), 'utf8');
}

export interface Variant {
  crlf: boolean;
  trailingNewline: boolean;
  bom: boolean;
}
export const VARIANTS: Variant[] = [];
for (const crlf of [false, true]) for (const trailingNewline of [false, true]) for (const bom of [false, true]) VARIANTS.push({ crlf, trailingNewline, bom });
export const vname = (v: Variant) => `${v.crlf ? 'CRLF' : 'LF'}${v.trailingNewline ? '+EOL' : ''}${v.bom ? '+BOM' : ''}`;

/** Real header + invented rows, in a given line-ending / BOM variant, as bytes. */
export function buildFile(header: string, rows: string, v: Variant): Uint8Array {
  let t = header.replace(/\r\n/g, '\n');
  if (!t.endsWith('\n')) t += '\n';
  t += rows.replace(/\r\n/g, '\n').replace(/\n+$/, '');
  if (v.trailingNewline) t += '\n';
  if (v.crlf) t = t.replace(/\n/g, '\r\n');
  const body = new TextEncoder().encode(t);
  if (!v.bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

export function utf16le(text: string, bom = true): Uint8Array {
  const out = new Uint8Array((bom ? 2 : 0) + text.length * 2);
  let o = 0;
  if (bom) {
    out[0] = 0xff;
    out[1] = 0xfe;
    o = 2;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[o + 2 * i] = c & 0xff;
    out[o + 2 * i + 1] = c >> 8;
  }
  return out;
}

const SITES = new Set<string>(SITE_IDS);
const CHANNEL_SET = new Set<string>(CHANNELS);

/** Throws (via expect) unless a ParseResult is well-formed. */
export function expectWellFormed(r: ParseResult): void {
  expect(['linkedin-connections', 'linkedin-messages', 'linkedin-invitations', 'vcard', 'google-csv', 'outlook-csv']).toContain(r.kind);
  const keys = new Set<string>();
  for (const p of r.people) {
    expect(typeof p.key).toBe('string');
    expect(p.key).toMatch(/^(linkedin|email|phone|name|x|github|facebook|instagram):./);
    expect(keys.has(p.key), `duplicate key ${p.key}`).toBe(false);
    keys.add(p.key);
    expect(typeof p.name).toBe('string');
    expect(p.name.trim().length).toBeGreaterThan(0);
    for (const k of Object.keys(p)) expect((p as unknown as Record<string, unknown>)[k], k).not.toBeUndefined();
    expect(Array.isArray(p.emails) && p.emails.every((e) => typeof e === 'string' && e.includes('@'))).toBe(true);
    expect(Array.isArray(p.phones) && p.phones.every((e) => typeof e === 'string' && /\d/.test(e))).toBe(true);
    for (const pr of p.profiles) {
      expect(SITES.has(pr.site)).toBe(true);
      expect(pr.handle.length).toBeGreaterThan(0);
    }
    if (p.birthday) {
      expect(p.birthday.month).toBeGreaterThanOrEqual(1);
      expect(p.birthday.month).toBeLessThanOrEqual(12);
      expect(p.birthday.day).toBeGreaterThanOrEqual(1);
      expect(p.birthday.day).toBeLessThanOrEqual(31);
    }
    if (p.connectedAt !== undefined) expect(Number.isFinite(p.connectedAt)).toBe(true);
  }
  const sk = new Set<string>();
  for (const t of r.touches) {
    expect(keys.has(t.personKey), `touch for unknown person ${t.personKey}`).toBe(true);
    expect(CHANNEL_SET.has(t.channel)).toBe(true);
    expect(['personal', 'passive', 'broadcast']).toContain(t.depth);
    expect(['in', 'out']).toContain(t.direction);
    expect(Number.isFinite(t.at)).toBe(true);
    expect(t.sourceKey.length).toBeGreaterThan(4);
    expect(sk.has(t.sourceKey)).toBe(false);
    sk.add(t.sourceKey);
  }
  for (const s of r.skipped) {
    expect(Number.isInteger(s.row) && s.row >= 1).toBe(true);
    expect(typeof s.reason).toBe('string');
  }
}
