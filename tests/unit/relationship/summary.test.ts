import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Channel, Note, Touch } from '@/lib/model/types';
import { reasonsFor } from '@/lib/relationship/reasons';
import { computeSummary, type SummaryPerson } from '@/lib/relationship/summary';
import { ALL_CHANNELS } from '@/lib/relationship/touches';
import { CIRCLES, DAY, followUp, NOW, person, touch, TZ } from './fixtures';

const u = (iso: string) => Date.parse(iso);

function summarize(p: SummaryPerson, touches: Touch[] = [], notes: Note[] = [], now = NOW, timeZone = TZ) {
  return computeSummary({ person: p, touches, notes, circles: CIRCLES, now, timeZone });
}

describe('computeSummary: counts', () => {
  it('a bulk-imported person with nothing has zeros and no dueAt', () => {
    expect(summarize({})).toEqual({
      passiveSince: 0,
      broadcastSince: 0,
      personal12m: 0,
      inbound12m: 0,
      personalTotal: 0,
      openFollowUps: 0,
    });
    // Imported with a connection date long ago and no circle: still never due.
    expect(summarize({ connectedAt: NOW - 900 * DAY }).dueAt).toBeUndefined();
  });

  it('last personal touch, channel and last inbound; tombstones ignored', () => {
    const s = summarize({}, [
      touch(NOW - 50 * DAY, 'call', { direction: 'in' }),
      touch(NOW - 20 * DAY, 'meeting'),
      touch(NOW - 10 * DAY, 'call', { deletedAt: NOW }),
      touch(NOW - 5 * DAY, 'like'),
    ]);
    expect(s.lastPersonalAt).toBe(NOW - 20 * DAY);
    expect(s.lastPersonalChannel).toBe('meeting');
    expect(s.lastInboundAt).toBe(NOW - 50 * DAY);
    expect(s.personalTotal).toBe(2);
  });

  it('a message stored as broadcast is not personal; connected is neutral', () => {
    const s = summarize({}, [touch(NOW - 9 * DAY, 'message', { depth: 'broadcast' }), touch(NOW - 8 * DAY, 'connected', { depth: 'personal' })]);
    expect(s.lastPersonalAt).toBeUndefined();
    expect(s.broadcastSince).toBe(1);
    expect(s.passiveSince).toBe(0);
  });

  it.each<[string, Array<[number, Channel, 'in' | 'out']>, number, number]>([
    [
      'no personal: all count',
      [
        [-9, 'like', 'out'],
        [-8, 'wish', 'in'],
        [-7, 'promo', 'out'],
      ],
      2,
      1,
    ],
    [
      'only after the last personal',
      [
        [-9, 'like', 'out'],
        [-8, 'call', 'out'],
        [-7, 'like', 'out'],
        [-6, 'newsletter', 'out'],
      ],
      1,
      1,
    ],
    [
      'an inbound call resets too',
      [
        [-9, 'like', 'out'],
        [-8, 'call', 'in'],
        [-7, 'repost', 'out'],
      ],
      1,
      0,
    ],
    [
      'inbound broadcasts are theirs, not counted',
      [
        [-9, 'promo', 'in'],
        [-8, 'newsletter', 'in'],
      ],
      0,
      0,
    ],
    [
      'inbound passive counts',
      [
        [-9, 'like', 'in'],
        [-8, 'endorsement', 'in'],
      ],
      2,
      0,
    ],
    ['connected counts for nothing', [[-9, 'connected', 'out']], 0, 0],
  ])('%s', (_name, rows, passive, broadcast) => {
    const s = summarize(
      {},
      rows.map(([d, c, direction]) => touch(NOW + d * DAY, c, { direction })),
    );
    expect([s.passiveSince, s.broadcastSince]).toEqual([passive, broadcast]);
  });

  it('a passive touch at the same instant as the personal one is not "since"', () => {
    const s = summarize({}, [touch(NOW - DAY, 'call'), touch(NOW - DAY, 'like')]);
    expect(s.passiveSince).toBe(0);
  });

  it.each<[string, number, number, number]>([
    ['exactly 365 days ago is outside', -365 * DAY, 0, 0],
    ['one ms inside', -365 * DAY + 1, 1, 1],
    ['yesterday', -DAY, 1, 1],
  ])('12-month window: %s', (_n, offset, personal, inbound) => {
    const s = summarize({}, [touch(NOW + offset, 'call', { direction: 'in' })]);
    expect([s.personal12m, s.inbound12m, s.personalTotal]).toEqual([personal, inbound, 1]);
  });

  it('follow-ups: earliest open due date; done, deleted and listening notes ignored', () => {
    const s = summarize(
      {},
      [],
      [
        followUp({ dueAt: NOW + 5 * DAY }),
        followUp({ dueAt: NOW + 2 * DAY }),
        followUp({}), // open, no date
        followUp({ dueAt: NOW - 9 * DAY, doneAt: NOW - 8 * DAY }),
        followUp({ dueAt: NOW - 9 * DAY, deletedAt: NOW - 8 * DAY }),
        followUp({ kind: 'listening', dueAt: NOW - 9 * DAY }),
      ],
    );
    expect(s.nextFollowUpAt).toBe(NOW + 2 * DAY);
    expect(s.openFollowUps).toBe(3);
    expect(s.dueAt).toBe(NOW + 2 * DAY);
  });

  it.each([
    [{ month: 6, day: 5 }, '06-05'],
    [{ month: 12, day: 31, year: 1980 }, '12-31'],
    [{ month: 2, day: 29 }, '02-29'],
    [{ month: 13, day: 1 }, undefined],
    [{ month: 4, day: 31 }, undefined],
  ])('birthdayKey of %o is %s', (birthday, key) => {
    expect(summarize({ birthday }).birthdayKey).toBe(key);
  });

  it.each<[string, number, number | undefined]>([
    ['5 personal touches: rekindle 180 days after the last', 5, NOW - 10 * DAY + 180 * DAY],
    ['4 are not enough', 4, undefined],
  ])('%s', (_n, count, rekindleAt) => {
    const touches = Array.from({ length: count }, (_, i) => touch(NOW - (10 + 100 * i) * DAY, 'call'));
    expect(summarize({}, touches).rekindleAt).toBe(rekindleAt);
  });
});

