import { DEFAULT_SETTINGS, type Settings } from '../model/settings';

/**
 * Fill what a stored settings object lacks from the defaults (a newer Kith adds a
 * setting; an older backup lacks it). Pure.
 */
export function normalizeSettings(raw: unknown): Settings {
  const s = raw && typeof raw === 'object' ? (raw as Partial<Settings>) : {};
  return {
    ...DEFAULT_SETTINGS,
    ...s,
    version: 1,
    circles: Array.isArray(s.circles) && s.circles.length > 0 ? s.circles : DEFAULT_SETTINGS.circles,
    sites: { ...DEFAULT_SETTINGS.sites, ...(s.sites ?? {}) },
    placement: { ...DEFAULT_SETTINGS.placement, ...(s.placement ?? {}) },
    nudges: { ...DEFAULT_SETTINGS.nudges, ...(s.nudges ?? {}) },
  };
}

export function resolveTimeZone(settings: Pick<Settings, 'timeZone'>): string {
  return settings.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
