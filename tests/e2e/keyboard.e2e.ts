/**
 * Every flow works with the keyboard alone: Tab, typing and Enter only,
 * no clicks. Side panel: add a person, log a call, add a note. Popup: mark
 * someone done, snooze someone. Options: search the people and open one.
 * And in the in-page card every form control is labelled inside its own frame
 * (a label outside the frame would label nothing).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/model/settings';
import { localDayKey } from '@/lib/relationship/time';
import { launchKith, type Kith } from './harness';
import { cardText, kithFrame } from './helpers';
import { buildRows, seed, setSettings, type SeedPerson } from './seed';

const DAY = 86_400_000;
const TZ = 'Europe/Rome';
const ADA = '/in/ada-example-0a1b2c3d/';
const BRUNO = '/in/bruno-sample/';
const PAGES = { [BRUNO]: 'tests/fixtures/linkedin/profile-older-2023.html' };

/** What a screen reader would call the focused element: aria-label, its label, or its text. */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as (HTMLElement & { labels?: NodeListOf<HTMLLabelElement> }) | null;
    if (!el || el === document.body) return '';
    const label = el.getAttribute('aria-label') ?? (el.labels?.[0] ? (el.labels[0].querySelector('span')?.textContent ?? el.labels[0].textContent) : null);
    return (label ?? el.textContent ?? '').trim();
  });
}

/** Press Tab until the focused element is called `name`; fails if it is never reached. */
async function tabTo(page: Page, name: string | RegExp, max = 40): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focusedName(page);
    if (typeof name === 'string' ? now === name : name.test(now)) return;
    seen.push(now);
  }
  throw new Error(`Tab never reached "${name}"; focus went through: ${seen.join(' | ')}`);
}

function people(now: number): SeedPerson[] {
  const [, month, day] = localDayKey(now, TZ).split('-').map(Number) as [number, number, number];
  return [
    {
      id: 'a',
      name: 'Ada Follow',
      handle: 'ada-follow',
      notes: [{ kind: 'followup', text: 'send the article', dueAt: now - DAY }],
      touches: [{ channel: 'call', depth: 'personal', at: now - 10 * DAY }],
    },
    {
      id: 'b',
      name: 'Bruno Birthday',
      handle: 'bruno-birthday',
      patch: { birthday: { month, day } },
      touches: [{ channel: 'call', depth: 'personal', at: now - 10 * DAY }],
    },
    { id: 'c', name: 'Chiara Overdue', patch: { circleId: 'close' }, touches: [{ channel: 'meeting', depth: 'personal', at: now - 40 * DAY }] },
  ];
}

