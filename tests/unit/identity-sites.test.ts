/**
 * Handles of X, GitHub, Facebook and Instagram URLs, and the generic
 * `handleFromProfileUrl` used by the vCard importer (X-SOCIALPROFILE) and URL imports.
 */
import { describe, expect, it } from 'vitest';
import type { SiteId } from '@/lib/model/types';
import { facebookIdFromUrl, githubLoginFromUrl, handleFromProfileUrl, instagramHandleFromUrl, xHandleFromUrl } from '@/lib/sites/identity';

describe('xHandleFromUrl: whose page it is (posts included)', () => {
  it.each([
    ['https://x.com/ada_example', 'ada_example'],
    ['https://x.com/Ada_Example/with_replies', 'ada_example'],
    ['https://x.com/ada_example/status/1900000000000000001', 'ada_example'],
    ['https://twitter.com/ada_example', 'ada_example'],
    ['http://www.twitter.com/ada_example?s=20', 'ada_example'],
    ['https://mobile.twitter.com/ada_example', 'ada_example'],
    ['twitter.com/ada_example', 'ada_example'],
    ['x.com/ada_example', 'ada_example'],
    ['/ada_example/media', 'ada_example'],
    ['https://x.com/ada_example#top', 'ada_example'],
    // X's own account: a real profile, not a reserved word
    ['https://x.com/X', 'x'],
  ])('%s -> %s', (url, handle) => {
    expect(xHandleFromUrl(url)).toBe(handle);
  });

  it.each([
    'https://x.com/',
    'https://x.com/home',
    'https://x.com/Explore',
    'https://x.com/i/web/status/1',
    'https://x.com/settings',
    'https://x.com/search?q=a',
    'https://x.com/messages',
    'https://x.com/notifications',
    'https://x.com/compose/post',
    'https://x.com/ada-example',
    'https://x.com/sixteen_chars_xx',
    'https://notx.com/ada',
    'https://x.com.evil.example/ada',
    'ftp://x.com/ada_example',
    'ada_example',
    '',
  ])('rejects %s', (url) => {
    expect(xHandleFromUrl(url)).toBeUndefined();
  });
});

describe('githubLoginFromUrl: /<login> only', () => {
  it.each([
    ['https://github.com/ada-example', 'ada-example'],
    ['https://github.com/Ada-Example/', 'ada-example'],
    ['https://github.com/ada-example?tab=repositories', 'ada-example'],
    ['github.com/piuccio', 'piuccio'],
    ['www.github.com/piuccio', 'piuccio'],
    ['/piuccio', 'piuccio'],
  ])('%s -> %s', (url, login) => {
    expect(githubLoginFromUrl(url)).toBe(login);
  });

  it.each([
    'https://github.com/ada-example/kith-notes',
    'https://github.com/settings',
    'https://github.com/orgs/example',
    'https://github.com/explore',
    'https://github.com/marketplace',
    'https://github.com/notifications',
    'https://github.com/pulls',
    'https://github.com/issues',
    'https://github.com/login',
    'https://github.com/features',
    'https://github.com/topics',
    'https://github.com/sponsors',
    'https://github.com/about',
    'https://github.com/pricing',
    'https://github.com/-ada',
    'https://gist.github.com/ada',
    'https://api.github.com/users/ada',
    '',
  ])('rejects %s', (url) => {
    expect(githubLoginFromUrl(url)).toBeUndefined();
  });
});

