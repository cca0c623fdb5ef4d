/**
 * The first run: what Kith does and promises, then three choices, each
 * skippable (where notes show, which circles and rhythms, importing the LinkedIn
 * export), ending on how to open the side panel.
 */
import { PageErrorBoundary } from './PageErrorBoundary';
import { useEffect, useId, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import type { NotesPlacement } from '@/lib/model/settings';
import type { Circle } from '@/lib/model/types';
import { circleName } from '@/lib/ui/circles';
import { RhythmInputs } from './RhythmInputs';
import { useLang, useT } from './i18n';
import { useSettings } from './settings-store';
import { saveSettings, usePageSettings } from './useSettings';

type Step = 'intro' | 'placement' | 'circles' | 'import' | 'done';
const STEPS: Step[] = ['intro', 'placement', 'circles', 'import', 'done'];

/** Each choice: save it and go on, or skip it (the defaults stay). */
function StepButtons({ onSave, onSkip }: { onSave: () => Promise<void>; onSkip: () => void }) {
  const t = useT();
  return (
    <div className="row">
      <button type="button" className="primary" onClick={() => void onSave()}>
        {t('welcome_save_next')}
      </button>
      <button type="button" onClick={onSkip}>
        {t('welcome_skip')}
      </button>
    </div>
  );
}

function Placement({ onNext }: { onNext: () => void }) {
  const t = useT();
  const stored = useSettings((s) => s.placement.linkedin);
  const [choice, setChoice] = useState<NotesPlacement>(stored);
  const save = async () => {
    await saveSettings((s) => ({ ...s, placement: { ...s.placement, linkedin: choice } }));
    onNext();
  };
  return (
    <>
      <fieldset className="stack">
        <legend>{t('welcome_placement_q')}</legend>
        <label className="choice">
          <input type="radio" name="placement" checked={choice === 'sidepanel'} onChange={() => setChoice('sidepanel')} />
          <span>
            <strong>{t('welcome_placement_sidepanel')}</strong> {t('welcome_recommended')}
            <br />
            <span className="muted">{t('welcome_placement_sidepanel_hint')}</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="placement" checked={choice === 'inpage'} onChange={() => setChoice('inpage')} />
          <span>
            <strong>{t('welcome_placement_inpage')}</strong>
            <br />
            <span className="muted">{t('welcome_placement_inpage_risk')}</span>
          </span>
        </label>
      </fieldset>
      <StepButtons onSave={save} onSkip={onNext} />
    </>
  );
}

function Circles({ onNext }: { onNext: () => void }) {
  const t = useT();
  const lang = useLang();
  const stored = useSettings((s) => s.circles);
  const [circles, setCircles] = useState<(Circle & { on: boolean })[]>(() => stored.map((c) => ({ ...c, on: true })));
  const save = async () => {
    const kept = circles.filter((c) => c.on).map(({ on: _on, ...c }) => c);
    await saveSettings((s) => ({ ...s, circles: kept.length > 0 ? kept : s.circles }));
    onNext();
  };
  return (
    <>
      <p>{t('welcome_circles_intro')}</p>
      <fieldset className="stack">
        <legend>{t('welcome_circles_q')}</legend>
        {circles.map((c, i) => (
          <div className="row" key={c.id}>
            <label className="grow">
              <input type="checkbox" checked={c.on} onChange={(e) => setCircles(circles.map((x, j) => (j === i ? { ...x, on: e.target.checked } : x)))} />{' '}
              {circleName(lang, c)}
            </label>
            <RhythmInputs rhythm={c.rhythm} onChange={(rhythm) => setCircles(circles.map((x, j) => (j === i ? { ...x, rhythm } : x)))} />
          </div>
        ))}
      </fieldset>
      <StepButtons onSave={save} onSkip={onNext} />
    </>
  );
}

function ImportStep({ onNext }: { onNext: () => void }) {
  const t = useT();
  return (
    <>
      <p>{t('welcome_import_intro')}</p>
      <ol className="stack">
        <li>{t('welcome_import_step1')}</li>
        <li>{t('welcome_import_step2')}</li>
        <li>{t('welcome_import_step3')}</li>
      </ol>
      <div className="row">
        <button type="button" className="primary" onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/options.html#/import') })}>
          {t('welcome_import_open')}
        </button>
        <button type="button" onClick={onNext}>
          {t('welcome_import_later')}
        </button>
      </div>
    </>
  );
}

/** The page, inside the error boundary that keeps a way out when rendering fails. */
export function WelcomeApp() {
  return (
    <PageErrorBoundary>
      <WelcomePage />
    </PageErrorBoundary>
  );
}

function WelcomePage() {
  const loaded = usePageSettings();
  const t = useT();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const id = useId();
  const [step, setStep] = useState<Step>('intro');
  const next = () => setStep(STEPS[Math.min(STEPS.indexOf(step) + 1, STEPS.length - 1)]!);
  useEffect(() => {
    // Each step's heading takes the focus, so keyboard and screen-reader users follow.
    if (step !== 'intro') headingRef.current?.focus();
    if (step === 'done') void saveSettings({ onboarded: true });
  }, [step]);
  if (!loaded) return <p className="loading">{t('loading')}</p>;
  const index = STEPS.indexOf(step);
  const titles: Record<Step, Parameters<typeof t>[0]> = {
    intro: 'welcome_title',
    placement: 'welcome_placement_title',
    circles: 'welcome_circles_title',
    import: 'welcome_import_title',
    done: 'welcome_done_title',
  };
  return (
    <main className="welcome-main" aria-labelledby={`${id}-h`}>
      {step !== 'intro' && step !== 'done' && (
        <p className="muted" aria-live="polite">
          {t('welcome_step', { n: index, total: 3 })}
        </p>
      )}
      <h1 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
        {t(titles[step])}
      </h1>
      {step === 'intro' && (
        <>
          <p className="intro-text">{t('welcome_what')}</p>
          <ul className="promises">
            <li>{t('welcome_promise_local')}</li>
            <li>{t('welcome_promise_reads')}</li>
            <li>{t('welcome_promise_nothing_sent')}</li>
          </ul>
          <button type="button" className="primary" onClick={next}>
            {t('welcome_start')}
          </button>
        </>
      )}
      {step === 'placement' && <Placement onNext={next} />}
      {step === 'circles' && <Circles onNext={next} />}
      {step === 'import' && <ImportStep onNext={next} />}
      {step === 'done' && (
        <>
          <p>{t('welcome_done_intro')}</p>
          <ol className="stack">
            <li>{t('welcome_done_step1')}</li>
            <li>{t('welcome_done_step2')}</li>
            <li>{t('welcome_done_step3')}</li>
          </ol>
          <p className="muted">{t('welcome_done_shortcut')}</p>
        </>
      )}
    </main>
  );
}
