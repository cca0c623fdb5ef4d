/**
 * The in-page nudge (issue 6): only when the user turned the in-page option on,
 * a small card in a closed Shadow DOM right after the post, in the page's flow,
 * with the side panel's words; dismissed with its button or Escape. With the
 * default (side panel) nothing of Kith appears in the page.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchKith, type Kith } from './harness';
import { cardText, clickInShadow, kithElementsInPage } from './helpers';
import { setSettings } from './seed';
import { DEFAULT_SETTINGS } from '../../lib/model/settings';

const PAGES = { '/feed/': 'tests/fixtures/linkedin/feed-ember-card-2025-12.html' };
const WORDS = 'You liked a post by Ada Example';

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

async function addAda(panel: Page): Promise<void> {
  const r = await panel.evaluate(
    (m) => chrome.runtime.sendMessage(m) as Promise<{ ok: boolean }>,
    { type: 'person/add', identity: { site: 'linkedin', handle: 'ada-example-0a1b2c3d', url: 'https://www.linkedin.com/in/ada-example-0a1b2c3d/', name: 'Ada Example' } },
  );
  expect(r.ok).toBe(true);
}

/** Forgets the nudges shown (the policy allows one per person per week), as a week passing would. */
async function forgetShownNudges(panel: Page): Promise<void> {
  await panel.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('kith');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const del = db.transaction('meta', 'readwrite').objectStore('meta').delete('nudge:log');
          del.onsuccess = () => {
            db.close();
            resolve();
          };
        };
      }),
  );
}

/** Kith's content script world exists in the page, and the opt-in card script had time to start. */
async function scriptsReady(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const origins: string[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: { origin: string } }) => origins.push(e.context.origin));
  await cdp.send('Runtime.enable');
  await expect.poll(() => origins.some((o) => o.startsWith('chrome-extension://')), { timeout: 15_000 }).toBe(true);
  await cdp.detach();
  await page.waitForTimeout(1000);
}

/** LinkedIn's own click handler on the reaction button, in the page's world: toggles the reaction. */
async function pageTogglesReactions(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const b of Array.from(document.querySelectorAll('button.react-button__trigger'))) {
      b.addEventListener('click', () => b.setAttribute('aria-pressed', b.getAttribute('aria-pressed') === 'true' ? 'false' : 'true'));
    }
  });
}

const nudgeHost = (page: Page) => page.evaluate(() => document.querySelectorAll('kith-nudge').length);

describe('the in-page nudge', () => {
  it('with "inside the page" on: a Like shows the nudge right after the post, in a closed shadow root, in the flow; its button and Escape dismiss it', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await addAda(panel);
    await setSettings(panel, { placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } });
    await expect.poll(() => kith!.sw(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id))).toEqual(['kith-linkedin-card']);

    const feed = await kith.linkedin('/feed/');
    await scriptsReady(feed);
    await pageTogglesReactions(feed);
    expect(await nudgeHost(feed)).toBe(0);
    const like = feed.locator('button.react-button__trigger').first();
    await like.click();

    await expect.poll(() => cardText(feed, 'KITH-NUDGE'), { timeout: 15_000 }).toContain(WORDS);
    const text = await cardText(feed, 'KITH-NUDGE');
    expect(text).toContain('You know them: call instead.');
    expect(text).toContain('Dismiss');
    // "Not for this person" / "not this kind" stay in the side panel.
    expect(text).not.toContain('Not for this person');
    expect(await panel.getByTestId('nudge-banner').textContent()).toContain(WORDS);

    const fromPage = await feed.evaluate(() => {
      const host = document.querySelector('kith-nudge')!;
      return {
        shadowRoot: host.shadowRoot,
        position: getComputedStyle(host).position,
        afterPost: host.previousElementSibling?.getAttribute('data-urn') ?? null,
        text: document.body.innerText.includes('You liked a post'),
      };
    });
    expect(fromPage.shadowRoot).toBeNull();
    expect(['static', 'relative']).toContain(fromPage.position);
    expect(fromPage.afterPost).toBe('urn:li:activity:7300000000000000001');
    expect(fromPage.text).toBe(false);

    await clickInShadow(feed, 'KITH-NUDGE', 'Dismiss');
    await expect.poll(() => nudgeHost(feed)).toBe(0);

    // Another moment (after the week's limit is forgotten): Escape dismisses it too.
    await like.click();
    expect(await like.getAttribute('aria-pressed')).toBe('false');
    await forgetShownNudges(panel);
    await like.click();
    await expect.poll(() => cardText(feed, 'KITH-NUDGE'), { timeout: 15_000 }).toContain(WORDS);
    await feed.keyboard.press('Escape');
    await expect.poll(() => nudgeHost(feed)).toBe(0);
  });

  it('with the default (side panel): the nudge reaches the side panel and nothing of Kith appears in the page', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await addAda(panel);
    const feed = await kith.linkedin('/feed/');
    await scriptsReady(feed);
    await feed.locator('button.react-button__trigger').first().click();
    await panel.getByTestId('nudge-banner').waitFor();
    expect(await panel.getByTestId('nudge-banner').textContent()).toContain(WORDS);
    await feed.waitForTimeout(1000);
    expect(await nudgeHost(feed)).toBe(0);
    expect(await kithElementsInPage(feed)).toBe(0);
  });
});