describe('computeSummary: dueAt', () => {
  const romeMidnight = (key: string) => u(`${key}T00:00:00+02:00`); // CEST

  it.each<[string, SummaryPerson, Touch[], Note[], number | undefined]>([
    ['circle rhythm from the last personal touch', { circleId: 'friends' }, [touch(NOW - 10 * DAY, 'call')], [], NOW + 20 * DAY],
    ['own rhythm wins over the circle', { circleId: 'friends', rhythm: { idealDays: 7, maxDays: 10 } }, [touch(NOW - 10 * DAY, 'call')], [], NOW - 3 * DAY],
    ['own rhythm without a circle', { rhythm: { idealDays: 7, maxDays: 10 } }, [touch(NOW - 10 * DAY, 'call')], [], NOW - 3 * DAY],
    ['unknown circle: no rhythm', { circleId: 'gone' }, [touch(NOW - 10 * DAY, 'call')], [], undefined],
    ['no circle, no rhythm: never due', {}, [touch(NOW - 500 * DAY, 'call')], [], undefined],
    ['rhythm from connectedAt when never personal', { circleId: 'network', connectedAt: NOW - 100 * DAY }, [], [], NOW - 10 * DAY],
    ['rhythm from the day they were added, with no touch and no connection date', { circleId: 'network', createdAt: NOW - 100 * DAY }, [], [], NOW - 10 * DAY],
    [
      'rhythm: the connection date wins over the day they were added',
      { circleId: 'network', createdAt: NOW - 5 * DAY, connectedAt: NOW - 100 * DAY },
      [],
      [],
      NOW - 10 * DAY,
    ],
    [
      'rhythm: a personal touch wins over both',
      { circleId: 'network', createdAt: NOW - 300 * DAY, connectedAt: NOW - 300 * DAY },
      [touch(NOW - 20 * DAY, 'call')],
      [],
      NOW + 70 * DAY,
    ],
    ['rhythm with no anchor at all', { circleId: 'network' }, [], [], undefined],
    ['added long ago with no rhythm: never due', { createdAt: NOW - 900 * DAY }, [], [], undefined],
    ['passive touches do not reset the rhythm', { circleId: 'close' }, [touch(NOW - 20 * DAY, 'call'), touch(NOW - DAY, 'like')], [], NOW - 6 * DAY],
    ['follow-up earlier than rhythm', { circleId: 'friends' }, [touch(NOW - 10 * DAY, 'call')], [followUp({ dueAt: NOW + 3 * DAY })], NOW + 3 * DAY],
    ['birthday in 5 days: start of the local eve', { birthday: { month: 6, day: 20 } }, [], [], romeMidnight('2025-06-19')],
    ['birthday today: eve already passed', { birthday: { month: 6, day: 15 } }, [], [], romeMidnight('2025-06-14')],
    ['birthday yesterday: next year', { birthday: { month: 6, day: 14 } }, [], [], romeMidnight('2026-06-13')],
    ['welcome: connected 2 days ago', { connectedAt: NOW - 2 * DAY }, [], [], NOW - 2 * DAY],
    ['welcome window over after 7 days', { connectedAt: NOW - 7 * DAY }, [], [], undefined],
    ['already welcomed', { connectedAt: NOW - 2 * DAY }, [touch(NOW - DAY, 'message')], [], undefined],
    [
      'like debt: at the third passive touch',
      {},
      [touch(NOW - 9 * DAY, 'like'), touch(NOW - 8 * DAY, 'wish'), touch(NOW - 7 * DAY, 'like'), touch(NOW - 6 * DAY, 'like')],
      [],
      NOW - 7 * DAY,
    ],
    ['two passive touches are not a debt', {}, [touch(NOW - 9 * DAY, 'like'), touch(NOW - 8 * DAY, 'like')], [], undefined],
    ['one broadcast is an imbalance', {}, [touch(NOW - 4 * DAY, 'promo')], [], NOW - 4 * DAY],
    ['a personal touch clears the debt', {}, [touch(NOW - 9 * DAY, 'promo'), touch(NOW - 8 * DAY, 'call')], [], undefined],
    ['snoozed: pushed to the end of the snooze', { circleId: 'friends', snoozedUntil: NOW + 5 * DAY }, [touch(NOW - 40 * DAY, 'call')], [], NOW + 5 * DAY],
    ['snoozed but due later anyway', { circleId: 'friends', snoozedUntil: NOW + 5 * DAY }, [touch(NOW - 10 * DAY, 'call')], [], NOW + 20 * DAY],
    ['snooze over: ignored', { circleId: 'friends', snoozedUntil: NOW - DAY }, [touch(NOW - 40 * DAY, 'call')], [], NOW - 10 * DAY],
    ['snooze alone does not make anyone due', { snoozedUntil: NOW + 5 * DAY }, [], [], undefined],
  ])('%s', (_name, p, touches, notes, dueAt) => {
    expect(summarize(p, touches, notes).dueAt).toBe(dueAt);
  });

  it.each<[string, string, string]>([
    // 29 February in a non-leap year is celebrated on 28 February, so the eve is the 27th.
    ['2025-02-20T12:00:00Z', 'Europe/Rome', '2025-02-26T23:00:00Z'],
    ['2024-02-20T12:00:00Z', 'Europe/Rome', '2024-02-27T23:00:00Z'],
    ['2025-03-01T12:00:00Z', 'Europe/Rome', '2026-02-26T23:00:00Z'],
    ['2027-03-01T12:00:00Z', 'Europe/Rome', '2028-02-27T23:00:00Z'],
    ['2025-02-20T12:00:00Z', 'America/Los_Angeles', '2025-02-27T08:00:00Z'],
  ])('29 Feb birthday at %s in %s: due %s', (nowIso, tz, due) => {
    expect(summarize({ birthday: { month: 2, day: 29 } }, [], [], u(nowIso), tz).dueAt).toBe(u(due));
  });

  it('does not depend on the order of touches', () => {
    const a = touch(NOW - 3 * DAY, 'call', { id: 'a' });
    const b = touch(NOW - 3 * DAY, 'video', { id: 'b' });
    const rest = [touch(NOW - 2 * DAY, 'like'), touch(NOW - DAY, 'promo')];
    const s1 = summarize({ circleId: 'close' }, [a, b, ...rest]);
    const s2 = summarize({ circleId: 'close' }, [...rest, b, a]);
    expect(s1).toEqual(s2);
    expect(s1.lastPersonalChannel).toBe('video');
  });
});

