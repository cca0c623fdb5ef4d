/**
 * The in-page nudge: only when the user turned the in-page option on,
 * a small card in Kith's own frame right after the post, in the page's flow,
 * with the side panel's words and answers (dismiss with its button or Escape, "not
 * for this person", "not this kind", from mouse or keyboard, in both languages);
 * answered in either place, it goes from both. With the default (side panel)
 * nothing of Kith appears in the page.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchKith, type Kith } from './harness';
import { cardText, clickInCard, kithElementsInPage, kithFrame } from './helpers';
import { setSettings } from './seed';
import { DEFAULT_SETTINGS } from '@/lib/model/settings';

const PAGES = { '/feed/': 'tests/fixtures/linkedin/feed-ember-card-2025-12.html' };
const WORDS = 'You reacted to a post by Ada Example';

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

async function addAda(panel: Page): Promise<void> {
  const r = await panel.evaluate((m) => chrome.runtime.sendMessage(m) as Promise<{ ok: boolean }>, {
    type: 'person/add',
    identity: { site: 'linkedin', handle: 'ada-example-0a1b2c3d', url: 'https://www.linkedin.com/in/ada-example-0a1b2c3d/', name: 'Ada Example' },
  });
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

/** Reads a row of Kith's `meta` table from an extension page. */
async function metaValue(panel: Page, key: string): Promise<unknown> {
  return panel.evaluate(
    (k) =>
      new Promise<unknown>((resolve, reject) => {
        const open = indexedDB.open('kith');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction('meta').objectStore('meta').get(k);
          get.onsuccess = () => {
            db.close();
            resolve((get.result as { value?: unknown } | undefined)?.value);
          };
        };
      }),
    key,
  );
}

/** People muted with "not for this person". */
const mutedPeople = async (panel: Page) => ((await metaValue(panel, 'nudge:mutes')) as { people?: string[] } | undefined)?.people ?? [];

