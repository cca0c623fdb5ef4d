import { describe, expect, it } from 'vitest';
import type { Birthday, Note, Person } from '@/lib/model/types';
import { birthdayKeysCelebratedOn } from '@/lib/relationship/birthday';
import { REASON_CODES, REASON_WEIGHTS, type ReasonCode, reasonsFor, rekindleReason } from '@/lib/relationship/reasons';
import { CIRCLES, DAY, followUp, NOW, person, TZ } from './fixtures';

const u = (iso: string) => Date.parse(iso);

function reasons(p: Person, notes: Note[] = [], now = NOW, timeZone = TZ) {
  return reasonsFor({ person: p, notes, circles: CIRCLES, now, timeZone });
}
const codes = (p: Person, notes: Note[] = [], now = NOW, timeZone = TZ) => reasons(p, notes, now, timeZone).map((r) => r.code);

describe('weights', () => {
  it('every code has a weight, in the documented order', () => {
    expect(Object.keys(REASON_WEIGHTS).sort()).toEqual([...REASON_CODES].sort());
    const order: ReasonCode[] = [
      'followup-due',
      'birthday-today',
      'birthday-tomorrow',
      'overdue-red',
      'like-debt',
      'overdue-amber',
      'broadcast-imbalance',
      'welcome',
      'rekindle',
    ];
    const weights = order.map((c) => REASON_WEIGHTS[c]);
    expect(weights).toEqual([...weights].sort((a, b) => b - a));
    expect(new Set(weights).size).toBe(weights.length);
  });
});

describe('reasonsFor: each reason', () => {
  it.each<[string, Person, Note[], ReasonCode[]]>([
    ['nothing', person(), [], []],
    ['follow-up due', person(), [followUp({ dueAt: NOW - DAY })], ['followup-due']],
    ['follow-up not yet due', person(), [followUp({ dueAt: NOW + 1 })], []],
    ['follow-up without a date', person(), [followUp()], []],
    ['follow-up done', person(), [followUp({ dueAt: NOW - DAY, doneAt: NOW - 1 })], []],
    ['follow-up deleted', person(), [followUp({ dueAt: NOW - DAY, deletedAt: NOW - 1 })], []],
    ['listening note with a date', person(), [followUp({ kind: 'listening', dueAt: NOW - DAY })], []],
    ['birthday today', person({ birthday: { month: 6, day: 15 } }), [], ['birthday-today']],
    ['birthday tomorrow', person({ birthday: { month: 6, day: 16 } }), [], ['birthday-tomorrow']],
    ['birthday in two days', person({ birthday: { month: 6, day: 17 } }), [], []],
    ['birthday yesterday', person({ birthday: { month: 6, day: 14 } }), [], []],
    // friends: ideal 30, max 45 days
    ['amber at exactly the ideal', person({ circleId: 'friends', summary: { lastPersonalAt: NOW - 30 * DAY } }), [], ['overdue-amber']],
    ['nothing 1 ms before the ideal', person({ circleId: 'friends', summary: { lastPersonalAt: NOW - 30 * DAY + 1 } }), [], []],
    ['amber just before the max', person({ circleId: 'friends', summary: { lastPersonalAt: NOW - 45 * DAY + 1 } }), [], ['overdue-amber']],
    ['red at the max', person({ circleId: 'friends', summary: { lastPersonalAt: NOW - 45 * DAY } }), [], ['overdue-red']],
    [
      'own rhythm wins',
      person({ circleId: 'network', rhythm: { idealDays: 5, maxDays: 8 }, summary: { lastPersonalAt: NOW - 10 * DAY } }),
      [],
      ['overdue-red'],
    ],
    ['no rhythm, long silence', person({ summary: { lastPersonalAt: NOW - 900 * DAY } }), [], []],
    ['never personal: clock from connectedAt', person({ circleId: 'close', connectedAt: NOW - 30 * DAY }), [], ['overdue-red']],
    ['like debt at 3', person({ summary: { passiveSince: 3 } }), [], ['like-debt']],
    ['no like debt at 2', person({ summary: { passiveSince: 2 } }), [], []],
    ['broadcast at 1', person({ summary: { broadcastSince: 1 } }), [], ['broadcast-imbalance']],
    ['welcome within the week', person({ connectedAt: NOW - 6 * DAY }), [], ['welcome']],
    ['welcome at the last ms', person({ connectedAt: NOW - 7 * DAY + 1 }), [], ['welcome']],
    ['no welcome after a week', person({ connectedAt: NOW - 7 * DAY }), [], []],
    ['no welcome once welcomed', person({ connectedAt: NOW - 2 * DAY, summary: { lastPersonalAt: NOW - DAY } }), [], []],
    ['no welcome for a future connectedAt yet', person({ connectedAt: NOW + 1 }), [], []],
  ])('%s', (_name, p, notes, expected) => {
    expect(codes(p, notes)).toEqual(expected);
  });
});

