/**
 * A site turned off in the settings is not read: the content script's watchers run
 * only while the site is on, stop when it goes off and start again when it is back.
 */
import { describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { siteOnIn, storedSettings, whileSiteOn, type SwitchDeps } from '@/lib/content/site-switch';
import { DEFAULT_SETTINGS } from '@/lib/model/settings';
import { updateSettings } from '@/lib/settings/store';

const settle = () => new Promise((r) => setTimeout(r, 0));

/** Stored settings the test changes by hand. */
function source(initial: unknown) {
  let listener: ((raw: unknown) => void) | undefined;
  const deps: SwitchDeps = {
    read: async () => initial,
    onChange: (cb) => {
      listener = cb;
    },
  };
  return { deps, change: (raw: unknown) => listener?.(raw) };
}

function recorder() {
  const runs: AbortSignal[] = [];
  return { runs, start: (signal: AbortSignal) => void runs.push(signal), live: () => runs.filter((s) => !s.aborted).length };
}

describe('siteOnIn', () => {
  it.each([
    { raw: undefined, site: 'linkedin', want: true },
    { raw: undefined, site: 'x', want: false },
    { raw: { sites: { linkedin: false } }, site: 'linkedin', want: false },
    { raw: { sites: { x: true } }, site: 'x', want: true },
    { raw: { sites: { x: true } }, site: 'linkedin', want: true },
    { raw: { sites: 'garbage' }, site: 'linkedin', want: true },
    { raw: { sites: { linkedin: 'yes' } }, site: 'linkedin', want: true },
    { raw: 42, site: 'github', want: false },
  ] as const)('$raw, $site -> $want', ({ raw, site, want }) => {
    expect(siteOnIn(raw, site)).toBe(want);
  });
});

describe('whileSiteOn', () => {
  it('on: starts once; off: its signal aborts; on again: starts anew with a fresh signal', async () => {
    const s = source({ ...DEFAULT_SETTINGS });
    const r = recorder();
    whileSiteOn('linkedin', s.deps, new AbortController().signal, r.start);
    await settle();
    expect(r.runs.length).toBe(1);
    s.change({ ...DEFAULT_SETTINGS, theme: 'dark' });
    expect(r.runs.length).toBe(1);
    s.change({ ...DEFAULT_SETTINGS, sites: { ...DEFAULT_SETTINGS.sites, linkedin: false } });
    expect(r.runs[0]!.aborted).toBe(true);
    expect(r.live()).toBe(0);
    s.change({ ...DEFAULT_SETTINGS });
    expect(r.runs.length).toBe(2);
    expect(r.live()).toBe(1);
  });

  it('off from the start: nothing runs until the site is turned on', async () => {
    const s = source({ ...DEFAULT_SETTINGS });
    const r = recorder();
    whileSiteOn('x', s.deps, new AbortController().signal, r.start);
    await settle();
    expect(r.runs.length).toBe(0);
    s.change({ ...DEFAULT_SETTINGS, sites: { ...DEFAULT_SETTINGS.sites, x: true } });
    expect(r.live()).toBe(1);
  });

  it('a change that arrives before the first read wins over it', async () => {
    let resolveRead!: (v: unknown) => void;
    let listener!: (raw: unknown) => void;
    const r = recorder();
    whileSiteOn(
      'linkedin',
      { read: () => new Promise((res) => (resolveRead = res)), onChange: (cb) => (listener = cb) },
      new AbortController().signal,
      r.start,
    );
    listener({ sites: { linkedin: false } });
    resolveRead({ sites: { linkedin: true } });
    await settle();
    expect(r.runs.length).toBe(0);
  });

  it('the script replaced (its context aborted): the watchers stop and never start again', async () => {
    const s = source(undefined);
    const r = recorder();
    const outer = new AbortController();
    whileSiteOn('linkedin', s.deps, outer.signal, r.start);
    await settle();
    expect(r.live()).toBe(1);
    outer.abort();
    expect(r.live()).toBe(0);
    s.change({ sites: { linkedin: true } });
    expect(r.runs.length).toBe(1);
  });

  it('a settings read that fails: the site is taken as its default', async () => {
    const r = recorder();
    whileSiteOn('linkedin', { read: () => Promise.reject(new Error('no storage')), onChange: () => undefined }, new AbortController().signal, r.start);
    await settle();
    expect(r.live()).toBe(1);
  });

  it('follows the real settings store: turning LinkedIn off in the options reaches a running script', async () => {
    fakeBrowser.reset();
    const r = recorder();
    whileSiteOn('linkedin', storedSettings(), new AbortController().signal, r.start);
    await settle();
    expect(r.live()).toBe(1);
    await updateSettings((x) => ({ ...x, sites: { ...x.sites, linkedin: false } }));
    await settle();
    expect(r.live()).toBe(0);
    await updateSettings((x) => ({ ...x, sites: { ...x.sites, linkedin: true } }));
    await settle();
    expect(r.live()).toBe(1);
  });
});
