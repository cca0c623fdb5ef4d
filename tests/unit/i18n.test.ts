import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CATALOGS, relativeTime, resolveLang, translate } from '@/lib/i18n';
import { LOCALE_LANGS, localeFile } from '@/lib/i18n/locale-files';
import { MESSAGES } from '@/lib/i18n/messages';
import { describeReason, reasonKey } from '@/lib/ui/describe';
import { REASON_CODES } from '@/lib/relationship/reasons';
import { ALL_CHANNELS } from '@/lib/relationship/touches';

const ROOT = join(__dirname, '../..');
const en = CATALOGS.en;

type Catalog = Record<string, { message: string; description?: string }>;
const committed = (lang: string) => readFileSync(join(ROOT, 'public/_locales', lang, 'messages.json'), 'utf8');
/** What Chrome reads (the manifest, browser.i18n) and what Kith's pages use must both pass. */
const SOURCES: [string, Record<'en' | 'it', Catalog>][] = [
  ['the table', CATALOGS],
  ['the committed _locales JSON', { en: JSON.parse(committed('en')) as Catalog, it: JSON.parse(committed('it')) as Catalog }],
];

function files(dir: string, ext: RegExp): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((f) => {
    const p = join(dir, f);
    return statSync(join(ROOT, p)).isDirectory() ? files(p, ext) : ext.test(f) ? [p] : [];
  });
}

describe('locale files', () => {
  it('the committed _locales files are what the table generates (run npm run locales after editing lib/i18n/messages.ts)', () => {
    for (const lang of LOCALE_LANGS) expect(committed(lang), lang).toBe(localeFile(MESSAGES, lang));
  });
});

describe.each(SOURCES)('locale strings in %s', (_source, { en, it: it_ }) => {
  it('every key exists in English and in Italian, with a non-empty message', () => {
    expect(Object.keys(it_).sort()).toEqual(Object.keys(en).sort());
    for (const cat of [en, it_]) for (const [k, v] of Object.entries(cat)) expect(v.message.trim(), k).not.toBe('');
  });

  it('each message uses the same {params} in both languages', () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en)) expect(params(it_[k]!.message), k).toEqual(params(en[k]!.message));
  });

  it('no UI string in any language speaks of customers, consumers, leads or prospects', () => {
    const banned = /\b(customers?|consumers?|leads?|prospects?|client[ei]|consumator[ei]|prospect)\b/i;
    for (const [lang, cat] of Object.entries({ en, it: it_ }))
      for (const [k, v] of Object.entries(cat)) expect(banned.test(v.message), `${lang}.${k}: ${v.message}`).toBe(false);
  });

  it('Chrome can read them: no $placeholders$ without a table, valid manifest keys', () => {
    for (const cat of [en, it_]) for (const v of Object.values(cat)) expect(v.message).not.toMatch(/\$\w+\$/);
    for (const k of ['extName', 'extDescription', 'actionTitle', 'sidePanelTitle']) expect(en[k], k).toBeDefined();
    expect(en.extDescription!.message.length).toBeLessThanOrEqual(132);
    expect(it_.extDescription!.message.length).toBeLessThanOrEqual(132);
  });
});

describe('locale keys in the code', () => {
  it('every reason code and every channel has words', () => {
    for (const code of REASON_CODES) {
      const k = reasonKey(code);
      expect(en[k] ?? en[`${k}_other`], k).toBeDefined();
    }
    for (const ch of ALL_CHANNELS) expect(en[`channel_${ch.replace(/-/g, '_')}`], ch).toBeDefined();
  });

  it('every key used in the code exists', () => {
    const used = new Set<string>();
    for (const f of [...files('components', /\.tsx?$/), ...files('entrypoints', /\.tsx?$/), ...files('lib', /\.tsx?$/)]) {
      const src = readFileSync(join(ROOT, f), 'utf8');
      for (const m of src.matchAll(/\bt\(\s*'([a-z][\w]*)'/g)) used.add(m[1]!);
      for (const m of src.matchAll(/translate\(\s*\w+,\s*'([a-zA-Z][\w]*)'/g)) used.add(m[1]!);
    }
    expect(used.size).toBeGreaterThan(50);
    for (const k of used) expect(en[k] ?? en[`${k}_other`], k).toBeDefined();
  });

  it('no user-visible text is written directly in components (it belongs in the locale files)', () => {
    const offenders: string[] = [];
    for (const f of [...files('components', /\.tsx$/), ...files('entrypoints', /\.tsx$/)]) {
      const src = readFileSync(join(ROOT, f), 'utf8')
        .replace(/\{\/\*[\s\S]*?\*\/\}/g, '')
        .replace(/\/\*[\s\S]*?\*\//g, '');
      // Text between JSX tags, e.g. <p>Hello</p> or <button>Save</button>.
      for (const m of src.matchAll(/>\s*([^<>{}\n]*[A-Za-zÀ-ÿ]{2,}[^<>{}\n]*)\s*</g)) {
        const text = m[1]!.trim();
        // Language names are shown in their own language on purpose.
        if (/^(English|Italiano)$/.test(text) || /=>|&&|\|\||\)\s*:|^[\w.]+\)?;?$/.test(text)) continue;
        offenders.push(`${f}: ${text}`);
      }
      for (const m of src.matchAll(/\b(aria-label|placeholder|title|alt)="([^"]*[A-Za-z]{2,}[^"]*)"/g)) offenders.push(`${f}: ${m[1]}="${m[2]}"`);
    }
    expect(offenders).toEqual([]);
  });
});

describe('translate', () => {
  it('follows the browser unless the user chose a language', () => {
    expect(resolveLang('auto', 'it-IT')).toBe('it');
    expect(resolveLang('auto', 'de-DE')).toBe('en');
    expect(resolveLang('en', 'it-IT')).toBe('en');
  });

  it('takes only keys of the table (a typo fails the typecheck)', () => {
    // @ts-expect-error not a key of lib/i18n/messages.ts
    expect(translate('en', 'no_such_key')).toBe('no_such_key');
  });

  it('chooses plural forms and fills params', () => {
    expect(translate('en', 'reach_waiting', { count: 1 })).toBe('1 person is waiting for a personal word');
    expect(translate('en', 'reach_waiting', { count: 3 })).toBe('3 people are waiting for a personal word');
    expect(translate('it', 'reach_waiting', { count: 3 })).toBe('3 persone aspettano una parola personale');
  });

  it('says dates relative to now in the user language', () => {
    const now = Date.UTC(2026, 10, 25);
    expect(relativeTime('en', now - 92 * 86_400_000, now)).toBe('3 months ago');
    expect(relativeTime('it', now - 92 * 86_400_000, now)).toBe('3 mesi fa');
    expect(relativeTime('en', now - 20_000, now)).toBe('just now');
  });

  it('turns a like-debt reason into "5 likes since your last conversation in March"', () => {
    const now = Date.UTC(2026, 10, 25);
    const march = Date.UTC(2026, 2, 14);
    const reason = { code: 'like-debt' as const, weight: 60, params: { count: 5, lastPersonalAt: march } };
    expect(describeReason('en', reason, now, 'Europe/Rome')).toBe('5 likes since your last conversation in March');
    expect(describeReason('it', reason, now, 'Europe/Rome')).toBe("5 mi piace dall'ultima conversazione a marzo");
  });
});
