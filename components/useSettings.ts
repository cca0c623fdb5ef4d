import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { resolveLang, translate, type MessageKey } from '../lib/i18n';
import { DEFAULT_SETTINGS, type Settings } from '../lib/model/settings';
import { getSettings, watchSettings } from '../lib/settings/store';
import { useUiStore } from './i18n';

let preloaded: Promise<Settings> | undefined;

/** Start reading the settings now (a page calls this before React renders, so the read overlaps loading). */
export function preloadSettings(): void {
  preloaded ??= getSettings();
}

function applyTheme(theme: Settings['theme']) {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
}

/**
 * Settings for a page, live: a change in the options applies at once. Also sets
 * the UI language and the theme on <html>.
 */
export function useSettings(titleKey: MessageKey = 'extName'): { settings: Settings; loaded: boolean } {
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(false);
  const setLang = useUiStore((s) => s.setLang);
  useEffect(() => {
    const apply = (s: Settings) => {
      setSettings(s);
      const lang = resolveLang(s.language, browser.i18n.getUILanguage());
      setLang(lang);
      document.documentElement.lang = lang;
      document.title = translate(lang, titleKey);
      applyTheme(s.theme);
    };
    const first = preloaded ?? getSettings();
    preloaded = undefined;
    void first.then((s) => {
      apply(s);
      setLoaded(true);
    });
    return watchSettings(apply);
  }, [setLang, titleKey]);
  return { settings, loaded };
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
