import type { Circle, Note, Person, PersonSummary, Rhythm, Touch } from '@/lib/model/types';
import { birthdayKeyOf, isValidBirthday, nextCelebrationKey } from './birthday';
import { BROADCAST_MIN, LIKE_DEBT_MIN, REKINDLE_AFTER_DAYS, REKINDLE_MIN, WELCOME_DAYS, WINDOW_12M_DAYS } from './constants';
import { datesDueAt } from './dates';
import { addDaysToKey, DAY_MS, localDayKey, startOfLocalDate } from './time';
import { effectiveDepth } from './touches';

export type SummaryPerson = Pick<Person, 'birthday' | 'dates' | 'circleId' | 'rhythm' | 'connectedAt' | 'snoozedUntil'> & Partial<Pick<Person, 'createdAt'>>;

/**
 * Where a rhythm's clock starts: the last personal touch; before the first one,
 * the connection; without a known connection, the day the person was added to
 * Kith (someone added by hand to "close" with nothing logged is due after two
 * weeks, not never).
 */
export function rhythmAnchor(person: Pick<SummaryPerson, 'connectedAt' | 'createdAt'>, lastPersonalAt: number | undefined): number | undefined {
  return lastPersonalAt ?? person.connectedAt ?? person.createdAt;
}

export interface SummaryInput {
  person: SummaryPerson;
  /** This person's touches (tombstones are skipped here). */
  touches: Touch[];
  /** This person's notes (tombstones are skipped here). */
  notes: Note[];
  circles: Circle[];
  now: number;
  timeZone: string;
}

/** The rhythm that applies: the person's own wins over the circle's; none without either. */
export function rhythmOf(person: Pick<Person, 'circleId' | 'rhythm'>, circles: readonly Circle[]): Rhythm | undefined {
  if (person.rhythm) return person.rhythm;
  if (person.circleId === undefined) return undefined;
  return circles.find((c) => c.id === person.circleId)?.rhythm;
}

/** Open = a follow-up neither done nor deleted. */
export function isOpenFollowUp(note: Note): boolean {
  return note.kind === 'followup' && note.doneAt === undefined && note.deletedAt === undefined;
}

/**
 * The new connection has had no personal touch yet and is under a week old.
 * (A `connectedAt` slightly in the future, from clock skew or a date-only import,
 * counts as new; `reasonsFor` waits until it has passed, when `dueAt` says so.)
 */
export function inWelcomeWindow(connectedAt: number | undefined, lastPersonalAt: number | undefined, now: number): connectedAt is number {
  return connectedAt !== undefined && lastPersonalAt === undefined && now - connectedAt < WELCOME_DAYS * DAY_MS;
}

/** Start of the local day before the next celebration (so "tomorrow" shows). */
export function birthdayEveAt(person: Pick<Person, 'birthday'>, now: number, timeZone: string): number | undefined {
  if (!isValidBirthday(person.birthday)) return undefined;
  const next = nextCelebrationKey(person.birthday, localDayKey(now, timeZone));
  return startOfLocalDate(addDaysToKey(next, -1), timeZone);
}

/**
 * Recomputes a person's summary from scratch. Stable for a given input; the
 * time-dependent parts (12-month counts, next birthday, welcome window) go stale,
 * so stored summaries need recomputing now and then, not only on writes.
 */
/** How many dated follow-ups a summary carries for the reach-out list. */
export const DATED_FOLLOW_UPS_KEPT = 10;

