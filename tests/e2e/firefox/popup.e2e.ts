import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'puppeteer-core';
import { buildRows, seed, setSettings } from '@/tests/e2e/seed';
import { reachPeople } from '@/tests/e2e/reach-people';
import { launchFirefoxKith, type FirefoxKith } from './harness';
import { click, texts, until, waitText } from './ui';

const TZ = 'Europe/Rome';

let kith: FirefoxKith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

/** The toolbar badge, read from one of Kith's pages (Firefox's background has no WebDriver context). */
const badge = (page: Page) => page.evaluate(() => browser.action.getBadgeText({}));

describe('Firefox: the "Reach out today" popup', () => {
  it('lists the right people with their reasons; done and snooze update the list and the badge', async () => {
    kith = await launchFirefoxKith();
    const first = await kith.open('popup.html');
    await waitText(first, 'Nobody is waiting for you today.');
    const now = Date.now();
    await setSettings(first, { timeZone: TZ });
    await seed(first, buildRows(reachPeople(now, TZ), now, TZ));
    // The seed wrote with plain IndexedDB: tell the background, as Kith's own pages do after they write.
    await first.evaluate(() => browser.runtime.sendMessage({ type: 'badge/refresh' }));
    await first.close();

    const popup = await kith.open('popup.html');
    await until(() => texts(popup, '.reach-name'), ['Ada Follow', 'Bruno Birthday', 'Chiara Overdue', 'Dario Likes']);
    const reasons = await texts(popup, '.reach-reason');
    expect(reasons[0]).toBe('You promised: send the article on local-first');
    expect(reasons[1]).toBe("Birthday today: call, don't just post");
    // The first paint may be the background's snapshot; the live list (with its count) follows.
    await until(() => texts(popup, '[data-testid="waiting-count"]'), ['4 people are waiting for a personal word']);
    await until(() => badge(popup), '4');

    await click(popup, 'Done', '.reach-row:nth-child(1)');
    await click(popup, 'Called');
    await until(() => texts(popup, '.reach-name'), ['Bruno Birthday', 'Chiara Overdue', 'Dario Likes']);
    await until(() => badge(popup), '3');

    await click(popup, 'Snooze', '.reach-row:nth-child(1)');
    await click(popup, '1 week');
    await until(() => texts(popup, '.reach-name'), ['Chiara Overdue', 'Dario Likes']);
    await until(() => badge(popup), '2');
  });

  it('"Open beside the page" opens Firefox\'s sidebar, inside the click', async () => {
    kith = await launchFirefoxKith();
    const options = await kith.open('options.html');
    type Sidebar = { sidebarAction: { isOpen(d: object): Promise<boolean>; close(): Promise<void> } };
    const sidebarOpen = () => options.evaluate(() => (browser as unknown as Sidebar).sidebarAction.isOpen({}));
    // Firefox opens an add-on's sidebar once at install (open_at_install): close it, inside a click as Firefox requires.
    await options.evaluate(() => document.body.addEventListener('click', () => void (browser as unknown as Sidebar).sidebarAction.close(), { once: true }));
    // The page has something to click once it has rendered.
    await until(() => options.evaluate(() => document.body.getBoundingClientRect().height > 0), true);
    await options.click('body');
    await until(sidebarOpen, false);
    const popup = await kith.open('popup.html');
    await click(popup, 'Open beside the page');
    await until(sidebarOpen, true);
  });
});