describe('the keyboard alone', () => {
  let kith: Kith;
  let control: Page;
  beforeAll(async () => {
    kith = await launchKith({ pages: PAGES });
    control = await kith.open('popup.html');
    await setSettings(control, { timeZone: TZ, language: 'en' });
  });
  afterAll(async () => {
    await kith?.close();
  });

  it('side panel: adds the person on the page, logs a call, adds a note', async () => {
    const tab = await kith.linkedin(ADA);
    const panel = await kith.open('sidepanel.html');
    await panel.getByRole('heading', { name: 'Ada Example', level: 1 }).waitFor();

    await tabTo(panel, 'How we met');
    await panel.keyboard.type('Milan meetup, 2024');
    await panel.keyboard.press('Tab');
    expect(await focusedName(panel)).toBe('Add Ada Example');
    await panel.keyboard.press('Enter');
    await panel.getByTestId('nudge').waitFor();

    await tabTo(panel, 'How');
    expect(await panel.evaluate(() => (document.activeElement as HTMLSelectElement).value)).toBe('call');
    await tabTo(panel, 'What you talked about (optional)');
    await panel.keyboard.type('Her new team');
    await tabTo(panel, 'Log it');
    await panel.keyboard.press('Enter');
    await expect.poll(() => panel.getByTestId('last-personal').textContent()).toMatch(/^Call, /);

    await tabTo(panel, 'What they told you');
    await panel.keyboard.type('Training for the Milan marathon');
    await tabTo(panel, 'Save note');
    await panel.keyboard.press('Enter');
    await panel.locator('.notes li').filter({ hasText: 'Training for the Milan marathon' }).waitFor();
    expect(await panel.textContent('body')).toContain('Milan meetup, 2024');
    await panel.close();
    await tab.close();
  });

  it('popup: marks someone done and snoozes someone', async () => {
    const now = Date.now();
    await seed(control, buildRows(people(now), now, TZ));
    const popup = await kith.open('popup.html');
    const names = () => popup.locator('.reach-name').allTextContents();
    await expect.poll(names).toEqual(['Ada Follow', 'Bruno Birthday', 'Chiara Overdue']);

    await tabTo(popup, 'Done');
    await popup.keyboard.press('Enter');
    await tabTo(popup, 'Called');
    await popup.keyboard.press('Enter');
    await expect.poll(names).toEqual(['Bruno Birthday', 'Chiara Overdue']);

    await tabTo(popup, 'Snooze');
    await popup.keyboard.press('Enter');
    await tabTo(popup, '1 week');
    await popup.keyboard.press('Enter');
    await expect.poll(names).toEqual(['Chiara Overdue']);
    await popup.close();
  });

  it('options: searches the people and opens one with Enter', async () => {
    const page = await kith.open('options.html#/people');
    const list = page.getByRole('listbox', { name: 'People' });
    await list.getByRole('option').first().waitFor();
    await tabTo(page, 'Search');
    await page.keyboard.type('chiara');
    await expect.poll(() => list.getByRole('option').allTextContents()).toEqual([expect.stringContaining('Chiara Overdue')]);
    await tabTo(page, 'People');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('listbox');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => location.hash)).toBe('#/people/c');
    await page.getByRole('heading', { name: 'Chiara Overdue' }).first().waitFor();
    await page.close();
  });

  it('in-page card: every input, select and textarea is labelled inside its own frame', async () => {
    await setSettings(control, { placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } });
    await expect.poll(() => kith.sw(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id))).toEqual(['kith-linkedin-card']);
    const found: string[] = [];
    let controls = 0;
    for (const [path, name] of [
      [ADA, 'Training for the Milan marathon'],
      [BRUNO, 'Bruno Sample'],
    ] as const) {
      const tab = await kith.linkedin(path);
      await expect.poll(() => cardText(tab), { timeout: 15_000 }).toContain(name);
      const result = await unlabelledInCard(tab);
      controls += result.controls;
      found.push(...result.unlabelled.map((u) => `${path}: ${u}`));
      await tab.close();
    }
    expect(found).toEqual([]);
    // The known person's card has the log and note forms, the unknown one the add form.
    expect(controls).toBeGreaterThanOrEqual(7);
    await setSettings(control, { placement: DEFAULT_SETTINGS.placement });
  });
});

/**
 * Inside the card's own frame: every form control has an aria-label, an
 * aria-labelledby pointing at elements that exist, a <label> ancestor, or a
 * <label for> of its id.
 */
async function unlabelledInCard(page: Page): Promise<{ controls: number; unlabelled: string[] }> {
  const frame = kithFrame(page);
  if (!frame) throw new Error('no card frame');
  return frame.evaluate(() => {
    let controls = 0;
    const unlabelled: string[] = [];
    for (const el of Array.from(document.querySelectorAll('input, select, textarea'))) {
      if (el.getAttribute('type') === 'hidden') continue;
      controls++;
      const labelledBy = el.getAttribute('aria-labelledby');
      const ok =
        !!el.getAttribute('aria-label')?.trim() ||
        (!!labelledBy && labelledBy.split(/\s+/).every((id) => document.getElementById(id))) ||
        !!el.closest('label') ||
        (!!el.id && !!document.querySelector(`label[for="${CSS.escape(el.id)}"]`));
      if (!ok) unlabelled.push(el.outerHTML.slice(0, 120));
    }
    return { controls, unlabelled };
  });
}