export function computeSummary(input: SummaryInput): PersonSummary {
  const { person, circles, now, timeZone } = input;
  const touches = input.touches.filter((t) => t.deletedAt === undefined).sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const since12m = now - WINDOW_12M_DAYS * DAY_MS;

  let lastPersonalAt: number | undefined;
  let lastPersonalChannel: PersonSummary['lastPersonalChannel'];
  let lastInboundAt: number | undefined;
  let personal12m = 0;
  let inbound12m = 0;
  let personalTotal = 0;
  for (const t of touches) {
    if (effectiveDepth(t) !== 'personal') continue;
    personalTotal++;
    // Sorted by (at, id), so ">=" keeps the latest and ties do not depend on input order.
    if (lastPersonalAt === undefined || t.at >= lastPersonalAt) {
      lastPersonalAt = t.at;
      lastPersonalChannel = t.channel;
    }
    if (t.direction === 'in') lastInboundAt = t.at;
    if (t.at > since12m) {
      personal12m++;
      if (t.direction === 'in') inbound12m++;
    }
  }

  // Passive touches count either way (their likes with no answer matter too);
  // broadcasts only outbound (their newsletter is not the user's imbalance).
  let passiveSince = 0;
  let broadcastSince = 0;
  let debtAt: number | undefined; // when a debt threshold was first crossed
  for (const t of touches) {
    if (lastPersonalAt !== undefined && t.at <= lastPersonalAt) continue;
    const depth = effectiveDepth(t);
    if (depth === 'passive') {
      passiveSince++;
      if (passiveSince === LIKE_DEBT_MIN) debtAt = Math.min(debtAt ?? Infinity, t.at);
    } else if (depth === 'broadcast' && t.direction === 'out') {
      broadcastSince++;
      if (broadcastSince === BROADCAST_MIN) debtAt = Math.min(debtAt ?? Infinity, t.at);
    }
  }

  const open = input.notes.filter(isOpenFollowUp);
  let nextFollowUpAt: number | undefined;
  for (const n of open) {
    if (n.dueAt !== undefined && (nextFollowUpAt === undefined || n.dueAt < nextFollowUpAt)) nextFollowUpAt = n.dueAt;
  }

  const candidates: number[] = [];
  const rhythm = rhythmOf(person, circles);
  const anchor = rhythmAnchor(person, lastPersonalAt);
  if (rhythm && anchor !== undefined) candidates.push(anchor + rhythm.idealDays * DAY_MS);
  if (nextFollowUpAt !== undefined) candidates.push(nextFollowUpAt);
  const eve = birthdayEveAt(person, now, timeZone);
  if (eve !== undefined) candidates.push(eve);
  const dates = datesDueAt(person.dates, now, timeZone, lastPersonalAt);
  if (dates !== undefined) candidates.push(dates);
  if (inWelcomeWindow(person.connectedAt, lastPersonalAt, now)) candidates.push(person.connectedAt);
  // The crossing touch's time rather than `now`: same meaning, but deterministic
  // (capped at `now`, since touches dated in the future count already).
  if (debtAt !== undefined) candidates.push(Math.min(debtAt, now));

  let dueAt = candidates.length > 0 ? Math.min(...candidates) : undefined;
  if (dueAt !== undefined && person.snoozedUntil !== undefined && person.snoozedUntil > now) {
    dueAt = Math.max(dueAt, person.snoozedUntil);
  }

  const summary: PersonSummary = {
    passiveSince,
    broadcastSince,
    personal12m,
    inbound12m,
    personalTotal,
    openFollowUps: open.length,
  };
  if (lastPersonalAt !== undefined) summary.lastPersonalAt = lastPersonalAt;
  if (lastPersonalChannel !== undefined) summary.lastPersonalChannel = lastPersonalChannel;
  if (lastInboundAt !== undefined) summary.lastInboundAt = lastInboundAt;
  if (nextFollowUpAt !== undefined) summary.nextFollowUpAt = nextFollowUpAt;
  const dated = open
    .filter((n): n is Note & { dueAt: number } => n.dueAt !== undefined)
    .sort((a, b) => a.dueAt - b.dueAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, DATED_FOLLOW_UPS_KEPT)
    .map((n) => ({ id: n.id, dueAt: n.dueAt, text: n.text.slice(0, 280) }));
  if (dated.length > 0) summary.datedFollowUps = dated;
  if (dueAt !== undefined) summary.dueAt = dueAt;
  if (personalTotal >= REKINDLE_MIN && lastPersonalAt !== undefined) {
    summary.rekindleAt = lastPersonalAt + REKINDLE_AFTER_DAYS * DAY_MS;
  }
  const birthdayKey = birthdayKeyOf(person.birthday);
  if (birthdayKey !== undefined) summary.birthdayKey = birthdayKey;
  return summary;
}

/** A summary with nothing in it: for a person just created, before any write. */
export function emptySummary(): PersonSummary {
  return { passiveSince: 0, broadcastSince: 0, personal12m: 0, inbound12m: 0, personalTotal: 0, openFollowUps: 0 };
}
