/**
 * The one settings store: WXT's versioned storage item in `storage.local`, so that
 * every context (background, pages, content scripts) reads the same object and a
 * change applies everywhere at once through `watch`.
 */
import { storage } from 'wxt/utils/storage';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/model/settings';
import { SETTINGS_KEY } from '@/lib/model/storage-keys';
import { normalizeSettings } from './normalize';

export const settingsItem = storage.defineItem<Settings>(`local:${SETTINGS_KEY}`, {
  fallback: DEFAULT_SETTINGS,
  version: 1,
  // Version 2 will add `migrations: { 2: (v1) => ... }` here; v1 is the first.
});

export async function getSettings(): Promise<Settings> {
  return normalizeSettings(await settingsItem.getValue());
}

export async function updateSettings(patch: Partial<Settings> | ((s: Settings) => Settings)): Promise<Settings> {
  const current = await getSettings();
  const next = normalizeSettings(typeof patch === 'function' ? patch(current) : { ...current, ...patch });
  await settingsItem.setValue(next);
  return next;
}

export function watchSettings(cb: (s: Settings) => void): () => void {
  return settingsItem.watch((v) => cb(normalizeSettings(v)));
}
