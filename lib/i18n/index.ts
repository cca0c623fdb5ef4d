/**
 * Every user-visible string comes from the locale files (Chrome's `_locales`
 * format, so the manifest uses the same files). Kith bundles both languages into
 * its pages so the user can choose the language in settings, independently of
 * the browser's; `browser.i18n` alone cannot switch.
 *
 * Params are written `{name}` (not Chrome's `$name$`, which needs a placeholder
 * table per message). A key with `_one` / `_other` variants is chosen by `count`.
 */
import type { Language } from '@/lib/model/settings';
import { MESSAGES } from './messages';

export type Lang = 'en' | 'it';
type CatalogKey = keyof typeof MESSAGES;
/** A plural family ("reach_waiting") is addressed by its base key. */
type PluralBase<K> = K extends `${infer B}_one` ? B : never;
export type MessageKey = CatalogKey | PluralBase<CatalogKey>;
type Catalog = Record<string, { message: string; description?: string }>;

function catalog(lang: Lang): Catalog {
  const out: Catalog = {};
  for (const [key, entry] of Object.entries(MESSAGES)) out[key] = { message: entry[lang] };
  return out;
}

export const CATALOGS: Record<Lang, Catalog> = { en: catalog('en'), it: catalog('it') };

/** Whether a string read from stored data (a built-in circle's name) is a key of the table. */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(MESSAGES, key) || Object.hasOwn(MESSAGES, `${key}_other`);
}

export function resolveLang(setting: Language | undefined, uiLanguage: string | undefined): Lang {
  if (setting === 'en' || setting === 'it') return setting;
  return uiLanguage?.toLowerCase().startsWith('it') ? 'it' : 'en';
}

export type Params = Record<string, string | number>;

export function translate(lang: Lang, key: MessageKey, params?: Params): string {
  const cat = CATALOGS[lang];
  let entry = cat[key];
  if (params && typeof params.count === 'number') {
    const form = new Intl.PluralRules(lang).select(params.count);
    entry = cat[`${key}_${form}`] ?? cat[`${key}_other`] ?? entry;
  }
  const msg = entry?.message ?? CATALOGS.en[key]?.message ?? key;
  if (!params) return msg;
  return msg.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 86_400_000],
  ['month', 30 * 86_400_000],
  ['week', 7 * 86_400_000],
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "3 months ago" / "3 mesi fa", in the user's language. */
export function relativeTime(lang: Lang, at: number, now: number): string {
  const diff = at - now;
  if (Math.abs(diff) < 60_000) return translate(lang, 'time_just_now');
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return translate(lang, 'time_just_now');
}

export function formatDate(lang: Lang, at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(lang, { day: 'numeric', month: 'long', year: 'numeric', ...(timeZone ? { timeZone } : {}) }).format(new Date(at));
}

export function formatMonth(lang: Lang, at: number, timeZone?: string): string {
  return new Intl.DateTimeFormat(lang, { month: 'long', ...(timeZone ? { timeZone } : {}) }).format(new Date(at));
}
