/**
 * In-the-moment nudges in real Chromium on routed saved pages: a Like on
 * a known person's post records a passive touch and shows the nudge in the side
 * panel, un-reacting takes it back; a birthday wish does the same with the call
 * nudge; a templated promo typed to a known person raises the promo nudge, a
 * personal message does not; limits and switches hold. And the page behaves
 * exactly as without Kith: its own click and submit handlers run, not prevented.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchKith, type Kith } from './harness';
import { patchPeople } from './seed';

const PAGES = {
  '/feed/': 'tests/fixtures/linkedin/feed-ember-card-2025-12.html',
  '/notifications/': 'tests/fixtures/linkedin/notifications-wishes-2025.html',
  '/messaging/thread/2-FAKE0000/': 'tests/fixtures/linkedin/messaging-2025.html',
  '/feed/hashed/': 'tests/fixtures/linkedin/feed-hashed-2026.html',
  '/feed/menu/': 'tests/fixtures/linkedin/feed-ember-reactions-menu-2025.html',
  '/feed/hashed-menu/': 'tests/fixtures/linkedin/feed-hashed-reactions-menu-2026.html',
};

let kith: Kith | undefined;
afterEach(async () => {
  await kith?.close();
  kith = undefined;
});

type Reply = { ok: boolean; data?: Record<string, unknown>; error?: string };

/** A message to the background from an extension page (sender kind 'page'). */
async function ask(page: Page, msg: Record<string, unknown>): Promise<Reply> {
  return page.evaluate((m) => chrome.runtime.sendMessage(m) as Promise<Reply>, msg);
}

async function addPerson(page: Page, handle: string, name: string, phone?: string): Promise<string> {
  const r = await ask(page, { type: 'person/add', identity: { site: 'linkedin', handle, url: `https://www.linkedin.com/in/${handle}/`, name } });
  expect(r.ok).toBe(true);
  const personId = String(r.data?.personId);
  if (phone) {
    // No message sets a phone; the side panel would write it to the database directly, as this does.
    await patchPeople(page, { [personId]: { phones: [phone] } });
  }
  return personId;
}

/** Live (not taken back) touches, read from the extension's IndexedDB by an extension page. */
async function touches(page: Page): Promise<{ channel: string; depth: string; source: string }[]> {
  return page.evaluate(
    () =>
      new Promise<{ channel: string; depth: string; source: string }[]>((resolve, reject) => {
        const open = indexedDB.open('kith');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('touches').objectStore('touches').getAll();
          all.onsuccess = () => {
            db.close();
            const rows = all.result as { channel: string; depth: string; source: string; deletedAt?: number; at: number }[];
            resolve(
              rows
                .filter((t) => !t.deletedAt)
                .sort((a, b) => a.at - b.at)
                .map(({ channel, depth, source }) => ({ channel, depth, source })),
            );
          };
        };
      }),
  );
}

async function setSettings(page: Page, patch: Record<string, unknown>): Promise<void> {
  await page.evaluate(async (p) => {
    const cur = ((await chrome.storage.local.get('settings')).settings ?? {}) as Record<string, unknown>;
    await chrome.storage.local.set({ settings: { ...cur, ...p } });
  }, patch);
}

/**
 * Resolves once Kith's content script world exists in the page (its listeners are
 * attached synchronously when it starts), so a click is not made before it runs.
 */
async function contentScriptReady(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const origins: string[] = [];
  cdp.on('Runtime.executionContextCreated', (e: { context: { origin: string } }) => origins.push(e.context.origin));
  await cdp.send('Runtime.enable');
  await expect.poll(() => origins.some((o) => o.startsWith('chrome-extension://')), { timeout: 15_000 }).toBe(true);
  await cdp.detach();
}

/** LinkedIn's own click handler on the reaction buttons, in the page's world: toggles the reaction, records what it saw. */
async function pageTogglesReactions(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { seen: boolean[] };
    w.seen = [];
    for (const b of Array.from(document.querySelectorAll('button.react-button__trigger, button[aria-label^="Reaction button state"]'))) {
      b.addEventListener('click', (e) => {
        w.seen.push(e.defaultPrevented);
        const label = b.getAttribute('aria-label') ?? '';
        if (label.startsWith('Reaction button state'))
          b.setAttribute('aria-label', label.endsWith('no reaction') ? 'Reaction button state: Like' : 'Reaction button state: no reaction');
        else b.setAttribute('aria-pressed', b.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
      });
    }
  });
}

