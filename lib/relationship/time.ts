/**
 * Local-calendar arithmetic in an IANA time zone, with Intl only (no Date.now(),
 * no host time zone). Day keys are "YYYY-MM-DD" strings of the user's local date.
 *
 * `timeZone` must be a valid IANA name; resolve Settings.timeZone '' (= the
 * browser's) at the edge, before calling in here.
 */

export const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClock(t: number, timeZone: string): WallClock {
  const w: WallClock = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatter(timeZone).formatToParts(t)) {
    if (p.type in w) w[p.type as keyof WallClock] = Number(p.value);
  }
  // Some engines still print midnight as "24" despite h23.
  if (w.hour === 24) w.hour = 0;
  return w;
}

/** Offset of the zone at instant `t`, in ms (local wall time minus UTC). */
function offsetAt(t: number, timeZone: string): number {
  const w = wallClock(t, timeZone);
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wall - Math.floor(t / 1000) * 1000;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function keyOf(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Parses "YYYY-MM-DD" into numbers (no validation beyond shape). */
export function parseDayKey(key: string): { year: number; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) throw new RangeError(`not a day key: ${key}`);
  return { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
}

/**
 * The user's local date at `now`, as "YYYY-MM-DD".
 *
 * Ranking asks this several times per person (today, a follow-up's date, the last
 * conversation), and Intl's formatToParts is the slow part. A zone's offset is the
 * same all through almost every UTC day, so it is found once per zone and UTC day
 * (three readings: start, middle, end); the date is then plain arithmetic. On a
 * day whose offset changes (a DST switch), each instant is read exactly.
 */
export function localDayKey(now: number, timeZone: string): string {
  const utcDay = Math.floor(now / DAY_MS);
  const memoKey = `${timeZone} ${utcDay}`;
  let offset = dayOffsets.get(memoKey);
  if (offset === undefined) {
    const start = utcDay * DAY_MS;
    const a = offsetAt(start, timeZone);
    offset = a === offsetAt(start + DAY_MS / 2, timeZone) && a === offsetAt(start + DAY_MS - 1000, timeZone) ? a : null;
    // Bounded: a recompute of every summary touches at most a few thousand days.
    if (dayOffsets.size >= 8192) dayOffsets.clear();
    dayOffsets.set(memoKey, offset);
  }
  if (offset === null) return localDayKeyExact(now, timeZone);
  const d = new Date(now + offset);
  return keyOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Per zone and UTC day: the zone's offset if it is the same all day, else null. */
const dayOffsets = new Map<string, number | null>();

/** The exact reading: Intl for this very instant (days with a DST switch, and the tests). */
export function localDayKeyExact(now: number, timeZone: string): string {
  const w = wallClock(now, timeZone);
  return keyOf(w.year, w.month, w.day);
}

/** Days since 1970-01-01 of a day key (calendar arithmetic, zone-free). */
export function dayIndex(key: string): number {
  const { year, month, day } = parseDayKey(key);
  return Math.round(Date.UTC(year, month - 1, day) / DAY_MS);
}

export function addDaysToKey(key: string, days: number): string {
  const { year, month, day } = parseDayKey(key);
  const d = new Date(Date.UTC(year, month - 1, day + days));
  return keyOf(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

/** Whole calendar days from `from` to `to` (negative if `to` is earlier). */
export function daysBetweenKeys(from: string, to: string): number {
  return dayIndex(to) - dayIndex(from);
}

/**
 * The first instant of a local date. Where midnight is skipped by a DST jump
 * (e.g. America/Santiago), the day starts at the jump; where midnight repeats,
 * the earlier one wins.
 */
export function startOfLocalDate(key: string, timeZone: string): number {
  const memoKey = `${timeZone} ${key}`;
  const hit = dayStarts.get(memoKey);
  if (hit !== undefined) return hit;
  // Bounded: a recompute of every summary asks for ~366 birthday eves per zone.
  if (dayStarts.size >= 4096) dayStarts.clear();
  const start = computeStartOfLocalDate(key, timeZone);
  dayStarts.set(memoKey, start);
  return start;
}

const dayStarts = new Map<string, number>();

function computeStartOfLocalDate(key: string, timeZone: string): number {
  const { year, month, day } = parseDayKey(key);
  const wall = Date.UTC(year, month - 1, day);
  // Offsets a day either side bracket any single transition near this midnight.
  const before = offsetAt(wall - DAY_MS, timeZone);
  const after = offsetAt(wall + DAY_MS, timeZone);
  const valid = [wall - before, wall - after].filter((t) => offsetAt(t, timeZone) === wall - t);
  if (valid.length > 0) return Math.min(...valid);
  // Midnight falls in a gap: binary-search the transition instant.
  let lo = wall - after; // still on the old offset
  let hi = wall - before; // already on the new offset
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetAt(mid, timeZone) === after) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The first instant of the local day containing `now`. */
export function startOfLocalDay(now: number, timeZone: string): number {
  return startOfLocalDate(localDayKey(now, timeZone), timeZone);
}
