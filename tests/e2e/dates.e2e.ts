/**
 * Name days in real Chromium: a person whose first name's name day is today (a
 * name looked up in Kith's own table at run time, so the test holds on any day)
 * is in the popup's "Reach out today" list with the reason in words, in English
 * and Italian, and their page in the options shows the date and the timeline.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { PersonDate } from '@/lib/model/types';
import { nameDayFor, namesCelebratedOn } from '@/lib/relationship/nameday';
import { localDayKey, parseDayKey } from '@/lib/relationship/time';
import { launchKith, type Kith } from './harness';
import { buildRows, seed, setSettings } from './seed';

const TZ = 'Europe/Rome';

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

/**
 * A first name whose name day is `today` in the table, capitalized as a person
 * would write it; on the few days no name in the table falls on, a name whose
 * name day the user set by hand to today (the list treats both alike).
 */
function celebrated(month: number, day: number): { name: string; date: PersonDate } {
  const first = namesCelebratedOn(month, day)[0];
  if (first) {
    const name = `${first.charAt(0).toUpperCase()}${first.slice(1)} Esposito`;
    const hit = nameDayFor(name)!;
    return { name, date: { id: 'nd', kind: 'nameday', month: hit.month, day: hit.day } };
  }
  return { name: 'Ada Esposito', date: { id: 'nd', kind: 'nameday', month, day } };
}

describe('name days', () => {
  it('a person whose name day is today is in the popup list with that reason', async () => {
    kith = await launchKith();
    const popup = await kith.open('popup.html');
    await popup.getByRole('heading', { name: 'Reach out today' }).waitFor();
    const now = Date.now();
    const { month, day } = parseDayKey(localDayKey(now, TZ));
    const { name, date } = celebrated(month, day);
    expect([date.month, date.day]).toEqual([month, day]);
    await setSettings(popup, { timeZone: TZ, language: 'en' });
    // Recently called, no circle: the name day is the only reason to be listed.
    await seed(
      popup,
      buildRows([{ id: 'nd-person', name, patch: { dates: [date] }, touches: [{ channel: 'call', depth: 'personal', at: now - 2 * 86_400_000 }] }], now, TZ),
    );
    await popup.reload();
    const row = popup.locator('.reach-row', { hasText: name });
    await row.waitFor();
    expect(await row.locator('.reach-reason').textContent()).toBe('Name day today: a call means more than a post');

    await setSettings(popup, { language: 'it' });
    await popup.reload();
    await expect
      .poll(() => popup.locator('.reach-row', { hasText: name }).locator('.reach-reason').textContent())
      .toBe('Onomastico oggi: una telefonata vale più di un post');

    const options = await kith.open('options.html#/people/nd-person');
    await options.getByRole('heading', { name }).waitFor();
    await options.getByRole('heading', { name: 'Date che contano' }).waitFor();
    const dates = options.locator('.person-dates');
    await dates.getByText('Onomastico', { exact: true }).waitFor();
    await options.getByRole('heading', { name: 'Cronologia' }).waitFor();
    const timeline = options.locator('.timeline');
    await timeline.getByRole('button', { name: /^Elimina: Chiamata/ }).waitFor();
  });
});
