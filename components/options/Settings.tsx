import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { browser } from 'wxt/browser';
import { getDb } from '@/lib/db/db';
import { refreshCircle, newId } from '@/lib/db/writes';
import type { Language, NotesPlacement, NudgeKind, Settings, Theme } from '@/lib/model/settings';
import type { Circle, SiteId } from '@/lib/model/types';
import { useSettings } from '@/components/settings-store';
import { saveSettings } from '@/components/useSettings';
import { circleName } from '@/lib/ui/circles';
import { writeCtx } from '@/lib/ui/write-ctx';
import { useLang, useT } from '@/components/i18n';
import { SITE_ORIGINS, SITES } from './sites';
import { SITE_LABEL } from '@/lib/sites/table';
import type { MessageKey } from '@/lib/i18n';
import { RhythmInputs } from '@/components/RhythmInputs';
import { MutedPeople } from './mutes';
import { warnFailed } from '@/lib/platform/warn';

const NUDGE_LABEL: Record<NudgeKind, MessageKey> = {
  like: 'settings_nudge_like',
  wish: 'settings_nudge_wish',
  promo: 'settings_nudge_promo',
  pitch: 'settings_nudge_pitch',
};

const set = (patch: Partial<Settings>) => saveSettings(patch);

/** Recompute the people of a circle a little after its rhythm stops changing. */
function useCircleRefresh() {
  const timers = useRef(new Map<string, ReturnType<typeof setTimeout>>());
  useEffect(() => {
    const map = timers.current;
    return () => map.forEach((t) => clearTimeout(t));
  }, []);
  return (circleId: string, settings: Settings, opts: { clear?: boolean } = {}) => {
    const prev = timers.current.get(circleId);
    if (prev) clearTimeout(prev);
    timers.current.set(
      circleId,
      setTimeout(
        () => void refreshCircle(getDb(), circleId, writeCtx(settings), opts).catch(warnFailed('recomputing the people of a circle')),
        opts.clear ? 0 : 800,
      ),
    );
  };
}

function CirclesEditor() {
  const circles = useSettings((s) => s.circles);
  const t = useT();
  const lang = useLang();
  const refresh = useCircleRefresh();
  const [name, setName] = useState('');
  const [confirming, setConfirming] = useState<string>();
  const saveCircles = async (list: Circle[], changed?: string, clear = false) => {
    const next = await saveSettings({ circles: list });
    if (changed) refresh(changed, next, { clear });
  };
  const patchCircle = (id: string, patch: (c: Circle) => Circle, refreshIt = false) =>
    void saveCircles(
      circles.map((c) => (c.id === id ? patch(c) : c)),
      refreshIt ? id : undefined,
    );
  const add = (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim();
    if (!n) return;
    void saveCircles([...circles, { id: newId(), name: n, rhythm: { idealDays: 60, maxDays: 90 } }]);
    setName('');
  };
  return (
    <fieldset className="stack">
      <legend>{t('settings_circles')}</legend>
      <p className="muted small">{t('settings_circles_hint')}</p>
      {circles.map((c) => (
        <div className="row circle-row" key={c.id}>
          <label className="field grow">
            <span>{t('settings_circle_name')}</span>
            <input
              value={circleName(lang, c)}
              onChange={(e) => {
                const v = e.target.value;
                // A renamed built-in circle becomes the user's own text.
                patchCircle(c.id, (x) => ({ ...x, name: v, builtIn: false }));
              }}
            />
          </label>
          <RhythmInputs rhythm={c.rhythm} onChange={(rhythm) => patchCircle(c.id, (x) => ({ ...x, rhythm }), true)} />
          {circles.length > 1 &&
            (confirming === c.id ? (
              <span className="row">
                <button
                  type="button"
                  className="danger"
                  onClick={() => {
                    setConfirming(undefined);
                    void saveCircles(
                      circles.filter((x) => x.id !== c.id),
                      c.id,
                      true,
                    );
                  }}
                >
                  {t('settings_circle_delete_confirm', { name: circleName(lang, c) })}
                </button>
                <button type="button" onClick={() => setConfirming(undefined)}>
                  {t('opt_cancel')}
                </button>
              </span>
            ) : (
              <button type="button" onClick={() => setConfirming(c.id)} aria-label={t('settings_circle_delete_label', { name: circleName(lang, c) })}>
                {t('opt_delete')}
              </button>
            ))}
        </div>
      ))}
      <form className="row" onSubmit={add}>
        <label className="field grow">
          <span>{t('settings_circle_new')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} />
        </label>
        <button type="submit" disabled={!name.trim()}>
          {t('settings_circle_add')}
        </button>
      </form>
    </fieldset>
  );
}