describe('facebookIdFromUrl', () => {
  it.each([
    ['https://www.facebook.com/ada.example', 'ada.example'],
    ['https://www.facebook.com/Ada.Example/about', 'ada.example'],
    ['https://m.facebook.com/ada.example', 'ada.example'],
    ['https://fb.com/ada.example', 'ada.example'],
    ['facebook.com/ada.example', 'ada.example'],
    ['https://www.facebook.com/profile.php?id=100000000000001', 'id:100000000000001'],
    ['https://www.facebook.com/profile.php?id=100000000000001&sk=photos', 'id:100000000000001'],
    ['https://www.facebook.com/people/Ada-Example/100000000000001/', 'id:100000000000001'],
    ['https://www.facebook.com/ada.example/posts/pfbid0EXAMPLE', 'ada.example'],
  ])('%s -> %s', (url, handle) => {
    expect(facebookIdFromUrl(url)).toBe(handle);
  });

  it.each([
    'https://www.facebook.com/',
    'https://www.facebook.com/groups/123',
    'https://www.facebook.com/pages/Example/123',
    'https://www.facebook.com/watch',
    'https://www.facebook.com/marketplace',
    'https://www.facebook.com/events/1',
    'https://www.facebook.com/gaming',
    'https://www.facebook.com/login',
    'https://www.facebook.com/photo.php?fbid=1',
    'https://www.facebook.com/photo/?fbid=1',
    'https://www.facebook.com/story.php?story_fbid=1',
    'https://www.facebook.com/permalink.php?story_fbid=1',
    'https://www.facebook.com/sharer/sharer.php',
    'https://www.facebook.com/profile.php',
    'https://www.facebook.com/people/Ada-Example/',
    'https://www.facebook.com/ada_example',
    'https://facebook.com.evil.example/ada.example',
    '',
  ])('rejects %s', (url) => {
    expect(facebookIdFromUrl(url)).toBeUndefined();
  });
});

describe('instagramHandleFromUrl', () => {
  it.each([
    ['https://www.instagram.com/ada_example/', 'ada_example'],
    ['https://instagram.com/Ada.Example', 'ada.example'],
    ['instagram.com/ada_example', 'ada_example'],
    ['https://www.instagram.com/ada_example/tagged/', 'ada_example'],
    ['https://www.instagram.com/ada_example/p/EXAMPLE0001/', 'ada_example'],
    ['https://www.instagram.com/instagram/', 'instagram'],
  ])('%s -> %s', (url, handle) => {
    expect(instagramHandleFromUrl(url)).toBe(handle);
  });

  it.each([
    'https://www.instagram.com/',
    'https://www.instagram.com/p/EXAMPLE0001/',
    'https://www.instagram.com/reel/EXAMPLE0001/',
    'https://www.instagram.com/reels/',
    'https://www.instagram.com/explore/',
    'https://www.instagram.com/accounts/login/',
    'https://www.instagram.com/direct/inbox/',
    'https://www.instagram.com/stories/ada_example/1/',
    'https://www.instagram.com/tv/EXAMPLE/',
    'https://www.instagram.com/ada-example/',
    '',
  ])('rejects %s', (url) => {
    expect(instagramHandleFromUrl(url)).toBeUndefined();
  });
});

describe('handleFromProfileUrl: any site', () => {
  it.each<[string, { site: SiteId; handle: string }]>([
    ['https://www.linkedin.com/in/Ada-Example/', { site: 'linkedin', handle: 'ada-example' }],
    ['linkedin.com/in/bj%C3%B6rn-example', { site: 'linkedin', handle: 'björn-example' }],
    ['http://twitter.com/ada_example', { site: 'x', handle: 'ada_example' }],
    ['https://x.com/Ada_Example', { site: 'x', handle: 'ada_example' }],
    ['x.com/ada_example/status/1', { site: 'x', handle: 'ada_example' }],
    ['https://github.com/Ada-Example', { site: 'github', handle: 'ada-example' }],
    ['https://www.facebook.com/profile.php?id=100000000000001', { site: 'facebook', handle: 'id:100000000000001' }],
    ['www.facebook.com/ada.example', { site: 'facebook', handle: 'ada.example' }],
    ['https://www.instagram.com/ada_example/', { site: 'instagram', handle: 'ada_example' }],
    ['  https://x.com/ada_example  ', { site: 'x', handle: 'ada_example' }],
  ])('%s -> %j', (url, out) => {
    expect(handleFromProfileUrl(url)).toEqual(out);
  });

  it.each([
    'https://www.linkedin.com/company/kith/',
    'https://x.com/home',
    'https://github.com/ada-example/kith-notes',
    'https://www.facebook.com/groups/1',
    'https://www.instagram.com/p/EXAMPLE/',
    'https://example.com/ada',
    '/in/ada',
    '/ada_example',
    'ada_example',
    'mailto:ada@example.com',
    '',
  ])('rejects %s', (url) => {
    expect(handleFromProfileUrl(url)).toBeUndefined();
  });
});
