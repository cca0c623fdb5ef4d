/**
 * X adapter against constructed pages (tests/fixtures/x, offline; see its PROVENANCE.md).
 * The exact fields of every page are checked by registry.test.ts from index.json;
 * here: which URLs are the profile in view, stale pages, and likes.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  X_PROFILE_SELECTORS,
  X_READY_SELECTORS,
  X_SELECTORS,
  findXLikeContext,
  isXLikeButton,
  parseXTitle,
  readXJsonLd,
  readXProfile,
  xLikeState,
  xProfileHandleFromUrl,
  type XLikeContext,
} from '@/lib/sites/x';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/x/');
const FILES = ['profile-2026.html', 'profile-spa-2026.html', 'status-2026.html', 'timeline-2026.html'];

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(`${DIR}${file}`, 'utf8'), 'text/html');
}

function el(doc: Document, selector: string): Element {
  const found = doc.querySelector(selector);
  if (!found) throw new Error(`no ${selector}`);
  return found;
}

describe('xProfileHandleFromUrl: the profile in view', () => {
  it.each([
    ['https://x.com/ada_example', 'ada_example'],
    ['https://x.com/Ada_Example/', 'ada_example'],
    ['https://twitter.com/ada_example?lang=en', 'ada_example'],
    ['https://mobile.twitter.com/ada_example', 'ada_example'],
    ['https://x.com/ada_example/with_replies', 'ada_example'],
    ['https://x.com/ada_example/media', 'ada_example'],
    ['https://x.com/ada_example/likes', 'ada_example'],
    ['https://x.com/ada_example/highlights', 'ada_example'],
    ['https://x.com/ada_example/lists', 'ada_example'],
    ['https://x.com/ada_example/photo', 'ada_example'],
    ['https://x.com/ada_example/verified_followers', 'ada_example'],
    ['https://x.com/a', 'a'],
    ['https://x.com/_1', '_1'],
  ])('%s -> %s', (url, handle) => {
    expect(xProfileHandleFromUrl(url)).toBe(handle);
  });

  it.each([
    // a post belongs to its author but is not the profile
    'https://x.com/ada_example/status/1900000000000000001',
    'https://x.com/ada_example/status/1900000000000000001/analytics',
    'https://x.com/home',
    'https://x.com/i/flow/login',
    'https://x.com/lists',
    'https://x.com/ada-example',
    'https://x.com/sixteen_chars_xx',
    'https://example.com/ada_example',
    '/ada_example',
    'not a url',
  ])('rejects %s', (url) => {
    expect(xProfileHandleFromUrl(url)).toBeUndefined();
  });
});

describe('readXProfile', () => {
  it('reads only the URL when the page is another profile (in-page navigation not done yet)', () => {
    expect(readXProfile('https://x.com/someone_else', load('profile-2026.html'))).toEqual({
      site: 'x',
      handle: 'someone_else',
      url: 'https://x.com/someone_else',
    });
  });

  it('falls back to the JSON-LD when the header has not rendered, then to the title', () => {
    const doc = load('profile-2026.html');
    el(doc, '[data-testid="UserName"]').remove();
    expect(readXProfile('https://x.com/ada_example', doc)).toEqual({
      site: 'x',
      handle: 'ada_example',
      url: 'https://x.com/ada_example',
      name: 'Ada Example',
      headline: 'Synthetic bio for tests | Example Org',
      location: 'Springfield',
      photoUrl: 'https://pbs.twimg.com/profile_images/1000000000000000001/EXAMPLE_400x400.jpg',
    });
    el(doc, 'script[data-testid="UserProfileSchema-test"]').remove();
    expect(readXProfile('https://x.com/ada_example', doc)?.name).toBe('Ada Example');
  });

  it.each([
    ['{not json', undefined],
    ['null', undefined],
    ['[]', undefined],
    ['{"@type":"ProfilePage","mainEntity":"ada"}', undefined],
    ['{"@type":"ProfilePage","mainEntity":{"additionalName":42}}', undefined],
    ['{"@type":"WebPage","mainEntity":{"additionalName":"ada","name":"Ada"}}', undefined],
    ['{"@type":"ProfilePage","mainEntity":{"additionalName":"ADA","givenName":"Ada G","image":"data:x"}}', { name: 'Ada G' }],
    [
      '{"@type":"ProfilePage","mainEntity":{"additionalName":"ada","name":"Ada L","image":"https://pbs.twimg.com/profile_images/1/a.jpg","homeLocation":{"name":""}}}',
      { name: 'Ada L', photoUrl: 'https://pbs.twimg.com/profile_images/1/a.jpg' },
    ],
  ])('JSON-LD %s -> %j (never throws)', (json, out) => {
    const doc = document.implementation.createHTMLDocument('');
    const s = doc.createElement('script');
    s.type = 'application/ld+json';
    s.setAttribute('data-testid', 'UserProfileSchema-test');
    s.textContent = json;
    doc.head.append(s);
    expect(readXJsonLd(doc, 'ada')).toEqual(out);
  });

  it.each([
    ['Ada Example (@ada_example) / X', 'ada_example', 'Ada Example'],
    ['(12) Ada Example (@Ada_Example) / X', 'ada_example', 'Ada Example'],
    ['Ada Example (@ada_example) / Twitter', 'ada_example', 'Ada Example'],
    ['Ada Example (@ada_example) / X', 'someone_else', undefined],
    ['Home / X', 'ada_example', undefined],
    ['Ada Example on X: "hi" / X', 'ada_example', undefined],
  ])('title %j for %s -> %s', (title, handle, name) => {
    expect(parseXTitle(title, handle)).toBe(name);
  });

  it('needs no DOM: an empty page still gives the identity', () => {
    expect(readXProfile('https://x.com/ada_example', document.implementation.createHTMLDocument(''))).toEqual({
      site: 'x',
      handle: 'ada_example',
      url: 'https://x.com/ada_example',
    });
  });
});

describe('likes on the timeline', () => {
  const doc = load('timeline-2026.html');
  const like = (post: string): Element => el(doc, `#${post} [data-testid="like"], #${post} [data-testid="unlike"]`);

  it.each<[string, XLikeContext, 'liked' | 'none']>([
    ['post-ada', { authorHandle: 'ada_example', authorName: 'Ada Example', postKey: '1900000000000000011' }, 'none'],
    ['post-bruno', { authorHandle: 'bruno_s', authorName: 'Bruno Sample', postKey: '1900000000000000022' }, 'liked'],
    // a repost: the post is Chiara's, whoever reposted it
    ['post-repost', { authorHandle: 'chiara_x', authorName: 'Chiara Exemplar', postKey: '1900000000000000033' }, 'none'],
    // a quote: the outer post is Dario's, not the quoted author's
    ['post-quote', { authorHandle: 'dario_q', authorName: 'Dario Other', postKey: '1900000000000000044' }, 'none'],
  ])('%s', (post, context, state) => {
    const button = like(post);
    expect(isXLikeButton(button)).toBe(true);
    expect(xLikeState(button)).toBe(state);
    expect(findXLikeContext(button)).toEqual(context);
    // a click lands on the icon inside the button
    const inner = button.querySelector('svg, span') ?? button;
    expect(findXLikeContext(inner)).toEqual(context);
  });

  it('keys a post without a status link by its author and text', () => {
    const ctx = findXLikeContext(like('post-ad'));
    expect(ctx).toMatchObject({ authorHandle: 'example_brand', authorName: 'Example Brand' });
    expect(ctx?.postKey).toMatch(/^text:[0-9a-z]+$/);
    expect(findXLikeContext(like('post-ad'))?.postKey).toBe(ctx?.postKey);
  });

  it('finds nothing outside a post', () => {
    expect(findXLikeContext(el(doc, '#stray-like'))).toBeUndefined();
    expect(findXLikeContext(el(doc, 'title'))).toBeUndefined();
    expect(isXLikeButton(el(doc, '[data-testid="reply"]'))).toBe(false);
  });
});

describe('selector tables', () => {
  const docs = FILES.map(load);
  const tables: Record<string, readonly string[]> = {
    ...Object.fromEntries(Object.entries(X_PROFILE_SELECTORS).map(([k, v]) => [`profile.${k}`, v])),
    ...Object.fromEntries(Object.entries(X_SELECTORS).map(([k, v]) => [`timeline.${k}`, v])),
    ready: X_READY_SELECTORS,
  };
  // A generic fallback is allowed to match nothing of its own in the saved pages.
  const fallbacks = new Set(['script[type="application/ld+json"]']);
  it.each(Object.entries(tables).flatMap(([k, sels]) => sels.filter((s) => !fallbacks.has(s)).map((s) => [k, s] as const)))(
    '%s: %s matches a saved page',
    (_k, sel) => {
      expect(docs.some((d) => d.querySelector(sel))).toBe(true);
    },
  );
});
