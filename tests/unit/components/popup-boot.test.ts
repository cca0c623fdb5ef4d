/**
 * The popup's boot script has no imports at run time (it runs before the popup's
 * modules load) and reads storage without WXT's storage items: it must read exactly
 * what the app's own readers read, or the popup's first paint would silently lose them.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '@/lib/model/settings';
import { normalizeSettings } from '@/lib/settings/normalize';
import { getSettings, updateSettings } from '@/lib/settings/store';
import { readSnapshot, REACH_SNAPSHOT_KEY, type ReachSnapshot } from '@/lib/ui/reach-snapshot';
import { POPUP_COPY_KEY, startPopupBoot } from '@/lib/ui/popup-boot';
import { initialsOf, snapshotPaint } from '@/lib/ui/reach-paint';
import { localParts } from '@/lib/background/digest';
import { describeReason } from '@/lib/ui/describe';
import type { RankedPerson } from '@/lib/relationship/rank';
import type { Person } from '@/lib/model/types';

const g = globalThis as { browser?: unknown; __kithPopupBoot?: Promise<[unknown, unknown]> };

beforeEach(() => {
  fakeBrowser.reset();
  localStorage.clear();
  document.body.innerHTML = '<div id="root"></div>';
  document.documentElement.lang = '';
  delete document.documentElement.dataset.theme;
});
afterEach(() => {
  delete g.browser;
  delete g.__kithPopupBoot;
});

function runBoot(): Promise<[unknown, unknown]> {
  g.browser = fakeBrowser;
  startPopupBoot();
  return g.__kithPopupBoot!;
}

describe('the popup boot script', () => {
  it('reads the same settings and snapshot as the app does', async () => {
    await updateSettings({ language: 'it', theme: 'dark' });
    const snap: ReachSnapshot = { at: 1, day: '2026-11-25', count: 0, items: [], profiles: {} };
    await fakeBrowser.storage.session.set({ [REACH_SNAPSHOT_KEY]: snap });
    const [settings, snapshot] = await runBoot();
    expect(normalizeSettings(settings)).toEqual(await getSettings());
    expect(normalizeSettings(settings)).toMatchObject({ language: 'it', theme: 'dark' });
    expect(snapshot).toEqual(await readSnapshot());
    expect(snapshot).toEqual(snap);
  });

  it('with nothing stored: the default settings and no snapshot', async () => {
    const [settings, snapshot] = await runBoot();
    expect(normalizeSettings(settings)).toEqual(DEFAULT_SETTINGS);
    expect(snapshot).toBeUndefined();
  });
});

const TZ = 'Europe/Rome';
const NOW = Date.now();

function ranked(id: string, name: string): RankedPerson {
  const person = { id, name } as Person;
  const top = { code: 'overdue-amber', weight: 1, params: { days: 3 } } as unknown as RankedPerson['top'];
  return { person, reasons: [top], top };
}

function snapshotFor(items: RankedPerson[], lang: 'en' | 'it', day = localParts(NOW, TZ).day): ReachSnapshot {
  return { at: NOW, day, count: items.length + 40, items, profiles: {}, paint: snapshotPaint(items, items.length + 40, lang, NOW, TZ) };
}

/** Run the boot script and let its reads and its paint finish. */
async function bootAndPaint() {
  await runBoot();
  await new Promise((r) => setTimeout(r, 0));
  return document.getElementById('root')!;
}

