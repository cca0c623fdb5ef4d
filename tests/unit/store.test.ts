/**
 * Ready for the stores: listing texts and the privacy policy exist in
 * English and Italian, say what is stored, that it stays on the device and that
 * nothing is sent, and never use the words the product bans; the short
 * description fits the Chrome Web Store's 132 characters; the icons and the promo
 * tile are PNGs of the sizes the stores ask for. (The built manifest's icons are
 * checked in tests/e2e/reliability.e2e.ts, against the build.)
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
const read = (p: string) => readFileSync(join(ROOT, p), 'utf8');
// The same list as the locale test (tests/unit/i18n.test.ts), plus the Italian singulars.
const BANNED = /\b(customers?|consumers?|leads?|prospects?|client[ei]|consumator[ei]|prospect)\b/i;

/** The text under a `## heading`, up to the next heading. */
function section(md: string, heading: string): string {
  const m = new RegExp(`^## ${heading}\\s*\\n([\\s\\S]*?)(?=^## |(?![\\s\\S]))`, 'm').exec(md);
  return m?.[1]?.trim() ?? '';
}

const LISTINGS = {
  en: {
    file: 'store/en.md',
    name: 'Name',
    short: 'Short description',
    long: 'Long description',
    stored: 'What is stored',
    where: 'Where it stays',
    sent: 'What is sent',
    device: /on your device/i,
    nothing: /^Nothing\./,
  },
  it: {
    file: 'store/it.md',
    name: 'Nome',
    short: 'Descrizione breve',
    long: 'Descrizione completa',
    stored: 'Cosa viene salvato',
    where: 'Dove resta',
    sent: 'Cosa viene inviato',
    device: /sul tuo dispositivo/i,
    nothing: /^Nulla\./,
  },
} as const;

/** Width and height from a PNG's IHDR. */
function pngSize(p: string): [number, number] {
  const b = readFileSync(join(ROOT, p));
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('store listing texts', () => {
  it.each(Object.entries(LISTINGS))('%s: every part is there and says what is stored, where, and that nothing is sent', (_lang, l) => {
    const md = read(l.file);
    const short = section(md, l.short);
    expect(section(md, l.name)).toMatch(/^Kith/);
    expect(short.length).toBeGreaterThan(40);
    expect(short.length).toBeLessThanOrEqual(132);
    expect(short).not.toContain('\n');
    expect(section(md, l.long).length).toBeGreaterThan(800);
    expect(section(md, l.stored)).toMatch(/LinkedIn/);
    expect(section(md, l.where)).toMatch(l.device);
    expect(section(md, l.sent)).toMatch(l.nothing);
  });

  it('the English and Italian listings have the same parts', () => {
    const headings = (p: string) => read(p).match(/^## /gm)?.length;
    expect(headings('store/it.md')).toBe(headings('store/en.md'));
  });

  it('the privacy policy is in both languages and explains every permission', () => {
    const md = read('PRIVACY.md');
    const [en, it] = [md.slice(md.indexOf('## English'), md.indexOf('## Italiano')), md.slice(md.indexOf('## Italiano'))];
    expect(en).toMatch(/sends nothing to anyone/);
    expect(en).toMatch(/### What Kith stores/);
    expect(it).toMatch(/non invia nulla a nessuno/);
    expect(it).toMatch(/### Cosa salva Kith/);
    const wxt = read('wxt.config.ts');
    // Every quoted name on the manifest's `permissions:` line (browser names are conditions, not permissions).
    const line = wxt.split('\n').find((l) => /^\s*permissions: \[/.test(l)) ?? '';
    const permissions = [...line.matchAll(/'([A-Za-z]+)'/g)].map((m) => m[1]!).filter((p) => p !== 'firefox' && p !== 'chrome');
    expect(permissions).toContain('storage');
    for (const p of permissions) {
      expect(en, `English policy explains ${p}`).toContain(`\`${p}\``);
      expect(it, `Italian policy explains ${p}`).toContain(`\`${p}\``);
    }
  });

  it.each(['store/en.md', 'store/it.md', 'PRIVACY.md'])('%s never speaks of customers, consumers, leads or prospects', (p) => {
    const lines = read(p).split('\n');
    expect(lines.filter((line) => BANNED.test(line))).toEqual([]);
  });
});

describe('store images', () => {
  it('icons at every size the stores ask for, and the 440x280 promo tile', () => {
    for (const s of [16, 32, 48, 96, 128]) expect(pngSize(`public/icon/${s}.png`)).toEqual([s, s]);
    expect(pngSize('store/promo-440x280.png')).toEqual([440, 280]);
  });
});