const seenByPage = (page: Page) => page.evaluate(() => (window as unknown as { seen: boolean[] }).seen);

/**
 * LinkedIn's own reactions flyout, in the page's world: the saved page is a snapshot with the flyout open, so it
 * is taken out at load and shown again while the pointer rests on a post's reaction button (or its opener); an
 * entry makes its reaction the post's and closes the flyout; the trigger, when reacted, takes the reaction away.
 * Records every click it handled and whether it was prevented.
 */
async function pageHasReactionsFlyout(page: Page, layer: string): Promise<void> {
  await page.evaluate((layerSelector) => {
    const w = window as unknown as { seen: { what: string; prevented: boolean }[] };
    w.seen = [];
    const flyout = document.querySelector(layerSelector)!;
    const home = flyout.parentElement!;
    flyout.remove();
    let owner: Element | null = null;
    const triggers = Array.from(document.querySelectorAll('button.react-button__trigger, button[aria-label^="Reaction button state"]'));
    for (const trigger of triggers) {
      const bar = trigger.parentElement!;
      bar.addEventListener('mouseenter', () => {
        owner = trigger;
        // Ember: next to the post's own trigger; hashed: the layer at the end of the page.
        (home === document.body ? home : bar).append(flyout);
      });
      trigger.addEventListener('click', (e) => {
        w.seen.push({ what: trigger.getAttribute('aria-label') ?? '', prevented: e.defaultPrevented });
        const label = trigger.getAttribute('aria-label') ?? '';
        if (label.startsWith('Reaction button state'))
          trigger.setAttribute('aria-label', label.endsWith('no reaction') ? 'Reaction button state: Like' : 'Reaction button state: no reaction');
        else if (trigger.getAttribute('aria-pressed') === 'true') trigger.setAttribute('aria-pressed', 'false');
        else trigger.setAttribute('aria-pressed', 'true');
      });
    }
    for (const entry of Array.from(flyout.querySelectorAll('button'))) {
      entry.addEventListener('click', (e) => {
        const label = entry.getAttribute('aria-label') ?? '';
        w.seen.push({ what: label, prevented: e.defaultPrevented });
        const reaction = label.replace(/^React /, '');
        if (owner?.hasAttribute('aria-pressed')) {
          owner.setAttribute('aria-pressed', 'true');
          owner.setAttribute('aria-label', `Unreact ${reaction}`);
        } else owner?.setAttribute('aria-label', `Reaction button state: ${reaction}`);
        flyout.remove();
      });
    }
  }, layer);
}

const flyoutSeen = (page: Page) => page.evaluate(() => (window as unknown as { seen: { what: string; prevented: boolean }[] }).seen);

