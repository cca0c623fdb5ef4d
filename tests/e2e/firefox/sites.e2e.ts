/**
 * An optional site in Firefox: X turned on from the options page's own switch.
 * Its host permission is optional, so the switch asks for it inside the click
 * (`permissions.request`). Firefox would show a prompt WebDriver cannot answer;
 * the profile's `extensions.webextOptionalPermissionPrompts` set to false makes
 * Firefox grant it as if the user had said yes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { buildRows, seed } from '@/tests/e2e/seed';
import { kithElementsInPage } from '@/tests/e2e/helpers';
import { launchFirefoxKith, type FirefoxKith } from './harness';
import { control, texts, until, waitText } from './ui';

const PAGES = { 'x.com/ada_example': 'tests/fixtures/x/profile-2026.html' };
const NOTE = 'Training for the Milan marathon in April';

let kith: FirefoxKith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

const registered = (page: Page) => page.evaluate(async () => (await browser.scripting.getRegisteredContentScripts()).map((s) => s.id).sort());
const xAccess = (page: Page) => page.evaluate(() => browser.permissions.contains({ origins: ['https://x.com/*'] }));

describe('Firefox: turning on X', () => {
  it('the switch asks for X, the script is registered, and an X profile is read into the side panel', async () => {
    kith = await launchFirefoxKith({ pages: PAGES, grantOptionalPermissions: true });
    const panel = await kith.open('sidepanel.html');
    await waitText(panel, 'Reach out today');
    await seed(
      panel,
      buildRows([{ id: 'ada', name: 'Ada Example', handle: 'ada-example-0a1b2c3d', notes: [{ kind: 'listening', text: NOTE }] }], Date.now(), 'UTC'),
    );
    expect(await registered(panel)).toEqual([]);
    expect(await xAccess(panel)).toBe(false);

    const options = await kith.open('options.html#/settings');
    const x = await control(options, 'X (Twitter)');
    await x.click();
    await until(() => x.evaluate((el) => (el as HTMLInputElement).checked), true);
    await until(() => xAccess(panel), true);
    await until(() => registered(panel), ['kith-site-x']);

    const tab = await kith.visit('https://x.com/ada_example');
    expect(kith.routed).toContain('x.com/ada_example');
    await until(() => texts(panel, 'h1'), ['Ada Example']);
    await waitText(panel, 'Already in Kith?');
    expect(await kithElementsInPage(tab)).toBe(0);

    // Turned off: the script goes.
    await x.click();
    await until(() => registered(panel), []);
  });
});
