/**
 * The toolbar popup's address carries today's first rows: the background writes
 * them there with the snapshot, and the boot script paints them before any storage
 * read is back. Anything else in the address paints nothing and breaks nothing.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { refreshBadge } from '@/lib/background/badge';
import { localParts } from '@/lib/background/digest';
import { serial, type BackgroundEnv } from '@/lib/background/env';
import { createDb, type KithDB } from '@/lib/db/db';
import { addPerson, editPerson } from '@/lib/db/writes';
import { DEFAULT_CIRCLES, DEFAULT_SETTINGS, type Settings } from '@/lib/model/settings';
import type { Platform } from '@/lib/platform/browser';
import { POPUP_PAGE, popupAddress, readPopupAddress } from '@/lib/ui/popup-address';
import { startPopupBoot } from '@/lib/ui/popup-boot';
import { snapshotPaint } from '@/lib/ui/reach-paint';
import { readSnapshot } from '@/lib/ui/reach-snapshot';
import type { RankedPerson } from '@/lib/relationship/rank';
import type { Person } from '@/lib/model/types';

const TZ = 'Europe/Rome';
const NOW = Date.now();
const g = globalThis as { browser?: unknown; __kithPopupBoot?: unknown };

function ranked(id: string, name: string): RankedPerson {
  const top = { code: 'overdue-amber', weight: 1, params: { days: 3 } } as unknown as RankedPerson['top'];
  return { person: { id, name } as Person, reasons: [top], top };
}
const items = [ranked('ada', 'Ada Lovelace'), ranked('bruno', 'Bruno <img src=x onerror=alert(1)> Sample')];
const today = () => localParts(Date.now(), TZ).day;

describe('the background writes the popup address with the snapshot', () => {
  let db: KithDB;
  let popup: string | undefined;
  let settings: Settings;
  function env(): BackgroundEnv {
    const platform: Platform = {
      action: {
        setBadgeText: async () => undefined,
        setBadgeBackgroundColor: async () => undefined,
        setPopup: async ({ popup: p }) => void (popup = p),
      },
    };
    return {
      db,
      now: () => NOW,
      platform,
      settings: { get: async () => settings, update: async () => settings, watch: () => undefined },
      state: { settings: undefined, badge: serial(), siteScripts: serial() },
    } as BackgroundEnv;
  }
  async function birthdayToday(month: number, day: number) {
    const ctx = { now: NOW, timeZone: TZ, circles: DEFAULT_CIRCLES };
    const ada = await addPerson(db, { name: 'Ada Lovelace', circleId: 'close' }, ctx);
    await editPerson(db, ada.id, { birthday: { month, day } }, ctx);
  }
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    db = createDb(`kith-popup-address-${Math.random()}`);
    popup = undefined;
    settings = { ...DEFAULT_SETTINGS, timeZone: TZ, language: 'en', theme: 'dark' };
  });

  it("carries the snapshot's rows, words, day, time zone and theme", async () => {
    const [, month, day] = localParts(NOW, TZ).day.split('-').map(Number) as [number, number, number];
    await birthdayToday(month, day);
    await refreshBadge(env());
    const snap = await readSnapshot();
    expect(snap?.paint?.rows.map((r) => r.name)).toEqual(['Ada Lovelace']);
    expect(popup?.startsWith(`${POPUP_PAGE}#`)).toBe(true);
    expect(readPopupAddress(popup!.slice(POPUP_PAGE.length))).toEqual({ v: 1, day: snap!.day, tz: TZ, theme: 'dark', paint: snap!.paint });
  });

  it('in Italian when the user chose Italian', async () => {
    settings = { ...settings, language: 'it' };
    const [, month, day] = localParts(NOW, TZ).day.split('-').map(Number) as [number, number, number];
    await birthdayToday(month, day);
    await refreshBadge(env());
    expect(readPopupAddress(popup!.slice(POPUP_PAGE.length))?.paint.title).toBe('Da contattare oggi');
  });

  it('is the bare page when nobody is waiting', async () => {
    await refreshBadge(env());
    expect(popup).toBe(POPUP_PAGE);
  });
});

describe('the boot script paints the rows the address carries', () => {
  beforeEach(() => {
    document.body.innerHTML = '<div id="root"></div>';
    document.documentElement.lang = '';
    delete document.documentElement.dataset.theme;
  });
  afterEach(() => {
    delete g.browser;
    delete g.__kithPopupBoot;
    history.replaceState(null, '', '/');
  });
  /** Storage that never answers: whatever is painted came from the address. */
  function bootWithSilentStorage(hash: string) {
    const get = vi.fn(() => new Promise<Record<string, unknown>>(() => undefined));
    g.browser = { storage: { local: { get }, session: { get } } };
    history.replaceState(null, '', `/${POPUP_PAGE}${hash}`);
    startPopupBoot();
    return { root: document.getElementById('root')!, get };
  }
  const address = (day: string, extra: Partial<Parameters<typeof popupAddress>[0] & object> = {}) =>
    popupAddress({ day, tz: TZ, paint: snapshotPaint(items, 42, 'en', NOW, TZ), ...extra }).slice(POPUP_PAGE.length);

  it('at once, before any storage read is back, as text', () => {
    const { root, get } = bootWithSilentStorage(address(today(), { theme: 'dark' }));
    // The app still gets its reads: they are started, only not waited for.
    expect(get).toHaveBeenCalledTimes(2);
    expect(root.querySelector('[data-prepaint] h1')?.textContent).toBe('Reach out today');
    expect([...root.querySelectorAll('.reach-row .reach-name')].map((n) => n.textContent)).toEqual([
      'Ada Lovelace',
      'Bruno <img src=x onerror=alert(1)> Sample',
    ]);
    expect(root.querySelector('img')).toBeNull();
    expect(document.documentElement.lang).toBe('en');
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it.each([
    { name: "yesterday's rows", hash: () => address('2001-01-01') },
    { name: 'an empty list', hash: () => popupAddress({ day: today(), tz: TZ, paint: snapshotPaint([], 0, 'en', NOW, TZ) }).slice(POPUP_PAGE.length) },
    { name: 'a malformed address', hash: () => '#first=%7B%22v%22%3A1%2C' },
    {
      name: 'rows without their words',
      hash: () => `#first=${encodeURIComponent(JSON.stringify({ v: 1, day: today(), tz: TZ, paint: { rows: [{ name: 'x' }] } }))}`,
    },
    {
      name: 'a time zone that does not exist',
      hash: () => popupAddress({ day: today(), tz: 'Mars/Olympus', paint: snapshotPaint(items, 2, 'en', NOW, TZ) }).slice(POPUP_PAGE.length),
    },
    { name: 'another fragment', hash: () => '#/people' },
  ])('nothing from $name', ({ hash }) => {
    const { root } = bootWithSilentStorage(hash());
    expect(root.childNodes.length).toBe(0);
  });
});
