import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/model/settings';
import { dailyLimit, decideNudge, pruneLog, type PolicyInput, type ShownNudge } from '@/lib/nudges/policy';

const TZ = 'Europe/Rome';
// Wednesday 2026-03-11 15:00 in Rome (14:00 UTC).
const NOW = Date.UTC(2026, 2, 11, 14, 0);
const H = 3_600_000;
const D = 24 * H;

function input(over: Partial<PolicyInput> = {}): PolicyInput {
  return {
    kind: 'like',
    personId: 'ada',
    log: [],
    mutedPeople: [],
    settings: { nudges: DEFAULT_SETTINGS.nudges, dailyNudgeLimit: DEFAULT_SETTINGS.dailyNudgeLimit },
    now: NOW,
    timeZone: TZ,
    ...over,
  };
}

const shown = (personId: string, at: number, kind: ShownNudge['kind'] = 'like'): ShownNudge => ({ personId, kind, at });
/** `n` nudges today for other people, an hour apart, ending an hour ago. */
const today = (n: number): ShownNudge[] => Array.from({ length: n }, (_, i) => shown(`p${i}`, NOW - (i + 1) * 20 * 60_000));

describe('decideNudge', () => {
  it.each<[string, Partial<PolicyInput>, ReturnType<typeof decideNudge>]>([
    ['nothing shown yet: show', {}, { show: true }],
    ['default limit is 5: 4 today, show the 5th', { log: today(4) }, { show: true }],
    ['5 already today: no more', { log: today(5) }, { show: false, why: 'daily-limit' }],
    [
      'the limit follows the setting (2)',
      { log: today(2), settings: { nudges: DEFAULT_SETTINGS.nudges, dailyNudgeLimit: 2 } },
      { show: false, why: 'daily-limit' },
    ],
    ['a limit of 0 means none at all', { settings: { nudges: DEFAULT_SETTINGS.nudges, dailyNudgeLimit: 0 } }, { show: false, why: 'daily-limit' }],
    [
      'yesterday evening does not count for today',
      { log: Array.from({ length: 5 }, (_, i) => shown(`p${i}`, Date.UTC(2026, 2, 10, 22, 30) - i * 60_000)) },
      { show: true },
    ],
    // Rome midnight is 23:00 UTC the day before: 23:30 UTC on the 10th is today in Rome.
    [
      'today starts at local midnight, not UTC midnight',
      { log: Array.from({ length: 5 }, (_, i) => shown(`p${i}`, Date.UTC(2026, 2, 10, 23, 30) + i * 60_000)) },
      { show: false, why: 'daily-limit' },
    ],
    ['same person 2 days ago: not again this week', { log: [shown('ada', NOW - 2 * D)] }, { show: false, why: 'person-week' }],
    ['same person, another kind, same week: still no', { kind: 'promo', log: [shown('ada', NOW - 6 * D, 'wish')] }, { show: false, why: 'person-week' }],
    ['same person 7 days ago: a week has passed', { log: [shown('ada', NOW - 7 * D)] }, { show: true }],
    ['another person yesterday: no effect', { log: [shown('bruno', NOW - D)] }, { show: true }],
    ['person muted ("not for this person")', { mutedPeople: ['ada'] }, { show: false, why: 'person-muted' }],
    ['another person muted: no effect', { mutedPeople: ['bruno'] }, { show: true }],
    [
      'kind switched off ("not this kind" or options)',
      { settings: { nudges: { ...DEFAULT_SETTINGS.nudges, like: false }, dailyNudgeLimit: 5 } },
      { show: false, why: 'kind-off' },
    ],
    ['another kind switched off: no effect', { settings: { nudges: { ...DEFAULT_SETTINGS.nudges, promo: false }, dailyNudgeLimit: 5 } }, { show: true }],
    [
      'a kind off wins over everything else',
      { mutedPeople: ['ada'], log: today(5), settings: { nudges: { ...DEFAULT_SETTINGS.nudges, like: false }, dailyNudgeLimit: 5 } },
      { show: false, why: 'kind-off' },
    ],
    ['muted person before the week rule', { mutedPeople: ['ada'], log: [shown('ada', NOW - H)] }, { show: false, why: 'person-muted' }],
    ['quiet hours do not matter: 23:30 in Rome', { now: Date.UTC(2026, 2, 11, 22, 30) }, { show: true }],
  ])('%s', (_name, over, expected) => {
    expect(decideNudge(input(over))).toStrictEqual(expected);
  });

  it('each kind has its own switch', () => {
    for (const kind of ['like', 'wish', 'promo', 'pitch'] as const) {
      const off = { ...DEFAULT_SETTINGS.nudges, [kind]: false };
      expect(decideNudge(input({ kind, settings: { nudges: off, dailyNudgeLimit: 5 } }))).toStrictEqual({ show: false, why: 'kind-off' });
      for (const other of ['like', 'wish', 'promo', 'pitch'] as const) {
        if (other !== kind) expect(decideNudge(input({ kind: other, settings: { nudges: off, dailyNudgeLimit: 5 } }))).toStrictEqual({ show: true });
      }
    }
  });
});

describe('dailyLimit', () => {
  it.each([
    [5, 5],
    [0, 0],
    [2.7, 2],
    [-1, 5],
    [Number.NaN, 5],
  ])('%s -> %s', (raw, expected) => {
    expect(dailyLimit({ dailyNudgeLimit: raw })).toBe(expected);
  });
});

describe('pruneLog', () => {
  it('keeps what the policy needs (a week and a day), oldest first', () => {
    const log = [shown('a', NOW - H), shown('b', NOW - 9 * D), shown('c', NOW - 7 * D)];
    expect(pruneLog(log, NOW).map((n) => n.personId)).toStrictEqual(['c', 'a']);
  });
});
