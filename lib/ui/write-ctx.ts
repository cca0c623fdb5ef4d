import type { WriteContext } from '@/lib/db/writes';
import type { Settings } from '@/lib/model/settings';
import { resolveTimeZone } from '@/lib/settings/normalize';

export function writeCtx(settings: Settings, now = Date.now()): WriteContext {
  return { now, timeZone: resolveTimeZone(settings), circles: settings.circles };
}

/** A failed write as a locale key the UI can show. */
export function errorKey(err: unknown): string {
  const code = err && typeof err === 'object' && 'code' in err ? String((err as { code: unknown }).code) : '';
  if (code === 'quota') return 'error_quota';
  if (code === 'private-mode') return 'error_private_mode';
  return 'error_generic';
}
