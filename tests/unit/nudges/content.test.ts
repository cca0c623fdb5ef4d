/**
 * The content script's nudge observers on the saved LinkedIn pages, in jsdom:
 * what they tell the background, and that the page's own handlers still get
 * every event untouched (Kith reads the user's action, never alters it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { composerText, watchNudges } from '@/lib/content/nudges';
import type { NudgeContentMessage } from '@/lib/messages/types';

const DIR = join(__dirname, '../../fixtures/linkedin');

function load(file: string): void {
  const html = readFileSync(join(DIR, file), 'utf8');
  document.body.innerHTML = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  document.title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? '';
}

let controller: AbortController | undefined;
afterEach(() => {
  controller?.abort();
  controller = undefined;
  document.body.innerHTML = '';
});

/** Start the observers with a fake background that answers each like with a new touch id. */
function start(opts: { sentWaitMs?: number; acceptSyntheticEvents?: boolean } = {}) {
  const sent: NudgeContentMessage[] = [];
  let n = 0;
  controller = new AbortController();
  // The page sends messages over XHR: a form submit never navigates (and jsdom cannot).
  document.addEventListener('submit', (e) => e.preventDefault(), { signal: controller.signal });
  watchNudges({
    doc: document,
    signal: controller.signal,
    composeDebounceMs: 5,
    sentWaitMs: opts.sentWaitMs ?? 200,
    // jsdom's events are all synthetic; in the browser only the user's own count.
    acceptSyntheticEvents: opts.acceptSyntheticEvents ?? true,
    send: async (msg) => {
      sent.push(msg);
      return { ok: true, data: msg.type === 'nudge/like' && msg.state === 'added' ? { touchId: `t${++n}` } : {} };
    },
  });
  return sent;
}

const settle = (ms = 30) => new Promise((r) => setTimeout(r, ms));

/** LinkedIn's own handler, as the page would have it: toggles the reaction, records what it saw. */
function pageHandler(button: Element) {
  const seen: { defaultPrevented: boolean }[] = [];
  button.addEventListener('click', (e) => {
    seen.push({ defaultPrevented: e.defaultPrevented });
    const label = button.getAttribute('aria-label') ?? '';
    if (label.startsWith('Reaction button state')) {
      button.setAttribute('aria-label', label.endsWith('no reaction') ? 'Reaction button state: Like' : 'Reaction button state: no reaction');
    } else {
      button.setAttribute('aria-pressed', button.getAttribute('aria-pressed') === 'true' ? 'false' : 'true');
    }
  });
  return seen;
}

function click(el: Element): MouseEvent {
  const e = new MouseEvent('click', { bubbles: true, cancelable: true });
  el.dispatchEvent(e);
  return e;
}

