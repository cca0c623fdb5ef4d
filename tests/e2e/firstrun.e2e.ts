import { afterEach, describe, expect, it } from 'vitest';
import { launchKith, type Kith } from './harness';
import { buildRows, seed } from './seed';

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

async function settings(kith: Kith) {
  return kith.sw(async () => ((await chrome.storage.local.get('settings')) as { settings?: Record<string, unknown> }).settings);
}

describe('first run and the way to the panel', () => {
  it('a fresh install opens the welcome page, and the choices made there are in the settings', async () => {
    kith = await launchKith();
    await expect.poll(() => kith!.context.pages().some((p) => p.url().endsWith('/welcome.html')), { timeout: 15_000 }).toBe(true);
    const welcome = kith.context.pages().find((p) => p.url().endsWith('/welcome.html'))!;
    await welcome.getByRole('heading', { name: 'Welcome to Kith' }).waitFor();
    await welcome.getByText('Kith makes no network request of its own.').waitFor();
    await welcome.getByRole('button', { name: 'Set up Kith (three quick choices)' }).click();

    await welcome.getByRole('heading', { name: 'Where should your notes show?' }).waitFor();
    await welcome.getByRole('radio', { name: /Inside the LinkedIn page/ }).check();
    await welcome.getByText(/LinkedIn's terms forbid extensions that insert elements/).waitFor();
    await welcome.getByRole('button', { name: 'Save and continue' }).click();

    await welcome.getByRole('heading', { name: 'Circles and rhythms' }).waitFor();
    await welcome.getByRole('checkbox', { name: 'Network' }).uncheck();
    await welcome.getByRole('spinbutton', { name: 'Ideally every (days)' }).first().fill('10');
    await welcome.getByRole('button', { name: 'Save and continue' }).click();

    await welcome.getByRole('heading', { name: 'Bring in your LinkedIn network' }).waitFor();
    await welcome.getByText(/Get a copy of your data/).waitFor();
    await welcome.getByRole('button', { name: 'Later' }).click();
    await welcome.getByRole('heading', { name: 'You are ready' }).waitFor();
    await welcome.getByText(/Open beside the page/).waitFor();

    await expect.poll(async () => (await settings(kith!))?.onboarded).toBe(true);
    const s = (await settings(kith))!;
    expect((s.placement as Record<string, string>).linkedin).toBe('inpage');
    const circles = s.circles as { id: string; rhythm: { idealDays: number; maxDays: number } }[];
    expect(circles.map((c) => c.id)).toEqual(['close', 'friends']);
    expect(circles[0]!.rhythm).toEqual({ idealDays: 10, maxDays: 21 });
  });

  it('every step can be skipped, leaving the defaults', async () => {
    kith = await launchKith();
    const welcome = await kith.open('welcome.html');
    await welcome.getByRole('button', { name: 'Set up Kith (three quick choices)' }).click();
    await welcome.getByRole('button', { name: 'Skip' }).click();
    await welcome.getByRole('button', { name: 'Skip' }).click();
    await welcome.getByRole('button', { name: 'Later' }).click();
    await welcome.getByRole('heading', { name: 'You are ready' }).waitFor();
    await expect.poll(async () => (await settings(kith!))?.onboarded).toBe(true);
    const s = (await settings(kith))!;
    expect((s.placement as Record<string, string>).linkedin).toBe('sidepanel');
    expect((s.circles as unknown[]).length).toBe(3);
  });

  it("the popup's action opens the side panel, and the context-menu entries exist for profile pages and links", async () => {
    kith = await launchKith();
    const watcher = await kith.context.newPage();
    const cdp = await kith.context.newCDPSession(watcher);
    const popup = await kith.open('popup.html');
    await popup.getByRole('button', { name: 'Open beside the page' }).click();
    // The side panel is a page of its own in the browser: it appears as a target.
    await expect
      .poll(
        async () => {
          const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: { url: string }[] };
          return targetInfos.some((t) => t.url.endsWith('/sidepanel.html'));
        },
        { timeout: 10_000 },
      )
      .toBe(true);
    // Having opened the panel, the popup closes itself.
    await expect.poll(() => popup.isClosed()).toBe(true);
    await cdp.detach();
    // contextMenus.update fails for an id that does not exist. The entries are made when
    // the extension is installed, after the menus are cleared: on a slow machine that may
    // still be under way, so ask until they are there.
    const exists = () =>
      kith!.sw(async () => {
        const out: Record<string, boolean> = {};
        for (const id of ['kith-page', 'kith-link', 'no-such-menu']) {
          try {
            await chrome.contextMenus.update(id, {});
            out[id] = true;
          } catch {
            out[id] = false;
          }
        }
        return out;
      });
    await expect.poll(exists, { timeout: 15_000 }).toEqual({ 'kith-page': true, 'kith-link': true, 'no-such-menu': false });
  });

  it("with no profile in view the panel shows today's list; clicking a person opens their profile and their panel", async () => {
    kith = await launchKith();
    const panel = await kith.open('sidepanel.html');
    const now = Date.now();
    await seed(
      panel,
      buildRows(
        [
          {
            id: 'ada',
            name: 'Ada Example',
            handle: 'ada-example-0a1b2c3d',
            patch: { circleId: 'close' },
            touches: [{ channel: 'call', depth: 'personal', at: now - 40 * 86_400_000 }],
          },
        ],
        now,
        'UTC',
      ),
    );
    await panel.reload();
    await panel.getByRole('heading', { name: 'Reach out today' }).waitFor();
    await panel.getByRole('button', { name: 'Ada Example' }).click();
    await expect.poll(() => kith!.routed.includes('/in/ada-example-0a1b2c3d/'), { timeout: 10_000 }).toBe(true);
    await panel.getByRole('heading', { name: 'Ada Example', level: 1 }).waitFor();
    await panel.getByTestId('nudge').waitFor();
  });
});
