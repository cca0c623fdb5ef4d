/**
 * The words of the popup's first paint, written by the background beside its
 * snapshot of today's list (`SnapshotPaint`). Pure: the list, a language, a clock.
 */
import { translate, type Lang } from '@/lib/i18n';
import { describeReason } from './describe';
import type { RankedPerson } from '@/lib/relationship/rank';
import type { SnapshotPaint } from './reach-snapshot';

/** "Ada Lovelace" -> "AL": the avatar the popup shows (Kith loads no photos). */
export function initialsOf(name: string): string {
  return name
    .split(/\s+/)
    .slice(0, 2)
    .map((w) => w[0]?.toUpperCase() ?? '')
    .join('');
}

export function snapshotPaint(items: readonly RankedPerson[], count: number, lang: Lang, now: number, timeZone: string): SnapshotPaint {
  return {
    lang,
    title: translate(lang, 'reach_title'),
    waiting: translate(lang, 'reach_waiting', { count }),
    openPanel: translate(lang, 'popup_open_panel'),
    options: translate(lang, 'popup_options'),
    rows: items.map(({ person, top }) => ({
      id: person.id,
      name: person.name,
      initials: initialsOf(person.name) || '?',
      reason: describeReason(lang, top, now, timeZone),
      code: top.code,
    })),
  };
}
