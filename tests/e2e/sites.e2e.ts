/**
 * Beyond LinkedIn, end to end: X turned on from the options page's own
 * switch, its content script registered, a routed saved X profile read into the
 * side panel, linked to the person already known from LinkedIn, and touches made
 * on X showing in the LinkedIn profile's panel.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchKith, type Kith } from './harness';
import { kithElementsInPage } from './helpers';
import { buildRows, seed } from './seed';

const ADA_LI = '/in/ada-example-0a1b2c3d/';
const ADA_X = 'https://x.com/ada_example';
const PAGES = { 'x.com/ada_example': 'tests/fixtures/x/profile-2026.html' };
const NOTE = 'Training for the Milan marathon in April';

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

async function registered(k: Kith): Promise<string[]> {
  return k.sw(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id).sort());
}

/**
 * Grant or remove host access the way a user would on chrome://extensions ("Site
 * access"). Headless Chromium has no way to answer the permission prompt that
 * `permissions.request` opens (CDP's Browser.grantPermissions covers web
 * permissions, not extension hosts): granted beforehand, the options page's
 * request inside the click resolves `true` at once, with no prompt.
 */
async function setHostAccess(k: Kith, origins: string[], how: 'addHostPermission' | 'removeHostPermission'): Promise<void> {
  const page = await k.context.newPage();
  await page.goto('chrome://extensions/');
  await page.evaluate(
    async ({ id, origins, how }) => {
      const dp = (globalThis as unknown as { chrome: { developerPrivate: Record<typeof how, (id: string, host: string) => Promise<void>> } }).chrome
        .developerPrivate;
      for (const o of origins) await dp[how](id, o);
    },
    { id: k.extensionId, origins, how },
  );
  await page.close();
}

const grantHostAccess = (k: Kith, origins: string[]) => setHostAccess(k, origins, 'addHostPermission');
const removeHostAccess = (k: Kith, origins: string[]) => setHostAccess(k, origins, 'removeHostPermission');

async function visit(k: Kith, url: string): Promise<Page> {
  const page = await k.context.newPage();
  await page.goto(url);
  return page;
}

