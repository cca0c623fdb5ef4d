/**
 * The side panel flow in Firefox. Firefox shows Kith's notes in its sidebar
 * (`sidebar_action`), which WebDriver cannot open or reach; the same page,
 * sidepanel.html, is opened by URL in a tab beside the LinkedIn tab, where it
 * follows the active LinkedIn tab just as the sidebar does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { kithElementsInPage, navigateInPage } from '@/tests/e2e/helpers';
import { launchFirefoxKith, type FirefoxKith } from './harness';
import { click, control, fill, texts, until, waitText } from './ui';

const ADA = '/in/ada-example-0a1b2c3d/';
const PAGES = {
  [ADA]: 'tests/fixtures/linkedin/profile-ember-2025-12.html',
  [`${ADA}details/experience/`]: 'tests/fixtures/linkedin/profile-ember-2025-12.html',
};

let kith: FirefoxKith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

describe('Firefox: the notes beside a LinkedIn profile', () => {
  it('follows in-page navigation from the feed, adds the person, logs a call and a note, and keeps them across a browser restart', async () => {
    kith = await launchFirefoxKith({ pages: PAGES });
    const feed = await kith.linkedin('/feed/');
    const panel = await kith.open('sidepanel.html');
    await waitText(panel, 'Reach out today');

    await navigateInPage(feed, ADA, 'tests/fixtures/linkedin/profile-ember-2025-12.html');
    await until(() => texts(panel, 'h1'), ['Ada Example']);
    await waitText(panel, 'You have no notes about this person yet.');
    expect(await kithElementsInPage(feed)).toBe(0);

    await fill(panel, 'How we met', 'Milan meetup on local-first software, 2024');
    await click(panel, 'Add Ada Example');
    await panel.waitForSelector('[data-testid="nudge"]');
    expect(await texts(panel, '[data-testid="last-personal"]')).toEqual(['No personal conversation yet']);

    await (await control(panel, 'How')).select('call');
    await fill(panel, 'What you talked about (optional)', 'Her new team');
    await click(panel, 'Log it');
    await until(
      () => texts(panel, '[data-testid="last-personal"]'),
      (t) => /^Call, (just now|\d+ minutes? ago)$/.test(t[0] ?? ''),
    );

    await fill(panel, 'What they told you', 'Training for the Milan marathon in April');
    await click(panel, 'Save note');
    await until(
      () => texts(panel, '.notes li'),
      (t) => t.some((x) => x.includes('Training for the Milan marathon in April')),
    );

    const dir = kith.userDataDir;
    await kith.close({ keepProfile: true });
    kith = await launchFirefoxKith({ pages: PAGES, userDataDir: dir });
    await kith.linkedin(`${ADA}details/experience/`);
    const again = await kith.open('sidepanel.html');
    await until(() => texts(again, 'h1'), ['Ada Example']);
    await until(
      () => texts(again, '.notes li'),
      (t) => t.some((x) => x.includes('Training for the Milan marathon in April')),
    );
    expect((await texts(again, '[data-testid="last-personal"]'))[0]).toMatch(/^Call, /);
    await waitText(again, 'Milan meetup on local-first software, 2024');
  });
});
