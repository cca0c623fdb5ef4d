/**
 * Whether an in-the-moment nudge may show. Pure: the log of nudges already shown,
 * the user's mutes and settings, and a clock come in; a decision with its reason
 * comes out. Never nagging: at most `dailyNudgeLimit` a local day, one
 * per person per week, none for a person the user muted, none of a kind that is
 * switched off ("not this kind" turns the kind's switch off, the same switch as
 * in the options). Quiet hours do not apply: the user is at the keyboard.
 */
import type { NudgeKind, Settings } from '@/lib/model/settings';
import { startOfLocalDay } from '@/lib/relationship/time';

/** One nudge that was shown (dismissed ones included: they were seen). */
export interface ShownNudge {
  personId: string;
  kind: NudgeKind;
  at: number;
}

export interface PolicyInput {
  kind: NudgeKind;
  personId: string;
  log: readonly ShownNudge[];
  /** People the user said "not for this person" about. */
  mutedPeople: readonly string[];
  settings: Pick<Settings, 'nudges' | 'dailyNudgeLimit'>;
  now: number;
  timeZone: string;
}

export type PolicyReason = 'kind-off' | 'person-muted' | 'person-week' | 'daily-limit';
export type PolicyDecision = { show: true } | { show: false; why: PolicyReason };

export const PERSON_QUIET_MS = 7 * 86_400_000;
export const DEFAULT_DAILY_LIMIT = 5;

/** The daily limit in force: a whole number >= 0; anything unreadable means the default. */
export function dailyLimit(settings: Pick<Settings, 'dailyNudgeLimit'>): number {
  const n = settings.dailyNudgeLimit;
  return Number.isFinite(n) && n >= 0 ? Math.floor(n) : DEFAULT_DAILY_LIMIT;
}

export function decideNudge(input: PolicyInput): PolicyDecision {
  if (input.settings.nudges[input.kind] === false) return { show: false, why: 'kind-off' };
  if (input.mutedPeople.includes(input.personId)) return { show: false, why: 'person-muted' };
  if (input.log.some((n) => n.personId === input.personId && n.at <= input.now && input.now - n.at < PERSON_QUIET_MS)) {
    return { show: false, why: 'person-week' };
  }
  const dayStart = startOfLocalDay(input.now, input.timeZone);
  const today = input.log.filter((n) => n.at >= dayStart && n.at <= input.now).length;
  if (today >= dailyLimit(input.settings)) return { show: false, why: 'daily-limit' };
  return { show: true };
}

/** The log entries still needed by the policy (the last week), oldest first. */
export function pruneLog(log: readonly ShownNudge[], now: number): ShownNudge[] {
  return log.filter((n) => now - n.at < PERSON_QUIET_MS + 86_400_000).sort((a, b) => a.at - b.at);
}
