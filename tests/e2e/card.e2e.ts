import { afterEach, describe, expect, it } from 'vitest';
import { launchKith, type Kith } from './harness';
import { cardText, kithElementsInPage } from './helpers';
import { buildRows, seed, setSettings } from './seed';
import { DEFAULT_SETTINGS } from '../../lib/model/settings';

const ADA = '/in/ada-example-0a1b2c3d/';
const NOTE = 'Training for the Milan marathon in April';

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

async function registered(kith: Kith): Promise<string[]> {
  return kith.sw(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
}

describe('the in-page card', () => {
  it('is off by default, shows the notes in a closed shadow root after opting in, and is gone after opting out', async () => {
    kith = await launchKith();
    const panel = await kith.open('sidepanel.html');
    const now = Date.now();
    await seed(panel, buildRows([{ id: 'ada', name: 'Ada Example', handle: 'ada-example-0a1b2c3d', notes: [{ kind: 'listening', text: NOTE }] }], now, 'UTC'));

    // Off by default: nothing of Kith inside LinkedIn's page.
    let page = await kith.linkedin(ADA);
    await page.waitForTimeout(1000);
    expect(await kithElementsInPage(page)).toBe(0);
    expect(await registered(kith)).toEqual([]);
    await page.close();

    await setSettings(panel, { placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } });
    await expect.poll(() => registered(kith!)).toEqual(['kith-linkedin-card']);
    page = await kith.linkedin(ADA);
    await expect.poll(() => cardText(page), { timeout: 15_000 }).toContain(NOTE);
    expect(await cardText(page)).toContain('Ada Example');

    // The page's own scripts cannot read the notes: the shadow root is closed.
    const fromPage = await page.evaluate(() => {
      const host = document.querySelector('kith-card');
      return { host: !!host, shadowRoot: host ? host.shadowRoot : 'no host', text: document.body.innerText.includes('Milan marathon'), html: document.documentElement.outerHTML.includes('Milan marathon') };
    });
    expect(fromPage).toEqual({ host: true, shadowRoot: null, text: false, html: false });

    // It sits in the page's flow, inside LinkedIn's right rail or under the top card: not floating over controls.
    const position = await page.evaluate(() => getComputedStyle(document.querySelector('kith-card')!).position);
    expect(['static', 'relative']).toContain(position);

    await setSettings(panel, { placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'sidepanel' } });
    await expect.poll(() => registered(kith!)).toEqual([]);
    // The card already on screen leaves at once, with no refresh.
    await expect.poll(() => kithElementsInPage(page), { timeout: 10_000 }).toBe(0);
    // Turned on again: it comes back in the same page; LinkedIn turned off: it goes again.
    await setSettings(panel, { placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } });
    await expect.poll(() => cardText(page), { timeout: 15_000 }).toContain(NOTE);
    await setSettings(panel, { sites: { ...DEFAULT_SETTINGS.sites, linkedin: false } });
    await expect.poll(() => kithElementsInPage(page), { timeout: 10_000 }).toBe(0);
    await setSettings(panel, { sites: { ...DEFAULT_SETTINGS.sites, linkedin: true }, placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'sidepanel' } });
    await expect.poll(() => registered(kith!)).toEqual([]);
    await page.reload();
    await page.waitForTimeout(1000);
    expect(await kithElementsInPage(page)).toBe(0);
  });
});