function SitesEditor() {
  const sites = useSettings((s) => s.sites);
  const placement = useSettings((s) => s.placement);
  const t = useT();
  const [denied, setDenied] = useState<SiteId>();
  const toggle = (site: SiteId, on: boolean) => {
    setDenied(undefined);
    const optional = SITE_ORIGINS[site];
    if (!optional) {
      // Granted at install (LinkedIn): nothing to ask the browser for.
      void saveSettings((s) => ({ ...s, sites: { ...s.sites, [site]: on } }));
      return;
    }
    const origins = [...optional];
    if (on) {
      // Called first thing in the click handler: browsers only grant a request
      // made while handling the user's gesture.
      void browser.permissions
        .request({ origins })
        .then((granted) => {
          if (granted) return saveSettings((s) => ({ ...s, sites: { ...s.sites, [site]: true } }));
          setDenied(site);
          return undefined;
        })
        .catch(() => setDenied(site));
    } else {
      void saveSettings((s) => ({ ...s, sites: { ...s.sites, [site]: false } }));
      // The site is off either way; a permission left granted is only unused.
      void browser.permissions.remove({ origins }).catch(warnFailed("giving back the site's permission"));
    }
  };
  return (
    <fieldset className="stack">
      <legend>{t('settings_sites')}</legend>
      <p className="muted small">{t('settings_sites_hint')}</p>
      {SITES.map((site) => (
        <div className="site-row stack" key={site}>
          <label>
            <input type="checkbox" checked={sites[site]} onChange={(e) => toggle(site, e.target.checked)} /> {t(SITE_LABEL[site])}
          </label>
          {denied === site && <p className="error small">{t('settings_site_denied')}</p>}
          {/* The in-page card exists for LinkedIn only: elsewhere the choice would do nothing. */}
          {sites[site] && site !== 'linkedin' && <p className="muted small">{t('settings_placement_sidepanel_only', { site: t(SITE_LABEL[site]) })}</p>}
          {sites[site] && site === 'linkedin' && (
            <fieldset className="radios row">
              <legend>{t('settings_placement', { site: t(SITE_LABEL[site]) })}</legend>
              {(['sidepanel', 'inpage'] as NotesPlacement[]).map((pl) => (
                <label key={pl}>
                  <input
                    type="radio"
                    name={`placement-${site}`}
                    checked={placement[site] === pl}
                    onChange={() => void saveSettings((s) => ({ ...s, placement: { ...s.placement, [site]: pl } }))}
                  />{' '}
                  {t(pl === 'sidepanel' ? 'settings_placement_sidepanel' : 'settings_placement_inpage')}
                </label>
              ))}
            </fieldset>
          )}
          {site === 'linkedin' && <p className="muted small disclosure">{t('settings_inpage_disclosure')}</p>}
        </div>
      ))}
    </fieldset>
  );
}

export function SettingsSection() {
  const settings = useSettings((s) => s);
  const t = useT();
  const id = useId();
  return (
    <section aria-labelledby={`${id}-h`} className="stack">
      <h2 id={`${id}-h`}>{t('options_settings')}</h2>
      <div className="row">
        <label className="field">
          <span>{t('settings_language')}</span>
          <select value={settings.language} onChange={(e) => void set({ language: e.target.value as Language })}>
            <option value="auto">{t('settings_language_auto')}</option>
            <option value="en">{t('settings_language_en')}</option>
            <option value="it">{t('settings_language_it')}</option>
          </select>
        </label>
        <label className="field">
          <span>{t('settings_theme')}</span>
          <select value={settings.theme} onChange={(e) => void set({ theme: e.target.value as Theme })}>
            <option value="system">{t('theme_system')}</option>
            <option value="light">{t('theme_light')}</option>
            <option value="dark">{t('theme_dark')}</option>
          </select>
        </label>
      </div>
      <CirclesEditor />
      <SitesEditor />
      <fieldset className="stack">
        <legend>{t('settings_nudges')}</legend>
        <p className="muted small">{t('settings_nudges_hint')}</p>
        {(Object.keys(NUDGE_LABEL) as NudgeKind[]).map((k) => (
          <label key={k}>
            <input
              type="checkbox"
              checked={settings.nudges[k]}
              onChange={(e) => {
                const on = e.target.checked;
                void saveSettings((s) => ({ ...s, nudges: { ...s.nudges, [k]: on } }));
              }}
            />{' '}
            {t(NUDGE_LABEL[k])}
          </label>
        ))}
        <label className="field">
          <span>{t('settings_daily_limit')}</span>
          <input
            type="number"
            min={0}
            max={50}
            value={settings.dailyNudgeLimit}
            onChange={(e) => void set({ dailyNudgeLimit: Math.min(50, Math.max(0, Math.round(Number(e.target.value) || 0))) })}
          />
        </label>
        <div className="row">
          <label className="field">
            <span>{t('settings_quiet_start')}</span>
            <input type="time" value={settings.quietStart} onChange={(e) => e.target.value && void set({ quietStart: e.target.value })} />
          </label>
          <label className="field">
            <span>{t('settings_quiet_end')}</span>
            <input type="time" value={settings.quietEnd} onChange={(e) => e.target.value && void set({ quietEnd: e.target.value })} />
          </label>
        </div>
        <p className="muted small">{t('settings_quiet_hint')}</p>
        <MutedPeople headingId={`${id}-muted`} />
      </fieldset>
      <fieldset className="stack">
        <legend>{t('settings_digest')}</legend>
        <label>
          <input type="checkbox" checked={settings.digestEnabled} onChange={(e) => void set({ digestEnabled: e.target.checked })} />{' '}
          {t('settings_digest_enabled')}
        </label>
        <label className="field">
          <span>{t('settings_digest_time')}</span>
          <input type="time" value={settings.digestTime} onChange={(e) => e.target.value && void set({ digestTime: e.target.value })} />
        </label>
      </fieldset>
      <fieldset className="stack">
        <legend>{t('settings_imports')}</legend>
        <label>
          <input type="checkbox" checked={settings.keepMessageText} onChange={(e) => void set({ keepMessageText: e.target.checked })} />{' '}
          {t('settings_keep_text')}
        </label>
      </fieldset>
      <fieldset className="stack">
        <legend>{t('date_section')}</legend>
        <label>
          <input type="checkbox" checked={settings.suggestNameDays} onChange={(e) => void set({ suggestNameDays: e.target.checked })} /> {t('nameday_setting')}
        </label>
      </fieldset>
    </section>
  );
}