describe('reasonsFor: params', () => {
  it('followup-due: the most overdue, in local days, with the count', () => {
    const notes = [
      followUp({ dueAt: NOW - DAY, text: 'later one' }),
      followUp({ dueAt: u('2025-06-11T23:30:00Z'), text: 'send the article' }), // 12 June in Rome
      followUp({ dueAt: NOW + DAY }),
    ];
    const [r] = reasons(person(), notes);
    expect(r).toEqual({
      code: 'followup-due',
      weight: REASON_WEIGHTS['followup-due'],
      params: { text: 'send the article', dueAt: u('2025-06-11T23:30:00Z'), overdueDays: 3, count: 2 },
    });
  });

  it('followup-due: due earlier today is 0 days overdue', () => {
    const [r] = reasons(person(), [followUp({ dueAt: NOW - 3_600_000 })]);
    expect(r?.params.overdueDays).toBe(0);
  });

  it('overdue: days, last personal time and channel', () => {
    const p = person({ circleId: 'friends', summary: { lastPersonalAt: NOW - 50 * DAY, lastPersonalChannel: 'call' } });
    expect(reasons(p)[0]?.params).toEqual({ days: 50, lastPersonalAt: NOW - 50 * DAY, channel: 'call' });
  });

  it('overdue with no personal touch ever names connectedAt instead', () => {
    const p = person({ circleId: 'friends', connectedAt: NOW - 31 * DAY });
    expect(reasons(p)[0]?.params).toEqual({ days: 31, connectedAt: NOW - 31 * DAY });
  });

  it.each<[string, Person, Record<string, string | number>]>([
    ['like-debt', person({ summary: { passiveSince: 5, lastPersonalAt: NOW - 90 * DAY } }), { count: 5, lastPersonalAt: NOW - 90 * DAY }],
    ['like-debt, never talked', person({ summary: { passiveSince: 4 } }), { count: 4 }],
    ['broadcast-imbalance', person({ summary: { broadcastSince: 2 } }), { count: 2 }],
    ['welcome', person({ connectedAt: NOW - DAY }), { connectedAt: NOW - DAY }],
    ['birthday with a year', person({ birthday: { month: 6, day: 15, year: 1985 } }), { age: 40 }],
    ['birthday without a year', person({ birthday: { month: 6, day: 16 } }), {}],
  ])('%s params', (_name, p, params) => {
    expect(reasons(p)[0]?.params).toEqual(params);
  });
});

describe('reasonsFor: who gets none', () => {
  const busy = { summary: { passiveSince: 4, broadcastSince: 1 }, birthday: { month: 6, day: 15 } };
  it.each<[string, Person, number]>([
    ['archived', person({ ...busy, archived: 1 }), 0],
    ['deleted', person({ ...busy, deletedAt: NOW - DAY }), 0],
    ['merged', person({ ...busy, mergedInto: 'p2' }), 0],
    ['snoozed', person({ ...busy, snoozedUntil: NOW + 1 }), 0],
    ['snooze ended', person({ ...busy, snoozedUntil: NOW }), 3],
    ['live', person(busy), 3],
  ])('%s -> %i reasons', (_name, p, n) => {
    expect(reasons(p, [followUp({ dueAt: NOW - DAY })]).length).toBe(n === 0 ? 0 : n + 1);
  });
});

describe('reasonsFor: ranking within a person', () => {
  it('sorts by weight, heaviest first', () => {
    const p = person({
      circleId: 'friends',
      connectedAt: NOW - 2 * DAY,
      birthday: { month: 6, day: 16 },
      summary: { lastPersonalAt: NOW - 35 * DAY, passiveSince: 3, broadcastSince: 1 },
    });
    // connectedAt after the last personal touch still counts as welcomed: no 'welcome'.
    expect(codes(p, [followUp({ dueAt: NOW - DAY })])).toEqual(['followup-due', 'birthday-tomorrow', 'like-debt', 'overdue-amber', 'broadcast-imbalance']);
    expect(codes(person({ circleId: 'close', summary: { lastPersonalAt: NOW - 30 * DAY, passiveSince: 3 } }))).toEqual(['overdue-red', 'like-debt']);
    expect(codes(person({ connectedAt: NOW - DAY, summary: { broadcastSince: 1 } }))).toEqual(['broadcast-imbalance', 'welcome']);
  });
});

