import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { navigateInPage } from '@/tests/e2e/helpers';
import { launchFirefoxKith, type FirefoxKith } from './harness';
import { texts, until } from './ui';

const ADA = '/in/ada-example-0a1b2c3d/';
const PAGES = { [ADA]: 'tests/fixtures/linkedin/profile-ember-2025-12.html' };

let kith: FirefoxKith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

/** Live touches, read from Kith's database by one of its pages. */
function touches(page: Page): Promise<{ channel: string; depth: string; source: string }[]> {
  return page.evaluate(
    () =>
      new Promise<{ channel: string; depth: string; source: string }[]>((resolve, reject) => {
        const open = indexedDB.open('kith');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('touches').objectStore('touches').getAll();
          all.onsuccess = () => {
            open.result.close();
            const rows = all.result as { channel: string; depth: string; source: string; deletedAt?: number }[];
            resolve(rows.filter((t) => !t.deletedAt).map(({ channel, depth, source }) => ({ channel, depth, source })));
          };
        };
      }),
  );
}

describe('Firefox: a like on LinkedIn', () => {
  it('a like on a known person’s post is recorded as a passive touch and shows the nudge; the page’s own handler runs unprevented', async () => {
    kith = await launchFirefoxKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    const added = await panel.evaluate(() =>
      browser.runtime.sendMessage({
        type: 'person/add',
        identity: { site: 'linkedin', handle: 'ada-example-0a1b2c3d', url: 'https://www.linkedin.com/in/ada-example-0a1b2c3d/', name: 'Ada Example' },
      }),
    );
    expect((added as { ok: boolean }).ok).toBe(true);

    // The profile first: once the panel shows Ada, Kith's content script is running in the tab; then to the feed in-page.
    const tab = await kith.linkedin(ADA);
    await until(() => texts(panel, 'h1'), ['Ada Example']);
    await navigateInPage(tab, '/feed/', 'tests/fixtures/linkedin/feed-ember-card-2025-12.html');
    await tab.waitForSelector('button.react-button__trigger');
    // LinkedIn's own click handler, in the page's world: toggles the reaction, notes whether it was prevented.
    await tab.evaluate(() => {
      const w = window as unknown as { seen: boolean[] };
      w.seen = [];
      for (const b of Array.from(document.querySelectorAll('button.react-button__trigger'))) {
        b.addEventListener('click', (e) => {
          w.seen.push(e.defaultPrevented);
          b.setAttribute('aria-pressed', b.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
        });
      }
    });
    await tab.click('button.react-button__trigger');

    await until(() => touches(panel), [{ channel: 'like', depth: 'passive', source: 'page' }]);
    const banner = await panel.waitForSelector('[data-testid="nudge-banner"]');
    expect(await banner!.evaluate((b) => b.getAttribute('data-kind'))).toBe('like');
    expect(await banner!.evaluate((b) => b.textContent)).toContain('You reacted to a post by Ada Example');
    expect(await tab.evaluate(() => (window as unknown as { seen: boolean[] }).seen)).toEqual([false]);
  });
});
