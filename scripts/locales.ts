// Writes public/_locales/{en,it}/messages.json from lib/i18n/messages.ts, the one
// table of UI strings. Run after editing the table: npm run locales
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LOCALE_LANGS, localeFile } from '../lib/i18n/locale-files';
import { MESSAGES } from '../lib/i18n/messages';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', '_locales');
for (const lang of LOCALE_LANGS) {
  mkdirSync(join(root, lang), { recursive: true });
  writeFileSync(join(root, lang, 'messages.json'), localeFile(MESSAGES, lang), 'utf8');
}
console.log(`${Object.keys(MESSAGES).length} keys`);