/** Live like touches, read from the extension's IndexedDB. */
async function likeCount(panel: Page): Promise<number> {
  return panel.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('kith');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('touches').objectStore('touches').getAll();
          all.onsuccess = () => {
            db.close();
            resolve((all.result as { channel: string; deletedAt?: number }[]).filter((t) => t.channel === 'like' && !t.deletedAt).length);
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
  it('with "inside the page" on: a Like shows the nudge right after the post, in Kith\'s own frame, in the flow; its button and Escape (focus in the card) dismiss it', async () => {
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
    // The same one-click answers as the side panel.
    expect(text).toContain('Not for this person');
    expect(text).toContain('Not this kind');
    expect(await panel.getByTestId('nudge-banner').textContent()).toContain(WORDS);

    const fromPage = await feed.evaluate(() => {
      const host = document.querySelector('kith-nudge')!;
      const frame = host.querySelector('iframe');
      return {
        shadowRoot: host.shadowRoot,
        inside: frame ? (frame.contentDocument ? 'readable' : 'null') : 'no frame',
        position: getComputedStyle(host).position,
        afterPost: host.previousElementSibling?.getAttribute('data-urn') ?? null,
        text: document.body.innerText.includes('You reacted to a post'),
      };
    });
    expect(fromPage.shadowRoot).toBeNull();
    // Its words are in Kith's own frame, another origin: the page cannot read them.
    expect(fromPage.inside).toBe('null');
    expect(['static', 'relative']).toContain(fromPage.position);
    expect(fromPage.afterPost).toBe('urn:li:activity:7300000000000000001');
    expect(fromPage.text).toBe(false);

    await clickInCard(feed, 'KITH-NUDGE', 'Dismiss');
    await expect.poll(() => nudgeHost(feed), { timeout: 5_000 }).toBe(0);
    // Dismissed in the page: gone from the side panel too.
    await panel.getByTestId('nudge-banner').waitFor({ state: 'detached' });

    // Another moment (after the week's limit is forgotten): Escape dismisses it too.
    await like.click();
    expect(await like.getAttribute('aria-pressed')).toBe('false');
    await forgetShownNudges(panel);
    await like.click();
    await expect.poll(() => cardText(feed, 'KITH-NUDGE'), { timeout: 15_000 }).toContain(WORDS);
    await panel.getByTestId('nudge-banner').waitFor();
    // An Escape meant for the page (focus outside the card) leaves the card alone...
    await like.focus();
    await feed.keyboard.press('Escape');
    await feed.waitForTimeout(300);
    expect(await nudgeHost(feed)).toBe(1);
    // ...with the focus in the card, Escape dismisses it.
    // The focus in the card: in the page, its frame (inside <kith-nudge>) is the active element.
    const focusedTag = () => feed.evaluate(() => (document.activeElement?.closest('kith-nudge') ? 'KITH-NUDGE' : document.activeElement?.tagName));
    for (let i = 0; i < 40 && (await focusedTag()) !== 'KITH-NUDGE'; i++) await feed.keyboard.press('Tab');
    expect(await focusedTag()).toBe('KITH-NUDGE');
    await feed.keyboard.press('Escape');
    await expect.poll(() => nudgeHost(feed), { timeout: 5_000 }).toBe(0);
    await panel.getByTestId('nudge-banner').waitFor({ state: 'detached' });
    // The keyboard user is back on the reaction button that brought the card up.
    expect(await feed.evaluate(() => document.activeElement?.classList.contains('react-button__trigger') ?? false)).toBe(true);
  });

  it('from the keyboard, in Italian: Tab reaches the card and "Non per questa persona" mutes her; the next like is recorded with no nudge anywhere', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await addAda(panel);
    await setSettings(panel, { language: 'it', placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } });
    await expect.poll(() => kith!.sw(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id))).toEqual(['kith-linkedin-card']);
    const feed = await kith.linkedin('/feed/');
    await scriptsReady(feed);
    await pageTogglesReactions(feed);
    const like = feed.locator('button.react-button__trigger').first();
    await like.click();
    await expect.poll(() => cardText(feed, 'KITH-NUDGE'), { timeout: 15_000 }).toContain('Non per questa persona');
    expect(await cardText(feed, 'KITH-NUDGE')).toContain('Non questo tipo');

    // Tab from the Like button until the focus enters the card: its first control is Chiudi (Ada has no number), then the mutes.
    await like.focus();
    // The focus in the card: in the page, its frame (inside <kith-nudge>) is the active element.
    const focusedTag = () => feed.evaluate(() => (document.activeElement?.closest('kith-nudge') ? 'KITH-NUDGE' : document.activeElement?.tagName));
    for (let i = 0; i < 40 && (await focusedTag()) !== 'KITH-NUDGE'; i++) await feed.keyboard.press('Tab');
    expect(await focusedTag()).toBe('KITH-NUDGE');
    // Inside the frame, the focus lands on the controls in order: Chiudi, then the mute for her. Each is waited
    // for before the next key (a loaded machine can be a frame behind the keys).
    const focusedControl = () => kithFrame(feed, 'KITH-NUDGE')?.evaluate(() => document.activeElement?.textContent?.trim());
    await expect.poll(focusedControl, { timeout: 5_000 }).toBe('Chiudi');
    await feed.keyboard.press('Tab');
    await expect.poll(focusedControl, { timeout: 5_000 }).toBe('Non per questa persona');
    await feed.keyboard.press('Enter');
    await expect.poll(() => nudgeHost(feed), { timeout: 5_000 }).toBe(0);
    await panel.getByTestId('nudge-banner').waitFor({ state: 'detached' });
    await expect.poll(() => mutedPeople(panel)).toHaveLength(1);
    // Only the person: the kind stays on (absent from the stored settings = the default, on).
    expect(
      await panel.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { nudges?: Record<string, boolean> }).nudges?.like ?? true),
    ).toBe(true);

    // A week later (the shown log forgotten): another like is recorded, and no nudge about her appears.
    await like.click();
    await expect.poll(() => likeCount(panel)).toBe(0);
    await forgetShownNudges(panel);
    await like.click();
    await expect.poll(() => likeCount(panel)).toBe(1);
    await feed.waitForTimeout(1000);
    expect(await nudgeHost(feed)).toBe(0);
    expect(await panel.getByTestId('nudge-banner').count()).toBe(0);
  });

  it('answered in the side panel: the card in the page goes too', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await addAda(panel);
    await setSettings(panel, { placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } });
    await expect.poll(() => kith!.sw(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id))).toEqual(['kith-linkedin-card']);
    const feed = await kith.linkedin('/feed/');
    await scriptsReady(feed);
    await pageTogglesReactions(feed);
    await feed.locator('button.react-button__trigger').first().click();
    await expect.poll(() => cardText(feed, 'KITH-NUDGE'), { timeout: 15_000 }).toContain(WORDS);
    await panel.getByTestId('nudge-banner').getByRole('button', { name: 'Not this kind' }).click();
    await expect.poll(() => nudgeHost(feed), { timeout: 5_000 }).toBe(0);
    await expect
      .poll(() => panel.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { nudges: Record<string, boolean> }).nudges.like))
      .toBe(false);
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
