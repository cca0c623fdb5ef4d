/**
 * The browser APIs WXT's types lack go through one adapter: the panel opens in
 * Firefox's sidebar or Chrome's side panel, whichever the browser has, and no
 * other module casts `browser` to reach them.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { register as registerCommands } from '@/lib/background/commands';
import { serial, type BackgroundEnv } from '@/lib/background/env';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/model/settings';
import { openPanel, togglePanel, type Platform } from '@/lib/platform/browser';

const chromeLike = () => ({ action: {} as Platform['action'], sidePanel: { open: vi.fn(async () => undefined) } }) satisfies Platform;
const firefoxLike = () =>
  ({ action: {} as Platform['action'], sidebarAction: { open: vi.fn(async () => undefined), toggle: vi.fn(async () => undefined) } }) satisfies Platform;

describe("Kith's panel", () => {
  it("opens Chrome's side panel in the window", async () => {
    const p = chromeLike();
    await openPanel(p, 7);
    await togglePanel(p, 7);
    expect(p.sidePanel.open.mock.calls).toEqual([[{ windowId: 7 }], [{ windowId: 7 }]]);
  });

  it("opens or toggles Firefox's sidebar", async () => {
    const p = firefoxLike();
    await openPanel(p, 7);
    await togglePanel(p, undefined);
    expect(p.sidebarAction.open).toHaveBeenCalledTimes(1);
    expect(p.sidebarAction.toggle).toHaveBeenCalledTimes(1);
  });

  it('does nothing without a window, or in a browser with neither', () => {
    expect(openPanel(chromeLike(), undefined)).toBeUndefined();
    expect(openPanel({ action: {} as Platform['action'] }, 7)).toBeUndefined();
  });
});

describe('the keyboard shortcut', () => {
  function envWith(platform: Platform, settings: Settings | undefined): BackgroundEnv {
    return { platform, state: { settings, badge: serial(), siteScripts: serial() } } as unknown as BackgroundEnv;
  }
  function press(env: BackgroundEnv, tab: { id?: number; windowId?: number; url?: string }) {
    let listener: ((command: string, tab?: unknown) => void) | undefined;
    vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((l) => void (listener = l as typeof listener));
    registerCommands(env);
    listener!('toggle-notes', tab);
  }

  it('opens the panel where the user keeps notes beside the page', () => {
    const p = chromeLike();
    press(envWith(p, DEFAULT_SETTINGS), { id: 1, windowId: 3, url: 'https://www.linkedin.com/in/ada/' });
    expect(p.sidePanel.open).toHaveBeenCalledWith({ windowId: 3 });
  });

  it('toggles the in-page card on LinkedIn where the user chose it, without opening the panel', () => {
    const p = chromeLike();
    const send = vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockResolvedValue(undefined);
    press(envWith(p, { ...DEFAULT_SETTINGS, placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } }), {
      id: 1,
      windowId: 3,
      url: 'https://www.linkedin.com/in/ada/',
    });
    expect(send).toHaveBeenCalledWith(1, { type: 'card/toggle' });
    expect(p.sidePanel.open).not.toHaveBeenCalled();
  });
});

describe('casts of the browser object', () => {
  const ROOT = join(__dirname, '../../..');
  function sources(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
      const p = join(dir, f);
      return statSync(p).isDirectory() ? sources(p) : /\.tsx?$/.test(f) ? [p] : [];
    });
  }

  it('live only in the platform adapter', () => {
    const casts = ['lib', 'components', 'entrypoints']
      .flatMap((d) => sources(join(ROOT, d)))
      .filter((f) => /\b(browser|chrome)(\.\w+)*\)?\s+as\s+unknown\s+as\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(ROOT, f));
    expect(casts).toEqual(['lib/platform/browser.ts']);
  });
});
