/**
 * Everyone can use it: axe-core with the WCAG 2.2 AA rule set finds
 * nothing on any of Kith's surfaces (popup, side panel, options page, in-page
 * card), in English and Italian, light and dark (chosen in the settings, and
 * following the system's dark scheme).
 *
 * The in-page card renders in Kith's own frame (card.html), another origin than
 * LinkedIn's page: axe-core's own source is run inside that frame, through the
 * browser (Playwright), and the frame's title is checked in the page.
 */
import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '@/lib/model/settings';
import { localDayKey } from '@/lib/relationship/time';
import { launchKith, ROOT, type Kith } from './harness';
import { cardText, kithFrame, navigateInPage } from './helpers';
import { buildRows, seed, seedMeta, setSettings, type SeedPerson } from './seed';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const DAY = 86_400_000;
const TZ = 'Europe/Rome';
const ADA = '/in/ada-example-0a1b2c3d/';
const BRUNO = '/in/bruno-sample/';
const PAGES = { [BRUNO]: 'tests/fixtures/linkedin/profile-older-2023.html' };

interface Variant {
  name: string;
  language: Settings['language'];
  theme: Settings['theme'];
}
const GROUPS: { colorScheme: 'light' | 'dark'; variants: Variant[] }[] = [
  {
    colorScheme: 'light',
    variants: [
      { name: 'English, light', language: 'en', theme: 'light' },
      { name: 'Italian, light', language: 'it', theme: 'light' },
      { name: 'English, dark theme', language: 'en', theme: 'dark' },
    ],
  },
  { colorScheme: 'dark', variants: [{ name: 'Italian, system dark', language: 'it', theme: 'system' }] },
];

function people(now: number): SeedPerson[] {
  const [, month, day] = localDayKey(now, TZ).split('-').map(Number) as [number, number, number];
  return [
    {
      id: 'ada',
      name: 'Ada Example',
      handle: 'ada-example-0a1b2c3d',
      patch: {
        circleId: 'friends',
        phones: ['+39 333 123 4567'],
        emails: ['ada@example.org'],
        tags: ['running', 'local-first'],
        howWeMet: 'Milan meetup, 2024',
        headline: 'Engineer',
      },
      notes: [
        { kind: 'listening', text: 'Training for the Milan marathon in April' },
        { kind: 'followup', text: 'send the article on local-first', dueAt: now - DAY },
        { kind: 'followup', text: 'ask about the race', dueAt: now + 20 * DAY },
        { kind: 'followup', text: 'introduce her to Bruno', doneAt: now - 3 * DAY },
      ],
      touches: [
        { channel: 'call', depth: 'personal', at: now - 30 * DAY, note: 'her new team' },
        { channel: 'like', depth: 'passive', at: now - 2 * DAY },
        { channel: 'promo', depth: 'broadcast', at: now - DAY },
      ],
    },
    {
      id: 'b',
      name: 'Bruno Birthday',
      handle: 'bruno-birthday',
      patch: { birthday: { month, day }, phones: ['+39 02 1234567'] },
      touches: [{ channel: 'call', depth: 'personal', at: now - 10 * DAY }],
    },
    {
      id: 'c',
      name: 'Chiara Overdue',
      patch: { circleId: 'close', emails: ['chiara@example.org'] },
      touches: [{ channel: 'meeting', depth: 'personal', at: now - 40 * DAY }],
    },
    {
      id: 'd',
      name: 'Dario Likes',
      touches: [
        { channel: 'call', depth: 'personal', at: now - 30 * DAY },
        ...[4, 3, 2].map((d) => ({ channel: 'like' as const, depth: 'passive' as const, at: now - d * DAY })),
      ],
    },
    { id: 'e', name: 'Elena Connected', handle: 'elena-connected', patch: { archived: 1 } },
    {
      id: 'f',
      name: 'Franca Snoozed',
      patch: { circleId: 'close', snoozedUntil: now + 7 * DAY },
      touches: [{ channel: 'call', depth: 'personal', at: now - 40 * DAY }],
    },
  ];
}

