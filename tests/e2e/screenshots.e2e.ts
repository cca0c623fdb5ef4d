/**
 * The README's screenshots, taken by the tests from the built extension on saved
 * pages (never by hand), so they show what the code does today.
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { linkedInZip } from '@/tests/fixtures/e2e/linkedin-zip';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { launchKith, ROOT, type Kith } from './harness';
import { buildRows, seed, setSettings } from './seed';

const OUT = join(ROOT, 'docs/screenshots');
const DAY = 86_400_000;
const TZ = 'Europe/Rome';
let kith: Kith;

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  kith = await launchKith();
});
afterAll(async () => {
  await kith.close();
});

/** Two pages side by side in one image: the site on the left, Kith's panel on the right. */
async function sideBySide(left: Page, right: Page, file: string): Promise<void> {
  const a = (await left.screenshot()).toString('base64');
  const b = (await right.screenshot()).toString('base64');
  const canvas = await kith.context.newPage();
  await canvas.setViewportSize({ width: 1300, height: 800 });
  await canvas.setContent(
    `<body style="margin:0;display:flex;background:#ccc"><img style="width:900px;height:800px;object-fit:cover;object-position:top left" src="data:image/png;base64,${a}"><img style="width:400px;height:800px;object-fit:cover;object-position:top left;border-left:1px solid #999" src="data:image/png;base64,${b}"></body>`,
  );
  await canvas.screenshot({ path: join(OUT, file) });
  await canvas.close();
}

describe('README screenshots', () => {
  it('welcome page', async () => {
    const welcome = await kith.open('welcome.html');
    await welcome.setViewportSize({ width: 900, height: 640 });
    await welcome.getByRole('heading', { name: 'Welcome to Kith' }).waitFor();
    await welcome.screenshot({ path: join(OUT, 'welcome.png') });
    await welcome.close();
  });

  it('side panel beside a saved profile page, and the popup', async () => {
    const panel = await kith.open('sidepanel.html');
    const now = Date.now();
    await setSettings(panel, { timeZone: TZ });
    await seed(
      panel,
      buildRows(
        [
          {
            id: 'ada',
            name: 'Ada Example',
            handle: 'ada-example-0a1b2c3d',
            patch: {
              circleId: 'network',
              phones: ['+39 333 123 4567'],
              emails: ['ada@example.org'],
              headline: 'Engineering lead, local-first software',
              howWeMet: 'Milan meetup on local-first software, 2024',
            },
            touches: [
              { channel: 'call', depth: 'personal', at: now - 70 * DAY },
              ...[30, 20, 12, 6, 2].map((d) => ({ channel: 'like' as const, depth: 'passive' as const, at: now - d * DAY })),
              { channel: 'promo', depth: 'broadcast', at: now - 9 * DAY },
            ],
            notes: [
              { kind: 'listening', text: 'Training for the Milan marathon in April' },
              { kind: 'followup', text: 'Send her the article on CRDTs', dueAt: now + 2 * DAY },
            ],
          },
          {
            id: 'bruno',
            name: 'Bruno Sample',
            handle: 'bruno-sample',
            patch: { circleId: 'close' },
            touches: [{ channel: 'meeting', depth: 'personal', at: now - 30 * DAY }],
          },
          { id: 'chiara', name: 'Chiara Exemplar', handle: 'chiara-exemplar', notes: [{ kind: 'followup', text: 'Introduce her to Dario', dueAt: now - DAY }] },
        ],
        now,
        TZ,
      ),
    );
    await panel.setViewportSize({ width: 400, height: 800 });
    const profile = await kith.linkedin('/in/ada-example-0a1b2c3d/');
    await profile.setViewportSize({ width: 900, height: 800 });
    await panel.reload();
    await panel.getByRole('heading', { name: 'Ada Example', level: 1 }).waitFor();
    await sideBySide(profile, panel, 'sidepanel-beside-profile.png');

    const popup = await kith.open('popup.html');
    await popup.setViewportSize({ width: 380, height: 420 });
    await popup.locator('.reach-name').first().waitFor();
    await popup.screenshot({ path: join(OUT, 'popup.png') });
  });

  it('the import preview and the people list', async () => {
    const options = await kith.open('options.html#/import');
    await options.setViewportSize({ width: 1000, height: 720 });
    const file = join(mkdtempSync(join(tmpdir(), 'kith-shot-')), 'Basic_LinkedInDataExport_11-25-2026.zip');
    writeFileSync(file, linkedInZip());
    await options.getByLabel('Choose files').setInputFiles(file);
    await options.getByRole('region', { name: 'Before importing' }).waitFor();
    await options.screenshot({ path: join(OUT, 'import-preview.png') });
    await options.goto(options.url().replace(/#.*$/, '#/people'));
    await options.getByRole('listbox').first().waitFor();
    await options.screenshot({ path: join(OUT, 'people-list.png') });
    await options.close();
  });

  it("the popup's form to add someone by hand", async () => {
    const popup = await kith.open('popup.html');
    await popup.setViewportSize({ width: 380, height: 600 });
    await popup.getByRole('button', { name: 'Add someone' }).click();
    const form = popup.getByRole('form', { name: 'Add someone by hand' });
    await form.getByLabel('Name').fill('Lucia Ferrari');
    await form.getByLabel('How we met').fill('Neighbours on Via Roma since 2019');
    await form.getByLabel('Phone').fill('+39 333 765 4321');
    await form.getByLabel('Circle or rhythm').selectOption('friends');
    await popup.screenshot({ path: join(OUT, 'popup-add-form.png') });
    await popup.close();
  });
});
