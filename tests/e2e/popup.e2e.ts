import { afterEach, describe, expect, it } from 'vitest';
import { launchKith, type Kith } from './harness';
import { buildRows, seed, setSettings } from './seed';
import { reachPeople } from './reach-people';

const DAY = 86_400_000;
const TZ = 'Europe/Rome';

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

const people = (now: number) => reachPeople(now, TZ);

async function badge(kith: Kith): Promise<string> {
  return kith.sw(() => chrome.action.getBadgeText({}));
}

describe('the "Reach out today" popup', () => {
  it('shows exactly the right people, in the right order, with their reasons; done and snooze update the list and the badge; the digest is shown', async () => {
    kith = await launchKith();
    const popup = await kith.open('popup.html');
    await popup.getByRole('heading', { name: 'Reach out today' }).waitFor();
    await popup.getByText('Nobody is waiting for you today.').waitFor();

    const now = Date.now();
    await setSettings(popup, { timeZone: TZ, digestTime: '00:00', quietStart: '00:00', quietEnd: '00:00', digestEnabled: true });
    await seed(popup, buildRows(people(now), now, TZ));
    await popup.reload();

    const rows = popup.getByRole('list', { name: 'Reach out today' }).getByRole('listitem');
    await expect.poll(() => rows.count()).toBe(4);
    // The first paint may come from the background's snapshot, taken while the
    // seed was being written; the live list replaces it a moment later.
    await expect.poll(() => popup.locator('.reach-name').allTextContents()).toEqual(['Ada Follow', 'Bruno Birthday', 'Chiara Overdue', 'Dario Likes']);
    await expect.poll(() => popup.locator('.reach-reason').first().textContent()).toBe('You promised: send the article on local-first');
    const reasons = await popup.locator('.reach-reason').allTextContents();
    const march = new Intl.DateTimeFormat('en', { month: 'long', timeZone: TZ }).format(new Date(now - 30 * DAY));
    expect(reasons[0]).toBe('You promised: send the article on local-first');
    expect(reasons[1]).toBe("Birthday today: call, don't just post");
    expect(reasons[2]).toMatch(/^Long overdue: last personal contact (last month|\d+ weeks ago)$/);
    expect(reasons[3]).toBe(`5 likes since your last conversation in ${march}`);
    expect(await popup.getByTestId('waiting-count').textContent()).toBe('4 people are waiting for a personal word');
    await expect.poll(() => badge(kith!)).toBe('4');

    // Done: say how, and the person leaves the list at once.
    const ada = rows.filter({ hasText: 'Ada Follow' });
    await ada.getByRole('button', { name: 'Done' }).click();
    await ada.getByRole('group', { name: 'How did you reach Ada Follow?' }).getByRole('button', { name: 'Called' }).click();
    await expect.poll(() => popup.locator('.reach-name').allTextContents()).toEqual(['Bruno Birthday', 'Chiara Overdue', 'Dario Likes']);
    await expect.poll(() => badge(kith!)).toBe('3');

    // Snooze a week.
    const bruno = rows.filter({ hasText: 'Bruno Birthday' });
    await bruno.getByRole('button', { name: 'Snooze' }).click();
    await bruno.getByRole('button', { name: '1 week' }).click();
    await expect.poll(() => popup.locator('.reach-name').allTextContents()).toEqual(['Chiara Overdue', 'Dario Likes']);
    await expect.poll(() => badge(kith!)).toBe('2');

    // The daily digest, as the alarm fires it: one notification saying how many.
    await kith.sw(() => chrome.alarms.create('kith-digest', { when: Date.now() + 50 }));
    await expect.poll(async () => Object.keys(await kith!.sw(() => chrome.notifications.getAll())), { timeout: 10_000 }).toEqual(['kith-digest']);
    // Shown once a day: firing again does not show it twice.
    await kith.sw(() => chrome.notifications.clear('kith-digest'));
    await kith.sw(() => chrome.alarms.create('kith-digest', { when: Date.now() + 50 }));
    await new Promise((r) => setTimeout(r, 1500));
    expect(Object.keys(await kith.sw(() => chrome.notifications.getAll()))).toEqual([]);
    // And the alarm is there again for tomorrow.
    expect(await kith.sw(async () => (await chrome.alarms.get('kith-digest'))?.name)).toBe('kith-digest');
  });

  it("paints today's list from the background's snapshot before its scripts have loaded, in words, then the live list takes its place once", async () => {
    kith = await launchKith();
    const popup = await kith.open('popup.html');
    await popup.getByRole('heading', { name: 'Reach out today' }).waitFor();
    const now = Date.now();
    await setSettings(popup, { timeZone: TZ, language: 'it' });
    await seed(popup, buildRows(people(now), now, TZ));
    // The seed writes with plain IndexedDB, which Dexie's change events do not see: tell the
    // background, as Kith's own pages do after they write; it then writes its snapshot.
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'badge/refresh' }));
    await expect
      .poll(
        () =>
          kith!.sw(
            async () =>
              ((await chrome.storage.session.get('reach:snapshot'))['reach:snapshot'] as { paint?: { lang: string; rows: unknown[] } } | undefined)?.paint,
          ),
        { timeout: 15_000 },
      )
      .toMatchObject({ lang: 'it', rows: { length: 4 } });
    await popup.close();

    // Record, from the page's first moment, what the first rows are and whether they came before React.
    const page = await kith.context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { firstRows?: { names: string[]; prepaint: boolean; reason: string } };
      new MutationObserver((_, obs) => {
        const rows = document.querySelectorAll('.reach-row .reach-name');
        if (rows.length === 0) return;
        w.firstRows = {
          names: Array.from(rows, (r) => r.textContent ?? ''),
          prepaint: !!document.querySelector('main[data-prepaint]'),
          reason: document.querySelector('.reach-reason')?.textContent ?? '',
        };
        obs.disconnect();
      }).observe(document, { childList: true, subtree: true });
    });
    await page.goto(`chrome-extension://${kith.extensionId}/popup.html`);
    await page.getByRole('button', { name: 'Fatto' }).first().waitFor();
    const first = await page.evaluate(() => (window as unknown as { firstRows?: unknown }).firstRows);
    expect(first).toEqual({
      names: ['Ada Follow', 'Bruno Birthday', 'Chiara Overdue', 'Dario Likes'],
      prepaint: true,
      reason: 'Hai promesso: send the article on local-first',
    });
    // Then the live list, once: no painted copy left behind.
    expect(await page.locator('main[data-prepaint]').count()).toBe(0);
    expect(await page.locator('.reach-name').allTextContents()).toEqual(['Ada Follow', 'Bruno Birthday', 'Chiara Overdue', 'Dario Likes']);
  });

  it('is keyboard navigable: Tab reaches each row action', async () => {
    kith = await launchKith();
    const popup = await kith.open('popup.html');
    const now = Date.now();
    await setSettings(popup, { timeZone: TZ });
    await seed(popup, buildRows(people(now).slice(0, 2), now, TZ));
    await popup.reload();
    await popup.locator('.reach-name').first().waitFor();
    // The rows are complete once their profile links are there (they come from a second query).
    await popup.getByRole('link', { name: 'Open profile' }).nth(1).waitFor();
    const focused: string[] = [];
    for (let i = 0; i < 8; i++) {
      await popup.keyboard.press('Tab');
      // A control's text, or a field's label.
      focused.push(
        await popup.evaluate(
          () =>
            (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent ||
            document.activeElement?.getAttribute('aria-label') ||
            document.activeElement?.textContent ||
            '',
        ),
      );
    }
    expect(focused).toEqual(['Open beside the page', 'Add someone', 'Options', 'Search people and notes', 'Done', 'Snooze', 'Open profile', 'Done']);
    await popup.keyboard.press('Shift+Tab');
    await popup.keyboard.press('Shift+Tab');
    await popup.keyboard.press('Shift+Tab');
    await popup.keyboard.press('Enter');
    await popup.getByRole('button', { name: 'Called' }).waitFor();
  });
});
