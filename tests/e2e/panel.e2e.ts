import { afterEach, describe, expect, it } from 'vitest';
import { launchKith, type Kith } from './harness';
import { kithElementsInPage, navigateInPage } from './helpers';

const ADA = '/in/ada-example-0a1b2c3d/';
const PAGES = {
  [ADA]: 'tests/fixtures/linkedin/profile-ember-2025-12.html',
  [`${ADA}details/experience/`]: 'tests/fixtures/linkedin/profile-ember-2025-12.html',
  '/in/dario-other/': 'tests/fixtures/linkedin/profile-unknown-markup.html',
  '/in/bruno-sample/': 'tests/fixtures/linkedin/profile-older-2023.html',
};

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

describe('the person panel beside a LinkedIn profile', () => {
  it('follows in-page navigation from the feed, adds the person, logs a call and a note, and keeps them across a browser restart', async () => {
    kith = await launchKith({ pages: PAGES });
    const feed = await kith.linkedin('/feed/');
    const panel = await kith.open('sidepanel.html');
    // Nothing viewed yet: the panel shows the day's list, not an empty page.
    await panel.getByRole('heading', { name: 'Reach out today' }).waitFor();

    await navigateInPage(feed, ADA, 'tests/fixtures/linkedin/profile-ember-2025-12.html');
    await panel.getByRole('heading', { name: 'Ada Example', level: 1 }).waitFor();
    await panel.getByText('You have no notes about this person yet.').waitFor();
    // By default Kith inserts nothing into LinkedIn's page.
    expect(await kithElementsInPage(feed)).toBe(0);

    await panel.getByLabel('How we met').fill('Milan meetup on local-first software, 2024');
    await panel.getByRole('button', { name: 'Add Ada Example' }).click();
    await panel.getByTestId('nudge').waitFor();
    expect(await panel.getByTestId('last-personal').textContent()).toBe('No personal conversation yet');

    await panel.getByLabel('How', { exact: true }).selectOption('call');
    await panel.getByLabel('What you talked about (optional)').fill('Her new team');
    await panel.getByRole('button', { name: 'Log it' }).click();
    await expect.poll(() => panel.getByTestId('last-personal').textContent()).toMatch(/^Call, (just now|\d+ minutes? ago)$/);

    await panel.getByLabel('What they told you').fill('Training for the Milan marathon in April');
    await panel.getByRole('button', { name: 'Save note' }).click();
    // Saved: listed under "What you heard" (shown only after the write commits), and the box is empty again.
    await panel.locator('.notes li').filter({ hasText: 'Training for the Milan marathon in April' }).waitFor();
    await expect.poll(() => panel.getByLabel('What they told you').inputValue()).toBe('');

    const dir = kith.userDataDir;
    await kith.close({ keepProfile: true });
    kith = await launchKith({ pages: PAGES, userDataDir: dir });
    await kith.linkedin(`${ADA}details/experience/`);
    const again = await kith.open('sidepanel.html');
    await again.getByRole('heading', { name: 'Ada Example', level: 1 }).waitFor();
    await again.locator('.notes li').filter({ hasText: 'Training for the Milan marathon in April' }).waitFor();
    expect(await again.getByTestId('last-personal').textContent()).toMatch(/^Call, /);
    expect(await again.textContent('body')).toContain('Milan meetup on local-first software, 2024');
  });

  it('on a page whose markup it cannot read, still shows the handle from the URL and says so', async () => {
    kith = await launchKith({ pages: PAGES });
    await kith.linkedin('/in/dario-other/');
    const panel = await kith.open('sidepanel.html');
    await panel.getByRole('heading', { name: 'dario-other', level: 1 }).waitFor();
    await panel.getByText(/could not read the name on this page/).waitFor();
    await panel.getByRole('button', { name: 'Add dario-other' }).waitFor();
  });

  it('moves from one profile to another in-page without showing the first person under the second handle', async () => {
    kith = await launchKith({ pages: PAGES });
    const page = await kith.linkedin(ADA);
    const panel = await kith.open('sidepanel.html');
    await panel.getByRole('heading', { name: 'Ada Example', level: 1 }).waitFor();
    await navigateInPage(page, '/in/bruno-sample/', 'tests/fixtures/linkedin/profile-older-2023.html');
    await panel.getByRole('heading', { name: 'Bruno Sample', level: 1 }).waitFor();
    expect(await panel.getByRole('heading', { level: 1 }).textContent()).toBe('Bruno Sample');
  });
});
