/**
 * The settings as Kith trusts them: a strict schema, applied to whatever storage
 * or a backup holds. Settings are read by every context (background, pages, the
 * in-page card) and one bad value would break them all (an unknown time zone
 * makes every `Intl.DateTimeFormat` throw), so `normalizeSettings` returns a
 * valid object for ANY input, falling back field by field to the defaults:
 * a newer Kith's extra setting or an older backup's missing one costs nothing,
 * a hostile one costs only itself. Pure.
 */
import { z } from 'zod';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/model/settings';
import type { Circle } from '@/lib/model/types';

/** What the rhythm inputs allow (components/RhythmInputs.tsx). */
export const MAX_RHYTHM_DAYS = 3650;
export const MAX_CIRCLES = 50;
export const MAX_CIRCLE_NAME = 100;
const MAX_CIRCLE_ID = 100;
/** What the settings page allows for in-the-moment nudges a day. */
const MAX_DAILY_NUDGES = 50;

/** Zones already checked: the check runs in render selectors. */
const knownZones = new Set<string>();

/** Whether the browser knows this IANA time zone (an unknown one makes Intl throw). */
export function isValidTimeZone(zone: string): boolean {
  if (knownZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat(undefined, { timeZone: zone });
  } catch {
    return false;
  }
  knownZones.add(zone);
  return true;
}

// A finite number of days is brought into range, as the rhythm inputs do; a name is
// cut to length, never refused (an emptied name is a user in the middle of typing).
const days = z.number().transform((n) => Math.min(MAX_RHYTHM_DAYS, Math.max(1, n)));
const circleSchema = z.object({
  id: z.string().min(1).max(MAX_CIRCLE_ID),
  name: z.string().transform((n) => n.slice(0, MAX_CIRCLE_NAME)),
  builtIn: z.boolean().optional(),
  rhythm: z.object({ idealDays: days, maxDays: days }),
});
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/);

/** One schema per field: a field that fails falls back to its default alone. */
const FIELDS = {
  dailyNudgeLimit: z.number().int().min(0).max(MAX_DAILY_NUDGES),
  quietStart: hhmm,
  quietEnd: hhmm,
  digestTime: hhmm,
  digestEnabled: z.boolean(),
  theme: z.enum(['system', 'light', 'dark']),
  language: z.enum(['auto', 'en', 'it']),
  timeZone: z.union([z.literal(''), z.string().max(64).refine(isValidTimeZone)]),
  keepMessageText: z.boolean(),
  suggestNameDays: z.boolean(),
  onboarded: z.boolean(),
} satisfies { [K in keyof Settings]?: z.ZodType<Settings[K]> };

const placementSchema = z.enum(['sidepanel', 'inpage']);

function record(raw: unknown): Record<string, unknown> {
  return raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
}

/** Each key of a per-site (or per-kind) map on its own: a bad value takes the default's. */
function perKey<K extends string, V>(defaults: Readonly<Record<K, V>>, raw: unknown, schema: z.ZodType<V>): Record<K, V> {
  const src = record(raw);
  const out = { ...defaults } as Record<K, V>;
  for (const k of Object.keys(defaults) as K[]) {
    if (!Object.hasOwn(src, k)) continue;
    const r = schema.safeParse(src[k]);
    if (r.success) out[k] = r.data;
  }
  return out;
}

/** The valid circles, at most MAX_CIRCLES, first of each id kept; none valid = the defaults. */
export function normalizeCircles(raw: unknown): Circle[] {
  if (!Array.isArray(raw)) return DEFAULT_SETTINGS.circles;
  const out: Circle[] = [];
  const ids = new Set<string>();
  for (const c of raw.slice(0, MAX_CIRCLES * 4)) {
    const r = circleSchema.safeParse(c);
    if (!r.success || ids.has(r.data.id)) continue;
    ids.add(r.data.id);
    const { idealDays, maxDays } = r.data.rhythm;
    const circle: Circle = { id: r.data.id, name: r.data.name, rhythm: { idealDays, maxDays: Math.max(idealDays, maxDays) } };
    if (r.data.builtIn !== undefined) circle.builtIn = r.data.builtIn;
    out.push(circle);
    if (out.length === MAX_CIRCLES) break;
  }
  return out.length > 0 ? out : DEFAULT_SETTINGS.circles;
}

/**
 * A valid `Settings` from anything: fields that pass their schema are kept, every
 * other one (missing, mistyped, out of range, unknown zone) is the default's.
 * Unknown fields are dropped.
 */
export function normalizeSettings(raw: unknown): Settings {
  const s = record(raw);
  const out: Settings = {
    ...DEFAULT_SETTINGS,
    version: 1,
    circles: normalizeCircles(s['circles']),
    sites: perKey(DEFAULT_SETTINGS.sites, s['sites'], z.boolean()),
    placement: perKey(DEFAULT_SETTINGS.placement, s['placement'], placementSchema),
    nudges: perKey(DEFAULT_SETTINGS.nudges, s['nudges'], z.boolean()),
  };
  const fields = out as unknown as Record<string, unknown>;
  for (const [k, schema] of Object.entries(FIELDS)) {
    if (!Object.hasOwn(s, k)) continue;
    const r = (schema as z.ZodType).safeParse(s[k]);
    if (r.success) fields[k] = r.data;
  }
  return out;
}

export function resolveTimeZone(settings: Pick<Settings, 'timeZone'>): string {
  const zone = settings.timeZone;
  if (zone && isValidTimeZone(zone)) return zone;
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