describe('X, and one person across sites', () => {
  it('turns X on, reads an X profile into the side panel, links it to the LinkedIn person, and counts touches on X for them', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    // Rendered = Kith's database is open with its schema: only then seed it.
    await panel.getByRole('heading', { name: 'Reach out today' }).waitFor();
    await seed(
      panel,
      buildRows([{ id: 'ada', name: 'Ada Example', handle: 'ada-example-0a1b2c3d', notes: [{ kind: 'listening', text: NOTE }] }], Date.now(), 'UTC'),
    );

    // Off by default: no site script registered, nothing read on X.
    expect(await registered(kith)).toEqual([]);

    await grantHostAccess(kith, ['https://x.com/*', 'https://twitter.com/*']);
    const options = await kith.open('options.html#/settings');
    await options.getByLabel('X (Twitter)').click();
    await expect.poll(() => options.getByLabel('X (Twitter)').isChecked()).toBe(true);
    await expect.poll(() => registered(kith!)).toEqual(['kith-site-x']);

    const x = await visit(kith, ADA_X);
    expect(kith.routed).toContain('x.com/ada_example');
    // Not known on X yet: the panel shows the page's name and offers the same-named person.
    await panel.getByRole('heading', { name: 'Ada Example', level: 1 }).waitFor();
    await panel.getByRole('heading', { name: 'Already in Kith?' }).waitFor();
    await panel.getByRole('button', { name: 'This is Ada Example' }).click();
    // Linked: the LinkedIn person's notes, now beside their X profile.
    await panel.getByText(NOTE).first().waitFor();
    expect(await kithElementsInPage(x)).toBe(0);

    // A call logged beside the X profile, then a like on their post on X.
    await panel.getByLabel('How', { exact: true }).selectOption('call');
    await panel.getByRole('button', { name: 'Log it' }).click();
    await expect.poll(() => panel.getByTestId('last-personal').textContent()).toMatch(/^Call, /);
    await x.getByTestId('like').click();
    await expect
      .poll(
        () =>
          panel
            .getByTestId('since')
            .textContent()
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toMatch(/like/i);

    // Both show on the LinkedIn profile's panel: one person.
    await kith.linkedin(ADA_LI);
    const viewSite = () =>
      kith!.sw(async () => ((await chrome.storage.session.get('view:last'))['view:last'] as { identity?: { site?: string } } | undefined)?.identity?.site);
    await expect.poll(viewSite).toBe('linkedin');
    await expect.poll(() => panel.getByText(NOTE).count()).toBeGreaterThan(0);
    const counts = await panel.evaluate(async () => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const req = indexedDB.open('kith');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      const all = <T>(store: string) =>
        new Promise<T[]>((resolve) => {
          const r = db.transaction(store).objectStore(store).getAll();
          r.onsuccess = () => resolve(r.result as T[]);
        });
      const people = await all<{ id: string; deletedAt?: number }>('people');
      const profiles = await all<{ key: string; personId: string }>('profiles');
      const touches = await all<{ personId: string; channel: string; site?: string }>('touches');
      db.close();
      return {
        people: people.filter((p) => !p.deletedAt).length,
        profiles: profiles.map((p) => `${p.personId} ${p.key}`).sort(),
        touches: touches.map((t) => `${t.personId} ${t.channel} ${t.site}`).sort(),
      };
    });
    expect(counts).toEqual({ people: 1, profiles: ['ada linkedin:ada-example-0a1b2c3d', 'ada x:ada_example'], touches: ['ada call x', 'ada like x'] });
    expect(await panel.getByTestId('last-personal').textContent()).toMatch(/^Call, /);
    expect(await panel.getByTestId('since').textContent()).toMatch(/like/i);

    // Turned off: the script goes.
    await options.getByLabel('X (Twitter)').click();
    await expect.poll(() => registered(kith!)).toEqual([]);
  });

  it('an X tab already open is read as soon as X is turned on, with no refresh; turned off, the side panel lets it go', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await panel.getByRole('heading', { name: 'Reach out today' }).waitFor();
    const rows = buildRows([{ id: 'ada', name: 'Ada Example', handle: 'ada-example-0a1b2c3d', notes: [{ kind: 'listening', text: NOTE }] }], Date.now(), 'UTC');
    const now = Date.now();
    rows.profiles.push({ id: 'ada-x', personId: 'ada', site: 'x', handle: 'ada_example', key: 'x:ada_example', createdAt: now, updatedAt: now });
    await seed(panel, rows);

    // The X tab is open before X is on: nothing of it reaches Kith.
    const x = await visit(kith, ADA_X);
    await x.getByTestId('like').waitFor();
    await x.waitForTimeout(500);
    await panel.getByRole('heading', { name: 'Reach out today' }).waitFor();

    await grantHostAccess(kith, ['https://x.com/*', 'https://twitter.com/*']);
    const options = await kith.open('options.html#/settings');
    await options.getByLabel('X (Twitter)').click();
    await expect.poll(() => registered(kith!)).toEqual(['kith-site-x']);
    // Kith started its script in the open tab: the panel shows Ada beside it, and a like there counts.
    await panel.getByRole('heading', { name: 'Ada Example', level: 1 }).waitFor({ timeout: 15_000 });
    await panel.getByText(NOTE).first().waitFor();
    expect(await kithElementsInPage(x)).toBe(0);
    await x.getByTestId('like').click();
    await expect
      .poll(
        () =>
          panel
            .getByTestId('since')
            .textContent()
            .catch(() => ''),
        { timeout: 15_000 },
      )
      .toMatch(/like/i);

    // Turned off: the script already in the tab stops, and the panel no longer shows the X profile.
    await options.getByLabel('X (Twitter)').click();
    await expect.poll(() => registered(kith!)).toEqual([]);
    await panel.getByRole('heading', { name: 'Reach out today' }).waitFor({ timeout: 15_000 });
    expect(await kith.sw(async () => Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('view:')))).toEqual([]);
  });

  it("access removed in the browser's own settings: the script goes and the switch in the options turns off", async () => {
    kith = await launchKith({ pages: PAGES });
    await grantHostAccess(kith, ['https://x.com/*', 'https://twitter.com/*']);
    const options = await kith.open('options.html#/settings');
    await options.getByLabel('X (Twitter)').click();
    await expect.poll(() => options.getByLabel('X (Twitter)').isChecked()).toBe(true);
    await expect.poll(() => registered(kith!)).toEqual(['kith-site-x']);

    await removeHostAccess(kith, ['https://x.com/*', 'https://twitter.com/*']);
    await expect.poll(() => registered(kith!)).toEqual([]);
    // The open options page follows at once: the site is no longer shown as on.
    await expect.poll(() => options.getByLabel('X (Twitter)').isChecked()).toBe(false);
    expect(await kith.sw(async () => ((await chrome.storage.local.get('settings')).settings as { sites: { x: boolean } }).sites.x)).toBe(false);
  });
});
