/**
 * The site-agnostic watcher on saved pages in jsdom: what it reports as
 * the profile in view while the page navigates in-page, for X and (through the same
 * code) LinkedIn; and X's likes told to the background as LinkedIn's reactions are.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchProfile, watchXLikes, type WatchDeps } from '@/lib/content/site-watch';
import { watchLinkedIn } from '@/lib/content/linkedin-watch';
import type { NudgeContentMessage } from '@/lib/messages/types';
import type { PageIdentity } from '@/lib/model/types';
import { adapterForSite, adapterForUrl } from '@/lib/sites/registry';

const FIXTURES = join(__dirname, '../../fixtures');

function load(file: string): void {
  const html = readFileSync(join(FIXTURES, file), 'utf8');
  document.body.innerHTML = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  document.title = /<title>([^<]*)<\/title>/i.exec(html)?.[1] ?? '';
  // The JSON-LD lives in <head>: keep it where the adapter looks for it.
  document.head.innerHTML = /<head[^>]*>([\s\S]*)<\/head>/i.exec(html)?.[1] ?? '';
}

const settle = (ms = 20) => new Promise((r) => setTimeout(r, ms));

/** A watcher on jsdom's document with a fake location and a recorded background. */
function start(url: string, run: (deps: WatchDeps) => { stop: () => void }, readyTimeoutMs = 300) {
  let href = url;
  let onNav: ((u: string) => void) | undefined;
  const reports: (PageIdentity | null)[] = [];
  const watcher = run({
    doc: document,
    location: () => href,
    report: async (identity) => void reports.push(identity),
    onLocationChange: (cb) => {
      onNav = cb;
    },
    isInvalid: () => false,
    readyTimeoutMs,
  });
  stops.push(watcher.stop);
  return {
    reports,
    navigate(to: string) {
      href = to;
      onNav?.(to);
    },
  };
}

const stops: (() => void)[] = [];
afterEach(() => {
  for (const s of stops.splice(0)) s();
  document.body.innerHTML = '';
  document.head.innerHTML = '';
  document.title = '';
});

const x = adapterForSite('x');
const ADA: PageIdentity = {
  site: 'x',
  handle: 'ada_example',
  url: 'https://x.com/ada_example',
  name: 'Ada Example',
  headline: 'Synthetic bio for tests | @example_org',
  location: 'Springfield',
  photoUrl: 'https://pbs.twimg.com/profile_images/1000000000000000001/EXAMPLE_400x400.jpg',
};

describe('watchProfile on X', () => {
  it('reports a profile as first loaded, once, with what the page says', async () => {
    load('x/profile-2026.html');
    const w = start('https://x.com/Ada_Example', (d) => watchProfile(x, d));
    await settle();
    expect(w.reports).toEqual([ADA]);
  });

  it('follows in-page navigation: feed -> profile (URL first, details when rendered) -> post (out of view)', async () => {
    load('x/timeline-2026.html');
    const w = start('https://x.com/home', (d) => watchProfile(x, d), 5000);
    await settle();
    expect(w.reports).toEqual([]);

    w.navigate('https://x.com/ada_example');
    await settle();
    // The timeline is still on screen: the handle from the URL, no one else's name.
    expect(w.reports).toEqual([{ site: 'x', handle: 'ada_example', url: 'https://x.com/ada_example' }]);
    load('x/profile-2026.html');
    await settle();
    expect(w.reports.at(-1)).toEqual(ADA);
    expect(w.reports).toHaveLength(2);

    w.navigate('https://x.com/ada_example/status/1900000000000000001');
    await settle();
    expect(w.reports.at(-1)).toBeNull();
  });

  it("moving from one profile to another never reports the first one's name under the second handle", async () => {
    load('x/profile-2026.html');
    const w = start('https://x.com/ada_example', (d) => watchProfile(x, d), 5000);
    await settle();
    w.navigate('https://twitter.com/Bruno_S/media');
    await settle();
    expect(w.reports.at(-1)).toEqual({ site: 'x', handle: 'bruno_s', url: 'https://x.com/bruno_s' });
    // Bruno's header arrives; Ada's JSON-LD is still in <head> and must be ignored.
    const html = readFileSync(join(FIXTURES, 'x/profile-spa-2026.html'), 'utf8');
    document.body.innerHTML = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? '';
    await settle();
    expect(w.reports.at(-1)).toMatchObject({ site: 'x', handle: 'bruno_s', name: 'Bruno Sample' });
    for (const r of w.reports.slice(1)) expect(r?.name).not.toBe('Ada Example');
  });

  it('a page whose markup it cannot read: the handle from the URL, and nothing more after the wait', async () => {
    document.body.innerHTML = '<div id="react-root">something new</div>';
    const w = start('https://x.com/dario_q', (d) => watchProfile(x, d), 50);
    await settle(120);
    expect(w.reports).toEqual([{ site: 'x', handle: 'dario_q', url: 'https://x.com/dario_q' }]);
  });

  it.each([
    ['https://github.com/ada-example', 'github'],
    ['https://www.instagram.com/ada_example/', 'instagram'],
    ['https://www.facebook.com/profile.php?id=100000000000001', 'facebook'],
  ])('picks the adapter by URL: %s is %s', async (url, site) => {
    const a = adapterForUrl(url);
    expect(a?.site).toBe(site);
    const w = start(url, (d) => watchProfile(a!, d), 30);
    await settle(80);
    expect(w.reports[0]).toMatchObject({ site, handle: a!.handleFromUrl(url) });
  });
});

