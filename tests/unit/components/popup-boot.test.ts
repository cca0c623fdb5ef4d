/**
 * public/popup-boot.js has no imports (it runs before the popup's modules load), so
 * it names the storage keys itself: it must read exactly what the app's own
 * readers read, or the popup's first paint would silently lose them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runInThisContext } from 'node:vm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { DEFAULT_SETTINGS } from '../../../lib/model/settings';
import { normalizeSettings } from '../../../lib/settings/normalize';
import { getSettings, updateSettings } from '../../../lib/settings/store';
import { readSnapshot, REACH_SNAPSHOT_KEY, type ReachSnapshot } from '../../../lib/ui/reach-snapshot';

const g = globalThis as { browser?: unknown; __kithPopupBoot?: Promise<[unknown, unknown]> };

beforeEach(() => fakeBrowser.reset());
afterEach(() => {
  delete g.browser;
  delete g.__kithPopupBoot;
});

function runBoot(): Promise<[unknown, unknown]> {
  g.browser = fakeBrowser;
  runInThisContext(readFileSync(join(__dirname, '../../../public/popup-boot.js'), 'utf8'));
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
