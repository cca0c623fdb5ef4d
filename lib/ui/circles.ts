import { isMessageKey, translate, type Lang } from '@/lib/i18n';
import type { Circle } from '@/lib/model/types';

/** Built-in circles carry a locale key as their name; user circles their own text. */
export function circleName(lang: Lang, c: Circle): string {
  return c.builtIn && isMessageKey(c.name) ? translate(lang, c.name) : c.name;
}
