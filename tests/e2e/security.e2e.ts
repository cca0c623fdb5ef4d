/**
 * Nothing leaked, nothing spoofed, in real Chromium with the built
 * extension:
 * - a script in LinkedIn's own world has no way to Kith's messaging and no way
 *   into the card, which renders in Kith's own frame (card.e2e.ts checks
 *   `window.find` and key listeners too), even when it hooks `attachShadow` first;
 * - Kith's content scripts announce nothing to the page (no `message` event) and
 *   a page event forged in WXT's name does not stop them;
 * - Kith's own content-script world (reached through the DevTools protocol) is
 *   refused everything but the profile its tab shows: export, delete-all,
 *   another person by id or by profile; the database stays as it was;
 * - a person whose name, notes and links are hostile is shown in the side panel,
 *   the popup, the options page and the card: nothing runs, links are sanitised.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '@/lib/model/settings';
import { safeHref } from '@/lib/ui/safe-url';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXTENSION_DIR, launchKith, type Kith } from './harness';
import { cardText, kithFrame, navigateInPage } from './helpers';
import { contentScriptWorld } from './isolated-world';
import { buildRows, dumpKith, seed, setSettings } from './seed';

const DAY = 86_400_000;
const ADA = '/in/ada-example-0a1b2c3d/';
const NOTE = 'Training for the Milan marathon in April';
const SECRET = 'Bruno is changing jobs, not public yet';

async function registered(kith: Kith): Promise<string[]> {
  return kith.sw(async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id));
}

describe('nothing leaked, nothing spoofed', () => {
  let kith: Kith;
  let control: Page;
  beforeAll(async () => {
    kith = await launchKith();
    control = await kith.open('popup.html');
    const now = Date.now();
    await seed(
      control,
      buildRows(
        [
          {
            id: 'ada',
            name: 'Ada Example',
            handle: 'ada-example-0a1b2c3d',
            notes: [{ kind: 'listening', text: NOTE }],
            touches: [{ channel: 'call', depth: 'personal', at: now - 3 * DAY }],
          },
          {
            id: 'bruno',
            name: 'Bruno Sample',
            handle: 'bruno-sample',
            patch: { phones: ['+39 333 000 1111'] },
            notes: [
              { kind: 'listening', text: SECRET },
              { kind: 'followup', text: 'call about the move', dueAt: now + DAY },
            ],
          },
        ],
        now,
        'UTC',
      ),
    );
    await setSettings(control, { placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } });
    for (let i = 0; i < 100 && (await registered(kith)).length === 0; i++) await control.waitForTimeout(100);
  });
  afterAll(async () => {
    await kith?.close();
  });

  it("LinkedIn's own scripts cannot message Kith, nor reach the card's notes even by hooking attachShadow first", async () => {
    const page = await kith.context.newPage();
    // Runs in the page's world before any of the page's or Kith's scripts.
    await page.addInitScript(() => {
      const w = window as unknown as { __roots: ShadowRoot[] };
      w.__roots = [];
      const original = Element.prototype.attachShadow;
      Element.prototype.attachShadow = function (init: ShadowRootInit) {
        const root = original.call(this, { ...init, mode: 'open' });
        w.__roots.push(root);
        return root;
      };
    });
    await page.goto(`https://www.linkedin.com${ADA}`);
    await expect.poll(() => cardText(page), { timeout: 15_000 }).toContain(NOTE);
    const before = await dumpKith(control);

    const fromPage = await page.evaluate(async (id) => {
      const g = globalThis as unknown as { chrome?: { runtime?: { sendMessage?: (...a: unknown[]) => Promise<unknown> }; dom?: unknown } };
      let send: string;
      try {
        await g.chrome!.runtime!.sendMessage!(id, { type: 'data/export' });
        send = 'answered';
      } catch {
        send = 'failed';
      }
      // Messages a page might hope a content script relays.
      window.postMessage({ type: 'data/delete-all' }, '*');
      window.postMessage({ type: 'card/view', site: 'linkedin', handle: 'bruno-sample' }, '*');
      document.dispatchEvent(new CustomEvent('kith', { detail: { type: 'data/delete-all' } }));
      await new Promise((r) => setTimeout(r, 500));
      const w = window as unknown as { __roots: ShadowRoot[] };
      const host = document.querySelector('kith-card');
      return {
        runtime: typeof g.chrome?.runtime,
        dom: typeof g.chrome?.dom,
        send,
        host: !!host,
        shadowRoot: host ? host.shadowRoot : 'no host',
        hookedRootsWithNotes: w.__roots.filter((r) => r.textContent?.includes('Milan marathon')).length,
        hookedKithRoots: w.__roots.filter((r) => r.host.tagName === 'KITH-CARD').length,
        html: document.documentElement.outerHTML.includes('Milan marathon'),
        // The hook itself works: it sees the page's own closed roots.
        hookWorks: (() => {
          const n = w.__roots.length;
          document.createElement('x-probe').attachShadow({ mode: 'closed' });
          return w.__roots.length === n + 1;
        })(),
      };
    }, kith.extensionId);
    expect(fromPage).toEqual({
      runtime: 'undefined',
      dom: 'undefined',
      send: 'failed',
      host: true,
      shadowRoot: null,
      hookedRootsWithNotes: 0,
      hookedKithRoots: 0,
      html: false,
      hookWorks: true,
    });
    expect(await dumpKith(control)).toBe(before);
    await page.close();
  });

  it('a content script is refused export, delete-all, a person by id and another profile; the database is unchanged', async () => {
    const page = await kith.linkedin(ADA);
    await expect.poll(() => cardText(page), { timeout: 15_000 }).toContain(NOTE);
    const before = await dumpKith(control);
    const world = await contentScriptWorld(page, kith.extensionId);
    try {
      const ask = (msg: object) => world.evaluate<unknown>(`chrome.runtime.sendMessage(${JSON.stringify(msg)})`);
      // The same channel works for the profile this tab shows: the refusals below are the rule, not a broken channel.
      const own = (await ask({ type: 'card/view', site: 'linkedin', handle: 'ada-example-0a1b2c3d' })) as {
        ok: boolean;
        data?: { notes?: { text: string }[] };
      };
      expect(own.ok).toBe(true);
      expect(own.data?.notes?.map((n) => n.text)).toEqual([NOTE]);

      const brunoNote = JSON.parse(before).notes.find((n: { personId: string; kind: string }) => n.personId === 'bruno' && n.kind === 'followup') as {
        id: string;
      };
      const refused: [string, object][] = [
        ['data/export', { type: 'data/export' }],
        ['data/delete-all', { type: 'data/delete-all' }],
        ['person/get', { type: 'person/get', personId: 'bruno' }],
        ['card/view of another profile', { type: 'card/view', site: 'linkedin', handle: 'bruno-sample' }],
        ['note/done on another profile', { type: 'note/done', site: 'linkedin', handle: 'bruno-sample', noteId: brunoNote.id, done: true }],
        [
          "note/done on another person's note, claimed for this profile",
          { type: 'note/done', site: 'linkedin', handle: 'ada-example-0a1b2c3d', noteId: brunoNote.id, done: true },
        ],
        ['panel/open', { type: 'panel/open' }],
        ['nudge/dismiss', { type: 'nudge/dismiss', id: 'x', mute: 'kind' }],
        ['nudge/card-dismiss of a nudge never handed to this tab', { type: 'nudge/card-dismiss', id: 'x', mute: 'kind' }],
      ];
      const replies: Record<string, unknown> = {};
      for (const [name, msg] of refused) replies[name] = await ask(msg);
      expect(replies).toEqual(Object.fromEntries(refused.map(([name]) => [name, { ok: false, error: 'forbidden' }])));
      // Nothing of the other person's notes came back in any reply.
      expect(JSON.stringify(replies)).not.toContain('changing jobs');
    } finally {
      await world.detach();
    }
    expect(await dumpKith(control)).toBe(before);
    await page.close();
  });

  it('a content script writes only about the profile its tab shows now, and its nudges tell known from unknown people by nothing', async () => {
    const page = await kith.linkedin(ADA);
    await expect.poll(() => cardText(page), { timeout: 15_000 }).toContain(NOTE);
    const before = await dumpKith(control);
    const world = await contentScriptWorld(page, kith.extensionId);
    try {
      const ask = (msg: object) => world.evaluate<unknown>(`chrome.runtime.sendMessage(${JSON.stringify(msg)})`);
      const forbidden = { ok: false, error: 'forbidden' };
      const bruno = { site: 'linkedin', handle: 'bruno-sample' };
      expect(await ask({ type: 'note/add', ...bruno, kind: 'listening', text: 'planted' })).toEqual(forbidden);
      expect(await ask({ type: 'touch/add', ...bruno, channel: 'call' })).toEqual(forbidden);
      expect(
        await ask({ type: 'person/add', identity: { site: 'linkedin', handle: 'someone-new', url: 'https://www.linkedin.com/in/someone-new/', name: 'New' } }),
      ).toEqual(forbidden);
      expect(await ask({ type: 'touch/add', site: 'linkedin', handle: 'ada-example-0a1b2c3d', channel: 'call', at: Date.now() + 30 * DAY })).toEqual({
        ok: false,
        error: 'invalid-date',
      });
      // Not about someone the page does not show.
      expect(await ask({ type: 'nudge/like', ...bruno, postKey: 'urn:li:activity:1', state: 'added' })).toEqual(forbidden);

      // The page moves on in place (as LinkedIn's own navigation does): Ada is no longer in view.
      await page.evaluate(() => history.pushState({}, '', '/in/someone-else/'));
      expect(await ask({ type: 'note/add', site: 'linkedin', handle: 'ada-example-0a1b2c3d', kind: 'listening', text: 'planted' })).toEqual(forbidden);
      expect(await ask({ type: 'card/view', site: 'linkedin', handle: 'ada-example-0a1b2c3d' })).toEqual(forbidden);
      expect(await dumpKith(control)).toBe(before);

      // Links to a known and an unknown person on the page: the same answer for both.
      await page.evaluate(() => {
        for (const h of ['bruno-sample', 'nobody-known-here']) {
          const a = document.createElement('a');
          a.href = `/in/${h}/`;
          a.textContent = h;
          document.body.append(a);
        }
      });
      const replies: unknown[] = [];
      for (const handle of ['bruno-sample', 'nobody-known-here']) {
        replies.push(await ask({ type: 'nudge/wish', site: 'linkedin', handle, occasion: 'birthday' }));
        const liked = (await ask({ type: 'nudge/like', site: 'linkedin', handle, postKey: `urn:li:activity:${handle}`, state: 'added' })) as {
          ok: boolean;
          data?: { touchId?: string };
        };
        replies.push({ ok: liked.ok, keys: Object.keys(liked.data ?? {}), idType: typeof liked.data?.touchId });
        replies.push(
          await ask({ type: 'nudge/like', site: 'linkedin', handle, postKey: `urn:li:activity:${handle}`, state: 'removed', touchId: liked.data?.touchId }),
        );
        replies.push(await ask({ type: 'nudge/like', site: 'linkedin', handle, postKey: 'urn:li:activity:9', state: 'removed', touchId: 'made-up' }));
      }
      expect(replies.slice(0, 4)).toEqual([{ ok: true, data: {} }, { ok: true, keys: ['touchId'], idType: 'string' }, { ok: true, data: {} }, forbidden]);
      expect(replies.slice(4)).toEqual(replies.slice(0, 4));
    } finally {
      await world.detach();
    }
    await page.close();
  });

  it('a person with hostile name, notes and links: nothing runs anywhere, every link is http(s), mailto or tel', async () => {
    const now = Date.now();
    const hostile = {
      name: '<img src=x onerror="window.__pwned=1;alert(1)">Eve \u202Eevil\u202C\u200B',
      howWeMet: '<script>window.__pwned=2</script> javascript:alert(3)',
      headline: '"><svg onload=alert(4)>',
      phones: ['javascript:alert(5)', '+39 333 \u200B123 4567'],
      emails: ['"><img src=x onerror=alert(6)>@x.y', 'eve@example.org?body=<script>'],
      tags: ['<b onmouseover=alert(7)>tag</b>'],
    };
    // Ada's LinkedIn profile now belongs to Eve (a profile key is unique: drop Ada's first).
    await control.evaluate(async () => {
      const db: IDBDatabase = await new Promise((resolve, reject) => {
        const req = indexedDB.open('kith');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
      await new Promise<void>((resolve) => {
        const tx = db.transaction('profiles', 'readwrite');
        tx.objectStore('profiles').delete('ada-p');
        tx.oncomplete = () => resolve();
      });
      db.close();
    });

    await seed(
      control,
      buildRows(
        [
          {
            id: 'eve',
            name: hostile.name,
            handle: 'ada-example-0a1b2c3d',
            patch: {
              howWeMet: hostile.howWeMet,
              headline: hostile.headline,
              phones: hostile.phones,
              emails: hostile.emails,
              tags: hostile.tags,
              circleId: 'close',
            },
            notes: [
              { kind: 'listening', text: '<img src=x onerror="window.__pwned=8">' },
              { kind: 'listening', text: 'javascript:window.__pwned=9 data:text/html,<script>alert(10)</script> vbscript:msgbox(11)' },
              { kind: 'followup', text: '<a href="javascript:alert(12)">click</a> \u202Egnp.exe', dueAt: now - DAY },
            ],
            touches: [{ channel: 'call', depth: 'personal', at: now - 60 * DAY, note: '<iframe src=javascript:alert(13)>' }],
          },
        ],
        now,
        'UTC',
      ),
    );
    const dialogs: string[] = [];
    const watch = (p: Page) => p.on('dialog', (d) => void (dialogs.push(d.message()), d.dismiss()));
    const pwned = (p: Page) => p.evaluate(() => (window as unknown as { __pwned?: unknown }).__pwned ?? null);
    const linksOf = (p: Page) => p.evaluate(() => Array.from(document.querySelectorAll('a[href]'), (a) => a.getAttribute('href') ?? ''));
    // Any element the data could have turned into something that runs or loads. The popup's own
    // boot script is in its shipped HTML, after #root (it paints the first rows): not made from
    // data, and there once at most (a second one would have been made from data).
    const unexpected = (p: Page) =>
      p.evaluate(
        () =>
          document.querySelectorAll(
            'body script:not([src="/popup-boot.js"]), body img, body svg, body iframe, body object, body embed, [onerror], [onload], [onmouseover]',
          ).length + Math.max(0, document.querySelectorAll('script[src="/popup-boot.js"]').length - 1),
      );

    await setSettings(control, { placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' }, timeZone: 'UTC' });
    const tab = await kith.linkedin(ADA);
    watch(tab);
    await expect.poll(() => cardText(tab), { timeout: 15_000 }).toContain('Eve');
    const card = (await cardText(tab)) ?? '';
    expect(card).toContain('<img src=x onerror="window.__pwned=8">');
    // Inside the card's own frame (another origin: reached through the browser, as Playwright does).
    const inCard = await kithFrame(tab)!.evaluate(() => ({
      unexpected: document.querySelectorAll('body script, body img, body svg, body iframe, body object, body embed, [onerror], [onload], [onmouseover]').length,
      hrefs: Array.from(document.querySelectorAll('a[href]'), (a) => a.getAttribute('href') ?? ''),
    }));
    expect(inCard.unexpected).toBe(0);
    for (const href of inCard.hrefs) expect(safeHref(href)).toBe(href);

    const panel = await kith.open('sidepanel.html');
    watch(panel);
    await panel.locator('h1.person-name').filter({ hasText: 'Eve' }).waitFor();
    await panel.locator('details.edit summary').click();
    expect(await panel.locator('h1.person-name').textContent()).toBe(hostile.name);
    await panel.getByText('<img src=x onerror="window.__pwned=8">').first().waitFor();

    const popup = await kith.open('popup.html');
    watch(popup);
    await popup.locator('.reach-name').filter({ hasText: 'Eve' }).waitFor();

    const options = await kith.open('options.html#/people/eve');
    watch(options);
    await options.getByText('<img src=x onerror="window.__pwned=8">').first().waitFor();

    // Let any onerror/onload that was going to fire, fire.
    await panel.waitForTimeout(500);
    for (const p of [panel, popup, options]) {
      expect(await pwned(p), p.url()).toBeNull();
      expect(await unexpected(p), p.url()).toBe(0);
      for (const href of await linksOf(p)) expect(safeHref(href), `${p.url()}: ${href}`).toBe(href);
    }
    expect(await pwned(tab)).toBeNull();
    expect(dialogs).toEqual([]);
    // The links Kith did make: the valid phone as tel:/wa.me, the valid part of no e-mail.
    expect(await panel.evaluate(() => Array.from(document.querySelectorAll('.contact-links a'), (a) => a.getAttribute('href')))).toEqual(
      expect.arrayContaining(['https://www.linkedin.com/in/ada-example-0a1b2c3d/']),
    );
    for (const p of [tab, panel, popup, options]) await p.close();
    await setSettings(control, { placement: DEFAULT_SETTINGS.placement });
  });
});

describe('content scripts the page cannot see or stop', () => {
  it('the built content scripts carry no start-up announcement; a page hears no message from Kith, and a forged "newer script started" event stops nothing', async () => {
    for (const file of readdirSync(join(EXTENSION_DIR, 'content-scripts')).filter((f) => f.endsWith('.js'))) {
      expect(readFileSync(join(EXTENSION_DIR, 'content-scripts', file), 'utf8'), file).not.toContain('content-script-started');
    }
    const kith = await launchKith();
    try {
      const control = await kith.open('popup.html');
      await setSettings(control, { placement: { ...DEFAULT_SETTINGS.placement, linkedin: 'inpage' } });
      for (let i = 0; i < 100 && (await registered(kith)).length === 0; i++) await control.waitForTimeout(100);
      const page = await kith.context.newPage();
      // In the page's world, before any script of the page's or Kith's.
      await page.addInitScript(() => {
        const w = window as unknown as { __messages: string[] };
        w.__messages = [];
        window.addEventListener('message', (e) => w.__messages.push(JSON.stringify(e.data)), true);
      });
      await page.goto(`https://www.linkedin.com${ADA}`);
      const lastViewed = () =>
        kith.sw(async () => ((await chrome.storage.session.get('view:last'))['view:last'] as { identity?: { handle?: string } } | undefined)?.identity?.handle);
      await expect.poll(lastViewed, { timeout: 15_000 }).toBe('ada-example-0a1b2c3d');
      await expect.poll(() => page.evaluate(() => document.querySelectorAll('kith-card').length), { timeout: 15_000 }).toBe(1);
      expect(await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages)).toEqual([]);

      // What WXT's own context obeys: "a newer copy of this script started", in each script's name.
      await page.evaluate((id) => {
        for (const name of ['linkedin', 'linkedin-card', 'sites']) {
          const type = `${id}:${name}:wxt:content-script-started`;
          const detail = { contentScriptName: name, messageId: 'forged' };
          document.dispatchEvent(new CustomEvent(type, { detail }));
          window.postMessage({ type, ...detail }, '*');
        }
      }, kith.extensionId);
      await page.waitForTimeout(500);
      // Still running: LinkedIn's in-page navigation is followed, and the card still shows.
      await navigateInPage(page, '/in/bruno-sample/', 'tests/fixtures/linkedin/profile-older-2023.html');
      await expect.poll(lastViewed, { timeout: 15_000 }).toBe('bruno-sample');
      await expect.poll(() => page.evaluate(() => document.querySelectorAll('kith-card').length), { timeout: 15_000 }).toBe(1);
      // The only messages the page saw are its own forgeries.
      expect((await page.evaluate(() => (window as unknown as { __messages: string[] }).__messages)).every((m) => m.includes('forged'))).toBe(true);
    } finally {
      await kith.close();
    }
  });
});