describe('watchLinkedIn (the same watcher, LinkedIn pieces)', () => {
  it('reads the saved profile, then leaves it for the feed', async () => {
    load('linkedin/profile-ember-2025-12.html');
    const w = start('https://www.linkedin.com/in/ada-example-0a1b2c3d/', watchLinkedIn);
    await settle();
    expect(w.reports).toHaveLength(1);
    expect(w.reports[0]).toMatchObject({ site: 'linkedin', handle: 'ada-example-0a1b2c3d', name: 'Ada Example' });
    w.navigate('https://www.linkedin.com/feed/');
    await settle();
    expect(w.reports.at(-1)).toBeNull();
  });
});

describe('watchXLikes', () => {
  let controller: AbortController;
  function likes(opts: { acceptSyntheticEvents?: boolean } = {}) {
    load('x/timeline-2026.html');
    controller = new AbortController();
    stops.push(() => controller.abort());
    const sent: NudgeContentMessage[] = [];
    let n = 0;
    watchXLikes({
      doc: document,
      signal: controller.signal,
      acceptSyntheticEvents: opts.acceptSyntheticEvents ?? true,
      send: async (msg) => {
        sent.push(msg);
        return { ok: true, data: msg.type === 'nudge/like' && msg.state === 'added' ? { touchId: `t${++n}` } : {} };
      },
    });
    return sent;
  }
  /** X's own handler: flips the heart, and records whether anyone interfered. */
  function xHandler(button: Element) {
    const seen: boolean[] = [];
    button.addEventListener('click', (e) => {
      seen.push(e.defaultPrevented);
      button.setAttribute('data-testid', button.getAttribute('data-testid') === 'like' ? 'unlike' : 'like');
    });
    return seen;
  }
  const heart = (post: string) => document.querySelector(`#${post} [data-testid="like"], #${post} [data-testid="unlike"]`)!;

  it("a like on a post is a passive touch for its author; un-liking takes it back; X's handler sees every click untouched", async () => {
    const sent = likes();
    const button = heart('post-ada');
    const seen = xHandler(button);
    (button.querySelector('svg') ?? button).dispatchEvent(new MouseEvent('click', { bubbles: true }));
    await settle();
    expect(sent).toEqual([{ type: 'nudge/like', site: 'x', handle: 'ada_example', postKey: '1900000000000000011', state: 'added' }]);
    (button as HTMLElement).click();
    await settle();
    expect(sent.at(-1)).toEqual({ type: 'nudge/like', site: 'x', handle: 'ada_example', postKey: '1900000000000000011', state: 'removed', touchId: 't1' });
    expect(seen).toEqual([false, false]);
  });

  it.each([
    ['post-repost', 'chiara_x'],
    ['post-quote', 'dario_q'],
  ])('%s: the like is for the post author, %s', async (post, handle) => {
    const sent = likes();
    (heart(post) as HTMLElement).click();
    await settle();
    expect(sent).toMatchObject([{ type: 'nudge/like', site: 'x', handle, state: 'added' }]);
  });

  it('says nothing for a post liked before this page, a heart outside any post, or clicks a script made', async () => {
    let sent = likes();
    (heart('post-bruno') as HTMLElement).click();
    (document.querySelector('#stray-like') as HTMLElement).click();
    await settle();
    expect(sent).toEqual([]);
    controller.abort();
    sent = likes({ acceptSyntheticEvents: false });
    (heart('post-ada') as HTMLElement).click();
    await settle();
    expect(sent).toEqual([]);
  });

  it('stops listening when the content script is invalidated', async () => {
    const sent = likes();
    controller.abort();
    (heart('post-ada') as HTMLElement).click();
    await settle();
    expect(sent).toEqual([]);
  });
});