describe('reactions chosen from LinkedIn’s reactions menu', () => {
  it('Ember: Celebrate on a known person’s post records one passive touch and the nudge; another reaction adds none; un-react takes it back; the page handles every click itself', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await addPerson(panel, 'ada-example-0a1b2c3d', 'Ada Example', '+39 333 123 4567');
    const feed = await kith.linkedin('/feed/menu/');
    await contentScriptReady(feed);
    await pageHasReactionsFlyout(feed, '.reactions-menu');
    const trigger = feed.locator('[data-urn$="0011"] .feed-shared-social-action-bar button.react-button__trigger');
    expect(await feed.locator('.reactions-menu').count()).toBe(0);

    await trigger.hover();
    await feed.locator('.reactions-menu button[aria-label="React Celebrate"]').click();
    await expect.poll(() => touches(panel)).toStrictEqual([{ channel: 'like', depth: 'passive', source: 'page' }]);
    const banner = panel.getByTestId('nudge-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-kind')).toBe('like');
    expect(await banner.textContent()).toContain('You reacted to a post by Ada Example');
    expect(await panel.getByTestId('nudge-call').getAttribute('href')).toBe('tel:+393331234567');
    // The page did what it does without Kith: the reaction is Celebrate, the flyout closed.
    expect(await trigger.getAttribute('aria-label')).toBe('Unreact Celebrate');
    expect(await feed.locator('.reactions-menu').count()).toBe(0);

    // A different reaction on the same post: still one reaction, one touch.
    await feed.mouse.move(0, 0);
    await trigger.hover();
    await feed.locator('.reactions-menu button[aria-label="React Love"]').click();
    expect(await trigger.getAttribute('aria-label')).toBe('Unreact Love');
    await panel.waitForTimeout(700);
    expect(await touches(panel)).toHaveLength(1);

    // Clicking the current reaction removes it on LinkedIn: the touch and its nudge go too.
    await trigger.click();
    await expect.poll(() => touches(panel)).toStrictEqual([]);
    await banner.waitFor({ state: 'detached' });
    expect(await flyoutSeen(feed)).toStrictEqual([
      { what: 'React Celebrate', prevented: false },
      { what: 'React Love', prevented: false },
      { what: 'Unreact Love', prevented: false },
    ]);
  });

  it('hashed feed: the menu outside the post counts for the post the pointer opened it from', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await addPerson(panel, 'giulia-sample', 'Giulia Sample');
    await addPerson(panel, 'hugo-sample', 'Hugo Sample');
    const feed = await kith.linkedin('/feed/hashed-menu/');
    await contentScriptReady(feed);
    await pageHasReactionsFlyout(feed, 'body > div:last-of-type');
    const giulia = feed.locator('[componentkey^="expandedTOKEN-FAKE-0011"] button[aria-label^="Reaction button state"]');

    await giulia.hover();
    await feed.locator('button[aria-label="React Celebrate"]').click();
    await expect.poll(() => touches(panel)).toStrictEqual([{ channel: 'like', depth: 'passive', source: 'page' }]);
    await panel.getByTestId('nudge-banner').waitFor();
    expect(await panel.getByTestId('nudge-banner').textContent()).toContain('You reacted to a post by Giulia Sample');
    expect(await giulia.getAttribute('aria-label')).toBe('Reaction button state: Celebrate');

    // Hugo's post was already reacted to before this page view: changing it adds nothing.
    await feed.mouse.move(0, 0);
    await feed.locator('[componentkey^="expandedTOKEN-FAKE-0012"] button[aria-label^="Reaction button state"]').hover();
    await feed.locator('button[aria-label="React Support"]').click();
    await panel.waitForTimeout(700);
    expect(await touches(panel)).toHaveLength(1);
    expect(await flyoutSeen(feed)).toStrictEqual([
      { what: 'React Celebrate', prevented: false },
      { what: 'React Support', prevented: false },
    ]);
  });
});

