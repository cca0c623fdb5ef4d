import { createDb, type KithDB } from '@/lib/db/db';
import type { WriteContext } from '@/lib/db/writes';
import { DEFAULT_CIRCLES } from '@/lib/model/settings';

let n = 0;
/** A fresh database per test (fake-indexeddb), never the shared one. */
export function freshDb(): KithDB {
  n += 1;
  return createDb(`kith-test-${n}-${Math.random().toString(36).slice(2)}`);
}

export const NOW = Date.UTC(2026, 10, 25, 10, 0, 0);
export const DAY = 86_400_000;

export function ctxAt(now = NOW): WriteContext {
  return { now, timeZone: 'Europe/Rome', circles: DEFAULT_CIRCLES };
}
