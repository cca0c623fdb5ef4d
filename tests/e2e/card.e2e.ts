import { afterEach, describe, expect, it } from 'vitest';
import { launchKith, type Kith } from './harness';
import type { Page } from 'playwright-core';
import { cardText, kithElementsInPage, kithFrame, navigateInPage } from './helpers';
import { buildRows, dumpKith, seed, setSettings } from './seed';
import { DEFAULT_SETTINGS } from '@/lib/model/settings';

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
  it("is off by default, shows the notes in Kith's own frame after opting in, and is gone after opting out", async () => {
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

    // The page's own scripts cannot read the notes: they are in a frame of another origin.
    const fromPage = await page.evaluate(() => {
      const host = document.querySelector('kith-card');
      const frame = host?.querySelector('iframe');
      let inside: string;
      try {
        inside = frame?.contentDocument ? 'readable' : 'null';
      } catch {
        inside = 'blocked';
      }
      return {
        host: !!host,
        inside,
        shadowRoot: host ? host.shadowRoot : 'no host',
        text: document.body.innerText.includes('Milan marathon'),
        html: document.documentElement.outerHTML.includes('Milan marathon'),
      };
    });
    expect(fromPage).toEqual({ host: true, inside: 'null', shadowRoot: null, text: false, html: false });

    // It sits in the page's flow, inside LinkedIn's right rail or under the top card: not floating over controls.
    const position = await page.evaluate(() => getComputedStyle(document.querySelector('kith-card')!).position);
    expect(['static', 'relative']).toContain(position);
    // As tall as what it shows (the frame sizes itself), so nothing is cut off.
    await expect.poll(() => frameFits(page), { timeout: 10_000 }).toBe(true);

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

  it("LinkedIn's own scripts learn nothing from the card: window.find finds none of its words, and page listeners see none of the keys typed into it", async () => {
    kith = await launchKith();
    const panel = await kith.open('sidepanel.html');
    await seed(
      panel,
      buildRows([{ id: 'ada', name: 'Ada Example', handle: 'ada-example-0a1b2c3d', notes: [{ kind: 'listening', text: NOTE }] }], Date.now(), 'UTC'),
    );
    await setSettings(panel, { placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } });
    await expect.poll(() => registered(kith!)).toEqual(['kith-linkedin-card']);
    const page = await kith.linkedin(ADA);
    // A page script, as LinkedIn's own or a third-party tag would run it: every key
    // and input event it can hear, and every message posted to the page.
    await page.evaluate(() => {
      const w = window as unknown as { __heard: string[] };
      w.__heard = [];
      const hear = (e: Event) => {
        const k = e as KeyboardEvent & InputEvent;
        w.__heard.push(`${e.type}:${k.key ?? ''}:${k.data ?? ''}`);
      };
      for (const type of ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'compositionend']) {
        window.addEventListener(type, hear, true);
        document.addEventListener(type, hear, true);
      }
      window.addEventListener('message', (e) => w.__heard.push(`message:${JSON.stringify(e.data)}`), true);
    });
    await expect.poll(() => cardText(page), { timeout: 15_000 }).toContain(NOTE);
    const pageFinds = (words: string[]) =>
      page.evaluate((words) => {
        const found: string[] = [];
        for (const word of words) {
          getSelection()?.removeAllRanges();
          if ((window as unknown as { find: (s: string) => boolean }).find(word)) found.push(word);
        }
        return found;
      }, words);
    expect(await pageFinds(['Milan marathon', 'Training for the', 'marathon in April'])).toEqual([]);

    // The user types a note into the card: it is saved, and the page heard none of it.
    const frame = kithFrame(page)!;
    const typed = 'Sofia starts at the Turin observatory';
    await frame.getByRole('textbox', { name: 'What they told you' }).click();
    await page.keyboard.type(typed);
    await frame.getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => cardText(page), { timeout: 10_000 }).toContain(typed);
    const heard = await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard);
    expect(heard).toEqual([]);
    expect(await pageFinds(['Turin observatory', 'Sofia starts', NOTE])).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.outerHTML.includes('observatory'))).toBe(false);

    // It still logs a conversation, and stays in the page's flow, sized to what it shows.
    const touches = async () => (JSON.parse(await dumpKith(panel)) as { touches: { source?: string }[] }).touches.length;
    const before = await touches();
    await frame.getByRole('button', { name: 'Log it' }).click();
    await expect.poll(touches, { timeout: 10_000 }).toBe(before + 1);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('kith-card')!).position)).toBe('static');
    await expect.poll(() => frameFits(page), { timeout: 10_000 }).toBe(true);
    expect(await page.evaluate(() => (window as unknown as { __heard: string[] }).__heard)).toEqual([]);
  });

  it('shows after LinkedIn moves in-page from the feed to a profile', async () => {
    kith = await launchKith();
    const panel = await kith.open('sidepanel.html');
    await seed(
      panel,
      buildRows([{ id: 'ada', name: 'Ada Example', handle: 'ada-example-0a1b2c3d', notes: [{ kind: 'listening', text: NOTE }] }], Date.now(), 'UTC'),
    );
    await setSettings(panel, { placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } });
    await expect.poll(() => registered(kith!)).toEqual(['kith-linkedin-card']);
    const feed = await kith.linkedin('/feed/');
    await feed.waitForTimeout(1000);
    expect(await cardText(feed)).toBeUndefined();
    // history.pushState: the tab's URL follows, the frame's `sender.url` does not.
    await navigateInPage(feed, ADA, 'tests/fixtures/linkedin/profile-ember-2025-12.html');
    await expect.poll(() => cardText(feed), { timeout: 15_000 }).toContain(NOTE);
    expect(await cardText(feed)).toContain('Ada Example');
  });
});

/** The card's frame is as tall as its content (within a pixel or two), and taller than nothing. */
async function frameFits(page: Page): Promise<boolean> {
  const frame = kithFrame(page);
  if (!frame) return false;
  const inner = await frame.evaluate(() => Math.ceil(document.body.getBoundingClientRect().height)).catch(() => 0);
  const outer = await page.evaluate(() => document.querySelector('kith-card iframe')?.getBoundingClientRect().height ?? 0);
  return inner > 40 && Math.abs(inner - outer) <= 2;
}
