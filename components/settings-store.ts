/**
 * The settings as a page's components read them: one zustand store per page (or
 * per content script), fed from storage in one place (`usePageSettings`, or the
 * in-page card's own read) and read with selectors, so no component passes the
 * settings down as a prop. This module does not touch storage itself: the in-page
 * card imports it without WXT's storage layer.
 */
import { create } from 'zustand';
import type { WriteContext } from '@/lib/db/writes';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/model/settings';
import { writeCtx } from '@/lib/ui/write-ctx';

interface SettingsState {
  settings: Settings;
  /** False until the first read from storage arrived: pages show "loading" until then. */
  loaded: boolean;
}

export const settingsStore = create<SettingsState>(() => ({ settings: DEFAULT_SETTINGS, loaded: false }));

/**
 * A part of the settings, live. The selector must return something stable (a field,
 * not a new object), or every render would see a change.
 */
export function useSettings<T>(pick: (s: Settings) => T): T {
  return settingsStore((st) => pick(st.settings));
}

export function useSettingsLoaded(): boolean {
  return settingsStore((st) => st.loaded);
}

/** The settings now, for code that runs on a click rather than in a render. */
export function currentSettings(): Settings {
  return settingsStore.getState().settings;
}

/** The write context of the current settings (time zone, circles). */
export function currentWriteCtx(now?: number): WriteContext {
  return writeCtx(currentSettings(), now);
}

/** Puts settings read from storage in the store; the same settings again change nothing (no re-render, no re-apply). */
export function putSettings(s: Settings): void {
  const st = settingsStore.getState();
  if (st.loaded && JSON.stringify(st.settings) === JSON.stringify(s)) return;
  settingsStore.setState({ settings: s, loaded: true });
}
