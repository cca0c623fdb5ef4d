import { useId } from 'react';
import type { Language, Settings, Theme } from '../lib/model/settings';
import { updateSettings } from '../lib/settings/store';
import { circleName } from './circles';
import { useLang, useT } from './i18n';
import { useSettings } from './useSettings';

function SettingsForm({ settings }: { settings: Settings }) {
  const t = useT();
  const lang = useLang();
  const id = useId();
  const set = (patch: Partial<Settings>) => void updateSettings(patch);
  return (
    <section aria-labelledby={`${id}-h`} className="stack">
      <h2 id={`${id}-h`}>{t('options_settings')}</h2>
      <label className="field">
        <span>{t('settings_language')}</span>
        <select value={settings.language} onChange={(e) => set({ language: e.target.value as Language })}>
          <option value="auto">{t('settings_language_auto')}</option>
          <option value="en">English</option>
          <option value="it">Italiano</option>
        </select>
      </label>
      <label className="field">
        <span>{t('settings_theme')}</span>
        <select value={settings.theme} onChange={(e) => set({ theme: e.target.value as Theme })}>
          <option value="system">{t('theme_system')}</option>
          <option value="light">{t('theme_light')}</option>
          <option value="dark">{t('theme_dark')}</option>
        </select>
      </label>
      <fieldset className="stack">
        <legend>{t('settings_digest')}</legend>
        <label>
          <input type="checkbox" checked={settings.digestEnabled} onChange={(e) => set({ digestEnabled: e.target.checked })} /> {t('settings_digest_enabled')}
        </label>
        <label className="field">
          <span>{t('settings_digest_time')}</span>
          <input type="time" value={settings.digestTime} onChange={(e) => e.target.value && set({ digestTime: e.target.value })} />
        </label>
        <div className="row">
          <label className="field">
            <span>{t('settings_quiet_start')}</span>
            <input type="time" value={settings.quietStart} onChange={(e) => e.target.value && set({ quietStart: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('settings_quiet_end')}</span>
            <input type="time" value={settings.quietEnd} onChange={(e) => e.target.value && set({ quietEnd: e.target.value })} />
          </label>
        </div>
      </fieldset>
      <fieldset className="stack">
        <legend>{t('settings_circles')}</legend>
        {settings.circles.map((c, i) => (
          <div className="row" key={c.id}>
            <span className="grow">{circleName(lang, c)}</span>
            <label className="field">
              <span>{t('settings_ideal_days')}</span>
              <input
                type="number"
                min={1}
                max={3650}
                value={c.rhythm.idealDays}
                onChange={(e) => {
                  const v = Math.max(1, Number(e.target.value) || 1);
                  const circles = settings.circles.map((x, j) => (j === i ? { ...x, rhythm: { idealDays: v, maxDays: Math.max(v, x.rhythm.maxDays) } } : x));
                  set({ circles });
                }}
              />
            </label>
            <label className="field">
              <span>{t('settings_max_days')}</span>
              <input
                type="number"
                min={1}
                max={3650}
                value={c.rhythm.maxDays}
                onChange={(e) => {
                  const v = Math.max(c.rhythm.idealDays, Number(e.target.value) || 1);
                  const circles = settings.circles.map((x, j) => (j === i ? { ...x, rhythm: { ...x.rhythm, maxDays: v } } : x));
                  set({ circles });
                }}
              />
            </label>
          </div>
        ))}
      </fieldset>
    </section>
  );
}

export function OptionsApp() {
  const { settings, loaded } = useSettings();
  const t = useT();
  if (!loaded) return <p className="loading">{t('loading')}</p>;
  return (
    <main className="options-main">
      <h1>{t('options_title')}</h1>
      <p className="muted">{t('options_promise')}</p>
      <SettingsForm settings={settings} />
    </main>
  );
}