describe('birthdays in the user time zone', () => {
  const june16: Birthday = { month: 6, day: 16 };
  it.each<[string, string, ReasonCode[]]>([
    // 12:30Z: already 16 June 00:30 in Auckland, still 15 June 05:30 in Los Angeles.
    ['2025-06-15T12:30:00Z', 'Pacific/Auckland', ['birthday-today']],
    ['2025-06-15T12:30:00Z', 'America/Los_Angeles', ['birthday-tomorrow']],
    ['2025-06-15T11:30:00Z', 'Pacific/Auckland', ['birthday-tomorrow']], // 23:30 on the 15th
    ['2025-06-15T06:30:00Z', 'America/Los_Angeles', []], // 23:30 on the 14th
    ['2025-06-16T08:00:00Z', 'America/Los_Angeles', ['birthday-today']], // 01:00 on the 16th
    ['2025-06-17T06:00:00Z', 'America/Los_Angeles', ['birthday-today']], // 23:00 on the 16th
    ['2025-06-17T06:00:00Z', 'Pacific/Auckland', []], // 18:00 on the 17th
    ['2025-06-15T22:30:00Z', 'Europe/Rome', ['birthday-today']], // 00:30 CEST on the 16th
    ['2025-06-15T21:30:00Z', 'Europe/Rome', ['birthday-tomorrow']],
    ['2025-06-15T21:30:00Z', 'UTC', ['birthday-tomorrow']],
  ])('at %s in %s', (iso, tz, expected) => {
    expect(codes(person({ birthday: june16 }), [], u(iso), tz)).toEqual(expected);
  });

  it.each<[string, ReasonCode[], number | undefined]>([
    // Non-leap 2025: 29 February is celebrated on 28 February.
    ['2025-02-27T12:00:00Z', ['birthday-tomorrow'], 25],
    ['2025-02-28T12:00:00Z', ['birthday-today'], 25],
    ['2025-03-01T12:00:00Z', [], undefined],
    // Leap 2024: on the day itself.
    ['2024-02-27T12:00:00Z', [], undefined],
    ['2024-02-28T12:00:00Z', ['birthday-tomorrow'], 24],
    ['2024-02-29T12:00:00Z', ['birthday-today'], 24],
    ['2024-03-01T12:00:00Z', [], undefined],
  ])('29 February, at %s', (iso, expected, age) => {
    const rs = reasons(person({ birthday: { month: 2, day: 29, year: 2000 } }), [], u(iso));
    expect(rs.map((r) => r.code)).toEqual(expected);
    expect(rs[0]?.params.age).toBe(age);
  });

  it.each<[string, string[]]>([
    ['2025-02-28', ['02-28', '02-29']],
    ['2024-02-28', ['02-28']],
    ['2024-02-29', ['02-29']],
    ['2025-06-15', ['06-15']],
    ['2025-04-30', ['04-30']],
  ])('birthdayKeysCelebratedOn(%s)', (key, keys) => {
    expect(birthdayKeysCelebratedOn(key)).toEqual(keys);
  });

  it.each<[Birthday]>([[{ month: 0, day: 15 }], [{ month: 6, day: 31 }], [{ month: 2, day: 30 }], [{ month: 6, day: 0 }]])(
    'an invalid birthday %o gives no reason',
    (birthday) => {
      const now = u('2025-06-30T12:00:00Z');
      expect(codes(person({ birthday }), [], now)).toEqual([]);
      expect(codes(person({ birthday }), [], now - DAY)).toEqual([]);
    },
  );
});

describe('rekindleReason', () => {
  it.each<[string, Person, boolean]>([
    ['due', person({ summary: { rekindleAt: NOW, personalTotal: 6, lastPersonalAt: NOW - 180 * DAY } }), true],
    ['not yet', person({ summary: { rekindleAt: NOW + 1, personalTotal: 6 } }), false],
    ['no rekindleAt', person({ summary: { personalTotal: 2 } }), false],
    ['archived', person({ archived: 1, summary: { rekindleAt: NOW, personalTotal: 6 } }), false],
    ['snoozed', person({ snoozedUntil: NOW + DAY, summary: { rekindleAt: NOW, personalTotal: 6 } }), false],
  ])('%s', (_name, p, yes) => {
    const r = rekindleReason(p, NOW);
    expect(r !== undefined).toBe(yes);
    if (r) expect(r).toEqual({ code: 'rekindle', weight: REASON_WEIGHTS.rekindle, params: { lastPersonalAt: NOW - 180 * DAY, personalTotal: 6 } });
  });

  it('reasonsFor never returns rekindle', () => {
    expect(codes(person({ summary: { rekindleAt: NOW - DAY, personalTotal: 9 } }))).toEqual([]);
  });
});