describe('the first paint from the snapshot, before React', () => {
  const items = [ranked('ada', 'Ada Lovelace'), ranked('bruno', 'Bruno <img src=x onerror=alert(1)> Sample')];

  it("today's snapshot in the page's language: its rows, as the list shows them, in words", async () => {
    await updateSettings({ language: 'en', timeZone: TZ, theme: 'dark' });
    await fakeBrowser.storage.session.set({ [REACH_SNAPSHOT_KEY]: snapshotFor(items, 'en') });
    const root = await bootAndPaint();
    expect(root.querySelector('h1')?.textContent).toBe('Reach out today');
    expect(root.querySelector('p.muted')?.textContent).toBe('42 people are waiting for a personal word');
    expect([...root.querySelectorAll('.reach-row .reach-name')].map((n) => n.textContent)).toEqual([
      'Ada Lovelace',
      'Bruno <img src=x onerror=alert(1)> Sample',
    ]);
    expect(root.querySelector('.reach-reason')?.textContent).toBe(describeReason('en', items[0]!.top, NOW, TZ));
    expect(root.querySelector('.avatar')?.textContent).toBe('AL');
    // Names are text: nothing of them became markup.
    expect(root.querySelector('img')).toBeNull();
    // The bar's room is kept but nothing in it can be used before React arrives.
    const bar = root.querySelector('.popup-bar')!;
    expect(bar.getAttribute('aria-hidden')).toBe('true');
    expect(bar.hasAttribute('inert')).toBe(true);
    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('in Italian when the user chose Italian', async () => {
    await updateSettings({ language: 'it', timeZone: TZ });
    await fakeBrowser.storage.session.set({ [REACH_SNAPSHOT_KEY]: snapshotFor(items, 'it') });
    const root = await bootAndPaint();
    expect(root.querySelector('h1')?.textContent).toBe('Da contattare oggi');
    expect(root.querySelector('.reach-reason')?.textContent).toBe(describeReason('it', items[0]!.top, NOW, TZ));
  });

  it.each([
    { name: 'a snapshot from yesterday', snap: () => snapshotFor(items, 'en', '2001-01-01'), language: 'en' as const },
    { name: 'a snapshot in another language than the one chosen since', snap: () => snapshotFor(items, 'it'), language: 'en' as const },
    { name: 'an empty list (never a guess that nobody is waiting)', snap: () => snapshotFor([], 'en'), language: 'en' as const },
    { name: 'a snapshot without words (written by an older Kith)', snap: () => ({ ...snapshotFor(items, 'en'), paint: undefined }), language: 'en' as const },
    { name: 'no snapshot at all', snap: () => undefined, language: 'en' as const },
  ])('nothing is painted from $name', async ({ snap, language }) => {
    await updateSettings({ language, timeZone: TZ });
    const s = snap();
    if (s) await fakeBrowser.storage.session.set({ [REACH_SNAPSHOT_KEY]: s });
    const root = await bootAndPaint();
    expect(root.childNodes.length).toBe(0);
  });
});

describe('the last first paint, kept for the next popup', () => {
  const ada = ranked('ada', 'Ada Lovelace');
  const bruno = ranked('bruno', 'Bruno Sample');
  const names = () => [...document.querySelectorAll('.reach-row .reach-name')].map((n) => n.textContent);

  /** A popup opened with `snap` in storage: it paints it, and keeps what it painted. */
  async function openedWith(snap: ReachSnapshot) {
    await fakeBrowser.storage.session.set({ [REACH_SNAPSHOT_KEY]: snap });
    await bootAndPaint();
    document.body.innerHTML = '<div id="root"></div>';
    delete document.documentElement.dataset.theme;
  }

  it('paints the rows the last popup painted at once, before the storage reads come back', async () => {
    await updateSettings({ language: 'en', timeZone: TZ, theme: 'dark' });
    await openedWith(snapshotFor([ada, bruno], 'en'));
    expect(localStorage.getItem(POPUP_COPY_KEY)).not.toBeNull();
    const reads = runBoot();
    // Nothing awaited: the storage reads are not back yet.
    expect(names()).toEqual(['Ada Lovelace', 'Bruno Sample']);
    expect(document.documentElement.dataset.theme).toBe('dark');
    await reads;
    await new Promise((r) => setTimeout(r, 0));
    // Unchanged: the same rows, painted once.
    expect(names()).toEqual(['Ada Lovelace', 'Bruno Sample']);
    expect(document.querySelectorAll('main[data-prepaint]')).toHaveLength(1);
  });

  it('rows that changed since are painted over the kept ones once the reads are back', async () => {
    await updateSettings({ language: 'en', timeZone: TZ });
    await openedWith(snapshotFor([ada, bruno], 'en'));
    await fakeBrowser.storage.session.set({ [REACH_SNAPSHOT_KEY]: snapshotFor([bruno], 'en') });
    await bootAndPaint();
    expect(names()).toEqual(['Bruno Sample']);
    expect(document.querySelectorAll('main[data-prepaint]')).toHaveLength(1);
    // And the next popup starts from those.
    document.body.innerHTML = '<div id="root"></div>';
    runBoot();
    expect(names()).toEqual(['Bruno Sample']);
  });

  it.each([
    { name: 'the list is now empty', next: () => snapshotFor([], 'en') },
    { name: 'there is no snapshot any more (data deleted)', next: () => undefined },
    { name: 'the language changed', next: () => snapshotFor([ada], 'it'), language: 'it' as const },
  ])('kept rows are taken away when $name, and not kept for the next popup', async ({ next, language }) => {
    await updateSettings({ language: 'en', timeZone: TZ, theme: 'light' });
    await openedWith(snapshotFor([ada, bruno], 'en'));
    await fakeBrowser.storage.session.remove(REACH_SNAPSHOT_KEY);
    const snap = next();
    if (snap) await fakeBrowser.storage.session.set({ [REACH_SNAPSHOT_KEY]: snap });
    if (language) await updateSettings({ language });
    const reads = runBoot();
    expect(names()).toEqual(['Ada Lovelace', 'Bruno Sample']);
    await reads;
    await new Promise((r) => setTimeout(r, 0));
    if (language === 'it') {
      // Painted again, in the new language.
      expect(document.querySelector('h1')?.textContent).toBe('Da contattare oggi');
      expect(names()).toEqual(['Ada Lovelace']);
      expect(document.documentElement.dataset.theme).toBe('light');
    } else {
      expect(document.getElementById('root')!.childNodes.length).toBe(0);
      expect(localStorage.getItem(POPUP_COPY_KEY)).toBeNull();
      expect(document.documentElement.dataset.theme).toBeUndefined();
    }
  });

  it('a kept paint from another day is not painted', async () => {
    await updateSettings({ language: 'en', timeZone: TZ });
    await openedWith(snapshotFor([ada], 'en', '2001-01-01'));
    expect(localStorage.getItem(POPUP_COPY_KEY)).toBeNull();
    localStorage.setItem(
      POPUP_COPY_KEY,
      JSON.stringify({ settings: { language: 'en', timeZone: TZ }, snap: { day: '2001-01-01', paint: snapshotFor([ada], 'en').paint } }),
    );
    runBoot();
    expect(document.getElementById('root')!.childNodes.length).toBe(0);
  });

  it('a kept copy that is not what Kith wrote is ignored', async () => {
    localStorage.setItem(POPUP_COPY_KEY, '{not json');
    await runBoot();
    localStorage.setItem(POPUP_COPY_KEY, JSON.stringify({ snap: 1 }));
    await runBoot();
    expect(document.getElementById('root')!.childNodes.length).toBe(0);
  });
});

describe('snapshotPaint', () => {
  it('words the top rows as the list does, with the whole count', () => {
    const items = [ranked('ada', 'Ada Lovelace'), ranked('x', '  ')];
    const p = snapshotPaint(items, 1, 'en', NOW, TZ);
    expect(p.waiting).toBe('1 person is waiting for a personal word');
    expect(p.rows.map((r) => [r.id, r.initials, r.code])).toEqual([
      ['ada', 'AL', 'overdue-amber'],
      ['x', '?', 'overdue-amber'],
    ]);
    expect(p.rows[0]!.reason).toBe(describeReason('en', items[0]!.top, NOW, TZ));
    expect(initialsOf('maria de la cruz')).toBe('MD');
  });
});
