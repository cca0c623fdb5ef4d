import { afterEach, describe, expect, it } from 'vitest';
import { launchKith, type Kith } from './harness';
import { buildRows, dumpKith, seed, setSettings } from './seed';
import { reachPeople } from './reach-people';
import { REACH_SNAPSHOT_KEY } from '@/lib/model/storage-keys';

const TZ = 'Europe/Rome';

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

async function badge(kith: Kith): Promise<string> {
  return kith.sw(() => chrome.action.getBadgeText({}));
}

/** Who the popup's snapshot (the background's, in session storage) lists, and how many. */
async function snapshot(kith: Kith): Promise<{ count: number; ids: string[] } | undefined> {
  return kith.worker.evaluate(async (key: string) => {
    const got = (await chrome.storage.session.get(key))[key] as { count: number; items: { person: { id: string } }[] } | undefined;
    return got ? { count: got.count, ids: got.items.map((i) => i.person.id) } : undefined;
  }, REACH_SNAPSHOT_KEY);
}

describe('Undo in the popup', () => {
  it('Done on a due person, then Undo: the list, the badge, the snapshot and the database are as before', async () => {
    kith = await launchKith();
    const popup = await kith.open('popup.html');
    await popup.getByRole('heading', { name: 'Reach out today' }).waitFor();
    const now = Date.now();
    await setSettings(popup, { timeZone: TZ });
    await seed(popup, buildRows(reachPeople(now, TZ), now, TZ));
    // The seed writes with plain IndexedDB, which Dexie's change events do not see.
    await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'badge/refresh' }));
    await popup.reload();

    const names = () => popup.locator('.reach-name').allTextContents();
    await expect.poll(names).toEqual(['Ada Follow', 'Bruno Birthday', 'Chiara Overdue', 'Dario Likes']);
    await expect.poll(() => badge(kith!)).toBe('4');
    await expect.poll(async () => (await snapshot(kith!))?.count).toBe(4);
    const snapBefore = await snapshot(kith);
    const before = await dumpKith(popup);

    // Done: Ada kept her promise by calling.
    const ada = popup.getByRole('list', { name: 'Reach out today' }).getByRole('listitem').filter({ hasText: 'Ada Follow' });
    await ada.getByRole('button', { name: 'Done' }).click();
    await ada.getByRole('group', { name: 'How did you reach Ada Follow?' }).getByRole('button', { name: 'Called' }).click();
    await expect.poll(names).toEqual(['Bruno Birthday', 'Chiara Overdue', 'Dario Likes']);
    await expect.poll(() => badge(kith!)).toBe('3');
    expect(await dumpKith(popup)).not.toBe(before);

    // Undo, by keyboard: the toast's button is reachable with Tab and taken with Enter.
    const toast = popup.getByRole('status').filter({ hasText: 'Done: Ada Follow.' });
    await toast.waitFor();
    const undo = toast.getByRole('button', { name: 'Undo' });
    for (let i = 0; i < 40 && !(await undo.evaluate((el) => el === document.activeElement)); i++) await popup.keyboard.press('Tab');
    expect(await undo.evaluate((el) => el === document.activeElement)).toBe(true);
    await popup.keyboard.press('Enter');
    await popup.getByText('Undone: everything is as it was.').waitFor();

    await expect.poll(names).toEqual(['Ada Follow', 'Bruno Birthday', 'Chiara Overdue', 'Dario Likes']);
    await expect.poll(() => badge(kith!)).toBe('4');
    await expect.poll(() => snapshot(kith!)).toEqual(snapBefore);
    expect(await dumpKith(popup)).toBe(before);
  });
});
