/**
 * Facebook adapter against constructed pages (tests/fixtures/facebook, offline; see its
 * PROVENANCE.md). Exact fields per page: registry.test.ts reads index.json.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  FACEBOOK_PROFILE_SELECTORS,
  FACEBOOK_READY_SELECTORS,
  facebookProfileHandleFromUrl,
  parseFacebookTitle,
  readFacebookProfile,
} from '@/lib/sites/facebook';

const DIR = join(dirname(fileURLToPath(import.meta.url)), '../../fixtures/facebook/');
const PROFILES = ['profile-2025.html', 'profile-php-2025.html'];

function load(file: string): Document {
  return new DOMParser().parseFromString(readFileSync(`${DIR}${file}`, 'utf8'), 'text/html');
}

describe('facebookProfileHandleFromUrl', () => {
  it.each([
    ['https://www.facebook.com/ada.example', 'ada.example'],
    ['https://www.facebook.com/Ada.Example/', 'ada.example'],
    ['https://www.facebook.com/ada.example/about', 'ada.example'],
    ['https://www.facebook.com/ada.example/photos', 'ada.example'],
    ['https://m.facebook.com/ada.example?ref=bookmarks', 'ada.example'],
    ['https://www.facebook.com/profile.php?id=100000000000001', 'id:100000000000001'],
    ['https://www.facebook.com/profile.php?id=100000000000001&sk=about', 'id:100000000000001'],
    ['https://www.facebook.com/people/Ada-Example/100000000000001/', 'id:100000000000001'],
    ['https://www.facebook.com/100000000000001', 'id:100000000000001'],
  ])('%s -> %s', (url, handle) => {
    expect(facebookProfileHandleFromUrl(url)).toBe(handle);
  });

  it.each([
    'https://www.facebook.com/ada.example/posts/pfbid0EXAMPLE',
    'https://www.facebook.com/ada.example/videos/123456',
    'https://www.facebook.com/groups/123/',
    'https://www.facebook.com/profile.php?id=',
    'https://www.facebook.com/.hidden',
    'https://www.facebook.com/ada_example',
    'https://example.com/ada.example',
    'not a url',
  ])('rejects %s', (url) => {
    expect(facebookProfileHandleFromUrl(url)).toBeUndefined();
  });
});

describe('readFacebookProfile', () => {
  it('takes OG tags only for the profile they describe', () => {
    // Ada's page read at Bruno's URL: the OG tags (never updated in-page) are held back.
    const doc = load('profile-2025.html');
    doc.querySelector('div[role="main"] h1')?.replaceChildren('Bruno Sample');
    doc.querySelectorAll('a[role="tab"]').forEach((a) => a.remove());
    expect(readFacebookProfile('https://www.facebook.com/bruno.sample', doc)).toEqual({
      site: 'facebook',
      handle: 'bruno.sample',
      url: 'https://www.facebook.com/bruno.sample',
      name: 'Bruno Sample',
    });
  });

  it("reads only the URL when the header is still the previous profile's", () => {
    expect(readFacebookProfile('https://www.facebook.com/bruno.sample', load('profile-2025.html'))).toEqual({
      site: 'facebook',
      handle: 'bruno.sample',
      url: 'https://www.facebook.com/bruno.sample',
    });
  });

  it('takes only an fbcdn photo', () => {
    const doc = load('profile-2025.html');
    doc.querySelector('meta[property="og:image"]')?.setAttribute('content', 'https://tracker.example/p.gif');
    expect(readFacebookProfile('https://www.facebook.com/ada.example', doc)?.photoUrl).toBeUndefined();
  });

  it('reads the title when nothing else is there', () => {
    const doc = document.implementation.createHTMLDocument('(5) Ada Example | Facebook');
    expect(readFacebookProfile('https://www.facebook.com/ada.example', doc)?.name).toBe('Ada Example');
  });

  it.each([
    ['Ada Example | Facebook', 'Ada Example'],
    ['(12) Ada Example | Facebook', 'Ada Example'],
    ['Facebook', undefined],
    ['Log in or sign up to view | Facebook', undefined],
    ['ada.example | Facebook', undefined],
  ])('title %j -> %s', (title, name) => {
    expect(parseFacebookTitle(title, 'ada.example')).toBe(name);
  });
});

describe('selector tables', () => {
  const docs = PROFILES.map(load);
  const rows = [
    ...Object.entries(FACEBOOK_PROFILE_SELECTORS).flatMap(([k, sels]) => sels.map((s) => [k, s] as const)),
    ...FACEBOOK_READY_SELECTORS.map((s) => ['ready', s] as const),
  ];
  it.each(rows)('%s: %s matches a saved profile', (_k, sel) => {
    expect(docs.some((d) => d.querySelector(sel))).toBe(true);
  });
});
