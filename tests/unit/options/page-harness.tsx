/**
 * The options page under test: a fresh database, a reset fake browser, English,
 * and a laid-out scroller for the virtual list (jsdom lays nothing out). Shared by
 * the options page's component tests.
 */
import { cleanup, render, screen } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { useUiStore } from '@/components/i18n';
import { OptionsApp } from '@/components/OptionsApp';
import { useToasts } from '@/components/options/toast';
import { setDbForTests, type KithDB } from '@/lib/db/db';
import { resetSettingsStore } from '@/tests/unit/components/settings-seed';
import { freshDb } from '@/tests/unit/db/helpers';

/** Installs the hooks; `page.db` is the test's database (new for each test). */
export function installOptionsPageHarness(): { db: KithDB } {
  const page = { db: undefined as unknown as KithDB };
  const sizes = { clientHeight: 600, clientWidth: 800 };
  const saved: Record<string, PropertyDescriptor | undefined> = {};
  beforeAll(() => {
    for (const [k, v] of Object.entries(sizes)) {
      saved[k] = Object.getOwnPropertyDescriptor(HTMLElement.prototype, k);
      Object.defineProperty(HTMLElement.prototype, k, { configurable: true, get: () => v });
    }
  });
  afterAll(() => {
    for (const k of Object.keys(sizes)) if (saved[k]) Object.defineProperty(HTMLElement.prototype, k, saved[k]);
  });
  beforeEach(() => {
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
    page.db = freshDb();
    setDbForTests(page.db);
    useUiStore.setState({ lang: 'en' });
    useToasts.setState({ toast: undefined });
    resetSettingsStore();
  });
  afterEach(async () => {
    cleanup();
    vi.restoreAllMocks();
    setDbForTests(undefined);
    await page.db.delete();
    location.hash = '';
  });
  return page;
}

/** Opens the options page at `hash` and waits for its navigation. */
export async function openOptions(hash: string): Promise<void> {
  location.hash = hash;
  render(<OptionsApp />);
  await screen.findByRole('navigation');
}
