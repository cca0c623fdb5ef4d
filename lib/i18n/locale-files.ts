/**
 * Chrome's `_locales/<lang>/messages.json` text for each language, from the one
 * table. Pure, so a unit test can compare it with the committed files and
 * `scripts/locales.ts` can write it. The format (one-space indent, trailing
 * newline, non-ASCII kept as is) is the one the committed files have.
 */
import type { LocaleEntry } from './messages';

export type LocaleLang = 'en' | 'it';
export const LOCALE_LANGS: readonly LocaleLang[] = ['en', 'it'];

export function localeFile(table: Readonly<Record<string, LocaleEntry>>, lang: LocaleLang): string {
  const out: Record<string, { message: string; description?: string }> = {};
  for (const [key, entry] of Object.entries(table)) {
    out[key] = entry.description === undefined ? { message: entry[lang] } : { message: entry[lang], description: entry.description };
  }
  return `${JSON.stringify(out, null, 1)}\n`;
}