describe('in-the-moment nudges on LinkedIn', () => {
  it('a Like on a known person’s post records a passive touch and shows the nudge with their number; un-react takes it back; the page’s own handler runs unprevented', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await addPerson(panel, 'ada-example-0a1b2c3d', 'Ada Example', '+39 333 123 4567');

    const feed = await kith.linkedin('/feed/');
    await contentScriptReady(feed);
    await pageTogglesReactions(feed);
    const like = feed.locator('button.react-button__trigger').first();
    await like.click();

    await expect.poll(() => touches(panel)).toStrictEqual([{ channel: 'like', depth: 'passive', source: 'page' }]);
    const banner = panel.getByTestId('nudge-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-kind')).toBe('like');
    expect(await banner.textContent()).toContain('You reacted to a post by Ada Example');
    expect(await banner.textContent()).toContain('You know them: call instead.');
    expect(await panel.getByTestId('nudge-call').getAttribute('href')).toBe('tel:+393331234567');
    expect(await like.getAttribute('aria-pressed')).toBe('true');

    // Un-react in the same view: the passive touch is gone, and so is the nudge about it.
    await like.click();
    await expect.poll(() => touches(panel)).toStrictEqual([]);
    await banner.waitFor({ state: 'detached' });
    expect(await like.getAttribute('aria-pressed')).toBe('false');
    expect(await seenByPage(feed)).toStrictEqual([false, false]);
  });

  it('LinkedIn turned off in the options: a Like records nothing and the profile in view is not shown; turned back on, the open tabs are read again without a refresh', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await addPerson(panel, 'ada-example-0a1b2c3d', 'Ada Example');
    const options = await kith.open('options.html#/settings');
    const linkedinSwitch = options.getByLabel('LinkedIn', { exact: true });
    await expect.poll(() => linkedinSwitch.isChecked()).toBe(true);
    await linkedinSwitch.click();
    await expect.poll(() => linkedinSwitch.isChecked()).toBe(false);

    const feed = await kith.linkedin('/feed/');
    await contentScriptReady(feed);
    await pageTogglesReactions(feed);
    const like = feed.locator('button.react-button__trigger').first();
    await like.click();
    const profile = await kith.linkedin('/in/ada-example-0a1b2c3d/');
    await contentScriptReady(profile);
    await profile.waitForTimeout(1000);
    // The page did its own thing; Kith wrote nothing and shows no one.
    expect(await like.getAttribute('aria-pressed')).toBe('true');
    expect(await seenByPage(feed)).toStrictEqual([false]);
    expect(await touches(panel)).toStrictEqual([]);
    expect(await panel.getByTestId('nudge-banner').count()).toBe(0);
    expect(await kith.sw(async () => Object.keys(await chrome.storage.session.get(null)).filter((k) => k.startsWith('view:')))).toEqual([]);
    await panel.getByRole('heading', { name: 'Reach out today' }).waitFor();

    // Back on: the tabs already open are read again, with no refresh.
    await linkedinSwitch.click();
    await expect.poll(() => linkedinSwitch.isChecked()).toBe(true);
    await panel.getByRole('heading', { name: 'Ada Example', level: 1 }).waitFor({ timeout: 15_000 });
    await like.click(); // un-react (the reaction made while off was never recorded)
    await like.click(); // react
    await expect.poll(() => touches(panel)).toStrictEqual([{ channel: 'like', depth: 'passive', source: 'page' }]);
    expect(await seenByPage(feed)).toStrictEqual([false, false, false]);
  });

  it('a one-click birthday wish records a passive touch and suggests calling instead', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await addPerson(panel, 'ada-example-0a1b2c3d', 'Ada Example', '+39 333 123 4567');
    const page = await kith.linkedin('/notifications/');
    await contentScriptReady(page);
    await page.evaluate(() => {
      const w = window as unknown as { seen: boolean[] };
      w.seen = [];
      document.querySelector('[aria-label="Say happy birthday to Ada Example"]')!.addEventListener('click', (e) => w.seen.push(e.defaultPrevented));
    });
    await page.getByRole('button', { name: 'Say happy birthday to Ada Example' }).click();

    await expect.poll(() => touches(panel)).toStrictEqual([{ channel: 'wish', depth: 'passive', source: 'page' }]);
    const banner = panel.getByTestId('nudge-banner');
    await banner.waitFor();
    expect(await banner.getAttribute('data-kind')).toBe('wish');
    expect(await banner.textContent()).toContain('A one-click birthday wish for Ada Example?');
    expect(await banner.textContent()).toContain('You know them: call instead.');
    expect(await panel.getByTestId('nudge-call').textContent()).toBe('Call +39 333 123 4567');
    expect(await seenByPage(page)).toStrictEqual([false]);
  });

  it('a templated promo typed to a known person raises the promo nudge, a personal message does not; both are sent by the page and logged by their kind', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await addPerson(panel, 'ada-example-0a1b2c3d', 'Ada Example');
    expect((await ask(panel, { type: 'touch/add', site: 'linkedin', handle: 'ada-example-0a1b2c3d', channel: 'call' })).ok).toBe(true);
    await addPerson(panel, 'elena-example', 'Elena Example');
    expect(
      (await ask(panel, { type: 'note/add', site: 'linkedin', handle: 'elena-example', kind: 'listening', text: 'Elena is moving her lab to Turin' })).ok,
    ).toBe(true);

    const page = await kith.linkedin('/messaging/thread/2-FAKE0000/');
    await contentScriptReady(page);
    // LinkedIn's own send, in the page's world: records what it saw, "sends" over XHR, empties the box.
    await page.evaluate(() => {
      const w = window as unknown as { sent: { prevented: boolean; text: string }[] };
      w.sent = [];
      for (const form of Array.from(document.querySelectorAll('form.msg-form'))) {
        form.addEventListener('submit', (e) => {
          const box = form.querySelector('[role="textbox"]')!;
          w.sent.push({ prevented: e.defaultPrevented, text: (box.textContent ?? '').trim() });
          e.preventDefault();
          box.innerHTML = '<p><br></p>';
        });
      }
    });
    const thread = page.locator('.msg-convo-wrapper');
    const box = thread.locator('div.msg-form__contenteditable');
    const banner = panel.getByTestId('nudge-banner');

    const personal = 'Ada, how did the Milan marathon go? I kept thinking about your training plan.';
    await box.click();
    await box.pressSequentially(personal);
    // The draft is classified 400 ms after the last keystroke; give it well over that.
    await page.waitForTimeout(1200);
    expect(await banner.count()).toBe(0);
    await thread.locator('button.msg-form__send-button').click();
    await expect
      .poll(() => touches(panel))
      .toStrictEqual([
        { channel: 'call', depth: 'personal', source: 'page' },
        { channel: 'message', depth: 'personal', source: 'page' },
      ]);
    await panel.getByTestId('sent-correction').waitFor();
    expect(await panel.getByTestId('sent-correction').textContent()).toContain('Your message to Ada Example was logged as personal.');
    expect(await banner.count()).toBe(0);

    const promo = 'Hi %FIRSTNAME%, our exclusive offer ends Friday: book a free demo at https://calendly.com/example/demo';
    await box.click();
    await box.pressSequentially(promo);
    await banner.waitFor();
    expect(await banner.getAttribute('data-kind')).toBe('promo');
    expect(await banner.textContent()).toContain(
      'This message to Ada Example reads like a broadcast: an unfilled placeholder, promotional wording, a call to action with a link.',
    );
    await thread.locator('button.msg-form__send-button').click();
    await expect.poll(async () => (await touches(panel)).at(-1)).toStrictEqual({ channel: 'message', depth: 'broadcast', source: 'page' });

    // The page sent both, exactly as written, and Kith prevented nothing.
    expect(await page.evaluate(() => (window as unknown as { sent: unknown[] }).sent)).toStrictEqual([
      { prevented: false, text: personal },
      { prevented: false, text: promo },
    ]);

    // The user corrects the classification of the last logged message.
    await panel.getByTestId('sent-correction').getByRole('button', { name: 'This was personal' }).click();
    await expect.poll(async () => (await touches(panel)).at(-1)?.depth).toBe('personal');

    // A pitch to someone never talked to: "ask about them first", with what was heard.
    const bubble = page.locator('.msg-overlay-conversation-bubble').first();
    await bubble.locator('div.msg-form__contenteditable').click();
    await bubble.locator('div.msg-form__contenteditable').pressSequentially('Would you be interested in a free demo of our platform? It takes 20 minutes.');
    await expect.poll(() => banner.getAttribute('data-kind')).toBe('pitch');
    expect(await banner.textContent()).toContain("You haven't listened to Elena Example yet — ask about them first.");
    expect(await banner.textContent()).toContain('Last time you heard: Elena is moving her lab to Turin');
  });

  it('"Not this kind" switches the kind off: the next like is recorded, with no nudge', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await addPerson(panel, 'giulia-sample', 'Giulia Sample');
    await addPerson(panel, 'hugo-sample', 'Hugo Sample');
    const feed = await kith.linkedin('/feed/hashed/');
    await contentScriptReady(feed);
    await pageTogglesReactions(feed);
    const banner = panel.getByTestId('nudge-banner');

    await feed.locator('[componentkey^="expanded"] > div > button[aria-label^="Reaction button state"]').first().click();
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Not this kind' }).click();
    await banner.waitFor({ state: 'detached' });
    await expect
      .poll(() => panel.evaluate(async () => ((await chrome.storage.local.get('settings')).settings as { nudges: Record<string, boolean> }).nudges.like))
      .toBe(false);

    // Hugo's comment: recorded, but no nudge of a kind switched off.
    await feed.locator('[componentkey^="replaceableComment_"] button[aria-label^="Reaction button state"]').click();
    await expect.poll(async () => (await touches(panel)).length).toBe(2);
    await panel.waitForTimeout(500);
    expect(await banner.count()).toBe(0);
    expect(await seenByPage(feed)).toStrictEqual([false, false]);
  });

  it('at most N nudges a day: with a limit of 1, the second person gets none', async () => {
    kith = await launchKith({ pages: PAGES });
    const panel = await kith.open('sidepanel.html');
    await setSettings(panel, { dailyNudgeLimit: 1 });
    await addPerson(panel, 'giulia-sample', 'Giulia Sample');
    await addPerson(panel, 'hugo-sample', 'Hugo Sample');
    const feed = await kith.linkedin('/feed/hashed/');
    await contentScriptReady(feed);
    await pageTogglesReactions(feed);
    const banner = panel.getByTestId('nudge-banner');

    await feed.locator('[componentkey^="expanded"] > div > button[aria-label^="Reaction button state"]').first().click();
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Dismiss' }).click();
    await banner.waitFor({ state: 'detached' });

    await feed.locator('[componentkey^="replaceableComment_"] button[aria-label^="Reaction button state"]').click();
    await expect.poll(async () => (await touches(panel)).length).toBe(2);
    await panel.waitForTimeout(500);
    expect(await banner.count()).toBe(0);
  });
});
