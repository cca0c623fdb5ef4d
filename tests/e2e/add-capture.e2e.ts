/**
 * Adding someone by hand and capturing from any page, end to end in Chromium:
 * a person with no profile added in the popup is in the people list and, on
 * their birthday, in today's list; a text selected on a plain page (not
 * LinkedIn) is saved as a note about a person picked in the side panel, with
 * the page's address as its source.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { launchKith, type Kith } from './harness';
import { buildRows, dumpKith, seed } from './seed';

const ARTICLE = 'https://example.org/articles/neighbourhood';

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

interface Stored {
  people: { id: string; name: string; phones: string[]; emails: string[]; birthday?: { day: number; month: number } }[];
  profiles: unknown[];
  notes: { personId: string; text: string; kind: string; source?: { url: string; title?: string }; deletedAt?: number }[];
}

describe('add someone by hand, and capture from any page', () => {
  it('a person added in the popup with no profile in view is in the people list and, on their birthday, in the popup list', async () => {
    kith = await launchKith();
    const popup = await kith.open('popup.html');
    await popup.getByRole('button', { name: 'Add someone' }).click();
    const form = popup.getByRole('form', { name: 'Add someone by hand' });
    await form.getByLabel('Name').fill('Nonna Lucia');
    await form.getByLabel('Phone').fill('+39 333 1234567');
    await form.getByText('Birthday and profile links').click();
    const today = new Date();
    await form.getByLabel('Day').fill(String(today.getDate()));
    await form.getByLabel('Month').fill(String(today.getMonth() + 1));
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await popup.getByText('Nonna Lucia is in Kith now.').waitFor();

    const stored = JSON.parse(await dumpKith(popup)) as Stored;
    expect(stored.people).toEqual([expect.objectContaining({ name: 'Nonna Lucia', phones: ['+39 333 1234567'] })]);
    expect(stored.profiles).toEqual([]);

    const options = await kith.open('options.html#/people');
    await options.getByRole('listbox', { name: 'People' }).getByText('Nonna Lucia').waitFor();

    // Her birthday is today: she is in the popup's list, and with no profile to open, "Open in Kith" opens her page.
    const again = await kith.open('popup.html');
    const row = again.locator('.reach-row', { hasText: 'Nonna Lucia' });
    await row.waitFor();
    const opened = kith.context.waitForEvent('page');
    await row.getByRole('button', { name: 'Open in Kith' }).click();
    const editor = await opened;
    await expect.poll(() => editor.url()).toContain(`/options.html#/people/${stored.people[0]!.id}`);
  });

  it('text selected on a plain page is saved, once confirmed, as a note about the person picked, with the page as its source', async () => {
    kith = await launchKith({ pages: { [ARTICLE]: 'tests/fixtures/plain/article.html' } });
    const panel = await kith.open('sidepanel.html');
    const now = Date.now();
    await seed(
      panel,
      buildRows(
        [
          { id: 'giulia', name: 'Giulia Verdi' },
          { id: 'marco', name: 'Marco Bianchi' },
        ],
        now,
        'UTC',
      ),
    );
    const page = await kith.context.newPage();
    await page.goto(ARTICLE);
    const selected = await page.evaluate(() => {
      const range = document.createRange();
      range.selectNodeContents(document.getElementById('lead')!);
      const sel = window.getSelection()!;
      sel.removeAllRanges();
      sel.addRange(range);
      return sel.toString();
    });
    expect(selected).toBe('Giulia Verdi is moving to Turin in May to open a bakery near the river.');

    // Playwright cannot click the browser's own menu: the click is dispatched to the
    // menu's listener with what Chrome passes it for a selection.
    await expect
      .poll(() =>
        kith!.sw(() =>
          chrome.contextMenus.update('kith-capture-note', {}).then(
            () => true,
            () => false,
          ),
        ),
      )
      .toBe(true);
    const pageUrl = page.url();
    await kith.worker.evaluate(
      async ([text, url]) => {
        const [tab] = await chrome.tabs.query({ url: `${url}*` });
        const event = chrome.contextMenus.onClicked as unknown as { dispatch(info: unknown, tab: unknown): void };
        event.dispatch({ menuItemId: 'kith-capture-note', editable: false, frameId: 0, pageUrl: url, selectionText: text }, tab);
      },
      [selected, pageUrl] as const,
    );

    await panel.reload();
    const picker = panel.getByRole('region', { name: 'Save as a note' });
    await expect.poll(() => picker.getByLabel('Note').inputValue()).toBe(selected);
    // Without the "tabs" permission the browser gives the menu's click no tab title: the address names the page.
    await picker.getByRole('link', { name: ARTICLE }).waitFor();
    // Nothing is saved before the user confirms.
    expect((JSON.parse(await dumpKith(panel)) as Stored).notes).toEqual([]);

    await picker.getByLabel('About whom?').fill('giu');
    await picker.getByRole('button', { name: 'Giulia Verdi' }).click();
    await picker.getByRole('button', { name: 'Save to Giulia Verdi' }).click();
    await panel.getByRole('heading', { level: 1, name: 'Giulia Verdi' }).waitFor();
    await panel.getByText('Saved to Giulia Verdi.').waitFor();

    const stored = JSON.parse(await dumpKith(panel)) as Stored;
    expect(stored.notes).toEqual([
      expect.objectContaining({
        personId: 'giulia',
        kind: 'listening',
        text: selected,
        source: { url: ARTICLE },
      }),
    ]);
    await panel.getByRole('link', { name: ARTICLE }).waitFor();
  });

  it('a mailto: link on a plain page adds its address to a person picked in the side panel', async () => {
    kith = await launchKith({ pages: { [ARTICLE]: 'tests/fixtures/plain/article.html' } });
    const panel = await kith.open('sidepanel.html');
    await seed(panel, buildRows([{ id: 'marco', name: 'Marco Bianchi' }], Date.now(), 'UTC'));
    const page = await kith.context.newPage();
    await page.goto(ARTICLE);
    const linkUrl = await page.locator('#mail').getAttribute('href');
    await expect
      .poll(() =>
        kith!.sw(() =>
          chrome.contextMenus.update('kith-capture-contact', {}).then(
            () => true,
            () => false,
          ),
        ),
      )
      .toBe(true);
    await kith.worker.evaluate(
      async ([link, url]) => {
        const [tab] = await chrome.tabs.query({ url: `${url}*` });
        const event = chrome.contextMenus.onClicked as unknown as { dispatch(info: unknown, tab: unknown): void };
        event.dispatch({ menuItemId: 'kith-capture-contact', editable: false, frameId: 0, pageUrl: url, linkUrl: new URL(link, url).href }, tab);
      },
      [linkUrl!, page.url()] as const,
    );
    await panel.reload();
    const picker = panel.getByRole('region', { name: 'Add this e-mail to a person' });
    await expect.poll(() => picker.getByLabel('E-mail').inputValue()).toBe('editor@example.org');
    await picker.getByLabel('Whose is it?').fill('marco');
    await picker.getByRole('button', { name: 'Marco Bianchi' }).click();
    await picker.getByRole('button', { name: 'Save to Marco Bianchi' }).click();
    await panel.getByRole('heading', { level: 1, name: 'Marco Bianchi' }).waitFor();
    const stored = JSON.parse(await dumpKith(panel)) as Stored;
    expect(stored.people).toEqual([expect.objectContaining({ id: 'marco', emails: ['editor@example.org'] })]);
  });
});
