import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';
import { resolveLang, translate, type MessageKey } from '../lib/i18n';
import { DEFAULT_SETTINGS, type Settings } from '../lib/model/settings';
import { getSettings, watchSettings } from '../lib/settings/store';
import { useUiStore } from './i18n';

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
 * Settings for a page, live: a change in the options applies at once. Also sets
 * the UI language and the theme on <html>. With `initial` (read before React
 * rendered, and already applied to the page) the first render has them; the
 * store's own read follows and replaces them.
 */
export function useSettings(titleKey: MessageKey = 'extName', initial?: Settings): { settings: Settings; loaded: boolean } {
  const [settings, setSettings] = useState<Settings>(initial ?? DEFAULT_SETTINGS);
  const [loaded, setLoaded] = useState(initial !== undefined);
  useEffect(() => {
    const apply = (s: Settings) => {
      setSettings(s);
      applyPageSettings(s, titleKey);
    };
    void getSettings().then((s) => {
      // The same settings the first render had: nothing to redo.
      if (!initial || JSON.stringify(s) !== JSON.stringify(initial)) apply(s);
      setLoaded(true);
    });
    return watchSettings(apply);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `initial` is the first value only
  }, [titleKey]);
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
