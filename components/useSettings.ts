import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { resolveLang, translate, type MessageKey } from '@/lib/i18n';
import type { Settings } from '@/lib/model/settings';
import { getSettings, updateSettings, watchSettings } from '@/lib/settings/store';
import { useUiStore } from './i18n';
import { putSettings, settingsStore, useSettingsLoaded } from './settings-store';

function applyTheme(theme: Settings['theme']) {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/** The page follows the settings: UI language, <html lang>, title, theme. */
export function applyPageSettings(s: Settings, titleKey: MessageKey): void {
  const lang = resolveLang(s.language, browser.i18n.getUILanguage());
  useUiStore.getState().setLang(lang);
  document.documentElement.lang = lang;
  document.title = translate(lang, titleKey);
  applyTheme(s.theme);
}

/**
 * Connects a page to its settings, once, at the page's root: the stored settings
 * feed the store (one storage watch), and every change of them is applied to the
 * page (language, title, theme). Components read them with `useSettings(selector)`.
 * Settings already put in the store before React rendered (the popup's boot) are
 * not applied twice. Returns whether the settings have arrived.
 */
export function usePageSettings(titleKey: MessageKey = 'extName'): boolean {
  useEffect(() => {
    const unapply = settingsStore.subscribe((st, prev) => {
      if (st.settings !== prev.settings) applyPageSettings(st.settings, titleKey);
    });
    void getSettings().then(putSettings);
    const unwatch = watchSettings(putSettings);
    return () => {
      unwatch();
      unapply();
    };
  }, [titleKey]);
  return useSettingsLoaded();
}

/**
 * The one way the UI changes the settings: written to storage, and the store
 * follows through the watch, in this page and in every other one.
 */
export function saveSettings(patch: Partial<Settings> | ((s: Settings) => Settings)): Promise<Settings> {
  return updateSettings(patch);
}

/** Ticks every minute so "3 minutes ago" stays true while a page is open. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(id);
  }, []);
  return now;
}