function byLabel(label: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[aria-label="${label}"]`);
  if (!el) throw new Error(`no element labelled ${label}`);
  return el;
}

describe('reactions', () => {
  it('a Like on a person’s post (saved Ember card) is told with the author’s handle, and the page still gets the click', async () => {
    load('feed-ember-card-2025-12.html');
    const sent = start();
    const like = document.querySelector<HTMLElement>('button.react-button__trigger')!;
    const inner = like.querySelector('span') ?? like;
    const seen = pageHandler(like);

    const e = click(inner);
    await settle();
    expect(sent).toStrictEqual([
      { type: 'nudge/like', site: 'linkedin', handle: 'ada-example-0a1b2c3d', postKey: 'urn:li:activity:7300000000000000001', state: 'added' },
    ]);
    expect(seen).toStrictEqual([{ defaultPrevented: false }]);
    expect(e.defaultPrevented).toBe(false);
    expect(like.getAttribute('aria-pressed')).toBe('true');

    // Un-react in the same view: the touch the background returned is taken back.
    click(like);
    await settle();
    expect(sent[1]).toStrictEqual({
      type: 'nudge/like',
      site: 'linkedin',
      handle: 'ada-example-0a1b2c3d',
      postKey: 'urn:li:activity:7300000000000000001',
      state: 'removed',
      touchId: 't1',
    });
    expect(seen).toHaveLength(2);
    expect(like.getAttribute('aria-pressed')).toBe('false');
  });

  it('hashed 2026 feed: the post author and a comment author, not the people in the header or the text', async () => {
    load('feed-hashed-2026.html');
    const sent = start();
    const [postLike, commentLike] = Array.from(document.querySelectorAll('button[aria-label="Reaction button state: no reaction"]'));
    const seen = pageHandler(postLike!);
    click(postLike!);
    click(commentLike!);
    await settle();
    expect(sent.map((m) => [m.type, m.handle, 'state' in m ? m.state : '', 'postKey' in m ? m.postKey : ''])).toStrictEqual([
      ['nudge/like', 'giulia-sample', 'added', 'TOKEN-FAKE-0001'],
      ['nudge/like', 'hugo-sample', 'added', 'urn:li:comment:(activity:7400000000000000001,7400000000000000200)'],
    ]);
    expect(seen).toStrictEqual([{ defaultPrevented: false }]);
  });

  it('un-reacting a reaction made before this page view tells nothing (there is no touch of this view to take back)', async () => {
    load('feed-hashed-2026.html');
    const sent = start();
    click(byLabel('Reaction button state: Celebrate'));
    load('feed-ember-constructed-2025.html');
    click(document.querySelector('button[aria-label="React Like"][aria-pressed="true"]')!);
    await settle();
    expect(sent).toStrictEqual([]);
  });

  it('a company’s post is no person’s: nothing is told; a person’s comment under a post is theirs', async () => {
    load('feed-ember-constructed-2025.html');
    const sent = start();
    click(document.querySelector('button[id="ember320"]')!);
    click(document.querySelector('button[aria-label^="React Like to Fabio"]')!);
    await settle();
    expect(sent.map((m) => m.handle)).toStrictEqual(['fabio-other']);
  });
});

describe('reactions chosen from the flyout', () => {
  /** LinkedIn's own flyout handler, as the page would have it: the chosen reaction becomes the post's. */
  function pageChoosesReactions(trigger: (entry: Element) => Element | null) {
    const seen: { label: string; defaultPrevented: boolean }[] = [];
    for (const entry of Array.from(document.querySelectorAll('button[aria-label^="React "]:not([aria-pressed])'))) {
      entry.addEventListener('click', (e) => {
        const label = entry.getAttribute('aria-label') ?? '';
        seen.push({ label, defaultPrevented: e.defaultPrevented });
        const t = trigger(entry);
        if (!t) return;
        const reaction = label.replace(/^React /, '');
        if (t.hasAttribute('aria-pressed')) {
          t.setAttribute('aria-pressed', 'true');
          t.setAttribute('aria-label', `Unreact ${reaction}`);
        } else t.setAttribute('aria-label', `Reaction button state: ${reaction}`);
      });
    }
    return seen;
  }

  it('Ember: Celebrate on a person’s post is told like a Like; another reaction on it tells nothing more; un-react takes it back; the page gets every click', async () => {
    load('feed-ember-reactions-menu-2025.html');
    const sent = start();
    const trigger = document.querySelector('[data-urn$="0011"] button.react-button__trigger')!;
    const seen = pageChoosesReactions(() => trigger);
    const triggerSeen = pageHandler(trigger);

    const e = click(byLabel('React Celebrate').querySelector('span')!);
    await settle();
    expect(sent).toStrictEqual([
      { type: 'nudge/like', site: 'linkedin', handle: 'ada-example-0a1b2c3d', postKey: 'urn:li:activity:7300000000000000011', state: 'added' },
    ]);
    expect(e.defaultPrevented).toBe(false);
    expect(trigger.getAttribute('aria-label')).toBe('Unreact Celebrate');

    // Changing the reaction is still one reaction on the post.
    click(byLabel('React Love'));
    await settle();
    expect(sent).toHaveLength(1);

    // Clicking the current reaction takes it away, and the touch with it.
    click(trigger);
    await settle();
    expect(sent[1]).toStrictEqual({
      type: 'nudge/like',
      site: 'linkedin',
      handle: 'ada-example-0a1b2c3d',
      postKey: 'urn:li:activity:7300000000000000011',
      state: 'removed',
      touchId: 't1',
    });
    expect(seen).toStrictEqual([
      { label: 'React Celebrate', defaultPrevented: false },
      { label: 'React Love', defaultPrevented: false },
    ]);
    expect(triggerSeen).toStrictEqual([{ defaultPrevented: false }]);
  });

  it('hashed feed: a flyout outside the post belongs to the post whose button the user pointed at or focused; a post already reacted to tells nothing', async () => {
    load('feed-hashed-reactions-menu-2026.html');
    const sent = start();
    const giulia = document.querySelector('[componentkey^="expandedTOKEN-FAKE-0011"] button[aria-label^="Reaction button state"]')!;
    const hugoMenu = document.querySelector('[componentkey^="expandedTOKEN-FAKE-0012"] button[aria-label="Open reactions menu"]')!;
    let target: Element | null = null;
    const seen = pageChoosesReactions(() => target);

    // Nothing pointed at yet: the flyout belongs to no post Kith can tell.
    click(byLabel('React Funny'));
    await settle();
    expect(sent).toStrictEqual([]);

    target = giulia;
    giulia.querySelector('span')!.dispatchEvent(new Event('pointerover', { bubbles: true }));
    click(byLabel('React Celebrate'));
    await settle();
    expect(sent).toStrictEqual([{ type: 'nudge/like', site: 'linkedin', handle: 'giulia-sample', postKey: 'TOKEN-FAKE-0011', state: 'added' }]);

    target = document.querySelector('[componentkey^="expandedTOKEN-FAKE-0012"] button[aria-label^="Reaction button state"]')!;
    hugoMenu.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    click(byLabel('React Support'));
    await settle();
    expect(sent).toHaveLength(1);
    expect(seen.map((s) => s.defaultPrevented)).toStrictEqual([false, false, false]);
  });
});

describe('one-click wishes', () => {
  it.each([
    ['Say happy birthday to Ada Example', 'ada-example-0a1b2c3d', 'birthday'],
    ['Congratulate Chiara Exemplar', 'chiara-exemplar', 'new-job'],
  ])('notifications: %s', async (label, handle, occasion) => {
    load('notifications-wishes-2025.html');
    const sent = start();
    const button = byLabel(label);
    const seen = pageHandler(button);
    click(button);
    click(button); // a double click is one wish
    await settle();
    expect(sent).toStrictEqual([{ type: 'nudge/wish', site: 'linkedin', handle, occasion }]);
    expect(seen).toStrictEqual([{ defaultPrevented: false }, { defaultPrevented: false }]);
  });

  it('a work anniversary without an aria-label, the hashed feed’s new-job card, and a button that is no wish', async () => {
    load('notifications-wishes-2025.html');
    const sent = start();
    const buttons = Array.from(document.querySelectorAll('button.nt-card__cta'));
    click(buttons.find((b) => b.textContent?.includes('Say congrats'))!);
    click(buttons.find((b) => b.textContent?.includes('View'))!);
    load('feed-hashed-2026.html');
    click(byLabel('Congratulate Luca Sample'));
    await settle();
    expect(sent).toStrictEqual([
      { type: 'nudge/wish', site: 'linkedin', handle: 'bruno-sample', occasion: 'anniversary' },
      { type: 'nudge/wish', site: 'linkedin', handle: 'luca-sample', occasion: 'new-job' },
    ]);
  });
});

describe('messages', () => {
  const PROMO = 'Hi %FIRSTNAME%, our exclusive offer ends Friday: book a free demo at https://calendly.com/example/demo';
  const PERSONAL = 'Ada, how did the Milan marathon go? I kept thinking about your training plan.';

  function type(composer: HTMLElement, text: string): void {
    composer.innerHTML = text
      .split('\n')
      .map((line) => `<p>${line}</p>`)
      .join('');
    composer.dispatchEvent(new Event('input', { bubbles: true }));
  }

  it('a templated promo typed to one person is told as a broadcast, with codes and a digest, never the text', async () => {
    load('messaging-2025.html');
    const sent = start();
    const composer = document.querySelector<HTMLElement>('.msg-convo-wrapper div.msg-form__contenteditable')!;
    type(composer, PROMO);
    await settle();
    expect(sent).toHaveLength(1);
    const msg = sent[0]!;
    expect(msg).toMatchObject({ type: 'nudge/compose', site: 'linkedin', handle: 'ada-example-0a1b2c3d', depth: 'broadcast', pitch: true });
    expect('signals' in msg && msg.signals).toStrictEqual(['placeholder', 'promo', 'cta-link']);
    expect('hash' in msg && msg.hash).toMatch(/^[0-9a-f]{16}$/);
    const wire = JSON.stringify(sent);
    for (const word of ['FIRSTNAME', 'offer', 'calendly', 'Friday']) expect(wire).not.toContain(word);

    // The same draft again (another keystroke that changes nothing): not told twice.
    composer.dispatchEvent(new Event('input', { bubbles: true }));
    await settle();
    expect(sent).toHaveLength(1);
  });

  it('clicking Send tells that it was sent; the page’s own click and submit still happen, not prevented', async () => {
    load('messaging-2025.html');
    const sent = start();
    const thread = document.querySelector('.msg-convo-wrapper')!;
    const composer = thread.querySelector<HTMLElement>('div.msg-form__contenteditable')!;
    const button = thread.querySelector<HTMLElement>('button.msg-form__send-button')!;
    const seen: string[] = [];
    button.addEventListener('click', (e) => seen.push(`click prevented=${e.defaultPrevented}`));
    thread.querySelector('form')!.addEventListener('submit', (e) => {
      seen.push(`submit prevented=${e.defaultPrevented}`);
      e.preventDefault(); // LinkedIn's own handler sends it over XHR; jsdom must not navigate
    });
    type(composer, PERSONAL);
    await settle();
    click(button.querySelector('span')!);
    await settle();
    expect(seen).toStrictEqual(['click prevented=false', 'submit prevented=false']);
    const types = sent.map((m) => m.type);
    expect(types.at(-1)).toBe('nudge/sent');
    expect(sent.at(-1)).toMatchObject({ handle: 'ada-example-0a1b2c3d', depth: 'personal', signals: [], pitch: false });
  });

  it('a short personal draft tells nothing while typing; sending it is still logged', async () => {
    load('messaging-2025.html');
    const sent = start();
    const bubble = document.querySelectorAll('.msg-overlay-conversation-bubble')[0]!;
    type(bubble.querySelector<HTMLElement>('div.msg-form__contenteditable')!, 'Thanks Elena!');
    await settle();
    expect(sent).toStrictEqual([]);
    click(bubble.querySelector('button.msg-form__send-btn')!);
    await settle();
    expect(sent).toStrictEqual([{ type: 'nudge/sent', site: 'linkedin', handle: 'elena-example', depth: 'personal', signals: [], pitch: false }]);
  });

  it('Enter that sends (the composer empties) is logged once; Enter that adds a line is not', async () => {
    load('messaging-2025.html');
    const sent = start({ sentWaitMs: 60 });
    const composer = document.querySelector<HTMLElement>('.msg-convo-wrapper div.msg-form__contenteditable')!;
    type(composer, 'Ciao Ada, ci vediamo giovedì?');
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', shiftKey: true, bubbles: true }));
    composer.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
    await settle(100); // Enter only added a line: nothing sent
    expect(sent.filter((m) => m.type === 'nudge/sent')).toStrictEqual([]);

    const enter = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
    composer.dispatchEvent(enter);
    composer.innerHTML = '<p><br></p>'; // the page sent it and cleared the box
    await settle();
    expect(enter.defaultPrevented).toBe(false);
    expect(sent.filter((m) => m.type === 'nudge/sent')).toStrictEqual([
      { type: 'nudge/sent', site: 'linkedin', handle: 'ada-example-0a1b2c3d', depth: 'personal', signals: [], pitch: false },
    ]);
  });

  it('a group conversation has no single person: nothing is told', async () => {
    load('messaging-2025.html');
    const sent = start();
    const group = document.querySelectorAll('.msg-overlay-conversation-bubble')[1]!;
    type(group.querySelector<HTMLElement>('div.msg-form__contenteditable')!, PROMO);
    await settle();
    click(group.querySelector('button.msg-form__send-button')!);
    await settle();
    expect(sent).toStrictEqual([]);
  });

  it('composerText keeps paragraphs and line breaks apart', () => {
    const el = document.createElement('div');
    el.innerHTML = '<p>Hi Ada,</p><p>line two<br>line three</p><p><br></p>';
    expect(composerText(el)).toBe('Hi Ada,\nline two\nline three');
  });
});

it('a click a script dispatched (not the user’s) is ignored by default', async () => {
  load('feed-ember-card-2025-12.html');
  const sent = start({ acceptSyntheticEvents: false });
  click(document.querySelector('button.react-button__trigger')!);
  await settle();
  expect(sent).toStrictEqual([]);
});

it('after the content script is invalidated, nothing is observed', async () => {
  load('feed-ember-card-2025-12.html');
  const sent = start();
  controller!.abort();
  click(document.querySelector('button.react-button__trigger')!);
  await settle();
  expect(sent).toStrictEqual([]);
});
