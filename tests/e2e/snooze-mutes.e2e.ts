/**
 * Snooze and un-mute from the options page in real Chromium: a person snoozed in
 * the person editor leaves the open popup's "Reach out today" list (and the
 * badge) and comes back when the snooze ends; a person muted from nudges is
 * listed in the settings and "Allow nudges again" empties the stored mutes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addDaysToKey, localDayKey, startOfLocalDate } from '@/lib/relationship/time';
import { launchKith, type Kith } from './harness';
import { buildRows, readMeta, seed, seedMeta, setSettings, type SeedPerson } from './seed';

const DAY = 86_400_000;
const TZ = 'Europe/Rome';

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

function people(now: number): SeedPerson[] {
  return [
    {
      id: 'ada',
      name: 'Ada Overdue',
      handle: 'ada-overdue',
      patch: { circleId: 'close' },
      touches: [{ channel: 'call', depth: 'personal', at: now - 40 * DAY }],
    },
    { id: 'bruno', name: 'Bruno Overdue', patch: { circleId: 'close' }, touches: [{ channel: 'meeting', depth: 'personal', at: now - 50 * DAY }] },
    { id: 'carla', name: 'Carla Muted', handle: 'carla-muted', touches: [{ channel: 'call', depth: 'personal', at: now - 3 * DAY }] },
  ];
}

const badge = (k: Kith) => k.sw(() => chrome.action.getBadgeText({}));

describe('snooze and un-mute from the options page', () => {
  it('a snooze from the person editor takes them off the popup list until it is ended; "Allow nudges again" empties the stored mutes', async () => {
    kith = await launchKith();
    const popup = await kith.open('popup.html');
    await popup.getByRole('heading', { name: 'Reach out today' }).waitFor();
    const now = Date.now();
    await setSettings(popup, { timeZone: TZ, language: 'en' });
    await seed(popup, buildRows(people(now), now, TZ));
    await seedMeta(popup, [{ key: 'nudge:mutes', value: { people: ['carla'] } }]);
    await popup.reload();
    const names = async () => (await popup.locator('.reach-name').allTextContents()).sort();
    await expect.poll(names).toEqual(['Ada Overdue', 'Bruno Overdue']);
    await expect.poll(() => badge(kith!)).toBe('2');

    // Snooze Ada for a week from her page in the options.
    const options = await kith.open('options.html#/people/ada');
    await options.getByRole('heading', { name: 'Ada Overdue' }).waitFor();
    await options.getByText("Not snoozed: Ada Overdue is in today's list whenever it is time to reach out.").waitFor();
    await options.getByRole('group', { name: 'Snooze Ada Overdue' }).getByRole('button', { name: '1 week' }).click();
    const until = startOfLocalDate(addDaysToKey(localDayKey(now, TZ), 7), TZ);
    const sameYear =
      new Date(until).toLocaleString('en', { year: 'numeric', timeZone: TZ }) === new Date(now).toLocaleString('en', { year: 'numeric', timeZone: TZ });
    const day = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'long', timeZone: TZ, ...(sameYear ? {} : { year: 'numeric' }) }).format(
      new Date(until),
    );
    await options.getByText(`Snoozed until ${day}`, { exact: true }).waitFor();

    // The popup, open all along, follows; so does the badge.
    await expect.poll(names).toEqual(['Bruno Overdue']);
    await expect.poll(() => badge(kith!)).toBe('1');

    // A custom day in the past is refused in words.
    const group = options.getByRole('group', { name: 'Snooze Ada Overdue' });
    await group.getByLabel('Until').fill(addDaysToKey(localDayKey(now, TZ), -2));
    await group.getByRole('button', { name: 'Snooze until then' }).click();
    expect(await group.getByRole('alert').textContent()).toBe('Choose a day after today: a snooze cannot end in the past.');
    await options.getByText(`Snoozed until ${day}`, { exact: true }).waitFor();

    // The people list agrees: Ada is not among those waiting, and says until when.
    await options.getByRole('button', { name: 'Back to people' }).click();
    const list = options.getByRole('listbox', { name: 'People' });
    await list.waitFor();
    expect(await list.getByRole('option', { name: /Ada Overdue/ }).innerText()).toContain(`Snoozed until ${day}`);
    await options.getByLabel('Only those waiting').check();
    await expect.poll(() => list.getByRole('option').allInnerTexts()).toEqual([expect.stringContaining('Bruno Overdue')]);

    // End the snooze: Ada is back in the popup.
    await list.getByRole('option', { name: /Bruno Overdue/ }).waitFor();
    await options.goto(options.url().replace(/#.*$/, '#/people/ada'));
    await options.getByRole('button', { name: 'End the snooze' }).click();
    await options.getByText(/^Not snoozed: Ada Overdue/).waitFor();
    await expect.poll(names).toEqual(['Ada Overdue', 'Bruno Overdue']);
    await expect.poll(() => badge(kith!)).toBe('2');

    // Un-mute Carla from the settings: listed with a link to her page, then gone from the stored mutes.
    await options.getByRole('button', { name: 'Settings', exact: true }).click();
    const muted = options.getByRole('region', { name: 'People muted from nudges' });
    expect(await muted.getByRole('link', { name: 'Carla Muted' }).getAttribute('href')).toBe('#/people/carla');
    await muted.getByRole('button', { name: 'Allow nudges again for Carla Muted' }).click();
    await muted.getByText('Nobody is muted.').waitFor();
    expect(await readMeta(options, 'nudge:mutes')).toEqual({ people: [] });
  });

  it('the person editor shows a mute and undoes it with the keyboard', async () => {
    kith = await launchKith();
    const options = await kith.open('options.html#/settings');
    const now = Date.now();
    await setSettings(options, { timeZone: TZ, language: 'en' });
    await seed(options, buildRows(people(now), now, TZ));
    await seedMeta(options, [{ key: 'nudge:mutes', value: { people: ['carla', 'bruno'] } }]);
    await options.goto(options.url().replace(/#.*$/, '#/people/carla'));
    await options.getByText('Nudges muted for this person').waitFor();
    const allow = options.getByRole('button', { name: 'Allow nudges again for Carla Muted' });
    await allow.focus();
    await options.keyboard.press('Enter');
    await options.getByText('Nudges muted for this person').waitFor({ state: 'detached' });
    expect(await readMeta(options, 'nudge:mutes')).toEqual({ people: ['bruno'] });
  });
});
