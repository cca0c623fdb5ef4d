import { describe, expect, it } from 'vitest';
import type { Note, Person } from '@/lib/model/types';
import { countWaiting, rankReachOut, type RankInput } from '@/lib/relationship/rank';
import { CIRCLES, DAY, followUp, HOUR, NOW, person, TZ } from './fixtures';

function input(people: Person[], over: Partial<RankInput> = {}): RankInput {
  return { people, notesByPerson: new Map(), circles: CIRCLES, now: NOW, timeZone: TZ, ...over };
}

describe('rankReachOut', () => {
  const people = [
    person({ id: 'quiet' }), // no reason
    person({ id: 'amber-recent', circleId: 'friends', summary: { lastPersonalAt: NOW - 31 * DAY } }),
    person({ id: 'amber-older', circleId: 'friends', summary: { lastPersonalAt: NOW - 40 * DAY } }),
    person({ id: 'likes', summary: { passiveSince: 3, lastPersonalAt: NOW - 5 * DAY } }),
    person({ id: 'birthday', birthday: { month: 6, day: 15 }, summary: { lastPersonalAt: NOW - DAY } }),
    person({ id: 'promise', summary: { lastPersonalAt: NOW - 2 * DAY } }),
    person({ id: 'welcome-b', connectedAt: NOW - DAY }),
    person({ id: 'welcome-a', connectedAt: NOW - 2 * DAY }),
    person({ id: 'archived', archived: 1, summary: { passiveSince: 9 } }),
    person({ id: 'snoozed', snoozedUntil: NOW + DAY, summary: { passiveSince: 9 } }),
  ];
  const notes = new Map<string, Note[]>([['promise', [followUp({ personId: 'promise', dueAt: NOW - DAY })]]]);

  it('ranks by top reason, then longest since a personal word, then id', () => {
    const ranked = rankReachOut(input(people, { notesByPerson: notes }));
    expect(ranked.map((r) => [r.person.id, r.top.code])).toEqual([
      ['promise', 'followup-due'],
      ['birthday', 'birthday-today'],
      ['likes', 'like-debt'],
      ['amber-older', 'overdue-amber'],
      ['amber-recent', 'overdue-amber'],
      ['welcome-a', 'welcome'], // never talked: ties broken by id
      ['welcome-b', 'welcome'],
    ]);
    for (const r of ranked) expect(r.top).toBe(r.reasons[0]);
  });

  it('countWaiting counts the same people, without rekindle', () => {
    expect(countWaiting(input(people, { notesByPerson: notes }))).toBe(7);
    expect(countWaiting(input([]))).toBe(0);
  });

  it('lists a person once even if passed twice', () => {
    const p = person({ id: 'x', summary: { broadcastSince: 1 } });
    expect(rankReachOut(input([p, p]))).toHaveLength(1);
  });
});

describe('rankReachOut: rekindle suggestions', () => {
  const candidate = (id: string, over: Parameters<typeof person>[0] = {}) =>
    person({ id, summary: { personalTotal: 8, lastPersonalAt: NOW - 200 * DAY, rekindleAt: NOW - 20 * DAY }, ...over });
  const ten = Array.from({ length: 10 }, (_, i) => candidate(`old-friend-${i}`));
  const picks = (now: number, timeZone = TZ, cands = ten, max?: number) =>
    rankReachOut(input([], { now, timeZone, rekindleCandidates: cands, ...(max !== undefined ? { maxRekindle: max } : {}) })).map((r) => r.person.id);

  it('at most 3 a day, all with the rekindle reason, after the people with reasons', () => {
    const due = person({ id: 'due', summary: { broadcastSince: 1 } });
    const ranked = rankReachOut(input([due], { rekindleCandidates: ten }));
    expect(ranked).toHaveLength(4);
    expect(ranked[0]?.person.id).toBe('due');
    for (const r of ranked.slice(1)) {
      expect(r.top.code).toBe('rekindle');
      expect(r.reasons).toEqual([r.top]);
      expect(r.top.params).toEqual({ personalTotal: 8, lastPersonalAt: NOW - 200 * DAY });
    }
  });

  it.each([0, 1, 2, 3, 4, 10, 100])('stable within the local day (day +%i)', (d) => {
    const day = NOW + d * DAY;
    const start = Date.parse('2025-06-14T22:00:00Z') + d * DAY; // local midnight, Rome (CEST)
    const first = picks(start);
    expect(first).toHaveLength(3);
    for (const t of [start + HOUR, day, start + DAY - 1]) expect(picks(t)).toEqual(first);
    expect(picks(start - 1)).not.toEqual(first);
  });

  it('rotates: consecutive days differ and everyone comes round within ceil(n/3) days', () => {
    const days = Array.from({ length: 4 }, (_, d) => picks(NOW + d * DAY));
    for (let d = 1; d < days.length; d++) {
      const prev = new Set(days[d - 1]);
      expect(days[d]?.some((id) => prev.has(id))).toBe(false);
    }
    expect(new Set(days.flat()).size).toBe(10);
  });

  it('does not depend on the order candidates come in', () => {
    expect(picks(NOW, TZ, [...ten].reverse())).toEqual(picks(NOW));
  });

  it('follows the local day: Auckland rolls over before Los Angeles', () => {
    // 13:00Z on 15 June: already the 16th in Auckland, still the 15th in Los Angeles.
    const t = Date.parse('2025-06-15T13:00:00Z');
    expect(picks(t, 'Pacific/Auckland')).toEqual(picks(Date.parse('2025-06-16T13:00:00Z'), 'America/Los_Angeles'));
    expect(picks(t, 'Pacific/Auckland')).not.toEqual(picks(t, 'America/Los_Angeles'));
  });

  it.each<[string, Person[], number | undefined, string[]]>([
    ['fewer candidates than the limit: all of them', [candidate('a'), candidate('b')], undefined, ['a', 'b']],
    ['maxRekindle 0: none', ten, 0, []],
    ['maxRekindle 5', ten, 5, ['five']],
    ['not yet due', [candidate('a', { summary: { personalTotal: 8, rekindleAt: NOW + 1 } })], undefined, []],
    ['archived or snoozed are skipped', [candidate('a', { archived: 1 }), candidate('b', { snoozedUntil: NOW + DAY })], undefined, []],
  ])('%s', (_name, cands, max, expected) => {
    const got = picks(NOW, TZ, cands, max);
    if (expected[0] === 'five') expect(new Set(got).size).toBe(5);
    else expect([...got].sort()).toEqual(expected);
  });

  it('skips people already in the list', () => {
    const listed = candidate('listed', { summary: { personalTotal: 8, rekindleAt: NOW - DAY, broadcastSince: 1 } });
    const ranked = rankReachOut(input([listed], { rekindleCandidates: [listed, candidate('other')] }));
    expect(ranked.map((r) => [r.person.id, r.top.code])).toEqual([
      ['listed', 'broadcast-imbalance'],
      ['other', 'rekindle'],
    ]);
  });
});
