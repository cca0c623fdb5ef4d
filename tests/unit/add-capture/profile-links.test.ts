import { describe, expect, it } from 'vitest';
import { handleFromProfileUrl } from '@/lib/sites/identity';
import { profileUrl } from '@/lib/sites/table';

describe('a profile address pasted into the add form gives the site and the canonical handle', () => {
  it.each([
    // LinkedIn: any subdomain, trailing slash or none, query and fragment, subpages, percent-encoded accents.
    ['https://www.linkedin.com/in/ada-lovelace/', 'linkedin', 'ada-lovelace'],
    ['https://linkedin.com/in/ada-lovelace', 'linkedin', 'ada-lovelace'],
    ['https://m.linkedin.com/in/Ada-Lovelace?trk=people-guest', 'linkedin', 'ada-lovelace'],
    ['https://it.linkedin.com/in/ada-lovelace-1a2b3c/?originalSubdomain=it', 'linkedin', 'ada-lovelace-1a2b3c'],
    ['www.linkedin.com/in/ada-lovelace/details/experience/', 'linkedin', 'ada-lovelace'],
    ['https://www.linkedin.com/in/bj%C3%B6rn-m%C3%BCller-4b1a/', 'linkedin', 'björn-müller-4b1a'],
    ['https://www.linkedin.com/in/BJ%C3%96RN/#about', 'linkedin', 'björn'],
    ['  https://www.linkedin.com/in/ada  ', 'linkedin', 'ada'],
    // X and Twitter
    ['https://x.com/Ada_Example', 'x', 'ada_example'],
    ['https://twitter.com/ada_example/', 'x', 'ada_example'],
    ['https://mobile.twitter.com/ada_example?s=20', 'x', 'ada_example'],
    ['x.com/@ada_example', 'x', 'ada_example'],
    // GitHub
    ['https://github.com/Ada-Example', 'github', 'ada-example'],
    ['https://www.github.com/ada-example/?tab=repositories', 'github', 'ada-example'],
    // Facebook
    ['https://www.facebook.com/ada.example', 'facebook', 'ada.example'],
    ['https://m.facebook.com/ada.example/?ref=bookmarks', 'facebook', 'ada.example'],
    ['https://www.facebook.com/profile.php?id=100012345&sk=about', 'facebook', 'id:100012345'],
    // Instagram
    ['https://www.instagram.com/ada.example/', 'instagram', 'ada.example'],
    ['https://instagram.com/Ada_Example?igsh=abc', 'instagram', 'ada_example'],
  ])('%s', (url, site, handle) => {
    expect(handleFromProfileUrl(url)).toEqual({ site, handle });
  });

  it.each([
    'https://www.linkedin.com/company/kith/',
    'https://www.linkedin.com/feed/',
    'https://github.com/ada-example/engine',
    'https://x.com/home',
    'https://www.instagram.com/p/Cabc123/',
    'https://www.facebook.com/groups/123',
    'https://example.org/in/ada',
    'mailto:ada@example.org',
    'javascript:alert(1)',
    'ada lovelace',
    '',
  ])('%s is not a profile', (url) => {
    expect(handleFromProfileUrl(url)).toBeUndefined();
  });

  it.each([
    ['https://m.linkedin.com/in/bj%C3%B6rn/?trk=x', 'https://www.linkedin.com/in/bj%C3%B6rn/'],
    ['https://mobile.twitter.com/Ada_Example/', 'https://x.com/ada_example'],
    ['https://instagram.com/Ada.Example', 'https://www.instagram.com/ada.example/'],
  ])('%s is stored as the one address Kith writes for it (%s)', (url, want) => {
    const got = handleFromProfileUrl(url)!;
    expect(profileUrl(got.site, got.handle)).toBe(want);
  });
});
