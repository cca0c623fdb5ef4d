/**
 * The people of the "Reach out today" tests in both browsers: one for each reason
 * to be on the list (a promise due, a birthday, long overdue, likes piling up),
 * and three who must not be (snoozed, archived, recently called).
 */
import type { SeedPerson } from './seed';
import { localDayKey } from '@/lib/relationship/time';

const DAY = 86_400_000;

export function reachPeople(now: number, TZ: string): SeedPerson[] {
  const [, month, day] = localDayKey(now, TZ).split('-').map(Number) as [number, number, number];
  return [
    {
      id: 'a',
      name: 'Ada Follow',
      handle: 'ada-follow',
      notes: [{ kind: 'followup', text: 'send the article on local-first', dueAt: now - DAY }],
      touches: [{ channel: 'call', depth: 'personal', at: now - 10 * DAY }],
    },
    {
      id: 'b',
      name: 'Bruno Birthday',
      handle: 'bruno-birthday',
      patch: { birthday: { month, day } },
      touches: [{ channel: 'call', depth: 'personal', at: now - 10 * DAY }],
    },
    { id: 'c', name: 'Chiara Overdue', patch: { circleId: 'close' }, touches: [{ channel: 'meeting', depth: 'personal', at: now - 40 * DAY }] },
    {
      id: 'd',
      name: 'Dario Likes',
      touches: [
        { channel: 'call', depth: 'personal', at: now - 30 * DAY },
        ...[5, 4, 3, 2, 1].map((d) => ({ channel: 'like' as const, depth: 'passive' as const, at: now - d * DAY })),
      ],
    },
    {
      id: 'e',
      name: 'Elena Snoozed',
      patch: { circleId: 'close', snoozedUntil: now + 7 * DAY },
      touches: [{ channel: 'call', depth: 'personal', at: now - 40 * DAY }],
    },
    { id: 'f', name: 'Franco Archived', patch: { archived: 1 }, notes: [{ kind: 'followup', text: 'call back', dueAt: now - DAY }] },
    { id: 'g', name: 'Gina Fine', patch: { circleId: 'close' }, touches: [{ channel: 'call', depth: 'personal', at: now - 2 * DAY }] },
  ];
}