describe('dueAt and reasons agree at the moment of computing', () => {
  const channel = fc.constantFrom(...ALL_CHANNELS);
  const touchArb = fc.record({
    day: fc.integer({ min: -400, max: 2 }),
    ms: fc.integer({ min: 0, max: DAY - 1 }),
    channel,
    inbound: fc.boolean(),
  });
  const arb = fc.record({
    touches: fc.array(touchArb, { maxLength: 8 }),
    circleId: fc.option(fc.constantFrom('close', 'friends', 'network', 'gone'), { nil: undefined }),
    rhythm: fc.option(fc.record({ idealDays: fc.integer({ min: 1, max: 60 }), maxDays: fc.integer({ min: 61, max: 90 }) }), { nil: undefined }),
    connectedDay: fc.option(fc.integer({ min: -30, max: 1 }), { nil: undefined }),
    createdDay: fc.integer({ min: -400, max: 0 }),
    birthday: fc.option(fc.record({ month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) }), { nil: undefined }),
    followDay: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }),
    snoozeDay: fc.option(fc.integer({ min: -3, max: 3 }), { nil: undefined }),
    now: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2026, 0, 1) }),
    tz: fc.constantFrom('Europe/Rome', 'Pacific/Auckland', 'America/Los_Angeles', 'UTC'),
  });

  it('reasonsFor is non-empty exactly when dueAt <= now', () => {
    fc.assert(
      fc.property(arb, (x) => {
        const now = x.now;
        const sp: SummaryPerson = {};
        if (x.circleId !== undefined) sp.circleId = x.circleId;
        if (x.rhythm !== undefined) sp.rhythm = x.rhythm;
        if (x.connectedDay !== undefined) sp.connectedAt = now + x.connectedDay * DAY;
        if (x.birthday !== undefined) sp.birthday = x.birthday;
        if (x.snoozeDay !== undefined) sp.snoozedUntil = now + x.snoozeDay * DAY;
        const touches = x.touches.map((t) => touch(now + t.day * DAY + t.ms, t.channel, { direction: t.inbound ? 'in' : 'out' }));
        const notes = x.followDay === undefined ? [] : [followUp({ dueAt: now + x.followDay * DAY })];
        // The same person (with the day they were added) for both.
        const full = person({ ...sp, createdAt: now + x.createdDay * DAY });
        const summary = computeSummary({ person: full, touches, notes, circles: CIRCLES, now, timeZone: x.tz });
        const reasons = reasonsFor({ person: { ...full, summary }, notes, circles: CIRCLES, now, timeZone: x.tz });
        expect(reasons.length > 0).toBe(summary.dueAt !== undefined && summary.dueAt <= now);
      }),
      { numRuns: 500, seed: 42 },
    );
  });
});
