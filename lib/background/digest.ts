/**
 * When the daily digest shows. Pure: a clock, a time zone and the settings in,
 * a decision out. The digest must never be silently lost (Monica's stay-in-touch
 * mail is lost when its one hourly check is missed): a digest missed while the
 * browser was closed shows once at the next start.
 */
export interface DigestInput {
  now: number;
  timeZone: string;
  digestTime: string; // "HH:MM" local
  quietStart: string;
  quietEnd: string;
  enabled: boolean;
  /** Local day ("YYYY-MM-DD") of the last digest shown (or skipped because empty). */
  lastDigestDay?: string;
  waiting: number;
}

const MIN = 60_000;

/** Local wall-clock parts of an instant. */
export function localParts(now: number, timeZone: string): { day: string; minutes: number } {
  const f = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  const parts = Object.fromEntries(f.formatToParts(new Date(now)).map((p) => [p.type, p.value]));
  return { day: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute) };
}

export function parseHHMM(s: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m) return 9 * 60;
  return Math.min(23, Number(m[1])) * 60 + Math.min(59, Number(m[2]));
}

/** Is this local minute-of-day inside quiet hours (which may wrap past midnight)? */
export function inQuietHours(minutes: number, quietStart: string, quietEnd: string): boolean {
  const a = parseHHMM(quietStart);
  const b = parseHHMM(quietEnd);
  if (a === b) return false;
  return a < b ? minutes >= a && minutes < b : minutes >= a || minutes < b;
}

/** Should the digest show now? (Called by the alarm and at every start.) */
export function shouldShowDigest(i: DigestInput): boolean {
  if (!i.enabled) return false;
  const { day, minutes } = localParts(i.now, i.timeZone);
  if (i.lastDigestDay === day) return false;
  if (minutes < parseHHMM(i.digestTime)) return false;
  if (inQuietHours(minutes, i.quietStart, i.quietEnd)) return false;
  return i.waiting > 0;
}

/**
 * The next instant worth waking up for: the digest time today if still ahead,
 * else the end of quiet hours if we are inside them, else tomorrow's digest time.
 * Found by walking forward in minutes through the local clock, which stays right
 * across daylight-saving changes without a time-zone library.
 */
export function nextDigestCheck(now: number, timeZone: string, digestTime: string, quietStart: string, quietEnd: string): number {
  const target = parseHHMM(digestTime);
  const start = Math.ceil((now + 1) / MIN) * MIN;
  for (let t = start; t < now + 2 * 86_400_000; t += MIN) {
    const { minutes } = localParts(t, timeZone);
    if (minutes === target && !inQuietHours(minutes, quietStart, quietEnd)) return t;
    if (minutes === parseHHMM(quietEnd) && inQuietHours(target, quietStart, quietEnd)) return t;
  }
  return now + 86_400_000;
}