interface Found {
  id: string;
  impact?: string | null;
  nodes: { target: unknown; failureSummary?: string }[];
}
const describeViolations = (vs: Found[]) =>
  vs.map((v) => `${v.id} [${v.impact}]\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`).join('\n')}`);

async function audit(page: Page): Promise<string[]> {
  const r = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  return describeViolations(r.violations);
}

const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** axe-core inside the card's own frame (another origin than the page's: reached through the browser). */
async function auditCard(_kith: Kith, page: Page): Promise<string[]> {
  const frame = kithFrame(page);
  if (!frame) throw new Error('no frame for the card');
  if (!(await frame.evaluate('typeof axe !== "undefined"'))) await frame.evaluate(`${AXE_SOURCE};void 0`);
  const { violations, checked } = await frame.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (
            ctx: unknown,
            opts: unknown,
          ) => Promise<{
            violations: { id: string; impact?: string; nodes: { target: unknown; failureSummary?: string }[] }[];
            passes: { id: string; nodes: unknown[] }[];
          }>;
        };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return {
      violations: r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
      })),
      checked: r.passes.filter((p) => p.nodes.length > 0).map((p) => p.id),
    };
  }, TAGS);
  // axe really looked inside the frame: it checked the card's text colours and form labels.
  expect(checked).toEqual(expect.arrayContaining(['color-contrast', 'label', 'button-name']));
  // The frame itself has a name in the page (what a screen reader announces on entering it).
  expect(await page.evaluate(() => document.querySelector('kith-card iframe')?.getAttribute('title')?.trim().length ?? 0)).toBeGreaterThan(0);
  return describeViolations(violations as Found[]);
}

async function registered(kith: Kith): Promise<string[]> {
  return kith.sw(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
}

for (const group of GROUPS) {
  describe(`axe-core, WCAG 2.2 AA, browser in ${group.colorScheme} scheme`, () => {
    let kith: Kith;
    let control: Page;
    let seeded = false;
    let now = Date.now();

    beforeAll(async () => {
      kith = await launchKith({ pages: PAGES, colorScheme: group.colorScheme });
      control = await kith.open('popup.html');
    });
    afterAll(async () => {
      await kith?.close();
    });

    const use = async (v: Variant, placement: 'sidepanel' | 'inpage' = 'sidepanel') => {
      await setSettings(control, { language: v.language, theme: v.theme, timeZone: TZ, placement: { ...DEFAULT_SETTINGS.placement, linkedin: placement } });
      if (placement === 'sidepanel') await expect.poll(() => registered(kith)).toEqual([]);
    };
    const ensureSeeded = async () => {
      if (seeded) return;
      now = Date.now();
      await seed(control, buildRows(people(now), now, TZ));
      // Ada muted from nudges: the settings list her, her page says so.
      await seedMeta(control, [{ key: 'nudge:mutes', value: { people: ['ada'] } }]);
      seeded = true;
    };
    /** Open an extension page, wait for what it shows, audit it, close it. */
    const check = async (path: string, ready: (p: Page) => Promise<unknown>) => {
      const page = await kith.open(path);
      try {
        await ready(page);
        return await audit(page);
      } finally {
        await page.close();
      }
    };

    it('the popup with nobody waiting', async () => {
      const found: string[] = [];
      for (const v of group.variants) {
        await use(v);
        found.push(...(await check('popup.html', (p) => p.locator('.empty').waitFor())).map((x) => `${v.name}: ${x}`));
      }
      expect(found).toEqual([]);
    });

    for (const v of group.variants) {
      describe(v.name, () => {
        it('the popup with people waiting, a "done" and a "snooze" choice open', async () => {
          await ensureSeeded();
          await use(v);
          const found = await check('popup.html', async (p) => {
            await p.locator('.reach-row').first().waitFor();
            const rows = p.locator('.reach-row');
            await rows.nth(0).locator('.reach-actions button').nth(0).click();
            await rows.nth(1).locator('.reach-actions button').nth(1).click();
            await p.locator('.reach-choices').nth(1).waitFor();
          });
          expect(found).toEqual([]);
        });

        it('the side panel: the reach-out list', async () => {
          await ensureSeeded();
          await use(v);
          // A LinkedIn tab that moved from a profile to the feed: the list, with the way back to the person.
          const tab = await kith.linkedin(ADA);
          const panel = await kith.open('sidepanel.html');
          await panel.locator('h1.person-name').waitFor();
          await navigateInPage(tab, '/feed/', 'tests/fixtures/linkedin/feed-ember-constructed-2025.html');
          await panel.locator('.reach-row').first().waitFor();
          await panel.locator('.panel-switch button').waitFor();
          const found = await audit(panel);
          await panel.close();
          await tab.close();
          expect(found).toEqual([]);
        });

        it('the side panel: a person not yet known', async () => {
          await ensureSeeded();
          await use(v);
          const tab = await kith.linkedin(BRUNO);
          const found = await check('sidepanel.html', (p) => p.locator('h1.person-name').filter({ hasText: 'Bruno Sample' }).waitFor());
          await tab.close();
          expect(found).toEqual([]);
        });

        it('the side panel: a known person with notes and follow-ups, details open', async () => {
          await ensureSeeded();
          await use(v);
          const tab = await kith.linkedin(ADA);
          const found = await check('sidepanel.html', async (p) => {
            await p.locator('h1.person-name').filter({ hasText: 'Ada Example' }).waitFor();
            await p.locator('details.edit summary').click();
            // A follow-up form shows its due date field.
            await p.locator('input[type=radio]').nth(1).check();
          });
          await tab.close();
          expect(found).toEqual([]);
        });

        for (const [section, ready] of [
          ['#/settings', (p: Page) => p.locator('a[href="#/people/ada"]').waitFor()],
          [
            '#/people',
            async (p: Page) => {
              await p.locator('.snoozed-chip').first().waitFor();
              // Everyone selected, the bulk bar's snooze choices open.
              await p.locator('[role=listbox]').focus();
              await p.keyboard.press('Control+a');
              await p.locator('.bulk-bar button[aria-expanded]').click();
              await p.locator('.bulk-bar .snooze-choices').waitFor();
            },
          ],
          ['#/people/ada', (p: Page) => p.locator('.muted-nudges').waitFor()],
          [
            '#/people/f',
            async (p: Page) => {
              // Snoozed, with a custom day refused: the message and the invalid field.
              await p.locator('.snooze-state strong').waitFor();
              await p.locator('.snooze-choices input[type=date]').fill('2000-01-01');
              await p.locator('.snooze-choices button').last().click();
              await p.locator('.snooze-choices [role=alert]').waitFor();
            },
          ],
          ['#/import', (p: Page) => p.locator('input[type=file]').first().waitFor({ state: 'attached' })],
          ['#/backup', (p: Page) => p.locator('input[type=password]').first().waitFor()],
          [
            '#/sync',
            async (p: Page) => {
              // "Turn on sync" with nothing typed: every field says what is wrong.
              await p.locator('form button[type=submit]').click();
              await p.locator('[aria-invalid=true]').first().waitFor();
            },
          ],
        ] as const) {
          it(`the options page, ${section}`, async () => {
            await ensureSeeded();
            await use(v);
            expect(await check(`options.html${section}`, ready)).toEqual([]);
          });
        }

        it('the in-page card, known and unknown person', async () => {
          await ensureSeeded();
          await use(v, 'inpage');
          await expect.poll(() => registered(kith)).toEqual(['kith-linkedin-card']);
          const found: string[] = [];
          for (const [path, name] of [
            [ADA, 'Training for the Milan marathon'],
            [BRUNO, 'Bruno Sample'],
          ] as const) {
            const tab = await kith.linkedin(path);
            await expect.poll(() => cardText(tab), { timeout: 15_000 }).toContain(name);
            found.push(...(await auditCard(kith, tab)).map((x) => `${path}: ${x}`));
            await tab.close();
          }
          expect(found).toEqual([]);
        });
      });
    }
  });
}
