import type { Circle, Note, Person } from '@/lib/model/types';
import { celebrationKey, isValidBirthday } from './birthday';
import { dateStatuses } from './dates';
import { BROADCAST_MIN, LIKE_DEBT_MIN } from './constants';
import { inWelcomeWindow, isOpenFollowUp, rhythmAnchor, rhythmOf } from './summary';
import { addDaysToKey, DAY_MS, daysBetweenKeys, localDayKey, parseDayKey } from './time';

/** Every reason code; the UI turns each into words (a test checks every code has a locale string). */
export const REASON_CODES = [
  'followup-due',
  'birthday-today',
  'birthday-tomorrow',
  'date-today',
  'date-soon',
  'date-after',
  'overdue-red',
  'overdue-amber',
  'like-debt',
  'broadcast-imbalance',
  'welcome',
  'rekindle',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export interface Reason {
  code: ReasonCode;
  weight: number;
  params: Record<string, string | number>;
}

/**
 * How much each reason weighs; the popup ranks people by their heaviest one.
 * - followup-due: a promise made is giving before asking; keeping it comes first.
 * - birthday today/tomorrow: a fixed day that will not wait (call, don't just click "wish").
 * - date-today: another date that matters (a name day, an anniversary) is today;
 *   just under a birthday, which is the most personal of them.
 * - date-after: a one-off date has passed ("her exam"): asking how it went is
 *   listening, and it is owed now.
 * - date-soon: a date within the lead time the user chose: time to plan.
 * - overdue-red: past the maximum of the rhythm; the relationship is slipping.
 * - like-debt: likes are piling up in place of a conversation.
 * - overdue-amber: past the ideal rhythm, still within the maximum.
 * - broadcast-imbalance: promos sent with no personal word since.
 * - welcome: a new connection deserves a hello, but nothing is lost yet.
 * - rekindle: an old good relationship; a gentle suggestion, only a few a day.
 * Gaps of 10 leave room for new codes in between.
 */
export const REASON_WEIGHTS: Readonly<Record<ReasonCode, number>> = {
  'followup-due': 100,
  'birthday-today': 90,
  'date-today': 85,
  'birthday-tomorrow': 80,
  'date-after': 75,
  'date-soon': 65,
  'overdue-red': 70,
  'like-debt': 60,
  'overdue-amber': 50,
  'broadcast-imbalance': 40,
  welcome: 30,
  rekindle: 10,
};

function reason(code: ReasonCode, params: Record<string, string | number | undefined>): Reason {
  const clean: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(params)) if (v !== undefined) clean[k] = v;
  return { code, weight: REASON_WEIGHTS[code], params: clean };
}

/** Not archived, deleted or merged: a person the lists may show at all. */
export function isLive(person: Person): boolean {
  return person.archived !== 1 && person.deletedAt === undefined && person.mergedInto === undefined;
}

/** Live and not snoozed at `now`. */
export function isReachable(person: Person, now: number): boolean {
  return isLive(person) && !(person.snoozedUntil !== undefined && person.snoozedUntil > now);
}

export interface ReasonsInput {
  person: Person;
  /** This person's notes; only open follow-ups count (others are ignored). */
  notes: Note[];
  circles: Circle[];
  now: number;
  timeZone: string;
}

/**
 * Why this person may need a word from the user now, heaviest first. Time-bound
 * parts (rhythm, birthday, welcome, follow-ups) are evaluated at `now`, so a stale
 * stored summary only matters for the touch counts. Never returns 'rekindle'
 * (see `rankReachOut`).
 */
export function reasonsFor(input: ReasonsInput): Reason[] {
  const { person, circles, now, timeZone } = input;
  if (!isReachable(person, now)) return [];
  const s = person.summary;
  const today = localDayKey(now, timeZone);
  const out: Reason[] = [];

  // Follow-ups: one reason for the most overdue, with how many are due.
  const due = input.notes
    .filter((n) => isOpenFollowUp(n) && n.dueAt !== undefined && n.dueAt <= now)
    .sort((a, b) => (a.dueAt ?? 0) - (b.dueAt ?? 0) || a.id.localeCompare(b.id));
  const first = due[0];
  if (first?.dueAt !== undefined) {
    out.push(
      reason('followup-due', {
        text: first.text,
        dueAt: first.dueAt,
        overdueDays: Math.max(0, daysBetweenKeys(localDayKey(first.dueAt, timeZone), today)),
        count: due.length,
      }),
    );
  }

  if (isValidBirthday(person.birthday)) {
    const b = person.birthday;
    const tomorrow = addDaysToKey(today, 1);
    for (const [day, code] of [
      [today, 'birthday-today'],
      [tomorrow, 'birthday-tomorrow'],
    ] as const) {
      const year = parseDayKey(day).year;
      if (celebrationKey(b, year) !== day) continue;
      const age = b.year !== undefined && year - b.year > 0 ? year - b.year : undefined;
      out.push(reason(code, { age }));
      break;
    }
  }

  for (const st of dateStatuses(person.dates, today, s.lastPersonalAt, timeZone)) {
    const code = st.moment === 'today' ? 'date-today' : st.moment === 'soon' ? 'date-soon' : 'date-after';
    out.push(
      reason(code, { dateId: st.date.id, kind: st.date.kind, label: st.date.label, days: st.days, years: st.years, once: st.date.once ? 1 : undefined }),
    );
  }

  const rhythm = rhythmOf(person, circles);
  const anchor = rhythmAnchor(person, s.lastPersonalAt);
  if (rhythm && anchor !== undefined) {
    const elapsed = now - anchor;
    const code = elapsed >= rhythm.maxDays * DAY_MS ? 'overdue-red' : elapsed >= rhythm.idealDays * DAY_MS ? 'overdue-amber' : undefined;
    if (code) {
      out.push(
        reason(code, {
          days: daysBetweenKeys(localDayKey(anchor, timeZone), today),
          lastPersonalAt: s.lastPersonalAt,
          channel: s.lastPersonalChannel,
          // Present only when there was never a personal touch: the clock runs from here.
          connectedAt: s.lastPersonalAt === undefined ? person.connectedAt : undefined,
        }),
      );
    }
  }

  if (s.passiveSince >= LIKE_DEBT_MIN) {
    out.push(reason('like-debt', { count: s.passiveSince, lastPersonalAt: s.lastPersonalAt }));
  }
  if (s.broadcastSince >= BROADCAST_MIN) {
    out.push(reason('broadcast-imbalance', { count: s.broadcastSince, lastPersonalAt: s.lastPersonalAt }));
  }
  if (inWelcomeWindow(person.connectedAt, s.lastPersonalAt, now) && person.connectedAt <= now) {
    out.push(reason('welcome', { connectedAt: person.connectedAt }));
  }

  return out.sort((a, b) => b.weight - a.weight);
}

/** The rekindle reason for a candidate, if the person qualifies at `now`. */
export function rekindleReason(person: Person, now: number): Reason | undefined {
  const s = person.summary;
  if (!isReachable(person, now) || s.rekindleAt === undefined || s.rekindleAt > now) return undefined;
  return reason('rekindle', { lastPersonalAt: s.lastPersonalAt, personalTotal: s.personalTotal });
}
